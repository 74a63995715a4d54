import type { HideSet } from "./hide-set.js";
import { PpLexer } from "./lexer.js";
import type { Macro } from "./macros.js";
import { Token, TokenKind, stringize } from "./tokens.js";

/** What substitution needs from the expander. */
export interface SubstitutionContext {
  /** The fully macro-expanded argument `index`, or undefined when expansion was aborted. */
  expandedArgument(index: number): readonly Token[] | undefined;
  /** Accounts for `count` new tokens; false when the expansion budget is exhausted. */
  spend(count: number): boolean;
}

/**
 * Builds a macro's replacement for one invocation (the `subst` step of Prosser's algorithm):
 * parameters become their fully expanded arguments, except next to `#` (stringized) and `##` (pasted),
 * which use the arguments as written. Every produced token gets `hide` added to its hide set. Body
 * tokens are located at the invocation (`site`); argument tokens keep their own location. Returns
 * undefined when the expansion budget ran out.
 */
export function substitute(
  macro: Macro,
  args: readonly (readonly Token[])[],
  hide: HideSet,
  site: Token,
  ctx: SubstitutionContext,
): Token[] | undefined {
  const body = macro.body;
  const out: Token[] = [];
  const fromBody = (t: Token, space: boolean): Token => t.with(hide, space, site.start, site.end);
  const fromArg = (t: Token, space: boolean): Token => t.with(t.hide.union(hide), space, t.start, t.end);
  const stringized = (index: number, space: boolean): Token =>
    new Token(TokenKind.String, stringize(args[index] ?? []), space, site.start, site.end, hide);
  const pushArg = (tokens: readonly Token[], space: boolean): boolean => {
    if (!ctx.spend(tokens.length)) return false;
    for (let k = 0; k < tokens.length; k++) out.push(fromArg(tokens[k]!, k === 0 ? space : tokens[k]!.space));
    return true;
  };

  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    if (macro.functionLike && t.is("#") && body[i + 1]?.kind === TokenKind.Param) {
      out.push(stringized(body[++i]!.param, t.space));
      continue;
    }
    if (t.is("##") && i + 1 < body.length) {
      const next = body[++i]!;
      let rhs: readonly Token[];
      let rhsFromArg = false;
      let rhsMade = false;
      if (macro.functionLike && next.is("#") && body[i + 1]?.kind === TokenKind.Param) {
        rhs = [stringized(body[++i]!.param, false)];
        rhsMade = true;
      } else if (next.kind === TokenKind.Param) {
        rhs = args[next.param] ?? [];
        rhsFromArg = true;
        // GNU `, ## __VA_ARGS__`: with no variable arguments the comma disappears.
        if (rhs.length === 0 && macro.variadic && next.param === macro.params.length - 1 && out[out.length - 1]?.is(",")) {
          out.pop();
          continue;
        }
      } else rhs = [next];
      if (rhs.length === 0) continue; // pasting with an empty argument (a placemarker) leaves the left side
      if (!ctx.spend(rhs.length)) return undefined;
      const lhs = out.pop();
      let k = 0;
      if (lhs !== undefined && lhs.kind !== TokenKind.Placemarker) {
        for (const p of paste(lhs, rhs[0]!, hide, site)) out.push(p);
        k = 1;
      }
      for (; k < rhs.length; k++) {
        const r = rhs[k]!;
        const space = k === 0 && lhs !== undefined ? lhs.space : r.space;
        out.push(rhsFromArg ? fromArg(r, space) : rhsMade ? r : fromBody(r, space));
      }
      continue;
    }
    if (t.kind === TokenKind.Param) {
      if (body[i + 1]?.is("##")) {
        const raw = args[t.param] ?? [];
        if (raw.length === 0) out.push(new Token(TokenKind.Placemarker, "", t.space, site.start, site.end, hide));
        else if (!pushArg(raw, t.space)) return undefined;
        continue;
      }
      const expanded = ctx.expandedArgument(t.param);
      if (expanded === undefined || !pushArg(expanded, t.space)) return undefined;
      continue;
    }
    out.push(fromBody(t, t.space));
  }

  const result: Token[] = [];
  for (const t of out) if (t.kind !== TokenKind.Placemarker) result.push(t);
  const first = result[0];
  if (first !== undefined && first.space !== site.space) result[0] = first.with(first.hide, site.space, first.start, first.end);
  return result;
}

/**
 * Pastes two tokens (`##`): their spellings are joined and lexed again. A result that is not a
 * single token is kept as the tokens it lexes to, as MSVC does, rather than reported.
 */
function paste(lhs: Token, rhs: Token, hide: HideSet, site: Token): Token[] {
  const lexed = PpLexer.forText(lhs.text + rhs.text).rest();
  return lexed.map((t, k) => t.with(hide, k === 0 ? lhs.space : t.space, site.start, site.end));
}
