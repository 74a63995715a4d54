import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import { MAX_EXPRESSION_DEPTH, midlParser, NestingLimitError } from "../../grammar/parser.js";
import {
  Amp, Bang, Const, LBrace, LBracket, LParen, midlLexer, Minus, Plus, RBrace, RBracket, RParen, Semicolon, Star, Tilde,
} from "../../grammar/tokens.js";
import type { Document } from "../ast/nodes.js";
import { hasErrors, type Diagnostic, type SourceFile } from "../diagnostics/index.js";
import { preprocess, type PreprocessHost } from "../preprocess/index.js";
import { addPhase } from "../compiler/phases.js";
import { Unit } from "./unit.js";

/** Options of the preprocessing that precedes parsing. */
export interface ParseOptions {
  readonly defines: ReadonlyMap<string, string>;
  readonly includeDirs: readonly string[];
  readonly host: PreprocessHost;
}

/** The result of reading one IDL file: its unit, AST and every problem found on the way. */
export interface ParsedFile {
  readonly unit: Unit;
  readonly document: Document;
  readonly diagnostics: readonly Diagnostic[];
  /** Files pulled in with `#include` (for caches and watchers). */
  readonly includes: readonly string[];
}

/** Deepest bracket nesting the parser accepts; real IDL stays below 10. */
export const MAX_NESTING = 128;

/** Tokens the parser reads as unary operators (comparisons, not a Set: this runs for every token of every file). */
function isPrefixOperator(type: TokenType): boolean {
  return type === Minus || type === Plus || type === Tilde || type === Bang || type === Star || type === Amp;
}

/**
 * The first token past MAX_NESTING levels, if any: of brackets (the parser recurses once per
 * level), or of pointers in a row (`long ****…p`: no recursion in the parser, but a type that deep
 * downstream).
 */
function findExcessiveNesting(tokens: readonly IToken[]): { token: IToken; message: string } | undefined {
  // Open brackets, innermost last: true for '{'.
  const open: boolean[] = [];
  let stars = 0;
  let prefixes = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    // Unary operators recurse in the parser like brackets: `- - - … 1`, `!!!!…x`.
    prefixes = isPrefixOperator(type) ? prefixes + 1 : 0;
    if (prefixes > MAX_NESTING && type !== Star) return { token: t, message: `more than ${MAX_NESTING} unary operators in a row` };
    if (type === Star) {
      if (++stars > MAX_NESTING) return { token: t, message: `more than ${MAX_NESTING} levels of pointers` };
      continue;
    }
    if (type !== Const) stars = 0;
    if (type === LParen || type === LBracket || type === LBrace) {
      if (open.push(type === LBrace) > MAX_NESTING) return { token: t, message: `brackets nested more than ${MAX_NESTING} levels deep` };
    } else if (type === RParen || type === RBracket || type === RBrace) {
      open.pop();
    } else if (type === Semicolon) {
      // No '(' or '[' spans a ';': those still open were never closed (a half-edited file), and
      // must not add up over the file into a nesting error instead of syntax errors.
      while (open.length > 0 && !open[open.length - 1]) open.pop();
    }
  }
  return undefined;
}

/** At most this many syntax errors are reported per file; past the first, follow-on errors are noise. */
const MAX_SYNTAX_ERRORS = 20;

