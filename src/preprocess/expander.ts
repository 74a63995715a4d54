import type { PpLexer } from "./lexer.js";
import { builtinMacros, type Macro } from "./macros.js";
import { substitute, type SubstitutionContext } from "./substitute.js";
import { Token, TokenKind } from "./tokens.js";

/** Most macro replacements one invocation (or one directive's operand) may perform. */
export const MAX_REPLACEMENTS = 100_000;
/** Most tokens one invocation's expansion may create, counting intermediate results. */
export const MAX_EXPANSION_TOKENS = 1_000_000;
/** Deepest nesting of macro calls inside macro arguments. */
export const MAX_ARGUMENT_NESTING = 200;

/** What the expander needs from the preprocessor. */
export interface ExpanderHost {
  readonly macros: ReadonlyMap<string, Macro>;
  /** Reports an error located in the file being processed. */
  error(code: string, message: string, start: number, end: number): void;
  /** The path of the file being processed, for `__FILE__`. */
  currentPath(): string;
  /** The 1-based line of an offset of the file being processed, for `__LINE__`. */
  lineAt(offset: number): number;
}

/**
 * Macro expansion by Prosser's algorithm: every token carries a hide set of the macros that produced
 * it, a macro is never expanded again inside its own expansion, and arguments are fully expanded
 * before they are substituted (except next to `#`/`##`). Work happens on an explicit stack of pending
 * tokens, so long expansions do not recurse; only macro calls nested in arguments recurse, to a bounded
 * depth. Each top-level expansion has a budget; running out reports MTS1010 and abandons the expansion.
 */
export class Expander {
  #replacements = 0;
  #tokens = 0;
  #depth = 0;
  #failed = false;
  #root: Token | undefined;
  #condition = false;
  #contextFree = true;
  #consulted: Set<string> | undefined;

  constructor(private readonly host: ExpanderHost) {}

  /** The macro named `name`, user-defined or built in. */
  lookup(name: string): Macro | undefined {
    return this.host.macros.get(name) ?? builtinMacros.get(name);
  }

  /**
   * Expands the macro invocation starting with identifier `name`, reading further tokens (arguments)
   * from `source`, which is left after the last token used. Returns undefined when the invocation is
   * bad or too large (a diagnostic was reported); the caller then keeps the source text as it is.
   * `consulted`, when given, receives every name the expansion looked up as a macro: a `#define`
   * or `#undef` of any other name cannot change what it produced.
   */
  expandInvocation(name: Token, source: PpLexer, consulted?: Set<string>): Token[] | undefined {
    this.#begin(name);
    this.#consulted = consulted;
    const out: Token[] = [];
    this.#rescan([name], source, out);
    return this.#failed ? undefined : out;
  }

  /**
   * True when the last expansion depended on nothing but the macro definitions: it used no
   * built-in macro (`__FILE__`, `__LINE__`) and read nothing after the invocation, not even to see
   * whether a `(` follows. Expanding the same invocation anywhere else, under the same definitions,
   * gives the same tokens.
   */
  get contextFree(): boolean {
    return this.#contextFree;
  }

  /**
   * Fully expands a directive's operand tokens; undefined when expansion failed (reported). In a
   * `#if` condition (`condition`), the operand of a `defined` that a macro produced is not expanded,
   * so that `#define HAVE_X defined(X)` works as it does with GCC and MSVC.
   */
  expandList(tokens: readonly Token[], condition = false): Token[] | undefined {
    this.#begin(undefined);
    this.#condition = condition;
    const out: Token[] = [];
    this.#rescan(tokens.slice().reverse(), undefined, out);
    return this.#failed ? undefined : out;
  }

