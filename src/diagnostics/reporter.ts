import type { Diagnostic } from "./diagnostic.js";
import { codeFrame, formatDiagnostic } from "./format.js";

/** How diagnostics are printed for each kind of consumer (`--diagnostics`). */
export type DiagnosticStyle = "human" | "msvc" | "gcc" | "json";

export const DIAGNOSTIC_STYLES: readonly DiagnosticStyle[] = ["human", "msvc", "gcc", "json"];

export interface ReportOptions {
  readonly style: DiagnosticStyle;
  /** ANSI colour (human style only). The CLI turns it on only for a terminal without NO_COLOR. */
  readonly color: boolean;
  /** Print at most this many errors; the rest are counted in a final line. */
  readonly maxErrors?: number;
}

const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";
const CYAN = "\x1b[36m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** One diagnostic as a JSON-able object: what editors and CI annotators consume. */
export function diagnosticToJson(d: Diagnostic): object {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.range
      ? { file: d.range.file.path, line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column }
      : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, file: r.range.file.path, line: r.range.start.line, column: r.range.start.column })) } : {}),
  };
}

function formatOne(d: Diagnostic, options: ReportOptions): string {
  switch (options.style) {
    case "msvc":
      return formatDiagnostic(d, { codeFrame: false });
    case "gcc": {
      // file:line:col: error: message [CODE] — the shape gcc's and clang's matchers read.
      const where = d.range ? `${d.range.file.path}:${d.range.start.line}:${d.range.start.column}: ` : "";
      const lines = [`${where}${d.severity}: ${d.message} [${d.code}]`];
      for (const r of d.related ?? []) lines.push(`${r.range.file.path}:${r.range.start.line}:${r.range.start.column}: note: ${r.message}`);
      return lines.join("\n");
    }
    case "json":
      return JSON.stringify(diagnosticToJson(d));
    case "human": {
      if (!options.color) return formatDiagnostic(d);
      const sev = d.severity === "error" ? `${RED}${BOLD}error${RESET}` : d.severity === "warning" ? `${YELLOW}${BOLD}warning${RESET}` : `${CYAN}note${RESET}`;
      const where = d.range ? `${BOLD}${d.range.file.path}(${d.range.start.line},${d.range.start.column})${RESET}: ` : "";
      const lines = [`${where}${sev} ${d.code}: ${d.message}`];
      if (d.range) lines.push(codeFrame(d).replace(/\^+/, (m) => `${RED}${m}${RESET}`));
      for (const r of d.related ?? []) lines.push(`${r.range.file.path}(${r.range.start.line},${r.range.start.column}): ${CYAN}note${RESET}: ${r.message}`);
      return lines.join("\n");
    }
  }
}

/**
 * The text to print for a run's diagnostics: one block per diagnostic (JSON: one object per line),
 * errors past `maxErrors` left out and counted.
 */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], options: ReportOptions): string {
  const out: string[] = [];
  let errors = 0;
  let hidden = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") {
      errors++;
      if (options.maxErrors !== undefined && errors > options.maxErrors) {
        hidden++;
        continue;
      }
    }
    out.push(formatOne(d, options));
  }
  if (hidden > 0 && options.style !== "json") out.push(`(${hidden} more error${hidden === 1 ? "" : "s"} not shown: --max-errors ${options.maxErrors})`);
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
