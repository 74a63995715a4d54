import { BACKSLASH, CR, DQUOTE, LF, SLASH, SQUOTE, STAR, lineBreakLength } from "./char-codes.js";
import { skipBlockComment, skipLineComment, skipLiteral } from "./scanner.js";

/**
 * The text of one directive after its `#`, as a range of a string plus a way back to source offsets.
 * Usually the range is a slice of the source text itself (no copy); when the directive spans several
 * physical lines through backslash-newlines, `text` is a spliced copy and `sourceOffset` maps back.
 */
export class LogicalLine {
  /**
   * @param text the string holding the line
   * @param start first offset of the line in `text`
   * @param end offset after the line in `text` (before its line break)
   * @param breaks for a spliced copy: pairs [offset in `text`, source offset] at each splice, sorted
   */
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
    private readonly breaks: readonly number[] | undefined,
  ) {}

  /** The source offset of an offset in `text`. */
  sourceOffset(pos: number): number {
    const b = this.breaks;
    if (b === undefined) return pos;
    let k = 0;
    while (k + 2 < b.length && b[k + 2]! <= pos) k += 2;
    return b[k + 1]! + (pos - b[k]!);
  }
}

/** Where a directive line ends, and its logical text. */
export interface DirectiveExtent {
  readonly line: LogicalLine;
  /** Source offset of the line break that ends the directive (or the text's end). */
  readonly contentEnd: number;
  /** Source offset after that line break. */
  readonly end: number;
  /** Source offset of a block comment that runs to the end of the text, or -1. */
  readonly unterminatedComment: number;
}

/**
 * Finds the end of the directive whose text starts at `start` (just after the `#`): the first line
 * break that is not spliced by a backslash and not inside a block comment. String and character
 * literals are skipped so that `//` or `/*` inside them do not start comments.
 */
export function readDirectiveLine(text: string, start: number): DirectiveExtent {
  const n = text.length;
  let i = start;
  let unterminatedComment = -1;
  let multiLine = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    if (c === BACKSLASH) {
      const nl = lineBreakLength(text, i + 1);
      if (nl > 0) multiLine = true;
      i += 1 + nl;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = skipBlockComment(text, i + 2);
      if (close < 0) {
        unterminatedComment = i;
        i = n;
      } else i = close; // comments are white space to the lexer, line breaks in them need no splicing
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = skipLineComment(text, i + 2);
    } else if (c === DQUOTE || c === SQUOTE) {
      const close = skipLiteral(text, i, n);
      const stop = close < 0 ? ~close : close;
      for (let k = i; k < stop && !multiLine; k++) multiLine = text.charCodeAt(k) === BACKSLASH && lineBreakLength(text, k + 1) > 0;
      i = stop;
    } else i++;
  }
  const contentEnd = i;
  const end = i + lineBreakLength(text, i);
  const line = multiLine ? splice(text, start, contentEnd) : new LogicalLine(text, start, contentEnd, undefined);
  return { line, contentEnd, end, unterminatedComment };
}

/** Copies `text[start, end)` without its backslash-newlines, remembering where each splice was. */
function splice(text: string, start: number, end: number): LogicalLine {
  const parts: string[] = [];
  const breaks: number[] = [0, start];
  let from = start;
  let length = 0;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== BACKSLASH) continue;
    const nl = lineBreakLength(text, i + 1);
    if (nl === 0) continue;
    parts.push(text.slice(from, i));
    length += i - from;
    from = i + 1 + nl;
    breaks.push(length, from);
    i = from - 1;
  }
  parts.push(text.slice(from, end));
  const joined = parts.join("");
  return new LogicalLine(joined, 0, joined.length, breaks);
}
