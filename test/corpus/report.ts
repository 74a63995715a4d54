/**
 * Text summaries the corpus test prints, meant to drive the work on the grammar and the resolver:
 * which files have errors, the most frequent messages, the differences grouped by kind.
 */
import { basename } from "node:path";
import { formatDiagnostic, type Diagnostic } from "../../src/index.js";
import type { Difference } from "./compare.js";

/** Error counts per file (the file the diagnostic points into, fragments included), most first. */
export function errorsPerFile(errors: readonly Diagnostic[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const d of errors) {
    const file = d.range ? basename(d.range.file.path) : "(no file)";
    counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The most frequent messages (code + message, quoted tokens kept), with counts. */
export function topMessages(errors: readonly Diagnostic[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const d of errors) {
    const k = `${d.code}: ${d.message}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, max).map(([m, n]) => `${String(n).padStart(6)}  ${m}`);
}

/** A report of a failed compile: files with errors, top messages, per-file counts, the first errors. */
export function errorReport(errors: readonly Diagnostic[], inputs: number, firstN = 30): string {
  const perFile = errorsPerFile(errors);
  return [
    `${errors.length} errors in ${perFile.length} files (${inputs} inputs).`,
    "Most frequent messages:",
    ...topMessages(errors, 15),
    "Errors per file:",
    wrap(perFile.map(([f, n]) => `${f}:${n}`)),
    `First ${Math.min(firstN, errors.length)} errors:`,
    ...errors.slice(0, firstN).map((d) => formatDiagnostic(d)),
  ].join("\n");
}

/** Differences grouped by kind, at most `perKind` shown of each. */
export function differenceReport(diffs: readonly Difference[], perKind = 15): string {
  const byKind = new Map<string, Difference[]>();
  for (const d of diffs) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  const out = [`${diffs.length} differences with widl:`];
  for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
    out.push(`  ${kind}: ${list.length}`);
    for (const d of list.slice(0, perKind)) out.push(`    ${d.file} ${d.name}: ours ${d.ours} | widl ${d.widl}`);
    if (list.length > perKind) out.push(`    … ${list.length - perKind} more`);
  }
  return out.join("\n");
}

function wrap(items: readonly string[], width = 110): string {
  const lines: string[] = [];
  let line = " ";
  for (const item of items) {
    if (line.length + item.length + 1 > width) {
      lines.push(line);
      line = " ";
    }
    line += ` ${item}`;
  }
  if (line.trim()) lines.push(line);
  return lines.join("\n");
}
