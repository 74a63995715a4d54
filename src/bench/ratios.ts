/**
 * The targets of the benchmark (issue 6) as ratios between numbers of the same run, and the check
 * CI runs: a ratio fails only when it misses its target by more than `margin` times.
 */
export interface Target {
  readonly name: string;
  readonly numerator: string;
  /** The key of the denominator, or null for an absolute bound (`limit` in the numerator's unit). */
  readonly denominator: string | null;
  readonly limit: number;
}

export const TARGETS: readonly Target[] = [
  { name: "coldNoFormat/widl", numerator: "coldNoFormatMs", denominator: "widlMs", limit: 0.25 },
  { name: "cold/widl", numerator: "coldMs", denominator: "widlMs", limit: 1.0 },
  { name: "warm/widl", numerator: "warmMs", denominator: "widlMs", limit: 0.05 },
  { name: "oneChange (ms)", numerator: "oneChangeMs", denominator: null, limit: 150 },
  { name: "scaling (10x input → time)", numerator: "scalingFactor", denominator: null, limit: 11 },
  { name: "peak RSS (MB)", numerator: "peakRssMb", denominator: null, limit: 512 },
  { name: "interface/direct", numerator: "interfaceNs", denominator: "directNs", limit: 1.5 },
  { name: "invokeDispid/direct", numerator: "invokeDispidNs", denominator: "directNs", limit: 10 },
  { name: "fanout1000/direct1000", numerator: "fanout1000Ns", denominator: "direct1000Ns", limit: 2 },
];

/** Which of `TARGETS` are relative: the only ones CI checks (absolute times depend on the machine). */
export const RATIO_TARGETS: readonly Target[] = TARGETS.filter((t) => t.denominator !== null || t.numerator === "scalingFactor");

export interface RatioResult {
  readonly name: string;
  /** The measured ratio (or absolute value), or null when a number is missing (widl absent). */
  readonly value: number | null;
  readonly limit: number;
  /** Within the target. */
  readonly ok: boolean;
  /** Within `margin` × the target: what `--check` requires. */
  readonly withinMargin: boolean;
}

export function evaluate(results: Readonly<Record<string, unknown>>, targets: readonly Target[] = TARGETS, margin = 2): RatioResult[] {
  return targets.map((t) => {
    const num = results[t.numerator];
    const den = t.denominator === null ? 1 : results[t.denominator];
    const value = typeof num === "number" && typeof den === "number" && den > 0 ? num / den : null;
    return { name: t.name, value, limit: t.limit, ok: value === null || value <= t.limit, withinMargin: value === null || value <= t.limit * margin };
  });
}

/** The worst growth of time between two consecutive sizes, normalised to a tenfold input. */
export function scalingFactor(series: readonly { readonly declarations: number; readonly ms: number }[]): number | null {
  let worst: number | null = null;
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1]!;
    const b = series[i]!;
    if (a.ms <= 0) continue;
    // time(b)/time(a) for an input (b/a) times bigger, scaled to what it means for 10x.
    const growth = Math.log(b.ms / a.ms) / Math.log(b.declarations / a.declarations);
    const factor = 10 ** growth;
    worst = worst === null ? factor : Math.max(worst, factor);
  }
  return worst;
}

/**
 * The ratios that regressed: above `margin` × the larger of their target and their baseline (the
 * value recorded in `baseline.json` when a target is not met yet). Missing values never fail.
 */
export function regressions(
  results: Readonly<Record<string, unknown>>,
  targets: readonly Target[],
  baseline: Readonly<Record<string, number>>,
  margin = 2,
): RatioResult[] {
  return evaluate(results, targets, margin).filter((v) => v.value !== null && v.value > margin * Math.max(v.limit, baseline[v.name] ?? 0));
}
