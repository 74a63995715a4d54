import { DQUOTE, SQUOTE, isIdentPart } from "./char-codes.js";
import { HideSet } from "./hide-set.js";

/** Kinds of preprocessing tokens. */
export const TokenKind = {
  Identifier: 0,
  Number: 1,
  String: 2,
  Char: 3,
  Punct: 4,
  /** A character that forms no other token (`@`, a stray `\`). */
  Other: 5,
  /** A macro parameter inside a macro body; `param` says which. */
  Param: 6,
  /** The empty result of pasting with an empty argument; removed before output. */
  Placemarker: 7,
} as const;
/** A token kind. */
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * A preprocessing token. `start`/`end` are offsets in the file being processed (for diagnostics):
 * the token's own place for tokens read from that file, the macro invocation's place for tokens a
 * macro body produced.
 */
export class Token {
  constructor(
    readonly kind: TokenKind,
    readonly text: string,
    /** Preceded by white space (matters for stringizing and for spelling the output). */
    readonly space: boolean,
    readonly start: number,
    readonly end: number,
    readonly hide: HideSet = HideSet.empty,
    /** Parameter index for `Param` tokens, -1 otherwise. */
    readonly param: number = -1,
  ) {}

  /** True for the punctuator `text`. */
  is(text: string): boolean {
    return this.kind === TokenKind.Punct && this.text === text;
  }

  /** A copy with another hide set, spacing and location. */
  with(hide: HideSet, space: boolean, start: number, end: number): Token {
    return new Token(this.kind, this.text, space, start, end, hide, -1);
  }
}

/** Two-character sequences that would lex as one token (or start a comment) if written without a space. */
const PASTING_PAIRS = new Set(
  ["++", "--", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "##", "..", "//", "/*", "::"].map(
    (p) => (p.charCodeAt(0) << 16) | p.charCodeAt(1),
  ),
);

/**
 * True when a character `prev` followed directly by `next` could lex differently from the two
 * separate tokens they end and start (so a space must separate them in output text).
 */
export function wouldPaste(prev: number, next: number): boolean {
  if (prev < 0 || next < 0 || Number.isNaN(prev) || Number.isNaN(next)) return false;
  if (isIdentPart(prev)) {
    if (isIdentPart(next) || next === DQUOTE || next === SQUOTE) return true;
    const p = prev | 0x20;
    return (p === 0x65 || p === 0x70) && (next === 0x2b || next === 0x2d);
  }
  if (prev === 0x2e /* . */ && next >= 0x30 && next <= 0x39) return true;
  return PASTING_PAIRS.has((prev << 16) | next);
}

/**
 * Spells tokens as output text: one space where the source had white space, and one where two
 * tokens would otherwise run together (`-` and `-1` must not become `--1`).
 */
export function spell(tokens: readonly Token[]): string {
  const parts: string[] = [];
  let prev = -1;
  let prevNumber = false;
  for (const t of tokens) {
    if (t.kind === TokenKind.Placemarker || t.text.length === 0) continue;
    const next = t.text.charCodeAt(0);
    // A number followed by `.` would grow into one pp-number (`1` `.5` is not `1.5`).
    if (parts.length > 0 && (t.space || wouldPaste(prev, next) || (prevNumber && next === 0x2e))) parts.push(" ");
    parts.push(t.text);
    prev = t.text.charCodeAt(t.text.length - 1);
    prevNumber = t.kind === TokenKind.Number;
  }
  return parts.join("");
}

/** The text of a string literal whose contents are `tokens` spelled as in the source (the `#` operator). */
export function stringize(tokens: readonly Token[]): string {
  const parts: string[] = ['"'];
  let first = true;
  for (const t of tokens) {
    if (t.kind === TokenKind.Placemarker) continue;
    if (!first && t.space) parts.push(" ");
    first = false;
    parts.push(t.kind === TokenKind.String || t.kind === TokenKind.Char ? t.text.replace(/[\\"]/g, "\\$&") : t.text);
  }
  parts.push('"');
  return parts.join("");
}
