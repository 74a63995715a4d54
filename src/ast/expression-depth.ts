import type { Expr } from "./nodes.js";

/** The operands of an expression node (a cast's type and a sizeof's are not expressions). */
function operands(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "conditional":
      return [e.test, e.then, e.else];
    case "binary":
      return [e.left, e.right];
    case "unary":
    case "cast":
      return [e.operand];
    case "member":
      return [e.object];
    case "index":
      return [e.object, e.index];
    default:
      return [];
  }
}

/**
 * Levels of the expression tree under `root` (a leaf is 1), without recursion: the point of asking
 * is to refuse trees too deep for the recursive passes after parsing. `known` holds depths already
 * worked out (it receives every node walked), so that expressions nested in one another are walked
 * once between them.
 */
export function expressionDepth(root: Expr, known: Map<Expr, number>): number {
  const pending: Expr[] = [root];
  while (pending.length > 0) {
    const e = pending[pending.length - 1]!;
    if (known.has(e)) {
      pending.pop();
      continue;
    }
    const children = operands(e);
    let ready = true;
    for (const c of children) {
      if (!known.has(c)) {
        pending.push(c);
        ready = false;
      }
    }
    if (!ready) continue;
    let depth = 0;
    for (const c of children) depth = Math.max(depth, known.get(c)!);
    known.set(e, depth + 1);
    pending.pop();
  }
  return known.get(root)!;
}
