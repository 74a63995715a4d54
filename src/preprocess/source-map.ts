import type { SourceFile } from "../diagnostics/index.js";

/** A SourceMap's segments as plain data (see SourceMap.toData). */
export interface SourceMapData {
  readonly outStarts: readonly number[];
  readonly files: readonly number[];
  readonly origins: readonly number[];
  readonly verbatim: readonly number[];
  readonly length: number;
}

/**
 * Maps offsets of preprocessed output back to original files. The output is a sequence of segments,
 * each either copied verbatim from one file (offsets map 1:1) or produced by a macro expansion (every
 * offset maps to the invocation's start). Segments are sorted by output offset and found by binary
 * search, so `locate` is O(log n).
 */
export class SourceMap {
  /**
   * @param outStarts output offset at which each segment starts, increasing
   * @param files index into `sourceFiles` for each segment
   * @param origins original offset of each segment's start
   * @param verbatim 1 when the segment maps 1:1, 0 when it maps to a single offset
   * @param sourceFiles the files segments refer to; the first is the preprocessed file
   * @param length length of the output text
   */
  constructor(
    private readonly outStarts: readonly number[],
    private readonly files: readonly number[],
    private readonly origins: readonly number[],
    private readonly verbatim: readonly number[],
    private readonly sourceFiles: readonly SourceFile[],
    private readonly length: number,
  ) {}

  /** The map of output that is the file's text unchanged. */
  static identity(file: SourceFile): SourceMap {
    return new SourceMap([0], [0], [0], [1], [file], file.text.length);
  }

  /** The map as plain data (for a cache on disk), its files as indices into `fileTable`. */
  toData(): SourceMapData {
    return { outStarts: this.outStarts, files: this.files, origins: this.origins, verbatim: this.verbatim, length: this.length };
  }

  /** The files segments refer to (the first is the preprocessed file). */
  get fileTable(): readonly SourceFile[] {
    return this.sourceFiles;
  }

  /** A map from `toData`'s result and the files its indices refer to. */
  static fromData(data: SourceMapData, fileTable: readonly SourceFile[]): SourceMap {
    return new SourceMap(data.outStarts, data.files, data.origins, data.verbatim, fileTable, data.length);
  }

  /** Number of segments (a measure of how much the output differs from its sources). */
  get segmentCount(): number {
    return this.outStarts.length;
  }

  /** The original location of an output offset (clamped to the output; the end maps past the last character). */
  locate(outputOffset: number): { file: SourceFile; offset: number } {
    const starts = this.outStarts;
    const offset = Math.max(0, Math.min(outputOffset, this.length));
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return { file: this.sourceFiles[0]!, offset: 0 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const file = this.sourceFiles[this.files[lo]!]!;
    const origin = this.origins[lo]!;
    const mapped = this.verbatim[lo] === 1 ? origin + (offset - starts[lo]!) : origin;
    return { file, offset: Math.min(mapped, file.text.length) };
  }
}

/** Collects segments while output is produced, merging a segment into the previous one when it continues it. */
export class SourceMapBuilder {
  readonly #outStarts: number[] = [];
  readonly #files: number[] = [];
  readonly #origins: number[] = [];
  readonly #verbatim: number[] = [];
  readonly #fileTable: SourceFile[] = [];
  readonly #fileIndex = new Map<SourceFile, number>();
  #end = 0;

  constructor(main: SourceFile) {
    this.#indexOf(main);
  }

  /** Records `length` output characters at `outStart` copied from `file` at `origin` (1:1). */
  verbatim(outStart: number, length: number, file: SourceFile, origin: number): void {
    this.#add(outStart, length, file, origin, 1);
  }

  /** Records `length` output characters at `outStart` that all map to `origin` of `file`. */
  point(outStart: number, length: number, file: SourceFile, origin: number): void {
    this.#add(outStart, length, file, origin, 0);
  }

  /** The finished map for output of `length` characters. */
  build(length: number): SourceMap {
    return new SourceMap(this.#outStarts, this.#files, this.#origins, this.#verbatim, this.#fileTable, length);
  }

  #add(outStart: number, length: number, file: SourceFile, origin: number, verbatim: number): void {
    if (length <= 0) return;
    const fileIndex = this.#indexOf(file);
    const last = this.#outStarts.length - 1;
    if (last >= 0 && this.#end === outStart && this.#files[last] === fileIndex && this.#verbatim[last] === verbatim) {
      const continues =
        verbatim === 1 ? this.#origins[last]! + (outStart - this.#outStarts[last]!) === origin : this.#origins[last] === origin;
      if (continues) {
        this.#end = outStart + length;
        return;
      }
    }
    this.#outStarts.push(outStart);
    this.#files.push(fileIndex);
    this.#origins.push(origin);
    this.#verbatim.push(verbatim);
    this.#end = outStart + length;
  }

  #indexOf(file: SourceFile): number {
    let index = this.#fileIndex.get(file);
    if (index === undefined) {
      index = this.#fileTable.length;
      this.#fileTable.push(file);
      this.#fileIndex.set(file, index);
    }
    return index;
  }
}