/** Preprocesses, lexes and parses one file with the process's single lexer and parser. */
export function parseFile(file: SourceFile, options: ParseOptions): ParsedFile {
  // Bytes that are not text: a NUL, or an invalid UTF-8 sequence (decoded to U+FFFD). Located, and
  // the file is not parsed: what follows would be guesswork.
  const bad = /[\u0000\ufffd]/.exec(file.text);
  if (bad) {
    const unit = new Unit(file, file.text, { locate: (offset) => ({ file, offset }) });
    const what = bad[0] === "\u0000" ? "a NUL byte" : "an invalid byte sequence (the file is neither UTF-8 nor UTF-16 with a byte order mark)";
    return {
      unit,
      document: { kind: "document", declarations: [] },
      diagnostics: [{ code: "MTS2003", severity: "error", message: `${what} in the source`, range: unit.range({ start: bad.index, end: bad.index + 1 }) }],
      includes: [],
    };
  }
  let t = performance.now();
  const pre = preprocess(file, { defines: options.defines, includeDirs: options.includeDirs, host: options.host });
  t = addPhase("preprocess", t);
  const unit = new Unit(file, pre.text, pre.map);
  const diagnostics: Diagnostic[] = [...pre.diagnostics];
  // Like MIDL, stop after preprocessor errors: text after a missing include or an unterminated
  // comment only produces follow-on syntax errors.
  if (hasErrors(pre.diagnostics)) {
    return { unit, document: { kind: "document", declarations: [] }, diagnostics, includes: pre.dependencies };
  }

  const lexed = midlLexer.tokenize(pre.text);
  t = addPhase("lex", t);
  for (const e of lexed.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const ch = pre.text.slice(e.offset, e.offset + e.length);
    diagnostics.push({
      code: "MTS2001",
      severity: "error",
      message: `unexpected character ${JSON.stringify(ch.slice(0, 20))}`,
      range: unit.range({ start: e.offset, end: e.offset + Math.max(1, e.length) }),
    });
  }

  // The parser recurses once per bracket level: refuse pathological nesting before it can exhaust
  // the stack (10,000 nested parentheses), with a located error instead of a crash.
  const tooDeep = findExcessiveNesting(lexed.tokens);
  const empty: Document = { kind: "document", declarations: [] };
  const refuse = (token: IToken, message: string): ParsedFile => {
    midlParser.input = [];
    diagnostics.push({ code: "MTS2002", severity: "error", message, range: unit.range({ start: token.startOffset, end: token.startOffset + token.image.length }) });
    return { unit, document: empty, diagnostics, includes: pre.dependencies };
  };
  if (tooDeep) return refuse(tooDeep.token, tooDeep.message);
  midlParser.input = lexed.tokens;
  let document: Document;
  try {
    document = midlParser.document() ?? empty;
    addPhase("parse", t);
  } catch (e) {
    // Chains that recurse in the parser without deep brackets (`-(-(…`, `(long)(long)…`,
    // `a ? b : c ? …`) stop at the parser's nesting limit; a caller whose stack is already deep
    // can still run out first: then a located error at the statement it ran out in.
    if (e instanceof NestingLimitError) return refuse(e.token, e.message);
    if (e instanceof RangeError) return refuse(statementStart(lexed.tokens, midlParser.position()), "nested too deeply to parse");
    // A fault inside error recovery must not become a stack trace: the syntax errors collected so
    // far are reported, and one more marks where parsing gave up.
    document = empty;
    const at = midlParser.errors[midlParser.errors.length - 1]?.token.startOffset ?? 0;
    diagnostics.push({ code: "MIDL2025", severity: "error", message: "cannot parse this file past this point", range: unit.range({ start: at, end: at }) });
  }
  const deepExpression = midlParser.tooDeepExpression;
  if (deepExpression) return refuse(deepExpression, `expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep`);
  // One error per statement: after a syntax error, recovery often trips again before the next
  // ';' or '}', and those follow-on errors only repeat the first. An error is reported when a
  // statement end lies between it and the previous reported one.
  const ends = lexed.tokens.filter((t) => t.tokenType === Semicolon || t.tokenType === RBrace).map((t) => t.startOffset);
  let previous = -1;
  const errors = [...midlParser.errors].sort((a, b) => offsetOf(a, lexed.tokens, pre.text) - offsetOf(b, lexed.tokens, pre.text));
  for (const e of errors) {
    if (diagnostics.length >= MAX_SYNTAX_ERRORS + pre.diagnostics.length) break;
    const at = e.token.tokenType.name === "EOF" ? previousToken(lexed.tokens, e) : e.token;
    const offset = offsetOf(e, lexed.tokens, pre.text);
    if (previous >= 0 && !hasEndBetween(ends, previous, offset)) continue;
    previous = offset;
    diagnostics.push({
      code: "MIDL2025",
      severity: "error",
      message: syntaxMessage(e),
      range: unit.range({ start: offset, end: offset + (at.image?.length ?? 1) }),
    });
  }
  midlParser.input = []; // do not keep the token vector of the last file alive
  return { unit, document, diagnostics, includes: pre.dependencies };
}

/**
 * The first token of the statement holding `at`: where the stack ran out depends on the machine,
 * the statement it ran out in does not.
 */
function statementStart(tokens: readonly IToken[], at: IToken): IToken {
  let i = tokens.indexOf(at);
  if (i < 0) i = tokens.length;
  while (i > 0) {
    const type = tokens[i - 1]!.tokenType;
    if (type === Semicolon || type === LBrace || type === RBrace) break;
    i--;
  }
  return tokens[i] ?? at;
}

function offsetOf(e: IRecognitionException, tokens: readonly IToken[], text: string): number {
  const at = e.token.tokenType.name === "EOF" ? previousToken(tokens, e) : e.token;
  return Number.isFinite(at.startOffset) ? at.startOffset : text.length;
}

/** True when a statement end (`;` or `}`) lies in [from, to): `ends` is sorted. */
function hasEndBetween(ends: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length && ends[lo]! < to;
}

function previousToken(tokens: readonly IToken[], e: IRecognitionException): IToken {
  const last = (e as { previousToken?: IToken }).previousToken ?? tokens[tokens.length - 1];
  return last ?? e.token;
}

/** A short MIDL-style message: "expecting ';' near '}'". */
function syntaxMessage(e: IRecognitionException): string {
  const found = e.token.tokenType.name === "EOF" ? "end of file" : `'${e.token.image}'`;
  const expected = /Expecting (?:token of type )?--> (.+?) <--/.exec(e.message)?.[1];
  if (e.name === "MismatchedTokenException" && expected) return `expecting ${expected} near ${found}`;
  if (e.name === "NotAllInputParsedException") return `unexpected ${found}: expecting a declaration`;
  if (e.name === "EarlyExitException" || e.name === "NoViableAltException") {
    const where = ruleDescription(e.context.ruleStack);
    return `unexpected ${found}${where ? ` in ${where}` : ""}`;
  }
  return `unexpected ${found}`;
}

const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  attributeList: "attribute list",
  attribute: "attribute",
  attributeArg: "attribute argument",
  parameterList: "parameter list",
  parameter: "parameter",
  typeSpec: "type",
  qualifiedType: "type",
  expression: "expression",
  unaryExpression: "expression",
  primaryExpression: "expression",
  interfaceDecl: "interface",
  dispinterfaceDecl: "dispinterface",
  coclassDecl: "coclass",
  libraryDecl: "library",
  enumSpec: "enum",
  structSpec: "struct",
  declaration: "declaration",
  interfaceMember: "interface member",
};

function ruleDescription(stack: readonly string[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const d = RULE_DESCRIPTIONS[stack[i]!];
    if (d) return d;
  }
  return undefined;
}
