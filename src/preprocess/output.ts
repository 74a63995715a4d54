import type { SourceFile } from "../diagnostics/index.js";
import { CR, LF } from "./char-codes.js";
import { SourceMap, SourceMapBuilder } from "./source-map.js";

/**
 * The preprocessed text under construction: chunks joined once at the end, with the source map kept
 * in step. Every piece of output goes through one of the three methods, so the map cannot drift.
 */
export class Output {
  readonly #chunks: string[] = [];
  readonly #map: SourceMapBuilder;
  #length = 0;
  #last = -1;

  constructor(main: SourceFile) {
    this.#map = new SourceMapBuilder(main);
  }

  /** Length of the output so far. */
  get length(): number {
    return this.#length;
  }

  /** Code of the last output character (-1 when there is none). */
  get lastChar(): number {
    return this.#last;
  }

  /** Copies `file.text[from, to)` to the output, mapped 1:1. */
  copy(file: SourceFile, from: number, to: number): void {
    if (to <= from) return;
    const text = file.text;
    this.#push(from === 0 && to === text.length ? text : text.slice(from, to));
    this.#map.verbatim(this.#length - (to - from), to - from, file, from);
  }

  /** Appends generated text (a macro expansion) mapped as a whole to `offset` of `file`. */
  insert(text: string, file: SourceFile, offset: number): void {
    if (text.length === 0) return;
    this.#push(text);
    this.#map.point(this.#length - text.length, text.length, file, offset);
  }

  /** Outputs only the line breaks of `file.text[from, to)`, each mapped to itself: blanks directives and skipped lines. */
  lineBreaks(file: SourceFile, from: number, to: number): void {
    const text = file.text;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) this.copy(file, i, i + 1);
      else if (c === CR) {
        const len = text.charCodeAt(i + 1) === LF && i + 1 < to ? 2 : 1;
        this.copy(file, i, i + len);
        i += len - 1;
      }
    }
  }

  /** The finished text and map. */
  finish(): { text: string; map: SourceMap } {
    const text = this.#chunks.length === 1 ? this.#chunks[0]! : this.#chunks.join("");
    return { text, map: this.#map.build(text.length) };
  }

  #push(chunk: string): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    this.#last = chunk.charCodeAt(chunk.length - 1);
  }
}
