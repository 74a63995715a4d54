import type { Diagnostic } from "./diagnostic.js";

/**
 * Formats a diagnostic the way MSVC does, which editors' problem matchers read:
 * `path(line,col): error CODE: message`, followed by a code frame with a caret under the range.
 */
export function formatDiagnostic(d: Diagnostic, options: { readonly codeFrame?: boolean } = {}): string {
  const head = d.range
    ? `${d.range.file.path}(${d.range.start.line},${d.range.start.column}): ${d.severity} ${d.code}: ${d.message}`
    : `${d.severity} ${d.code}: ${d.message}`;
  const lines = [head];
  if (d.range && options.codeFrame !== false) lines.push(codeFrame(d));
  for (const r of d.related ?? []) {
    lines.push(`${r.range.file.path}(${r.range.start.line},${r.range.start.column}): note: ${r.message}`);
  }
  return lines.join("\n");
}

/** A code frame: the offending line with its number and a caret line marking the range. */
export function codeFrame(d: Diagnostic): string {
  const range = d.range;
  if (!range) return "";
  const { file, start, end } = range;
  const text = file.lineText(start.line).replace(/\t/g, " ");
  const gutter = String(start.line);
  const pad = " ".repeat(gutter.length);
  const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, text.length - start.column + 1);
  const caret = " ".repeat(Math.max(0, start.column - 1)) + "^".repeat(width);
  return `${gutter} | ${text}\n${pad} | ${caret}`;
}

/** Formats many diagnostics, one block each, separated by blank lines. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnostic(d)).join("\n\n");
}
