import { readDirectiveLine } from "./logical-line.js";
import { PpLexer } from "./lexer.js";
import type { Directive } from "./directive.js";
import { evaluate } from "./expression.js";
import { include } from "./includes.js";
import { parseDefinition } from "./macros.js";
import type { Frame, Session } from "./session.js";
import { Token, TokenKind } from "./tokens.js";

/**
 * Handles the directive whose `#` is at `hash`. First outputs the text pending before the directive's
 * line (copied when `active`, reduced to line breaks when skipped), then acts on the directive, then
 * outputs the directive's own lines as empty lines (or unchanged, for `#pragma`). Returns the frame
 * of a file to include next, if any.
 */
export function handleDirective(s: Session, frame: Frame, hash: number, active: boolean): Frame | undefined {
  const file = frame.file;
  const out = s.output;
  if (active) out.copy(file, frame.copyStart, frame.lineStart);
  else out.lineBreaks(file, frame.copyStart, frame.lineStart);
  if (frame.sawText) frame.guard.text();
  const extent = readDirectiveLine(file.text, hash + 1);
  if (extent.unterminatedComment >= 0) s.lexicalReporter(file)("comment", extent.unterminatedComment);
  const lexer = PpLexer.forLine(extent.line, extent.line.start, active ? s.lexicalReporter(file) : undefined);
  const name = lexer.next();
  let result: Frame | "keep" | undefined;
  if (name !== undefined) {
    const d: Directive = { hash, name, lexer, extent };
    result = active ? processed(s, frame, d) : skipped(s, frame, d);
  }
  if (result === "keep") out.copy(file, frame.lineStart, extent.end);
  else out.lineBreaks(file, frame.lineStart, extent.end);
  frame.pos = frame.copyStart = frame.lineStart = extent.end;
  frame.atLineStart = true;
  frame.sawText = false;
  return result === "keep" ? undefined : result;
}

/** A directive in processed text. */
function processed(s: Session, frame: Frame, d: Directive): Frame | "keep" | undefined {
  const name = d.name;
  if (name.kind === TokenKind.Identifier) {
    switch (name.text) {
      case "if":
      case "ifdef":
      case "ifndef":
        open(s, frame, d, true);
        return undefined;
      case "elif":
      case "else":
      case "endif":
        branch(s, frame, d);
        return undefined;
    }
  }
  frame.guard.other(s.conditionals.depth);
  if (name.kind === TokenKind.Number) {
    lineNumber(s, d, [name, ...d.lexer.rest()], "line marker"); // `# 12 "file"`, as cpp writes
    return undefined;
  }
  if (name.kind !== TokenKind.Identifier) {
    s.error("MTS1007", `invalid preprocessing directive '#${name.text}'`, d.hash, name.end);
    return undefined;
  }
  switch (name.text) {
    case "define":
      define(s, d);
      return undefined;
    case "undef":
      undef(s, d);
      return undefined;
    case "include":
      return include(s, frame, d);
    case "line": {
      const expanded = s.expander.expandList(d.lexer.rest());
      if (expanded !== undefined) lineNumber(s, d, expanded, "'#line'");
      return undefined;
    }
    case "error":
    case "warning":
      message(s, d);
      return undefined;
    case "pragma":
      return pragma(s, frame, d);
    default:
      s.error("MTS1007", `unknown directive '#${name.text}'`, d.hash, name.end);
      return undefined;
  }
}

/** A directive in a skipped group: only conditional nesting is tracked, anything else is ignored. */
function skipped(s: Session, frame: Frame, d: Directive): undefined {
  if (d.name.kind !== TokenKind.Identifier) return undefined;
  switch (d.name.text) {
    case "if":
    case "ifdef":
    case "ifndef":
      open(s, frame, d, false);
      break;
    case "elif":
    case "else":
    case "endif":
      branch(s, frame, d);
      break;
  }
  return undefined;
}

/** `#if`, `#ifdef`, `#ifndef`: opens a group; its condition is only evaluated when `evaluate`. */
function open(s: Session, frame: Frame, d: Directive, evaluateIt: boolean): void {
  const kind = d.name.text;
  const depthBefore = s.conditionals.depth;
  let value = false;
  let guard: string | undefined;
  if (evaluateIt) {
    const tokens = d.lexer.rest();
    if (kind === "if") {
      value = condition(s, d.name, tokens);
      guard = guardMacro(tokens);
    } else {
      const id = macroName(s, d, tokens);
      if (id !== undefined) {
        value = s.isDefined(id) !== (kind === "ifndef");
        if (kind === "ifndef") guard = id;
      }
    }
  }
  s.conditionals.push(kind, frame.file, d.hash, d.name.end, value);
  if (guard !== undefined) frame.guard.candidate(guard, s.conditionals.depth);
  else frame.guard.other(depthBefore);
}

/** `#elif`, `#else`, `#endif`. */
function branch(s: Session, frame: Frame, d: Directive): void {
  const kind = d.name.text as "elif" | "else" | "endif";
  const top = s.conditionals.top();
  if (top === undefined || s.conditionals.depth <= frame.condBase) {
    s.error("MTS1005", `'#${kind}' without '#if'`, d.hash, d.name.end);
    return;
  }
  frame.guard.other(s.conditionals.depth, kind);
  if (kind === "endif") {
    if (top.parentActive) extraTokens(s, d.lexer.rest(), 0, kind);
    s.conditionals.pop();
    return;
  }
  if (top.sawElse) {
    if (top.parentActive) s.error("MTS1011", `'#${kind}' after '#else'`, d.hash, d.name.end);
    return;
  }
  if (kind === "else") {
    if (top.parentActive) extraTokens(s, d.lexer.rest(), 0, kind);
    top.sawElse = true;
    top.active = top.parentActive && !top.taken;
    top.taken = true;
    return;
  }
  if (!top.parentActive || top.taken) {
    top.active = false;
    return;
  }
  const value = condition(s, d.name, d.lexer.rest());
  top.active = value;
  top.taken = value;
}

