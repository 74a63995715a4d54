/**
 * The MIDL parser: one chevrotain EmbeddedActionsParser building the AST directly (no CST pass).
 *
 * Rules follow the productions of the MIDL language reference
 * (https://learn.microsoft.com/windows/win32/midl/midl-language-reference) and widl's grammar where
 * MIDL is silent; deviations are marked. One instance serves the whole process: set `input` and call
 * `document()` for each file. Error recovery is on so that one run reports many syntax errors.
 */
import type { ILookaheadStrategy, IOrAlt, IToken, OrMethodOpts, Rule, TokenType } from "chevrotain";
import { expressionDepth } from "../src/ast/expression-depth.js";
import type * as A from "../src/ast/nodes.js";
import { chevrotain } from "./chevrotain.js";
import { readLookaheadTable, RecordedLookahead, sourceFingerprint } from "./lookahead.js";
import * as T from "./tokens.js";

const { EarlyExitException, EmbeddedActionsParser, EOF, NoViableAltException } = chevrotain;

/** Attributes whose arguments are types, not expressions. */
const TYPE_ATTRIBUTES = new Set(["switch_type", "wire_marshal", "user_marshal", "transmit_as", "represent_as"]);

/** Tokens that may start a unary expression after a parenthesised type name (decides a cast). */
const CAST_FOLLOWERS = new Set<TokenType>([
  T.IntegerLiteral, T.FloatLiteral, T.CharLiteral, T.StringLiteral, T.Identifier, T.LParen, T.Tilde, T.Bang, T.Minus, T.Plus,
]);

const BASE_TYPE_TOKENS = new Set<TokenType>([
  T.Long, T.Short, T.Int, T.Char, T.Hyper, T.Float, T.Double, T.Void, T.Boolean, T.Byte, T.Small, T.WcharT,
  T.Int8, T.Int16, T.Int32, T.Int64, T.Int3264, T.Unsigned, T.Signed,
]);

function unquote(image: string): { value: string; wide: boolean } {
  const wide = image.startsWith("L");
  const body = image.slice(wide ? 2 : 1, -1);
  if (!body.includes("\\")) return { value: body, wide };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i] ?? "";
    switch (n) {
      case "n": out += "\n"; break;
      case "t": out += "\t"; break;
      case "r": out += "\r"; break;
      case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": {
        let digits = n;
        while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? "")) digits += body[++i];
        out += String.fromCharCode(parseInt(digits, 8));
        break;
      }
      case "x": {
        let digits = "";
        while (/[0-9a-fA-F]/.test(body[i + 1] ?? "")) digits += body[++i];
        out += String.fromCharCode(parseInt(digits || "0", 16));
        break;
      }
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "f": out += "\f"; break;
      case "v": out += "\v"; break;
      default: out += n;
    }
  }
  return { value: out, wide };
}

/** Parses a C integer literal (decimal, hex, octal; suffixes ignored). */
export function parseIntegerLiteral(image: string): bigint {
  const digits = image.replace(/[uUlL]+$/, "");
  if (/^0[xX]/.test(digits)) return BigInt(digits);
  if (digits.length > 1 && digits.startsWith("0")) return BigInt("0o" + digits.slice(1));
  return BigInt(digits);
}

/**
 * Values a rule returns when error recovery abandons it, so callers never see `undefined`. Files
 * with syntax errors are not resolved, so these placeholders never reach the model.
 */
const NO_LOC: A.Loc = { start: 0, end: 0 };

/**
 * A location. Offsets are forced to small integers: while chevrotain records the grammar, tokens
 * have NaN offsets, and a single non-integer stored into a `{start, end}` object turns those fields
 * into boxed doubles for every location of the process (V8 generalizes the shared shape), which
 * tripled the objects of every AST (two heap numbers per location) and the garbage collector's work.
 */
function loc(start: number, end: number): A.Loc {
  return { start: start | 0, end: end | 0 };
}
const ERROR_TYPE: A.NamedTypeSpec = { kind: "named", name: "<error>", args: null, loc: NO_LOC };
const ERROR_DECLARATOR: A.Declarator = { name: null, pointers: [], arrays: [], bits: null, params: null, loc: NO_LOC };
const ERROR_EXPR: A.Expr = { kind: "number", value: 0n, text: "0", loc: NO_LOC };

/**
 * Deepest expression tree the parser hands on. Constant evaluation, the IR and the emitters walk
 * expressions recursively; a 200,000-term `1 + 1 + …` folds (without recursion) into a tree that
 * deep and would overflow their stack. Far beyond anything real IDL writes.
 */
export const MAX_EXPRESSION_DEPTH = 1000;

/**
 * Deepest recursion of the expression rules (one level per unary operator, cast, parenthesis or
 * `?:`). Deterministic where the JS stack is not: with a bigger stack a 20,000-cast chain would
 * parse, and error recovery inside it would cost seconds.
 */
export const MAX_PARSE_NESTING = 200;

/** Tokens of lookahead the grammar needs at most (LL(3): e.g. `[in] long` against `[in, out]`). */
export const MAX_LOOKAHEAD = 3;

/** Thrown out of the parser when expressions nest past MAX_PARSE_NESTING. */
export class NestingLimitError extends Error {
  constructor(readonly token: IToken) {
    super(`expressions nested more than ${MAX_PARSE_NESTING} levels deep`);
  }
}

/** chevrotain's error-recovery state that the parser fills in from the recorded table. */
interface Recoverable {
  resyncFollows: Record<string, TokenType[]>;
}

export class MidlParser extends EmbeddedActionsParser {
  #nesting = 0;

  /**
   * Depth of the expression nodes of the current file that a depth check walked (see `expression`):
   * only long expressions are walked, so this stays empty for real IDL.
   */
  readonly #exprDepth = new Map<A.Expr, number>();
  /** The first token of the first expression deeper than MAX_EXPRESSION_DEPTH; reset with `input`. */
  tooDeepExpression: IToken | undefined;

  /**
   * One copy per file of each token text the tree keeps, and of each integer literal's value. The
   * lexer makes a fresh string for every token; interned, a file's thousands of `id`, `propget`,
   * `VARIANT` or `1000` share one (mshtml.idl: 312,000 strings → 18,000), which the garbage
   * collector then copies once instead of each time.
   */
  readonly #texts = new Map<string, string>();
  readonly #integers = new Map<string, bigint>();

  override set input(tokens: IToken[]) {
    super.input = tokens;
    this.#texts.clear();
    this.#integers.clear();
    this.#exprDepth.clear();
    this.tooDeepExpression = undefined;
    this.#nesting = 0;
  }

  /** Runs one level of expression recursion under MAX_PARSE_NESTING. */
  private nested<T>(body: () => T): T {
    if (++this.#nesting > MAX_PARSE_NESTING) {
      this.#nesting = 0;
      throw new NestingLimitError(this.position());
    }
    try {
      return body();
    } finally {
      this.#nesting = Math.max(0, this.#nesting - 1);
    }
  }

  override get input(): IToken[] {
    return super.input;
  }

