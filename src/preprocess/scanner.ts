import {
  BACKSLASH,
  CR,
  DOT,
  DQUOTE,
  LF,
  MINUS,
  PLUS,
  SLASH,
  SQUOTE,
  STAR,
  isHorizontalSpace,
  isIdentPart,
  lineBreakLength,
} from "./char-codes.js";

/*
 * Low-level skipping over comments, literals, identifiers and pp-numbers. Every function takes the
 * text and an offset and returns an offset; none allocates, so the scanning loops stay linear and
 * cheap. The functions are shared by the text scanner, the directive line reader and the lexer so
 * that all of them agree on where comments and literals end.
 */

/** The offset just past the `*\/` that closes a block comment whose body starts at `i`, or -1 if it is unterminated. */
export function skipBlockComment(text: string, i: number): number {
  const close = text.indexOf("*/", i);
  return close < 0 ? -1 : close + 2;
}

/**
 * The offset of the line break that ends a `//` comment whose body starts at `i` (or the text's end).
 * A backslash right before the line break splices the next line into the comment, as in C.
 */
export function skipLineComment(text: string, i: number): number {
  const n = text.length;
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === LF || c === CR) {
      if (text.charCodeAt(j - 1) !== BACKSLASH) return j;
      if (c === CR && text.charCodeAt(j + 1) === LF) j++;
    }
  }
  return n;
}

/**
 * Skips a string or character literal whose opening quote is at `i`. Returns the offset after the
 * closing quote, or `~end` (a negative number) when the literal is cut by a line break or by `limit`;
 * `end` is then the offset of that line break. A backslash escapes the next character, so a
 * backslash-newline continues the literal.
 */
export function skipLiteral(text: string, i: number, limit: number): number {
  const quote = text.charCodeAt(i);
  let j = i + 1;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === BACKSLASH) {
      j += 1 + Math.max(1, lineBreakLength(text, j + 1));
      continue;
    }
    if (c === LF || c === CR) return ~j;
    j++;
  }
  return ~Math.min(j, limit);
}

/** The offset after the identifier characters starting at `i`. */
export function skipIdentifier(text: string, i: number, limit: number): number {
  while (i < limit && isIdentPart(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The offset after a pp-number starting at `i` (a digit, or `.` and a digit). Follows C's pp-number
 * rule: letters, digits, `_`, `.` and a sign after `e`/`E`/`p`/`P` all continue it, so `0x1e+1` is one
 * token and a macro name glued to a number (`1FOO`) is never expanded.
 */
export function skipPpNumber(text: string, i: number, limit: number): number {
  let j = i + 1;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c === PLUS || c === MINUS) {
      const p = text.charCodeAt(j - 1) | 0x20;
      if (p !== 0x65 /* e */ && p !== 0x70 /* p */) break;
      j++;
    } else if (isIdentPart(c) || c === DOT) j++;
    else break;
  }
  return j;
}

/**
 * Cheap test for the fast path: could this text need any preprocessing? True when a `#` may start a
 * directive (only white space before it on its line; a comment before it is assumed to be one) or when
 * a built-in macro name occurs. False means the text can be returned as it is.
 */
export function mayNeedPreprocessing(text: string): boolean {
  if (text.includes("__FILE__") || text.includes("__LINE__")) return true;
  for (let hash = text.indexOf("#"); hash >= 0; hash = text.indexOf("#", hash + 1)) {
    let j = hash - 1;
    while (j >= 0 && isHorizontalSpace(text.charCodeAt(j))) j--;
    if (j < 0) return true;
    const c = text.charCodeAt(j);
    if (c === LF || c === CR || c === SLASH) return true;
  }
  return false;
}

/** Receives lexical problems found while scanning: an unterminated comment or literal at an offset. */
export type LexicalReporter = (kind: "comment" | "string" | "character", offset: number) => void;

/**
 * Reports unterminated comments and literals of a text that needs no other preprocessing (the fast
 * path), without building any output.
 */
export function checkLexical(text: string, report: LexicalReporter): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === STAR) {
        const end = skipBlockComment(text, i + 2);
        if (end < 0) {
          report("comment", i);
          return;
        }
        i = end;
      } else if (next === SLASH) i = skipLineComment(text, i + 2);
      else i++;
    } else if (c === DQUOTE || c === SQUOTE) {
      const end = skipLiteral(text, i, n);
      if (end < 0) {
        report(c === DQUOTE ? "string" : "character", i);
        i = ~end;
      } else i = end;
    } else i++;
  }
}

/** Counts line breaks (`\r\n`, `\n`, lone `\r`) in `text[from, to)`. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}