/** Evaluates a `#if`/`#elif` condition: `defined` first, then macro expansion, then arithmetic. */
function condition(s: Session, directive: Token, tokens: readonly Token[]): boolean {
  if (tokens.length === 0) {
    s.error("MTS1006", `'#${directive.text}' with no expression`, directive.start, directive.end);
    return false;
  }
  const replaced = replaceDefined(s, tokens);
  const expanded = replaced && s.expander.expandList(replaced, true);
  // `defined` produced by a macro expansion is evaluated too, as GCC and MSVC do.
  const final = expanded && replaceDefined(s, expanded);
  if (final === undefined) return false;
  return evaluate(final, (message, at) => s.error("MTS1006", message, at?.start ?? directive.start, at?.end ?? directive.end));
}

/** Replaces `defined X` and `defined(X)` by 1 or 0; undefined (reported) when malformed. */
function replaceDefined(s: Session, tokens: readonly Token[]): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== TokenKind.Identifier || t.text !== "defined") {
      out.push(t);
      continue;
    }
    const paren = tokens[i + 1]?.is("(") === true;
    const id = tokens[i + (paren ? 2 : 1)];
    const close = paren ? tokens[i + 3] : id;
    if (id === undefined || id.kind !== TokenKind.Identifier || close === undefined || (paren && !close.is(")"))) {
      const at = id ?? t;
      s.error("MTS1006", paren && id?.kind === TokenKind.Identifier ? "missing ')' after 'defined'" : "'defined' expects a macro name", at.start, at.end);
      return undefined;
    }
    out.push(new Token(TokenKind.Number, s.isDefined(id.text) ? "1" : "0", t.space, t.start, close.end));
    i += paren ? 3 : 1;
  }
  return out;
}

/** The X of a `#if !defined X` or `#if !defined(X)` that could be an include guard. */
function guardMacro(tokens: readonly Token[]): string | undefined {
  const [bang, defined, a, b, c] = tokens;
  if (!bang?.is("!") || defined?.text !== "defined" || a === undefined) return undefined;
  if (tokens.length === 3 && a.kind === TokenKind.Identifier) return a.text;
  if (tokens.length === 5 && a.is("(") && b?.kind === TokenKind.Identifier && c?.is(")")) return b.text;
  return undefined;
}

/** The macro name operand of `#ifdef`/`#ifndef`/`#undef`; undefined (reported) when missing or not an identifier. */
function macroName(s: Session, d: Directive, tokens: readonly Token[]): string | undefined {
  const id = tokens[0];
  if (id === undefined) {
    s.error("MTS1011", `'#${d.name.text}' expects a macro name`, d.hash, d.name.end);
    return undefined;
  }
  if (id.kind !== TokenKind.Identifier) {
    s.error("MTS1011", "macro names must be identifiers", id.start, id.end);
    return undefined;
  }
  extraTokens(s, tokens, 1, d.name.text);
  return id.text;
}

/** Warns about tokens after a directive's operands (MSVC and GCC accept them with a warning). */
function extraTokens(s: Session, tokens: readonly Token[], from: number, directive: string): void {
  const first = tokens[from];
  if (first !== undefined) s.warning("MTS1011", `extra tokens at end of '#${directive}' directive`, first.start, tokens[tokens.length - 1]!.end);
}

function define(s: Session, d: Directive): void {
  const macro = parseDefinition(d.lexer.rest());
  if ("message" in macro) s.error("MTS1011", macro.message, macro.at?.start ?? d.hash, macro.at?.end ?? d.name.end);
  else s.define(macro);
}

function undef(s: Session, d: Directive): void {
  const name = macroName(s, d, d.lexer.rest());
  if (name !== undefined) s.undefine(name);
}

/**
 * `#line N "file"` and `# N "file"`: checked, then ignored. Locations always refer to the physical
 * files, because the source map must point into real text for code frames.
 */
function lineNumber(s: Session, d: Directive, tokens: readonly Token[], what: string): void {
  const [line, name] = tokens;
  if (line === undefined || line.kind !== TokenKind.Number || !/^[0-9]+$/.test(line.text)) {
    const at = line ?? d.name;
    s.error("MTS1011", `${what} expects a line number`, at.start, at.end);
  } else if (name !== undefined && (name.kind !== TokenKind.String || name.text[0] !== '"')) {
    s.error("MTS1011", `invalid file name in ${what}`, name.start, name.end);
  } else if (what === "'#line'") extraTokens(s, tokens, 2, "line");
}

/** `#error` and `#warning`: the message is the rest of the line as written. */
function message(s: Session, d: Directive): void {
  const line = d.extent.line;
  const text = line.text.slice(d.lexer.pos, line.end).trim();
  const isError = d.name.text === "error";
  s.report(isError ? "MTS1002" : "MTS1003", isError ? "error" : "warning", text === "" ? `#${d.name.text}` : text, s.frame.file, d.hash, d.extent.contentEnd);
}

/** `#pragma once` is obeyed and removed; every other pragma is passed through for the parser. */
function pragma(s: Session, frame: Frame, d: Directive): "keep" | undefined {
  const tokens = d.lexer.rest();
  if (tokens.length === 1 && tokens[0]!.text === "once") {
    s.once.add(frame.file.path);
    return undefined;
  }
  return "keep";
}
