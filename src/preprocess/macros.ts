import { Token, TokenKind } from "./tokens.js";

/** A macro definition. */
export interface Macro {
  readonly name: string;
  readonly functionLike: boolean;
  /** Parameter names; a variadic macro's last one is `__VA_ARGS__` (or the GNU `name...` name). */
  readonly params: readonly string[];
  readonly variadic: boolean;
  /** Replacement list; parameter uses are `Param` tokens. The first token never has `space`. */
  readonly body: readonly Token[];
  /** Set for the built-in `__FILE__` and `__LINE__`, whose expansion depends on where they are used. */
  readonly builtin?: "file" | "line";
}

/** A `#define` that could not be parsed: what is wrong and the token to point at (undefined: the directive). */
export interface DefinitionError {
  readonly message: string;
  readonly at: Token | undefined;
}

/** The built-in macros; user definitions take precedence. */
export const builtinMacros: ReadonlyMap<string, Macro> = new Map<string, Macro>([
  ["__FILE__", { name: "__FILE__", functionLike: false, params: [], variadic: false, body: [], builtin: "file" }],
  ["__LINE__", { name: "__LINE__", functionLike: false, params: [], variadic: false, body: [], builtin: "line" }],
]);

/**
 * Parses the tokens of a `#define` after the directive name into a macro. A `(` right after the
 * name (no space) makes a function-like macro, as in C.
 */
export function parseDefinition(tokens: readonly Token[]): Macro | DefinitionError {
  const nameToken = tokens[0];
  if (nameToken === undefined) return { message: "'#define' expects a macro name", at: undefined };
  if (nameToken.kind !== TokenKind.Identifier) return { message: "macro names must be identifiers", at: nameToken };
  const name = nameToken.text;
  if (name === "defined") return { message: "'defined' cannot be used as a macro name", at: nameToken };
  let i = 1;
  const params: string[] = [];
  let variadic = false;
  const open = tokens[1];
  const functionLike = open !== undefined && open.is("(") && !open.space;
  if (functionLike) {
    i = 2;
    for (let expectParam = true; ; ) {
      const t = tokens[i++];
      if (t === undefined) return { message: "missing ')' in macro parameter list", at: open };
      if (t.is(")") && (!expectParam || params.length === 0)) break;
      if (!expectParam) {
        if (!t.is(",") || variadic) return { message: variadic ? "expected ')' after '...'" : "expected ',' or ')' in macro parameter list", at: t };
        expectParam = true;
        continue;
      }
      if (t.is("...")) {
        params.push("__VA_ARGS__");
        variadic = true;
      } else if (t.kind === TokenKind.Identifier) {
        if (t.text === "__VA_ARGS__") return { message: "'__VA_ARGS__' cannot be a parameter name", at: t };
        if (params.includes(t.text)) return { message: `duplicate macro parameter '${t.text}'`, at: t };
        params.push(t.text);
        if (tokens[i]?.is("...")) {
          i++;
          variadic = true; // GNU named variadic parameter: `args...`
        }
      } else return { message: "expected a macro parameter name", at: t };
      expectParam = false;
    }
  }
  const body: Token[] = [];
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k]!;
    const space = body.length > 0 && t.space;
    const index = functionLike && t.kind === TokenKind.Identifier ? params.indexOf(t.text) : -1;
    body.push(
      index >= 0
        ? new Token(TokenKind.Param, t.text, space, t.start, t.end, t.hide, index)
        : new Token(t.kind, t.text, space, t.start, t.end, t.hide, -1),
    );
  }
  const problem = checkOperators(body, functionLike);
  if (problem !== undefined) return problem;
  return { name, functionLike, params, variadic, body };
}

/** Checks the placement of `#` and `##` in a replacement list. */
function checkOperators(body: readonly Token[], functionLike: boolean): DefinitionError | undefined {
  const first = body[0];
  const last = body[body.length - 1];
  if (first?.is("##")) return { message: "'##' cannot appear at either end of a macro expansion", at: first };
  if (last?.is("##") && body.length > 0) return { message: "'##' cannot appear at either end of a macro expansion", at: last };
  if (!functionLike) return undefined;
  for (let k = 0; k < body.length; k++) {
    const t = body[k]!;
    if (t.is("#") && body[k + 1]?.kind !== TokenKind.Param) return { message: "'#' is not followed by a macro parameter", at: t };
  }
  return undefined;
}
