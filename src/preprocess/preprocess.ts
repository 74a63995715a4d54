import { diagnosticAt, type Diagnostic, type SourceFile } from "../diagnostics/index.js";
import { CR, LF } from "./char-codes.js";
import type { Conditional } from "./conditionals.js";
import { handleDirective } from "./directives.js";
import { HideSet } from "./hide-set.js";
import { checkLexical, mayNeedPreprocessing } from "./scanner.js";
import { Session, lexicalMessage, type Frame } from "./session.js";
import { SourceMap } from "./source-map.js";
import { scanActive, scanSkipped } from "./text-scan.js";
import type { PreprocessOptions, PreprocessResult } from "./types.js";

/**
 * Runs the C preprocessor over `file`: directives are carried out and their lines left empty,
 * macros are expanded, included files are inserted, and a source map leads every output offset back
 * to its origin. Never throws for bad input: problems are diagnostics and the result is always usable.
 *
 * Includes are processed with an explicit stack of frames rather than by recursion, so nesting depth
 * is limited only by `maxIncludeDepth`.
 */
export function preprocess(file: SourceFile, options: PreprocessOptions): PreprocessResult {
  // Fast path: with no directive and no macro, the text is its own output.
  if ((options.defines === undefined || options.defines.size === 0) && !mayNeedPreprocessing(file.text)) {
    const diagnostics: Diagnostic[] = [];
    checkLexical(file.text, (kind, offset) =>
      diagnostics.push(diagnosticAt("MTS1012", "error", lexicalMessage(kind), file, offset, offset + (kind === "comment" ? 2 : 1))),
    );
    return { text: file.text, map: SourceMap.identity(file), diagnostics, dependencies: [] };
  }
  // Hide sets are shared within a file, not across files (see HideSet.forgetDerived).
  HideSet.forgetDerived();
  const s = new Session(file, options);
  s.defineFromOptions();
  s.stack.push(s.frameFor(file));
  while (s.stack.length > 0) {
    const frame = s.frame;
    const next = advance(s, frame);
    if (next !== undefined) s.stack.push(next);
    else finish(s, frame);
  }
  const { text, map } = s.output.finish();
  return { text, map, diagnostics: s.diagnostics, dependencies: [...s.dependencies] };
}

/** Processes `frame` until it ends (undefined) or includes a file (that file's new frame). */
function advance(s: Session, frame: Frame): Frame | undefined {
  for (;;) {
    const active = s.conditionals.active;
    const hash = active ? scanActive(s, frame) : scanSkipped(s, frame);
    if (hash < 0) return undefined;
    const next = handleDirective(s, frame, hash, active);
    if (next !== undefined) return next;
  }
}

/** Ends a file: outputs its pending text, reports groups left open, and records an include guard. */
function finish(s: Session, frame: Frame): void {
  const file = frame.file;
  const end = file.text.length;
  if (s.conditionals.active) s.output.copy(file, frame.copyStart, end);
  else s.output.lineBreaks(file, frame.copyStart, end);
  if (frame.sawText) frame.guard.text();
  const open: Conditional[] = [];
  while (s.conditionals.depth > frame.condBase) open.push(s.conditionals.pop()!);
  for (const c of open.reverse()) {
    s.report("MTS1004", "error", `'#${c.directive}' without matching '#endif'`, c.file, c.start, c.end);
  }
  s.stack.pop();
  const guard = frame.guard.result();
  if (guard !== undefined) s.guards.set(file.path, guard);
  // An included file's last line must not run into the includer's next line.
  const last = s.output.lastChar;
  if (s.stack.length > 0 && end > 0 && s.output.length > 0 && last !== LF && last !== CR) s.output.insert("\n", file, end);
}
