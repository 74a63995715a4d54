/**
 * Character codes and character classes used by the preprocessor's scanners. The scanners work on
 * `charCodeAt` values rather than one-character strings so that the hot loops allocate nothing.
 */
export const TAB = 9;
export const LF = 10;
export const VT = 11;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const SQUOTE = 39;
export const STAR = 42;
export const PLUS = 43;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const DIGIT_0 = 48;
export const DIGIT_9 = 57;
export const LT = 60;
export const UPPER_A = 65;
export const UPPER_Z = 90;
export const BACKSLASH = 92;
export const UNDERSCORE = 95;
export const LOWER_A = 97;
export const LOWER_Z = 122;
/** U+FEFF, a byte order mark; treated as white space wherever it appears. */
export const BOM = 0xfeff;

/** True for `0`-`9`. */
export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/**
 * True for characters that can start an identifier. `$` and every non-ASCII character are accepted,
 * as MSVC and GCC do, so that unusual identifiers in headers pass through instead of being split.
 */
export function isIdentStart(c: number): boolean {
  return (
    (c >= LOWER_A && c <= LOWER_Z) ||
    (c >= UPPER_A && c <= UPPER_Z) ||
    c === UNDERSCORE ||
    c === DOLLAR ||
    (c >= 0x80 && c !== BOM)
  );
}

/** True for characters that can continue an identifier (or a pp-number). */
export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= DIGIT_0 && c <= DIGIT_9);
}

/** True for white space other than line breaks. */
export function isHorizontalSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF || c === BOM;
}

/** Length of the line break at `i` (2 for `\r\n`, 1 for `\n` or a lone `\r`), 0 if there is none. */
export function lineBreakLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === LF) return 1;
  if (c === CR) return text.charCodeAt(i + 1) === LF ? 2 : 1;
  return 0;
}