  /** The token the parser stands at (after a failure: where it stopped). */
  position(): IToken {
    const t = this.LA(1);
    return Number.isFinite(t.startOffset) ? t : this.LA(0);
  }

  /** Index of the last token consumed (chevrotain's own counter). */
  #tokenIndex(): number {
    return (this as unknown as { currIdx: number }).currIdx;
  }

  /** `lookaheadStrategy`: chevrotain's LL(k) by default; the process's parser answers it from the table built with the package (lookahead.ts). */
  constructor(lookaheadStrategy?: ILookaheadStrategy) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      skipValidations: process.env.MIDL_TS_VALIDATE_GRAMMAR !== "1",
      ...(lookaheadStrategy ? { lookaheadStrategy } : {}),
    });
    this.performSelfAnalysis();
  }

  /**
   * chevrotain runs each step of its grammar analysis (performSelfAnalysis) through this hook. The
   * error-recovery follow sets (its `computeAllProdsFollows` step, ~8 ms of every start) are taken
   * from the table `npm run build` recorded, when it was recorded for this grammar; every other
   * step, and this one without a usable table, runs as usual. A chevrotain release that renamed
   * the step would only lose the shortcut.
   */
  TRACE_INIT(phase: string, impl: () => unknown): unknown {
    if (phase === "Grammar Recording" && this.#takeRecordedGrammar()) return undefined;
    if (phase === "computeAllProdsFollows") {
      const follows = this.#recordedLookahead()?.follows(Object.values(this.getGAstProductions()));
      if (follows !== undefined) {
        (this as unknown as Recoverable).resyncFollows = follows;
        return undefined;
      }
    }
    return (chevrotain.EmbeddedActionsParser.prototype as unknown as { TRACE_INIT(phase: string, impl: () => unknown): unknown }).TRACE_INIT.call(this, phase, impl);
  }

  /** Whether this parser took its grammar from the table (see gast-table.ts) rather than recording it. */
  grammarFromTable = false;

  /**
   * Fills in chevrotain's grammar from the table, when the table was recorded from this very code
   * (`sourceFingerprint`) and has every rule of it; false otherwise (chevrotain then records).
   */
  #takeRecordedGrammar(): boolean {
    const rules = this.#recordedLookahead()?.recordedGrammar(sourceFingerprint(this.constructor as typeof MidlParser, T.allTokens, MAX_LOOKAHEAD));
    const self = this as unknown as { definedRulesNames: string[]; gastProductionsCache: Record<string, Rule> };
    if (rules === undefined || Object.keys(rules).join() !== self.definedRulesNames.join()) return false;
    // Same rules in the same order as a recording would leave them.
    Object.assign(self.gastProductionsCache, rules);
    this.grammarFromTable = true;
    return true;
  }

  /** The lookahead strategy when it answers from the build's table (not a test's own strategy). */
  #recordedLookahead(): RecordedLookahead | undefined {
    const strategy = (this as unknown as { lookaheadStrategy: unknown }).lookaheadStrategy;
    return strategy instanceof RecordedLookahead ? strategy : undefined;
  }

  /** The follow sets error recovery resynchronises on (follow key → token types). */
  followSets(): Readonly<Record<string, readonly TokenType[]>> {
    return (this as unknown as Recoverable).resyncFollows;
  }

  private locFrom(start: IToken | undefined): A.Loc {
    // `start` is undefined while chevrotain records the grammar (rule arguments are not passed then).
    const from = start?.startOffset ?? 0;
    // The lexer tracks only start offsets (cheaper); a token ends where its image does.
    const last = this.LA(0);
    const end = Number.isFinite(last.startOffset) ? last.startOffset + last.image.length : from;
    return loc(from, Math.max(from, end));
  }

  private tokLoc(t: IToken): A.Loc {
    return loc(t.startOffset, t.startOffset + t.image.length);
  }

  /** `const T NAME = v;` declares a constant; `const T *F(...)` is a method returning a const type. */
  private isConstDecl(): boolean {
    if (this.LA(1).tokenType !== T.Const) return false;
    for (let i = 2; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === T.Equals) return true;
      if (t === T.Semicolon || t === T.LParen || t === EOF) return false;
    }
  }

  private ident(t: IToken): A.Ident {
    return { text: this.text(t), loc: this.tokLoc(t) };
  }

  /** The token's text, interned (see #texts). */
  private text(t: IToken): string {
    const image = t.image;
    const known = this.#texts.get(image);
    if (known !== undefined) return known;
    this.#texts.set(image, image);
    return image;
  }

  /** An integer literal's value, parsed once per file per spelling. */
  private integer(text: string): bigint {
    let value = this.#integers.get(text);
    if (value === undefined) {
      value = parseIntegerLiteral(text);
      this.#integers.set(text, value);
    }
    return value;
  }

  // document: declaration*
  public document = this.RULE("document", (): A.Document => {
    const declarations: A.Declaration[] = [];
    this.MANY(() => {
      const d = this.SUBRULE(this.declaration);
      if (d) declarations.push(d);
    });
    return { kind: "document", declarations };
  }, { recoveryValueFunc: () => ({ kind: "document" as const, declarations: [] }) });

  // declaration: import | importlib | cpp_quote | #pragma | midl_pragma | typedef | const | [attrs] (interface | dispinterface | coclass | library | module | type declaration | function)
  private declaration = this.RULE("declaration", (): A.Declaration | undefined => {
    return this.OR<A.Declaration | undefined>({ IGNORE_AMBIGUITIES: true, DEF: [
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.importLibDecl) },
      { ALT: () => this.SUBRULE(this.cppQuote) },
      { ALT: () => this.SUBRULE(this.pragma) },
      { ALT: () => this.SUBRULE(this.midlPragma) },
      { ALT: () => this.SUBRULE(this.typedefDecl) },
      { GATE: () => this.isConstDecl(), ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.externDecl) },
      { ALT: () => this.SUBRULE(this.namespaceDecl) },
      { ALT: () => this.SUBRULE(this.declareDecl) },
      { ALT: () => { this.CONSUME(T.Semicolon); return undefined; } },
      { ALT: () => this.SUBRULE(this.attributedDeclaration) },
    ] });
  });

  private attributedDeclaration = this.RULE("attributedDeclaration", (): A.Declaration => {
    const start = this.LA(1);
    const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
    // WinRT keywords are soft (also Names), so their alternatives come before typeOrMethod and win.
    return this.OR<A.Declaration>({ IGNORE_AMBIGUITIES: true, DEF: [
      { ALT: () => this.SUBRULE(this.delegateDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.apiContractDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.interfaceDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.dispinterfaceDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.coclassDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.libraryDecl, { ARGS: [attributes, start] }) },
      { ALT: () => this.SUBRULE(this.moduleDecl, { ARGS: [attributes, start] }) },
      { ALT: () => {
        // `[hidden] typedef …`: attributes written before the keyword belong to the typedef.
        const t = this.SUBRULE(this.typedefDecl);
        return this.ACTION(() => (t && attributes.length > 0 ? { ...t, attributes: [...attributes, ...t.attributes] } : t)) ?? t;
      } },
      { ALT: () => this.SUBRULE(this.typeOrMethod, { ARGS: [attributes, start] }) },
    ] });
  });

  // namespace A.B.C { declarations }
  private namespaceDecl = this.RULE("namespaceDecl", (): A.NamespaceDecl => {
    const start = this.CONSUME(T.Namespace);
    const name = this.SUBRULE(this.qualifiedName);
    this.CONSUME(T.LBrace);
    const declarations: A.Declaration[] = [];
    this.MANY(() => { const d = this.SUBRULE(this.declaration); if (d) declarations.push(d); });
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "namespace", name, declarations, loc: this.locFrom(start) };
  });

  // declare { interface A.B<T>; … }
  private declareDecl = this.RULE("declareDecl", (): A.DeclareDecl => {
    const start = this.CONSUME(T.Declare);
    this.CONSUME(T.LBrace);
    const instances: A.NamedTypeSpec[] = [];
    this.MANY(() => {
      this.CONSUME(T.Interface);
      instances.push(this.SUBRULE(this.namedType));
      this.CONSUME(T.Semicolon);
    });
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME2(T.Semicolon));
    return { kind: "declare", instances, loc: this.locFrom(start) };
  });

  // delegate RET NAME[<T, …>](params);
  private delegateDecl = this.RULE("delegateDecl", (attributes: A.Attribute[], start: IToken): A.DelegateDecl => {
    this.CONSUME(T.Delegate);
    const { spec } = this.SUBRULE(this.qualifiedType);
    const name = this.ident(this.CONSUME(T.Name));
    const typeParams = this.OPTION(() => this.SUBRULE(this.typeParams)) ?? null;
    const params = this.SUBRULE(this.parameterList);
    this.CONSUME(T.Semicolon);
    return { kind: "delegate", attributes, returnType: spec, name, typeParams, params, loc: this.locFrom(start) };
  });

  // apicontract NAME { }
  private apiContractDecl = this.RULE("apiContractDecl", (attributes: A.Attribute[], start: IToken): A.ApiContractDecl => {
    this.CONSUME(T.ApiContract);
    const name = this.ident(this.CONSUME(T.Name));
    this.CONSUME(T.LBrace);
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "apicontract", attributes, name, loc: this.locFrom(start) };
  });

  // < T, U >   — the type parameters of a parameterized interface or delegate
  private typeParams = this.RULE("typeParams", (): A.Ident[] => {
    this.CONSUME(T.Less);
    const list: A.Ident[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { list.push(this.ident(this.CONSUME(T.Name))); } });
    this.CONSUME(T.Greater);
    return list;
  }, { recoveryValueFunc: () => [] });

  // A.B.C   — a possibly qualified name
  private qualifiedName = this.RULE("qualifiedName", (): A.Ident => {
    const first = this.CONSUME(T.Name);
    let text = first.image;
    this.MANY(() => { this.CONSUME(T.Dot); text += `.${this.CONSUME(T.AnyName).image}`; });
    return { text, loc: this.locFrom(first) };
  }, { recoveryValueFunc: () => ({ text: "<error>", loc: NO_LOC }) });

  // A.B.C[<T, U*>]   — a named type, possibly qualified and parameterized
  private namedType = this.RULE("namedType", (): A.NamedTypeSpec => {
    const start = this.LA(1);
    const name = this.SUBRULE(this.qualifiedName);
    const args = this.OPTION(() => {
      this.CONSUME(T.Less);
      const list: A.TypeRef[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { list.push(this.SUBRULE(this.typeRef)); } });
      this.CONSUME(T.Greater);
      return list;
    }) ?? null;
    return { kind: "named", name: name.text, args, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ERROR_TYPE });

  // import "a.idl", "b.idl";
  private importDecl = this.RULE("importDecl", (): A.ImportDecl => {
    const start = this.CONSUME(T.Import);
    const paths: { path: string; loc: A.Loc }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const s = this.CONSUME(T.StringLiteral);
        paths.push({ path: unquote(s.image).value, loc: this.tokLoc(s) });
      },
    });
    this.CONSUME(T.Semicolon);
    return { kind: "import", paths, loc: this.locFrom(start) };
  });

  // importlib("stdole2.tlb");
  private importLibDecl = this.RULE("importLibDecl", (): A.ImportLibDecl => {
    const start = this.CONSUME(T.ImportLib);
    this.CONSUME(T.LParen);
    const s = this.CONSUME(T.StringLiteral);
    this.CONSUME(T.RParen);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "importlib", path: unquote(s.image).value, loc: this.locFrom(start) };
  });

  // cpp_quote("text")
  private cppQuote = this.RULE("cppQuote", (): A.CppQuoteDecl => {
    const start = this.CONSUME(T.CppQuote);
    this.CONSUME(T.LParen);
    let text = "";
    this.AT_LEAST_ONE(() => {
      text += unquote(this.CONSUME(T.StringLiteral).image).value;
    });
    this.CONSUME(T.RParen);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "cpp_quote", text, loc: this.locFrom(start) };
  });

  private pragma = this.RULE("pragma", (): A.PragmaDecl => {
    const t = this.CONSUME(T.Pragma);
    return { kind: "pragma", text: t.image.replace(/^#\s*pragma\s*/, "").trim(), loc: this.tokLoc(t) };
  });

  // midl_pragma warning ( ... ) ;   — kept as a pragma
  private midlPragma = this.RULE("midlPragma", (): A.PragmaDecl => {
    const start = this.CONSUME(T.MidlPragma);
    const name = this.CONSUME(T.AnyName);
    this.CONSUME(T.LParen);
    this.ACTION(() => {
      let depth = 0;
      while (this.LA(1).tokenType !== EOF && (depth > 0 || this.LA(1).tokenType !== T.RParen)) {
        if (this.LA(1).tokenType === T.LParen) depth++;
        if (this.LA(1).tokenType === T.RParen) depth--;
        this.SKIP_TOKEN();
      }
    });
    this.CONSUME(T.RParen);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "pragma", text: `midl_pragma ${name.image}`, loc: this.locFrom(start) };
  });

  // typedef [attrs] type declarator, declarator;
  private typedefDecl = this.RULE("typedefDecl", (): A.TypedefDecl => {
    const start = this.CONSUME(T.Typedef);
    const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
    const { spec, isConst } = this.SUBRULE(this.qualifiedType);
    const declarators: A.Declarator[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { declarators.push(this.SUBRULE(this.declarator)); } });
    this.CONSUME(T.Semicolon);
    return { kind: "typedef", attributes, type: spec, isConst, declarators, loc: this.locFrom(start) };
  });

  // const type [*] NAME = expr;
  private constDecl = this.RULE("constDecl", (): A.ConstDecl => {
    const start = this.CONSUME(T.Const);
    const type = this.SUBRULE(this.typeSpec);
    let pointers = 0;
    this.MANY(() => { this.CONSUME(T.Star); pointers++; this.OPTION(() => this.CONSUME2(T.Const)); });
    const name = this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    const value = this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
    return { kind: "const", type, pointers, name: this.ident(name), value, loc: this.locFrom(start) };
  });

  // extern [const] type declarator, …;   (widl passes these through to C; they carry no IDL value)
  private externDecl = this.RULE("externDecl", (): A.ExternDecl => {
    const start = this.CONSUME(T.Extern);
    const { spec } = this.SUBRULE(this.qualifiedType);
    const declarators: A.Declarator[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { declarators.push(this.SUBRULE(this.declarator)); } });
    this.CONSUME(T.Semicolon);
    return { kind: "extern", type: spec, declarators, loc: this.locFrom(start) };
  });

  // interface NAME [: BASE] { members } | interface NAME;
  private interfaceDecl = this.RULE("interfaceDecl", (attributes: A.Attribute[], start: IToken): A.InterfaceDecl => {
    this.CONSUME(T.Interface);
    const name = this.ident(this.CONSUME(T.Name));
    const typeParams = this.OPTION3(() => this.SUBRULE(this.typeParams)) ?? null;
    const base = this.OPTION(() => { this.CONSUME(T.Colon); return this.SUBRULE(this.qualifiedName); }) ?? null;
    const requires: A.NamedTypeSpec[] = [];
    this.OPTION4(() => {
      this.CONSUME(T.Requires);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { requires.push(this.SUBRULE(this.namedType)); } });
    });
    const members = this.OR<A.InterfaceMember[] | null>([
      { ALT: () => { this.CONSUME(T.Semicolon); return null; } },
      { ALT: () => {
        this.CONSUME(T.LBrace);
        const list: A.InterfaceMember[] = [];
        this.MANY(() => { const m = this.SUBRULE(this.interfaceMember); if (m) list.push(m); });
        this.CONSUME(T.RBrace);
        this.OPTION2(() => this.CONSUME2(T.Semicolon));
        return list;
      } },
    ]);
    return { kind: "interface", attributes, name, typeParams, base, requires, members, loc: this.locFrom(start) };
  });

  private interfaceMember = this.RULE("interfaceMember", (): A.InterfaceMember | undefined => {
    return this.OR<A.InterfaceMember | undefined>({ IGNORE_AMBIGUITIES: true, DEF: [
      { ALT: () => this.SUBRULE(this.cppQuote) },
      { ALT: () => this.SUBRULE(this.pragma) },
      { ALT: () => this.SUBRULE(this.midlPragma) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.typedefDecl) },
      { GATE: () => this.isConstDecl(), ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.externDecl) },
      { ALT: () => { this.CONSUME(T.Semicolon); return undefined; } },
      { ALT: () => {
        const start = this.LA(1);
        const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
        return this.SUBRULE(this.typeOrMethod, { ARGS: [attributes, start] });
      } },
    ] });
  });

  /**
   * After attributes: a type declaration (`struct X {…};`, `enum E {…};`) or a method
   * `TYPE [*] [callconv] NAME(params);`. Both start with a type, so the type is read first.
   */
  private typeOrMethod = this.RULE("typeOrMethod", (attributes: A.Attribute[], start: IToken): A.TypeDecl | A.MethodDecl => {
    const { spec, isConst } = this.SUBRULE(this.qualifiedType);
    return this.OR<A.TypeDecl | A.MethodDecl>([
      { ALT: () => {
        this.CONSUME(T.Semicolon);
        return { kind: "typedecl", attributes, type: spec as A.StructTypeSpec | A.EnumTypeSpec, loc: this.locFrom(start) };
      } },
      { ALT: () => {
        let pointers = 0;
        this.MANY(() => { this.CONSUME(T.Star); pointers++; this.OPTION(() => this.CONSUME(T.Const)); });
        this.OPTION2(() => this.CONSUME(T.CallConv));
        const name = this.ident(this.CONSUME(T.Name));
        const params = this.SUBRULE(this.parameterList);
        this.OPTION3(() => this.CONSUME2(T.Const));
        this.CONSUME2(T.Semicolon);
        return { kind: "method", attributes, returnType: spec, returnConst: isConst, returnPointers: pointers, name, params, loc: this.locFrom(start) };
      } },
    ]);
  });

  // dispinterface NAME { properties: fields methods: methods } | { interface NAME; } | ;
  private dispinterfaceDecl = this.RULE("dispinterfaceDecl", (attributes: A.Attribute[], start: IToken): A.DispinterfaceDecl => {
    this.CONSUME(T.Dispinterface);
    const name = this.ident(this.CONSUME(T.Name));
    const body = this.OR<A.DispinterfaceDecl["body"]>([
      { ALT: () => { this.CONSUME(T.Semicolon); return null; } },
      { ALT: () => {
        this.CONSUME(T.LBrace);
        const inner = this.OR2<A.DispinterfaceDecl["body"]>([
          { ALT: () => {
            this.CONSUME(T.Interface);
            const iface = this.ident(this.CONSUME2(T.Name));
            this.CONSUME2(T.Semicolon);
            return { form: "interface", interface: iface };
          } },
          { ALT: () => {
            const properties: A.Field[] = [];
            const methods: A.MethodDecl[] = [];
            this.CONSUME(T.Properties);
            this.CONSUME(T.Colon);
            // `methods` is a soft keyword (it may name a type elsewhere), so it ends the property list explicitly.
            this.MANY({
              GATE: () => this.LA(1).tokenType !== T.Methods,
              DEF: () => { const f = this.SUBRULE(this.field); if (f) properties.push(f); },
            });
            this.CONSUME(T.Methods);
            this.CONSUME2(T.Colon);
            this.MANY2(() => {
              const s = this.LA(1);
              const attrs = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
              const m = this.SUBRULE(this.typeOrMethod, { ARGS: [attrs, s] });
              if (m && m.kind === "method") methods.push(m);
            });
            return { form: "members", properties, methods };
          } },
        ]);
        this.CONSUME(T.RBrace);
        this.OPTION2(() => this.CONSUME3(T.Semicolon));
        return inner;
      } },
    ]);
    return { kind: "dispinterface", attributes, name, body, loc: this.locFrom(start) };
  });

  // coclass NAME { [attrs] interface X; [attrs] dispinterface Y; }
  private coclassDecl = this.RULE("coclassDecl", (attributes: A.Attribute[], start: IToken): A.CoclassDecl => {
    const keyword = this.OR3<"coclass" | "runtimeclass">([
      { ALT: () => { this.CONSUME(T.Coclass); return "coclass"; } },
      { ALT: () => { this.CONSUME(T.RuntimeClass); return "runtimeclass"; } },
    ]);
    const name = this.ident(this.CONSUME(T.Name));
    const members = this.OR<A.CoclassMember[] | null>([
      { ALT: () => { this.CONSUME(T.Semicolon); return null; } },
      { ALT: () => {
        this.CONSUME(T.LBrace);
        const list: A.CoclassMember[] = [];
        this.MANY(() => {
          const s = this.LA(1);
          const attrs = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
          const kw = this.OR2<"interface" | "dispinterface">([
            { ALT: () => { this.CONSUME(T.Interface); return "interface"; } },
            { ALT: () => { this.CONSUME(T.Dispinterface); return "dispinterface"; } },
          ]);
          const t = this.SUBRULE(this.namedType);
          this.CONSUME2(T.Semicolon);
          list.push({ attributes: attrs, keyword: kw, name: { text: t.name, loc: t.loc }, args: t.args, loc: this.locFrom(s) });
        });
        this.CONSUME(T.RBrace);
        this.OPTION2(() => this.CONSUME3(T.Semicolon));
        return list;
      } },
    ]);
    return { kind: "coclass", keyword, attributes, name, members, loc: this.locFrom(start) };
  });

  // library NAME { declarations }
  private libraryDecl = this.RULE("libraryDecl", (attributes: A.Attribute[], start: IToken): A.LibraryDecl => {
    this.CONSUME(T.Library);
    const name = this.ident(this.CONSUME(T.Name));
    this.CONSUME(T.LBrace);
    const declarations: A.Declaration[] = [];
    this.MANY(() => { const d = this.SUBRULE(this.declaration); if (d) declarations.push(d); });
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "library", attributes, name, declarations, loc: this.locFrom(start) };
  });

  // module NAME { members }
  private moduleDecl = this.RULE("moduleDecl", (attributes: A.Attribute[], start: IToken): A.ModuleDecl => {
    this.CONSUME(T.Module);
    const name = this.ident(this.CONSUME(T.Name));
    this.CONSUME(T.LBrace);
    const members: A.InterfaceMember[] = [];
    this.MANY(() => { const m = this.SUBRULE(this.interfaceMember); if (m) members.push(m); });
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return { kind: "module", attributes, name, members, loc: this.locFrom(start) };
  });

  // [ attribute, attribute(args), ... ]   (adjacent lists are merged, as MIDL allows)
  private attributeList = this.RULE("attributeList", (): A.Attribute[] => {
    const list: A.Attribute[] = [];
    // Entries may be empty (`[uuid(…), , object,]`): real IDL defines attributes away with macros.
    this.AT_LEAST_ONE(() => {
      this.CONSUME(T.LBracket);
      this.OPTION(() => { const a = this.SUBRULE(this.attribute); if (a) list.push(a); });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => { const a = this.SUBRULE2(this.attribute); if (a) list.push(a); });
      });
      this.CONSUME(T.RBracket);
    });
    return list;
  }, { recoveryValueFunc: () => [] });

  private attribute = this.RULE("attribute", (): A.Attribute => {
    const nameTok = this.CONSUME(T.AnyName);
    const name = this.text(nameTok);
    const args = this.OPTION(() => {
      const open = this.CONSUME(T.LParen);
      // Arguments may be empty (`size_is(, *pcount)`): each comma opens a slot.
      const slots: (A.AttributeArg | null)[] = [null];
      const at = (t: IToken): A.AttributeArg => ({ kind: "empty", loc: loc(t.startOffset, t.startOffset) });
      this.OPTION2(() => { slots[0] = this.SUBRULE(this.attributeArg, { ARGS: [name] }); });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        slots.push(null);
        this.OPTION3(() => { slots[slots.length - 1] = this.SUBRULE2(this.attributeArg, { ARGS: [name] }); });
      });
      this.CONSUME(T.RParen);
      if (slots.length === 1 && slots[0] === null) return [];
      return slots.map((a) => a ?? at(open));
    }) ?? null;
    return { name, args, loc: this.locFrom(nameTok) };
  });

  private attributeArg = this.RULE("attributeArg", (attrName: string): A.AttributeArg => {
    const start = this.LA(1);
    return this.OR<A.AttributeArg>([
      { ALT: () => { const t = this.CONSUME(T.UuidLiteral); return { kind: "uuid", text: t.image, loc: this.tokLoc(t) }; } },
      {
        GATE: () => TYPE_ATTRIBUTES.has(attrName),
        ALT: () => { const type = this.SUBRULE(this.typeRef); return { kind: "type", type, loc: this.locFrom(start) }; },
      },
      { ALT: () => { const expr = this.SUBRULE(this.expression); return { kind: "expr", expr, loc: this.locFrom(start) }; } },
    ]);
  });

  // [const] type-specifier [const]
  private qualifiedType = this.RULE("qualifiedType", (): { spec: A.TypeSpec; isConst: boolean } => {
    let isConst = false;
    this.MANY(() => { this.OR([{ ALT: () => this.CONSUME(T.Const) }, { ALT: () => this.CONSUME(T.Volatile) }]); isConst = true; });
    const spec = this.SUBRULE(this.typeSpec);
    this.MANY2(() => { this.OR2([{ ALT: () => this.CONSUME2(T.Const) }, { ALT: () => this.CONSUME2(T.Volatile) }]); isConst = true; });
    return { spec, isConst };
  }, { recoveryValueFunc: () => ({ spec: ERROR_TYPE, isConst: false }) });

  // A type used in a cast, sizeof or SAFEARRAY(...): qualified type and pointer levels.
  private typeRef = this.RULE("typeRef", (): A.TypeRef => {
    const start = this.LA(1);
    const { spec, isConst } = this.SUBRULE(this.qualifiedType);
    let pointers = 0;
    this.MANY(() => { this.CONSUME(T.Star); pointers++; this.OPTION(() => this.CONSUME(T.Const)); });
    return { spec, isConst, pointers, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ({ spec: ERROR_TYPE, isConst: false, pointers: 0, loc: NO_LOC }) });

  // Built once, like the expression rules' alternatives below: a type is parsed for every member
  // and parameter, and an inline OR allocates its alternatives on each call.
  readonly #typeSpecAlternatives: OrMethodOpts<A.TypeSpec> = { IGNORE_AMBIGUITIES: true, DEF: [
    { ALT: () => this.SUBRULE(this.baseType) },
    { ALT: () => this.SUBRULE(this.structSpec) },
    { ALT: () => this.SUBRULE(this.enumSpec) },
    { ALT: () => {
      // SAFEARRAY(T) is a typed array; a bare SAFEARRAY names the untyped descriptor type.
      const start = this.CONSUME(T.SafeArray);
      const element = this.OPTION(() => {
        this.CONSUME(T.LParen);
        const e = this.SUBRULE(this.typeRef);
        this.CONSUME(T.RParen);
        return e;
      });
      if (element === undefined) return { kind: "named", name: "SAFEARRAY", args: null, loc: this.tokLoc(start) };
      return { kind: "safearray", element, loc: this.locFrom(start) };
    } },
    { ALT: () => this.SUBRULE(this.namedType) },
  ] };

  // SAFEARRAY is also a Name (it can be declared); its own alternative comes first and wins.
  private typeSpec = this.RULE("typeSpec", (): A.TypeSpec => this.OR(this.#typeSpecAlternatives), { recoveryValueFunc: () => ERROR_TYPE });

  readonly #baseTypeWords: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Unsigned) }, { ALT: () => this.CONSUME(T.Signed) },
    { ALT: () => this.CONSUME(T.Long) }, { ALT: () => this.CONSUME(T.Short) }, { ALT: () => this.CONSUME(T.Int) },
    { ALT: () => this.CONSUME(T.Char) }, { ALT: () => this.CONSUME(T.Hyper) }, { ALT: () => this.CONSUME(T.Float) },
    { ALT: () => this.CONSUME(T.Double) }, { ALT: () => this.CONSUME(T.Void) }, { ALT: () => this.CONSUME(T.Boolean) },
    { ALT: () => this.CONSUME(T.Byte) }, { ALT: () => this.CONSUME(T.Small) }, { ALT: () => this.CONSUME(T.WcharT) },
    { ALT: () => this.CONSUME(T.Int8) }, { ALT: () => this.CONSUME(T.Int16) }, { ALT: () => this.CONSUME(T.Int32) },
    { ALT: () => this.CONSUME(T.Int64) }, { ALT: () => this.CONSUME(T.Int3264) },
  ];

  /** Built-in type keywords; `unsigned`/`signed` alone mean int, `long int` means long, `long long` means hyper. */
  private baseType = this.RULE("baseType", (): A.BaseTypeSpec => {
    const start = this.LA(1);
    const words: string[] = [];
    this.AT_LEAST_ONE({
      GATE: () => BASE_TYPE_TOKENS.has(this.LA(1).tokenType),
      DEF: () => {
        const t = this.OR(this.#baseTypeWords);
        words.push(this.text(t));
      },
    });
    return this.ACTION(() => normaliseBaseType(words, this.locFrom(start))) as A.BaseTypeSpec;
  }, { recoveryValueFunc: () => ({ kind: "base" as const, name: "int", unsigned: false, loc: NO_LOC }) });

  // struct|union [TAG] [{ fields }]
  private structSpec = this.RULE("structSpec", (): A.StructTypeSpec => {
    const start = this.LA(1);
    const kind = this.OR<"struct" | "union">([
      { ALT: () => { this.CONSUME(T.Struct); return "struct"; } },
      { ALT: () => { this.CONSUME(T.Union); return "union"; } },
    ]);
    const tag = this.OPTION(() => this.ident(this.CONSUME(T.Name))) ?? null;
    // Encapsulated union: union [TAG] switch (TYPE NAME) [ARM] { case X: field … default: field }
    const sw = this.OPTION3(() => {
      this.CONSUME(T.Switch);
      this.CONSUME(T.LParen);
      const { spec } = this.SUBRULE(this.qualifiedType);
      const name = this.ident(this.CONSUME2(T.Name));
      this.CONSUME(T.RParen);
      const arm = this.OPTION4(() => this.ident(this.CONSUME3(T.Name))) ?? null;
      return { type: spec, name, arm };
    }) ?? null;
    const fields = this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      const list: A.Field[] = [];
      this.MANY(() => {
        const labels: A.Attribute[] = [];
        this.MANY2(() => { labels.push(this.SUBRULE(this.caseLabel)); });
        const f = this.SUBRULE(this.field);
        this.ACTION(() => { if (f) list.push(labels.length > 0 ? { ...f, attributes: [...labels, ...f.attributes] } : f); });
      });
      this.CONSUME(T.RBrace);
      return list;
    }) ?? null;
    return { kind, tag, switch: sw, fields, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ({ kind: "struct" as const, tag: null, switch: null, fields: null, loc: NO_LOC }) });

  // case X: | case X, Y: | default:   — in an encapsulated union, written as the arm's attributes
  private caseLabel = this.RULE("caseLabel", (): A.Attribute => {
    const start = this.LA(1);
    return this.OR<A.Attribute>([
      { ALT: () => {
        this.CONSUME(T.Case);
        const args: A.AttributeArg[] = [];
        this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => {
          const s = this.LA(1);
          const expr = this.SUBRULE(this.expression);
          args.push({ kind: "expr", expr, loc: this.locFrom(s) });
        } });
        this.CONSUME(T.Colon);
        return { name: "case", args, loc: this.locFrom(start) };
      } },
      { ALT: () => { this.CONSUME(T.Default); this.CONSUME2(T.Colon); return { name: "default", args: null, loc: this.locFrom(start) }; } },
    ]);
  });

  // [attrs] type declarator, declarator;   |   [attrs] ;   (an empty union arm: `[case(VT_EMPTY)] ;`)
  private field = this.RULE("field", (): A.Field => {
    const start = this.LA(1);
    const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
    const body = this.OPTION2(() => {
      const { spec, isConst } = this.SUBRULE(this.qualifiedType);
      const declarators: A.Declarator[] = [];
      this.MANY_SEP({ SEP: T.Comma, DEF: () => { declarators.push(this.SUBRULE(this.declarator)); } });
      return { spec, isConst, declarators };
    });
    this.CONSUME(T.Semicolon);
    if (!body) return { attributes, type: { kind: "base", name: "void", unsigned: false, loc: this.locFrom(start) }, isConst: false, declarators: [], loc: this.locFrom(start) };
    return { attributes, type: body.spec, isConst: body.isConst, declarators: body.declarators, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ({ attributes: [], type: ERROR_TYPE, isConst: false, declarators: [], loc: NO_LOC }) });

  // enum [TAG] [{ A = 1, B, }]
  private enumSpec = this.RULE("enumSpec", (): A.EnumTypeSpec => {
    const start = this.CONSUME(T.Enum);
    const tag = this.OPTION(() => this.ident(this.CONSUME(T.Name))) ?? null;
    const members = this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      const list: A.EnumMember[] = [];
      const member = (m: A.EnumMember) => list.push(m);
      this.OPTION3(() => {
        member(this.SUBRULE(this.enumMember));
        // Members are comma-separated; a trailing comma before '}' is allowed.
        this.MANY({
          GATE: () => this.LA(2).tokenType !== T.RBrace,
          DEF: () => { this.CONSUME(T.Comma); member(this.SUBRULE2(this.enumMember)); },
        });
        this.OPTION4(() => this.CONSUME2(T.Comma));
      });
      this.CONSUME(T.RBrace);
      return list;
    }) ?? null;
    return { kind: "enum", tag, members, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ({ kind: "enum" as const, tag: null, members: null, loc: NO_LOC }) });

  // [attrs] NAME [= expr]
  private enumMember = this.RULE("enumMember", (): A.EnumMember => {
    const s = this.LA(1);
    const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
    const name = this.ident(this.CONSUME(T.Name));
    const value = this.OPTION2(() => { this.CONSUME(T.Equals); return this.SUBRULE(this.expression); }) ?? null;
    return { attributes, name, value, loc: this.locFrom(s) };
  }, { recoveryValueFunc: () => ({ attributes: [], name: { text: "<error>", loc: NO_LOC }, value: null, loc: NO_LOC }) });

  /**
   * declarator: pointer* [callconv] (NAME | '(' declarator ')')? array* ['(' params ')'] [':' bits]
   * The name is optional so the same rule reads abstract parameter declarators (`long *`).
   */
  private declarator = this.RULE("declarator", (): A.Declarator => {
    const start = this.LA(1);
    const pointers: { isConst: boolean }[] = [];
    // Pointer levels, with calling conventions allowed among them (`__stdcall *pfn`, `* WINAPI pfn`).
    this.MANY(() => {
      this.OR3([
        { ALT: () => {
          this.CONSUME(T.Star);
          const c = this.OPTION(() => this.CONSUME(T.Const)) !== undefined;
          pointers.push({ isConst: c });
        } },
        { ALT: () => { this.CONSUME(T.CallConv); } },
      ]);
    });
    let name: A.Ident | null = null;
    let params: A.Param[] | null = null;
    let innerPointers: readonly { isConst: boolean }[] | undefined;
    this.OPTION3(() => {
      this.OR([
        { ALT: () => { name = this.ident(this.CONSUME(T.Name)); } },
        {
          GATE: () => this.LA(2).tokenType === T.Star || this.LA(2).tokenType === T.CallConv,
          ALT: () => {
            this.CONSUME(T.LParen);
            const inner = this.SUBRULE(this.declarator);
            this.CONSUME(T.RParen);
            this.ACTION(() => {
              name = inner.name;
              innerPointers = inner.pointers;
            });
          },
        },
      ]);
    });
    const arrays: A.ArrayDim[] = [];
    this.MANY2(() => {
      const s = this.CONSUME(T.LBracket);
      const size = this.OPTION4(() => this.OR2<A.Expr | null>({ IGNORE_AMBIGUITIES: true, DEF: [
        // `[*]` is a conformant dimension; `[*p]` is a size expression.
        { GATE: () => this.LA(2).tokenType === T.RBracket, ALT: () => { this.CONSUME2(T.Star); return null; } },
        { ALT: () => this.SUBRULE(this.expression) },
      ] })) ?? null;
      this.CONSUME(T.RBracket);
      arrays.push({ size, loc: this.locFrom(s) });
    });
    this.OPTION5(() => { params = this.SUBRULE(this.parameterList); });
    const bits = this.OPTION6(() => { this.CONSUME(T.Colon); return this.SUBRULE2(this.expression); }) ?? null;
    // Without parameters, `(*p)` is only grouping: its pointers are ordinary ones.
    if (innerPointers && !params) return { name, pointers: [...pointers, ...innerPointers], arrays, bits, params, loc: this.locFrom(start) };
    return { name, pointers, arrays, bits, params, ...(innerPointers ? { innerPointers } : {}), loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ERROR_DECLARATOR });

  // ( void ) | ( param, param ) | ( )
  private parameterList = this.RULE("parameterList", (): A.Param[] => {
    this.CONSUME(T.LParen);
    const params: A.Param[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => { const p = this.SUBRULE(this.parameter); if (p) params.push(p); } });
    this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const only = params[0];
      if (params.length === 1 && only && only.type.kind === "base" && only.type.name === "void" && only.declarator.pointers.length === 0 && !only.declarator.name) return [];
      return params;
    }) ?? params;
  }, { recoveryValueFunc: () => [] });

  private parameter = this.RULE("parameter", (): A.Param => {
    const start = this.LA(1);
    const attributes = this.OPTION(() => this.SUBRULE(this.attributeList)) ?? [];
    const { spec, isConst } = this.SUBRULE(this.qualifiedType);
    const declarator = this.SUBRULE(this.declarator);
    return { attributes, type: spec, isConst, declarator, loc: this.locFrom(start) };
  }, { recoveryValueFunc: () => ({ attributes: [], type: ERROR_TYPE, isConst: false, declarator: ERROR_DECLARATOR, loc: NO_LOC }) });

  // ---------------------------------------------------------------------------------------------
  // Expressions: conditional over a flat operator list folded by precedence (shallow recursion).

  public expression = this.RULE("expression", (): A.Expr => {
    const start = this.LA(1);
    const from = this.#tokenIndex();
    const test = this.SUBRULE(this.binaryExpression);
    const rest = this.OPTION(() => {
      this.CONSUME(T.Question);
      return this.nested(() => {
        const then = this.SUBRULE(this.expression);
        this.CONSUME(T.Colon);
        const otherwise = this.SUBRULE2(this.expression);
        return { then, otherwise };
      });
    });
    const e: A.Expr = rest ? { kind: "conditional", test, then: rest.then, else: rest.otherwise, loc: this.locFrom(start) } : test;
    // Every node of the tree but a leaf consumed a token of its own (an operator, a bracket, a
    // `?`), so a tree has at most one level more than the tokens it spans: only a long
    // expression can be too deep, and only a long one is walked.
    if (this.tooDeepExpression === undefined && this.#tokenIndex() - from >= MAX_EXPRESSION_DEPTH && expressionDepth(e, this.#exprDepth) > MAX_EXPRESSION_DEPTH) {
      this.tooDeepExpression = start;
    }
    return e;
  }, { recoveryValueFunc: () => ERROR_EXPR });

  private binaryExpression = this.RULE("binaryExpression", (): A.Expr => {
    const first = this.SUBRULE(this.unaryExpression);
    // Most expressions are one operand (every `id(5)`): no lists for them.
    let operands: A.Expr[] | undefined;
    let ops: IToken[] | undefined;
    this.MANY(() => {
      (ops ??= []).push(this.CONSUME(T.BinaryOp));
      (operands ??= [first]).push(this.SUBRULE2(this.unaryExpression));
    });
    return ops === undefined ? first : (this.ACTION(() => foldBinary(operands!, ops!)) as A.Expr);
  }, { recoveryValueFunc: () => ERROR_EXPR });

  readonly #unaryOperators: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Tilde) },
    { ALT: () => this.CONSUME(T.Bang) }, { ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Amp) },
  ];

  readonly #unaryAlternatives: IOrAlt<A.Expr>[] = [
    { ALT: () => {
      const start = this.LA(1);
      const op = this.OR2(this.#unaryOperators);
      const operand = this.SUBRULE(this.unaryExpression);
      return { kind: "unary", op: op.image as "-", operand, loc: this.locFrom(start) };
    } },
    {
      // A cast: '(' type ')' followed by something that starts an operand.
      GATE: () => this.isCast(),
      ALT: () => {
        const start = this.CONSUME(T.LParen);
        const type = this.SUBRULE(this.typeRef);
        this.CONSUME(T.RParen);
        const operand = this.SUBRULE2(this.unaryExpression);
        return { kind: "cast", type, operand, loc: this.locFrom(start) };
      },
    },
    { ALT: () => this.SUBRULE(this.postfixExpression) },
  ];

  readonly #unaryBody = (): A.Expr => this.OR<A.Expr>(this.#unaryAlternatives);

  private unaryExpression = this.RULE("unaryExpression", (): A.Expr => this.nested(this.#unaryBody), { recoveryValueFunc: () => ERROR_EXPR });

  private isCast(): boolean {
    if (this.LA(1).tokenType !== T.LParen) return false;
    const t2 = this.LA(2).tokenType;
    if (BASE_TYPE_TOKENS.has(t2) || t2 === T.Struct || t2 === T.Union || t2 === T.Enum || t2 === T.Const) return true;
    if (t2 !== T.Identifier) return false;
    let i = 3;
    while (this.LA(i).tokenType === T.Star) i++;
    if (this.LA(i).tokenType !== T.RParen) return false;
    return i > 3 || CAST_FOLLOWERS.has(this.LA(i + 1).tokenType);
  }

  private postfixExpression = this.RULE("postfixExpression", (): A.Expr => {
    const start = this.LA(1);
    let expr = this.SUBRULE(this.primaryExpression);
    this.MANY(() => {
      this.OR([
        { ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(T.Dot) }, { ALT: () => this.CONSUME(T.Arrow) }]);
          const member = this.CONSUME(T.AnyName);
          expr = { kind: "member", object: expr, op: op.image as "." | "->", member: member.image, loc: this.locFrom(start) };
        } },
        { ALT: () => {
          this.CONSUME(T.LBracket);
          const index = this.SUBRULE(this.expression);
          this.CONSUME(T.RBracket);
          expr = { kind: "index", object: expr, index, loc: this.locFrom(start) };
        } },
      ]);
    });
    return expr;
  }, { recoveryValueFunc: () => ERROR_EXPR });

  // The alternatives of the expression rules are built once, not on every call: expressions are
  // the most frequent rules of real IDL (every attribute argument), and the arrays and closures of
  // an inline OR were a large share of what parsing allocated.
  readonly #primaryAlternatives: IOrAlt<A.Expr>[] = [
    { ALT: () => {
      const t = this.CONSUME(T.IntegerLiteral);
      const text = this.text(t);
      return { kind: "number", value: this.ACTION(() => this.integer(text)) ?? 0n, text, loc: this.tokLoc(t) };
    } },
    { ALT: () => {
      const t = this.CONSUME(T.FloatLiteral);
      return { kind: "float", value: parseFloat(t.image), text: t.image, loc: this.tokLoc(t) };
    } },
    { ALT: () => {
      const first = this.LA(1);
      let value = "";
      let wide = false;
      this.AT_LEAST_ONE(() => {
        const s = unquote(this.CONSUME(T.StringLiteral).image);
        value += s.value;
        wide ||= s.wide;
      });
      return { kind: "string", value, wide, loc: this.locFrom(first) };
    } },
    { ALT: () => {
      const t = this.CONSUME(T.CharLiteral);
      return { kind: "char", value: unquote(t.image).value.charCodeAt(0) || 0, loc: this.tokLoc(t) };
    } },
    { ALT: () => {
      const t = this.CONSUME(T.Sizeof);
      this.CONSUME2(T.LParen);
      const type = this.SUBRULE(this.typeRef);
      this.CONSUME2(T.RParen);
      return { kind: "sizeof", type, loc: this.locFrom(t) };
    } },
    { ALT: () => { const t = this.CONSUME(T.Name); return { kind: "name", name: this.text(t), loc: this.tokLoc(t) }; } },
    { ALT: () => {
      this.CONSUME(T.LParen);
      const e = this.SUBRULE(this.expression);
      this.CONSUME(T.RParen);
      return e;
    } },
  ];

  private primaryExpression = this.RULE("primaryExpression", (): A.Expr => this.OR<A.Expr>(this.#primaryAlternatives), { recoveryValueFunc: () => ERROR_EXPR });
}

function normaliseBaseType(words: readonly string[], loc: A.Loc): A.BaseTypeSpec {
  let unsigned = false;
  const rest: string[] = [];
  for (const w of words) {
    if (w === "unsigned") unsigned = true;
    else if (w !== "signed") rest.push(w);
  }
  let name: string;
  if (rest.length === 0) name = "int";
  else if (rest.includes("hyper") || rest.includes("__int64") || rest.filter((w) => w === "long").length >= 2) name = "hyper";
  else if (rest.includes("long")) name = rest.includes("double") ? "double" : "long";
  else if (rest.includes("short")) name = "short";
  else name = rest[rest.length - 1]!;
  return { kind: "base", name, unsigned, loc };
}

/** An operator's spelling: its token type's pattern (one shared string), not the lexer's copy. */
function operatorText(op: IToken): string {
  const pattern = op.tokenType.PATTERN;
  return typeof pattern === "string" ? pattern : op.image;
}

function foldBinary(operands: A.Expr[], ops: IToken[]): A.Expr {
  if (ops.length === 1) {
    // The usual case (`BASE + 5` in every dispid): no operator stack.
    const left = operands[0]!;
    const right = operands[1]!;
    return { kind: "binary", op: operatorText(ops[0]!), left, right, loc: loc(left.loc.start, right.loc.end) };
  }
  // Shunting-yard: no recursion, so long operator chains cannot overflow the stack.
  const out: A.Expr[] = [operands[0]!];
  const stack: IToken[] = [];
  const prec = (t: IToken) => T.binaryOperators.get(t.tokenType) ?? 0;
  const reduce = () => {
    const op = stack.pop()!;
    const right = out.pop()!;
    const left = out.pop()!;
    out.push({ kind: "binary", op: operatorText(op), left, right, loc: loc(left?.loc.start ?? 0, right?.loc.end ?? 0) });
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    while (stack.length > 0 && prec(stack[stack.length - 1]!) >= prec(op)) reduce();
    stack.push(op);
    out.push(operands[i + 1]!);
  }
  while (stack.length > 0) reduce();
  return out[0]!;
}

/**
 * Chevrotain words no-viable-alternative and early-exit errors by enumerating every lookahead path
 * of the failed alternatives, which costs seconds per error on this grammar (k = 4, many
 * alternatives: `im)` took 2.5 s). Our diagnostics name the found token and the rule instead, so
 * these internal methods are replaced by ones that raise the same exceptions without the paths.
 */
interface RecognizerInternals {
  SAVE_ERROR(error: Error): Error;
  LA(howMuch: number): IToken;
}
const recognizer = MidlParser.prototype as unknown as Record<string, unknown>;
recognizer["raiseNoAltException"] = function (this: RecognizerInternals): never {
  throw this.SAVE_ERROR(new NoViableAltException(`unexpected '${this.LA(1).image}'`, this.LA(1), this.LA(0)));
};
recognizer["raiseEarlyExitException"] = function (this: RecognizerInternals): never {
  throw this.SAVE_ERROR(new EarlyExitException(`unexpected '${this.LA(1).image}'`, this.LA(1), this.LA(0)));
};

/** The fingerprint of a parser's code (see `sourceFingerprint`), and whether it took its grammar from the table. */
export interface GrammarSource {
  readonly fingerprint: string;
  readonly fromTable: boolean;
}

/** The grammar source of the process's parser. */
export function grammarSource(): GrammarSource {
  return { fingerprint: sourceFingerprint(MidlParser, T.allTokens, MAX_LOOKAHEAD), fromTable: midlParser.grammarFromTable };
}

/** The one parser instance of the process (chevrotain parsers are costly to build, cheap to reuse). */
export const midlParser = new MidlParser(new RecordedLookahead(readLookaheadTable(), T.allTokens, MAX_LOOKAHEAD));
