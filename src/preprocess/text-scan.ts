import {
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
} from "./char-codes.js";
import { PpLexer, isLiteralPrefix } from "./lexer.js";
import type { Macro } from "./macros.js";
import { countLineBreaks, skipBlockComment, skipIdentifier, skipLineComment, skipLiteral, skipPpNumber } from "./scanner.js";
import type { Frame, Session } from "./session.js";
import { Token, TokenKind, spell, wouldPaste } from "./tokens.js";

/*
 * The two scanning loops over a file's text between directives. Both walk char codes once, skip
 * comments and literals (so `#`, `/*` and macro names inside them mean nothing), and stop at a `#`
 * that is first on its line. Text is not copied while scanning: the pending range
 * [frame.copyStart, here) is output in one piece when a directive or a macro expansion needs it.
 */

/**
 * Scans processed text from `frame.pos`, expanding macros. Returns the offset of the `#` of the next
 * directive, or -1 at the end of the file; `frame` is left describing the position.
 */
export function scanActive(s: Session, frame: Frame): number {
  const file = frame.file;
  const text = file.text;
  const n = text.length;
  // Identifiers only matter when some macro could match; otherwise they are skipped wholesale.
  const identifiers = frame.builtins || s.macros.size > 0;
  let report: ReturnType<Session["lexicalReporter"]> | undefined;
  let i = frame.pos;
  let atLineStart = frame.atLineStart;
  let lineStart = frame.lineStart;
  let sawText = frame.sawText;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      atLineStart = true;
      lineStart = i;
      continue;
    }
    if (isHorizontalSpace(c)) {
      i++;
      continue;
    }
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === STAR) {
        const close = skipBlockComment(text, i + 2);
        if (close < 0) {
          (report ??= s.lexicalReporter(file))("comment", i);
          i = n;
        } else i = close;
        continue;
      }
      if (next === SLASH) {
        i = skipLineComment(text, i + 2);
        continue;
      }
    }
    if (c === HASH && atLineStart) {
      saveState(frame, i, atLineStart, lineStart, sawText);
      return i;
    }
    atLineStart = false;
    sawText = true;
    if (c === DQUOTE || c === SQUOTE) {
      const close = skipLiteral(text, i, n);
      if (close < 0) {
        (report ??= s.lexicalReporter(file))(c === DQUOTE ? "string" : "character", i);
        i = ~close;
      } else i = close;
    } else if (isDigit(c) || (c === DOT && isDigit(text.charCodeAt(i + 1)))) {
      i = skipPpNumber(text, i, n);
    } else if (isIdentStart(c)) {
      const start = i;
      i = skipIdentifier(text, i + 1, n);
      if (!identifiers) continue;
      const q = text.charCodeAt(i);
      if ((q === DQUOTE || q === SQUOTE) && isLiteralPrefix(text, start, i)) continue; // L"..." is a literal
      const macro = s.expander.lookup(text.slice(start, i));
      if (macro !== undefined) i = expandAt(s, frame, start, i, macro);
    } else i++;
  }
  saveState(frame, n, atLineStart, lineStart, sawText);
  return -1;
}

/**
 * Expands the macro named by `text[start, end)`. The expansion replaces the invocation in the output,
 * mapped as a whole to `start`, followed by as many line breaks as the invocation spanned (arguments
 * may run over several lines) so that later lines stay where they were. Returns where to continue.
 */
function expandAt(s: Session, frame: Frame, start: number, end: number, macro: Macro): number {
  const file = frame.file;
  const text = file.text;
  // Only object-like macros' expansions are kept (a call's depends on its arguments).
  let spelled = macro.functionLike ? undefined : s.expansions.get(macro);
  let stop = end;
  if (spelled === undefined) {
    const source = PpLexer.forStream(text, end, s.lexicalReporter(file));
    if (macro.functionLike) {
      const mark = source.mark();
      const next = source.next();
      source.reset(mark);
      if (next === undefined || !next.is("(")) return end; // a function-like macro's name alone is not a call
    }
    const name = new Token(TokenKind.Identifier, text.slice(start, end), false, start, end);
    const result = s.expander.expandInvocation(name, source, macro.functionLike ? undefined : s.expansions.consulted);
    stop = source.end;
    // A failed invocation (reported) stays as written, arguments included, so that a runaway macro
    // nested in its own arguments is reported once rather than once per nesting level.
    if (result === undefined) return stop;
    spelled = spell(result);
    // An object-like macro's expansion read nothing after its name when it is context-free: the
    // same text wherever it is expanded again under the same definitions.
    if (!macro.functionLike && s.expander.contextFree) s.expansions.remember(macro, spelled);
  }
  const out = s.output;
  out.copy(file, frame.copyStart, start);
  const parts: string[] = [];
  if (spelled.length > 0 && wouldPaste(out.lastChar, spelled.charCodeAt(0))) parts.push(" ");
  parts.push(spelled);
  const breaks = countLineBreaks(text, end, stop);
  const tail = spelled.length > 0 ? spelled.charCodeAt(spelled.length - 1) : out.lastChar;
  if (breaks > 0) parts.push("\n".repeat(breaks));
  else if (stop < text.length && wouldPaste(tail, text.charCodeAt(stop))) parts.push(" ");
  out.insert(parts.join(""), file, start);
  frame.copyStart = stop;
  return stop;
}

/**
 * Scans text inside a skipped conditional group: only comments, literals and line starts matter.
 * Returns the offset of the `#` of the next directive, or -1 at the end of the file.
 */
export function scanSkipped(s: Session, frame: Frame): number {
  const text = frame.file.text;
  const n = text.length;
  let i = frame.pos;
  let atLineStart = frame.atLineStart;
  let lineStart = frame.lineStart;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      atLineStart = true;
      lineStart = i;
    } else if (isHorizontalSpace(c)) i++;
    else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = skipBlockComment(text, i + 2);
      if (close < 0) {
        s.lexicalReporter(frame.file)("comment", i);
        i = n;
      } else i = close;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) i = skipLineComment(text, i + 2);
    else if (c === HASH && atLineStart) {
      saveState(frame, i, atLineStart, lineStart, frame.sawText);
      return i;
    } else {
      atLineStart = false;
      if (c === DQUOTE || c === SQUOTE) {
        // Skipped text need not be valid C (apostrophes in prose): a literal just ends at the line end.
        const close = skipLiteral(text, i, n);
        i = close < 0 ? ~close : close;
      } else i++;
    }
  }
  saveState(frame, n, atLineStart, lineStart, frame.sawText);
  return -1;
}

function saveState(frame: Frame, pos: number, atLineStart: boolean, lineStart: number, sawText: boolean): void {
  frame.pos = pos;
  frame.atLineStart = atLineStart;
  frame.lineStart = lineStart;
  frame.sawText = sawText;
}
