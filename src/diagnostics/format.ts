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

/** Widest stretch of a source line a code frame shows. */
const FRAME_WIDTH = 120;

/** A code frame: the offending line with its number and a caret line marking the range. */
export function codeFrame(d: Diagnostic): string {
  const range = d.range;
  if (!range) return "";
  const { file, start, end } = range;
  let text = file.lineText(start.line).replace(/\t/g, " ");
  const gutter = String(start.line);
  const pad = " ".repeat(gutter.length);
  let column = start.column;
  let width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, text.length - start.column + 1);
  // A long line (generated or minified IDL) is shown as a window around the caret.
  if (text.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, text.length - FRAME_WIDTH));
    const head = from > 0 ? "…" : "";
    const tail = from + FRAME_WIDTH < text.length ? "…" : "";
    text = head + text.slice(from, from + FRAME_WIDTH) + tail;
    column = column - from + head.length;
    width = Math.min(width, FRAME_WIDTH - (column - 1) + head.length);
  }
  const caret = " ".repeat(Math.max(0, column - 1)) + "^".repeat(Math.max(1, width));
  return `${gutter} | ${text}\n${pad} | ${caret}`;
}

/** Formats many diagnostics, one block each, separated by blank lines. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnostic(d)).join("\n\n");
}
