import {
  BACKSLASH,
  CR,
  DOT,
  DQUOTE,
  HASH,
  LF,
  SLASH,
  SQUOTE,
  STAR,
  isDigit,
  isHorizontalSpace,
  isIdentStart,
  lineBreakLength,
} from "./char-codes.js";
import type { LogicalLine } from "./logical-line.js";
import { skipBlockComment, skipIdentifier, skipLineComment, skipLiteral, skipPpNumber, type LexicalReporter } from "./scanner.js";
import { Token, TokenKind } from "./tokens.js";

/** A saved lexer position, for looking ahead and backing off. */
export interface LexerMark {
  readonly pos: number;
  readonly end: number;
  readonly atLineStart: boolean;
}

/**
 * Splits text into preprocessing tokens. It reads either one directive's logical line (`LogicalLine`)
 * or, for macro arguments that run on past the invocation's line, the rest of a source text, where
 * line breaks are white space and a directive line (`#` first on a line) ends the input.
 */
export class PpLexer {
  /** Offset in `text` of the next character to read. */
  pos: number;
  /** Offset in `text` after the last token returned (where unread input begins, white space included). */
  end: number;
  #atLineStart = false;

  private constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
    private readonly line: LogicalLine | undefined,
    private readonly stream: boolean,
    private readonly report: LexicalReporter | undefined,
  ) {
    this.pos = start;
    this.end = start;
  }

  /** A lexer over a directive's logical line, from offset `start` of `line.text`. */
  static forLine(line: LogicalLine, start: number, report?: LexicalReporter): PpLexer {
    return new PpLexer(line.text, start, line.end, line, false, report);
  }

  /** A lexer over a source text from `start`, stopping at the text's end or at a directive line. */
  static forStream(text: string, start: number, report?: LexicalReporter): PpLexer {
    return new PpLexer(text, start, text.length, undefined, true, report);
  }

  /** A lexer over a whole string (pasted tokens, `-D` values); nothing is reported. */
  static forText(text: string): PpLexer {
    return new PpLexer(text, 0, text.length, undefined, false, undefined);
  }

  /** The current position, to come back to with `reset`. */
  mark(): LexerMark {
    return { pos: this.pos, end: this.end, atLineStart: this.#atLineStart };
  }

  /** Goes back to a position returned by `mark`. */
  reset(mark: LexerMark): void {
    this.pos = mark.pos;
    this.end = mark.end;
    this.#atLineStart = mark.atLineStart;
  }

  /** The source offset of an offset of the lexed text. */
  sourceOffset(pos: number): number {
    return this.line === undefined ? pos : this.line.sourceOffset(pos);
  }

  /** Reads all remaining tokens. */
  rest(): Token[] {
    const tokens: Token[] = [];
    for (let t = this.next(); t !== undefined; t = this.next()) tokens.push(t);
    return tokens;
  }

  /** Skips white space and comments; returns whether any was skipped. Stops before a directive in stream mode. */
  skipSpace(): boolean {
    const text = this.text;
    const limit = this.limit;
    let i = this.pos;
    const from = i;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (isHorizontalSpace(c)) i++;
      else if (c === LF || c === CR) {
        i += lineBreakLength(text, i);
        this.#atLineStart = true;
      } else if (c === BACKSLASH && lineBreakLength(text, i + 1) > 0) i += 1 + lineBreakLength(text, i + 1);
      else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        const close = skipBlockComment(text, i + 2);
        if (close < 0 || close > limit) {
          this.report?.("comment", this.sourceOffset(i));
          i = limit;
        } else i = close;
      } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) i = Math.min(skipLineComment(text, i + 2), limit);
      else break;
    }
    this.pos = i;
    return i > from;
  }

  /** The next token, or undefined at the end of the input. */
  next(): Token | undefined {
    const space = this.skipSpace();
    const text = this.text;
    const i = this.pos;
    if (i >= this.limit) return undefined;
    const c = text.charCodeAt(i);
    if (this.stream && this.#atLineStart && c === HASH) return undefined;
    this.#atLineStart = false;
    let end: number;
    let kind: TokenKind;
    if (isIdentStart(c)) {
      end = skipIdentifier(text, i + 1, this.limit);
      kind = TokenKind.Identifier;
      const q = text.charCodeAt(end);
      if ((q === DQUOTE || q === SQUOTE) && isLiteralPrefix(text, i, end)) {
        end = this.literal(end);
        kind = q === DQUOTE ? TokenKind.String : TokenKind.Char;
      }
    } else if (isDigit(c) || (c === DOT && isDigit(text.charCodeAt(i + 1)))) {
      end = skipPpNumber(text, i, this.limit);
      kind = TokenKind.Number;
    } else if (c === DQUOTE || c === SQUOTE) {
      end = this.literal(i);
      kind = c === DQUOTE ? TokenKind.String : TokenKind.Char;
    } else {
      end = i + punctuatorLength(text, i, this.limit);
      kind = c === BACKSLASH || c === 0x40 /* @ */ || c === 0x60 /* ` */ ? TokenKind.Other : TokenKind.Punct;
    }
    this.pos = end;
    this.end = end;
    return new Token(kind, text.slice(i, end), space, this.sourceOffset(i), this.sourceOffset(end));
  }

  /** Reads a literal whose quote is at `i`; reports it when unterminated. */
  private literal(i: number): number {
    const end = skipLiteral(this.text, i, this.limit);
    if (end >= 0) return end;
    const quote = this.text.charCodeAt(i);
    this.report?.(quote === DQUOTE ? "string" : "character", this.sourceOffset(i));
    return ~end;
  }
}

/** True when `text[start, end)` is a string/character literal prefix: `L`, `u`, `U` or `u8`. */
export function isLiteralPrefix(text: string, start: number, end: number): boolean {
  const len = end - start;
  const c = text.charCodeAt(start);
  if (len === 1) return c === 0x4c /* L */ || c === 0x75 /* u */ || c === 0x55 /* U */;
  return len === 2 && c === 0x75 && text.charCodeAt(start + 1) === 0x38 /* 8 */;
}

const THREE_CHAR = new Set(["...", "<<=", ">>="]);
const TWO_CHAR = new Set([
  "##", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
]);

/** Length of the punctuator at `i` (longest match; 1 for any other character). */
function punctuatorLength(text: string, i: number, limit: number): number {
  if (i + 3 <= limit && THREE_CHAR.has(text.slice(i, i + 3))) return 3;
  if (i + 2 <= limit && TWO_CHAR.has(text.slice(i, i + 2))) return 2;
  return 1;
}
