import test from "ava";
import { MAX_EXPRESSION_DEPTH, midlParser } from "../../grammar/parser.js";
import { midlLexer } from "../../grammar/tokens.js";
import { expressionDepth } from "../../src/ast/expression-depth.js";
import type * as A from "../../src/ast/nodes.js";

/** The value of `const long X = <expression>;` as parsed, and the token of a too-deep expression. */
function parseConst(expression: string): { expr: A.Expr; tooDeep: string | undefined; errors: number } {
  midlParser.input = midlLexer.tokenize(`const long X = ${expression};`).tokens;
  const doc = midlParser.document();
  const c = doc.declarations[0] as Extract<A.Declaration, { kind: "const" }>;
  const tooDeep = midlParser.tooDeepExpression;
  return { expr: c.value, tooDeep: tooDeep && `${tooDeep.image}@${tooDeep.startOffset}`, errors: midlParser.errors.length };
}

test("depth counts levels of the tree, leaves as one, through every kind of operand", (t) => {
  const depth = (text: string) => expressionDepth(parseConst(text).expr, new Map());
  t.is(depth("1"), 1);
  t.is(depth("1 + 2"), 2);
  t.is(depth("1 + 2 * 3"), 3);
  t.is(depth("(1 + 2) * 3"), 3, "parentheses add no level");
  t.is(depth("-1"), 2);
  t.is(depth("(long)-1"), 3);
  t.is(depth("a.b[1 + 2]"), 3);
  t.is(depth("a.b.c[1]"), 4);
  t.is(depth("a ? b : c + d"), 3);
  t.is(depth("sizeof(long)"), 1);
});

test("a depth already known is not walked again", (t) => {
  const inner = parseConst("1 + 2 + 3").expr;
  const known = new Map<A.Expr, number>([[inner, 50]]);
  const outer: A.Expr = { kind: "unary", op: "-", operand: inner, loc: inner.loc };
  t.is(expressionDepth(outer, known), 51);
  t.is(known.get(outer), 51);
});

test("a chain exactly as deep as the limit is accepted, one level more is refused where it starts", (t) => {
  const chain = (terms: number) => Array.from({ length: terms }, () => "1").join(" + ");
  const atLimit = parseConst(chain(MAX_EXPRESSION_DEPTH));
  t.is(atLimit.tooDeep, undefined);
  t.is(expressionDepth(atLimit.expr, new Map()), MAX_EXPRESSION_DEPTH);
  t.is(parseConst(chain(MAX_EXPRESSION_DEPTH + 1)).tooDeep, "1@15");
  // Postfix chains consume fewer tokens per level than binary ones: `a.b.b…` is two per level.
  const members = (levels: number) => `a${".b".repeat(levels - 1)}`;
  t.is(parseConst(members(MAX_EXPRESSION_DEPTH)).tooDeep, undefined);
  t.is(parseConst(`0 + (${members(MAX_EXPRESSION_DEPTH + 1)})`).tooDeep, "a@20", "the innermost expression too deep is the one reported");
  t.is(parseConst(members(MAX_EXPRESSION_DEPTH + 1)).errors, 0);
});
