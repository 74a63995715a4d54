/** The closest known name to `name` (edit distance ≤ 2, or a case-insensitive match), for "did you mean". */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === lower) return c;
    if (Math.abs(c.length - name.length) >= bestDistance) continue;
    const d = distance(name, c, bestDistance);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning Infinity) once it cannot be below `limit`. */
function distance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return Infinity;
    prev = cur;
  }
  return prev[b.length]!;
}
