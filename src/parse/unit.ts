import type { Loc } from "../ast/nodes.js";
import type { SourceFile, SourceRange } from "../diagnostics/index.js";

/** Maps offsets of preprocessed text back to original files (implemented by the preprocessor's SourceMap). */
export interface OffsetMap {
  locate(outputOffset: number): { readonly file: SourceFile; readonly offset: number };
}

/**
 * One IDL file after preprocessing: the text the parser read and the way back to original
 * positions. AST locations are offsets into `text`; `range` resolves them for diagnostics only.
 */
export class Unit {
  constructor(
    readonly file: SourceFile,
    readonly text: string,
    readonly map: OffsetMap,
  ) {}

  /** The original source range of an AST location (which may lie in an included file). */
  range(loc: Loc): SourceRange {
    const start = this.map.locate(loc.start);
    let end = this.map.locate(Math.max(loc.start, loc.end));
    // A range that crosses files (through an include or a macro) is narrowed to its start.
    if (end.file !== start.file || end.offset < start.offset) end = start;
    return { file: start.file, start: start.file.positionAt(start.offset), end: start.file.positionAt(end.offset) };
  }
}
