import type { Expr } from "../ast/nodes.js";
import type { IrValue } from "./ir.js";

/** The result of evaluating a constant expression: a value, or why not. */
export type EvalResult =
  | { readonly ok: true; readonly value: ConstValue }
  | { readonly ok: false; readonly code: "MIDL2009" | "MTS3008"; readonly message: string; readonly expr: Expr };

/** Values of IDL constant expressions: integers are exact (bigint). */
export type ConstValue = bigint | number | string;

/** Looks a name up for the evaluator: an enum member or constant's value, or undefined. */
export type NameLookup = (name: string) => ConstValue | undefined;

const fail = (code: "MIDL2009" | "MTS3008", message: string, expr: Expr): EvalResult => ({ ok: false, code, message, expr });

/**
 * Evaluates a constant expression with C semantics on exact integers. Names are looked up with
 * `lookup`; anything that is not constant (a `*p` size expression) is an error for the caller to
 * report where a constant is required.
 */
export function evaluate(expr: Expr, lookup: NameLookup): EvalResult {
  // An explicit stack would be needed only for pathological nesting; the parser bounds expression
  // depth through its own recursion, so plain recursion here is no deeper than the parse was.
  switch (expr.kind) {
    case "number": return { ok: true, value: expr.value };
    case "float": return { ok: true, value: expr.value };
    case "string": return { ok: true, value: expr.value };
    case "char": return { ok: true, value: BigInt(expr.value) };
    case "name": {
      if (expr.name === "TRUE") return { ok: true, value: 1n };
      if (expr.name === "FALSE" || expr.name === "NULL") return { ok: true, value: 0n };
      const v = lookup(expr.name);
      return v === undefined ? fail("MIDL2009", `undefined symbol '${expr.name}'`, expr) : { ok: true, value: v };
    }
    case "unary": {
      const r = evaluate(expr.operand, lookup);
      if (!r.ok) return r;
      const v = r.value;
      if (typeof v === "string") return fail("MTS3008", `operator '${expr.op}' cannot apply to a string`, expr);
      switch (expr.op) {
        case "-": return { ok: true, value: typeof v === "bigint" ? -v : -v };
        case "+": return { ok: true, value: v };
        case "~": return typeof v === "bigint" ? { ok: true, value: ~v } : fail("MTS3008", "operator '~' needs an integer", expr);
        case "!": return { ok: true, value: (typeof v === "bigint" ? v === 0n : v === 0) ? 1n : 0n };
        default: return fail("MTS3008", `operator '${expr.op}' is not allowed in a constant expression`, expr);
      }
    }
    case "binary": {
      const l = evaluate(expr.left, lookup);
      if (!l.ok) return l;
      const r = evaluate(expr.right, lookup);
      if (!r.ok) return r;
      return binary(expr, l.value, r.value);
    }
    case "conditional": {
      const t = evaluate(expr.test, lookup);
      if (!t.ok) return t;
      const truthy = typeof t.value === "bigint" ? t.value !== 0n : typeof t.value === "number" ? t.value !== 0 : true;
      return evaluate(truthy ? expr.then : expr.else, lookup);
    }
    case "cast": {
      const r = evaluate(expr.operand, lookup);
      if (!r.ok) return r;
      return r;
    }
    case "sizeof":
    case "member":
    case "index":
      return fail("MTS3008", "expression is not a constant", expr);
  }
}

function binary(expr: Expr & { kind: "binary" }, a: ConstValue, b: ConstValue): EvalResult {
  if (typeof a === "string" || typeof b === "string") return fail("MTS3008", `operator '${expr.op}' cannot apply to a string`, expr);
  if (typeof a === "number" || typeof b === "number") {
    const x = Number(a);
    const y = Number(b);
    switch (expr.op) {
      case "+": return { ok: true, value: x + y };
      case "-": return { ok: true, value: x - y };
      case "*": return { ok: true, value: x * y };
      case "/": return { ok: true, value: x / y };
      default: return fail("MTS3008", `operator '${expr.op}' needs integers`, expr);
    }
  }
  const bool = (c: boolean): EvalResult => ({ ok: true, value: c ? 1n : 0n });
  switch (expr.op) {
    case "+": return { ok: true, value: a + b };
    case "-": return { ok: true, value: a - b };
    case "*": return { ok: true, value: a * b };
    case "/": return b === 0n ? fail("MTS3008", "division by zero", expr) : { ok: true, value: a / b };
    case "%": return b === 0n ? fail("MTS3008", "division by zero", expr) : { ok: true, value: a % b };
    case "<<": return b < 0n || b > 64n ? fail("MTS3008", "shift count out of range", expr) : { ok: true, value: a << b };
    case ">>": return b < 0n || b > 64n ? fail("MTS3008", "shift count out of range", expr) : { ok: true, value: a >> b };
    case "&": return { ok: true, value: a & b };
    case "|": return { ok: true, value: a | b };
    case "^": return { ok: true, value: a ^ b };
    case "&&": return bool(a !== 0n && b !== 0n);
    case "||": return bool(a !== 0n || b !== 0n);
    case "==": return bool(a === b);
    case "!=": return bool(a !== b);
    case "<": return bool(a < b);
    case ">": return bool(a > b);
    case "<=": return bool(a <= b);
    case ">=": return bool(a >= b);
    default: return fail("MTS3008", `unknown operator '${expr.op}'`, expr);
  }
}

/** A constant value as IR data. */
export function toIrValue(v: ConstValue): IrValue {
  if (typeof v === "bigint") return { type: "int", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  return { type: "string", value: v };
}

/**
 * An integer as a C `int`/`long` enum or DISPID value: values written as 32-bit unsigned
 * (0x80000000 and up, as HRESULTs are) keep their unsigned form; others stay as they are.
 */
export function toInt32Number(v: bigint): number {
  if (v >= -0x80000000n && v <= 0xffffffffn) return Number(v);
  return Number(BigInt.asIntN(32, v));
}
