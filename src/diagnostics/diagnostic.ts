import type { Position, SourceFile } from "./source-file.js";

/** How bad a diagnostic is. Only errors make the compiler exit with code 1. */
export type Severity = "error" | "warning" | "note";

/** A located span of a source file. `end` is exclusive. */
export interface SourceRange {
  readonly file: SourceFile;
  readonly start: Position;
  readonly end: Position;
}

/**
 * The one diagnostic type of the compiler. Every phase reports problems as values of this type;
 * nothing throws strings. `code` is stable: MIDL's own number (`MIDL2025`) where MIDL has a matching
 * error, a project code (`MTS…`) otherwise. See `codes.ts`.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** Short and specific, without location: the formatter adds where. */
  readonly message: string;
  /** Absent only for diagnostics that concern no file (usage, I/O before reading). */
  readonly range?: SourceRange;
  /** Other places that explain this one ("first declared here"). */
  readonly related?: readonly { readonly message: string; readonly range: SourceRange }[];
}

/** Builds a diagnostic at a range of a file. */
export function diagnosticAt(
  code: string,
  severity: Severity,
  message: string,
  file: SourceFile,
  startOffset: number,
  endOffset: number = startOffset,
): Diagnostic {
  return {
    code,
    severity,
    message,
    range: { file, start: file.positionAt(startOffset), end: file.positionAt(Math.max(startOffset, endOffset)) },
  };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