  #begin(root: Token | undefined): void {
    this.#replacements = 0;
    this.#tokens = 0;
    this.#depth = 0;
    this.#failed = false;
    this.#root = root;
    this.#condition = false;
    this.#contextFree = true;
    this.#consulted = undefined;
  }

  /** Processes `pending` (a stack: next token last) until it is empty, appending finished tokens to `out`. */
  #rescan(pending: Token[], source: PpLexer | undefined, out: Token[]): void {
    for (let t = pending.pop(); t !== undefined && !this.#failed; t = pending.pop()) {
      if (t.kind !== TokenKind.Identifier || t.hide.has(t.text)) {
        out.push(t);
        continue;
      }
      if (this.#condition && t.text === "defined") {
        out.push(t);
        protectDefinedOperand(pending, out);
        continue;
      }
      this.#consulted?.add(t.text);
      const macro = this.lookup(t.text);
      if (macro === undefined) out.push(t);
      else if (macro.builtin !== undefined) out.push(this.#builtin(macro, t));
      else if (!macro.functionLike) this.#replace(macro, t, [], t.hide.add(macro.name), pending);
      else if (!this.#nextIsParen(pending, source)) out.push(t);
      else {
        const call = this.#collectArguments(macro, t, pending, source);
        if (call !== undefined) this.#replace(macro, t, call.args, t.hide.intersect(call.close.hide).add(macro.name), pending);
      }
    }
  }

  /** Reads a function-like macro's parenthesized arguments; undefined (reported) when they are bad. */
  #collectArguments(
    macro: Macro,
    name: Token,
    pending: Token[],
    source: PpLexer | undefined,
  ): { args: Token[][]; close: Token } | undefined {
    const next = (): Token | undefined => pending.pop() ?? this.#fromSource(source);
    next(); // the `(`
    const args: Token[][] = [];
    let current: Token[] = [];
    let depth = 0;
    for (;;) {
      const t = next();
      if (t === undefined) {
        this.#fail("MTS1008", `unterminated argument list invoking '${macro.name}'`, name);
        return undefined;
      }
      if (t.kind === TokenKind.Punct) {
        if (t.text === "(") depth++;
        else if (t.text === ")" && depth > 0) depth--;
        else if (t.text === ")") {
          args.push(current);
          const checked = this.#checkArity(macro, name, args);
          return checked === undefined ? undefined : { args: checked, close: t };
        } else if (t.text === "," && depth === 0 && !(macro.variadic && args.length === macro.params.length - 1)) {
          args.push(current);
          current = [];
          continue;
        }
      }
      current.push(t);
    }
  }

  #checkArity(macro: Macro, name: Token, args: Token[][]): Token[][] | undefined {
    const need = macro.params.length;
    if (need === 0 && args.length === 1 && args[0]!.length === 0) return [];
    if (args.length === need) return args;
    if (macro.variadic && args.length === need - 1) return [...args, []];
    const least = macro.variadic ? "at least " : "";
    const count = macro.variadic ? need - 1 : need;
    const noun = count === 1 ? "argument" : "arguments";
    this.#fail("MTS1008", `'${macro.name}' expects ${least}${count} ${noun}, got ${args.length}`, name);
    return undefined;
  }

  /** Replaces one macro invocation by its substituted body, pushed back for rescanning. */
  #replace(macro: Macro, name: Token, args: readonly Token[][], hide: Token["hide"], pending: Token[]): void {
    this.#root ??= name;
    if (++this.#replacements > MAX_REPLACEMENTS) {
      this.#tooLarge(`exceeds ${MAX_REPLACEMENTS} macro replacements`);
      return;
    }
    const expanded: (readonly Token[] | undefined)[] = [];
    const ctx: SubstitutionContext = {
      expandedArgument: (index) => (expanded[index] ??= this.#expandArgument(args[index] ?? [])),
      spend: (count) => {
        this.#tokens += count;
        if (this.#tokens <= MAX_EXPANSION_TOKENS) return true;
        this.#tooLarge(`exceeds ${MAX_EXPANSION_TOKENS} tokens`);
        return false;
      },
    };
    const result = substitute(macro, args, hide, name, ctx);
    if (result === undefined || !ctx.spend(result.length)) return;
    for (let k = result.length - 1; k >= 0; k--) pending.push(result[k]!);
  }

  /** Expands one argument on its own, as C requires before substitution. */
  #expandArgument(tokens: readonly Token[]): readonly Token[] | undefined {
    if (this.#failed) return undefined;
    if (tokens.length === 0) return tokens;
    if (this.#depth >= MAX_ARGUMENT_NESTING) {
      this.#tooLarge(`nests macro calls in arguments more than ${MAX_ARGUMENT_NESTING} deep`);
      return undefined;
    }
    this.#depth++;
    const out: Token[] = [];
    this.#rescan(tokens.slice().reverse(), undefined, out);
    this.#depth--;
    return this.#failed ? undefined : out;
  }

  /** True when the next token (pending first, then source) is `(`; consumes nothing. */
  #nextIsParen(pending: readonly Token[], source: PpLexer | undefined): boolean {
    if (pending.length > 0) return pending[pending.length - 1]!.is("(");
    if (source === undefined) return false;
    this.#contextFree = false;
    const mark = source.mark();
    const t = source.next();
    source.reset(mark);
    return t !== undefined && t.is("(");
  }

  #fromSource(source: PpLexer | undefined): Token | undefined {
    if (source === undefined) return undefined;
    this.#contextFree = false;
    return source.next();
  }

  #builtin(macro: Macro, t: Token): Token {
    this.#contextFree = false;
    if (macro.builtin === "file") {
      const text = `"${this.host.currentPath().replace(/[\\"]/g, "\\$&")}"`;
      return new Token(TokenKind.String, text, t.space, t.start, t.end, t.hide);
    }
    return new Token(TokenKind.Number, String(this.host.lineAt(t.start)), t.space, t.start, t.end, t.hide);
  }

  #tooLarge(what: string): void {
    const root = this.#root;
    this.#fail("MTS1010", `expansion of '${root?.text ?? "macro"}' ${what}`, root);
  }

  #fail(code: string, message: string, at: Token | undefined): void {
    if (this.#failed) return;
    this.#failed = true;
    this.host.error(code, message, at?.start ?? 0, at?.end ?? 0);
  }
}

/** Moves the operand of `defined` (`X` or `( X )`) from `pending` to `out` unexpanded. */
function protectDefinedOperand(pending: Token[], out: Token[]): void {
  const count = pending[pending.length - 1]?.is("(") ? 3 : 1;
  for (let k = 0; k < count && pending.length > 0; k++) out.push(pending.pop()!);
}
