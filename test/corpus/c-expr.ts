/**
 * A tiny evaluator for the C constant expressions widl prints into headers: enum member values
 * (`CC_PASCAL = CC_MSCPASCAL`, `(1 << 2)`, `(LONG)0x80000000`) and the bodies of `#define NAME (value)`
 * that IDL `const`s become. Integers are bigints and not truncated to any width (callers compare
 * modulo the width they care about); casts are accepted and ignored for the same reason.
 */

/** A value of a constant expression. */
export type CValue =
  | { readonly type: "int"; readonly value: bigint }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "string"; readonly value: string; readonly wide: boolean };

/** Resolves an identifier to its value, or undefined when it is not a known constant. */
export type CLookup = (name: string) => CValue | undefined;

/** Thrown for text this evaluator does not understand or names it cannot resolve. */
export class CExprError extends Error {}

type Token =
  | { readonly k: "num"; readonly v: CValue }
  | { readonly k: "id"; readonly v: string }
  | { readonly k: "op"; readonly v: string };

const OPS = ["<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "(", ")", "?", ":"];

/** Evaluates a C constant expression. Throws `CExprError`. */
export function evaluateC(text: string, lookup: CLookup): CValue {
  const p = new Parser(tokenize(text), lookup);
  const v = p.conditional();
  if (p.peek()) throw new CExprError(`unexpected '${p.peek()!.v}' in '${text}'`);
  return v;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const src = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/.*$/gm, " ");
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const str = /^(L?)"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (str) {
      const prev = out[out.length - 1];
      const value = unescapeC(str[2]!);
      // Adjacent literals concatenate, as in C.
      if (prev?.k === "num" && prev.v.type === "string") out[out.length - 1] = { k: "num", v: { ...prev.v, value: prev.v.value + value } };
      else out.push({ k: "num", v: { type: "string", value, wide: str[1] === "L" } });
      i += str[0].length;
      continue;
    }
    const chr = /^L?'((?:[^'\\]|\\.)+)'/.exec(rest);
    if (chr) {
      out.push({ k: "num", v: { type: "int", value: BigInt(unescapeC(chr[1]!).codePointAt(0) ?? 0) } });
      i += chr[0].length;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)[uUlLfF]*/.exec(rest);
    if (num) {
      out.push({ k: "num", v: parseNumber(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_]\w*/.exec(rest);
    if (id) {
      out.push({ k: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) throw new CExprError(`unexpected character '${rest[0]}' in '${text}'`);
    out.push({ k: "op", v: op });
    i += op.length;
  }
  return out;
}

/** Parses a C integer or floating literal with its suffixes. */
export function parseNumber(text: string): CValue {
  const hex = /^0[xX]([0-9a-fA-F]+)[uUlL]*$/.exec(text);
  if (hex) return { type: "int", value: BigInt(`0x${hex[1]}`) };
  const int = /^(\d+)[uUlL]*$/.exec(text);
  if (int) {
    const digits = int[1]!;
    // A leading 0 makes the literal octal.
    if (digits.length > 1 && digits.startsWith("0")) {
      if (/[89]/.test(digits)) throw new CExprError(`invalid octal literal '${text}'`);
      return { type: "int", value: BigInt(`0o${digits.slice(1)}`) };
    }
    return { type: "int", value: BigInt(digits) };
  }
  const value = Number(text.replace(/[fFlL]+$/, ""));
  if (Number.isNaN(value)) throw new CExprError(`invalid number '${text}'`);
  return { type: "float", value };
}

/** Decodes C escape sequences (`\n`, `\\`, `\"`, `\x41`, `\101`, `\u00e9`). */
export function unescapeC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]+|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return ({ n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", 0: "\0" } as Record<string, string>)[e] ?? e;
  });
}

const BINARY: readonly (readonly string[])[] = [
  ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
];

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[], private readonly lookup: CLookup) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.#i + offset];
  }

  #isOp(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.k === "op" && t.v === v;
  }

  #expect(v: string): void {
    if (!this.#isOp(v)) throw new CExprError(`expected '${v}'`);
    this.#i++;
  }

  conditional(): CValue {
    const cond = this.binary(0);
    if (!this.#isOp("?")) return cond;
    this.#i++;
    const a = this.conditional();
    this.#expect(":");
    const b = this.conditional();
    return truthy(cond) ? a : b;
  }

  binary(level: number): CValue {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (!t || t.k !== "op" || !BINARY[level]!.includes(t.v)) return left;
      this.#i++;
      left = applyBinary(t.v, left, this.binary(level + 1));
    }
  }

  unary(): CValue {
    const t = this.peek();
    if (t?.k === "op" && ["-", "+", "~", "!"].includes(t.v)) {
      this.#i++;
      return applyUnary(t.v, this.unary());
    }
    if (this.#isCast()) {
      // (TYPE) or (TYPE *): the value is kept as is (see the module comment).
      while (!this.#isOp(")")) this.#i++;
      this.#i++;
      return this.unary();
    }
    return this.primary();
  }

  /** `( name [*…] )` followed by an operand is a cast unless `name` is a known constant. */
  #isCast(): boolean {
    if (!this.#isOp("(")) return false;
    let j = 1;
    const words: string[] = [];
    for (let t = this.peek(j); t?.k === "id"; t = this.peek(++j)) words.push(t.v);
    while (this.#isOp("*", j)) j++;
    if (words.length === 0 || !this.#isOp(")", j)) return false;
    const next = this.peek(j + 1);
    const startsOperand = next !== undefined && (next.k !== "op" || ["(", "-", "+", "~", "!"].includes(next.v));
    if (!startsOperand) return false;
    return words.length > 1 || j > words.length + 1 || this.lookup(words[0]!) === undefined;
  }

  primary(): CValue {
    const t = this.peek();
    if (!t) throw new CExprError("unexpected end of expression");
    this.#i++;
    if (t.k === "num") return t.v;
    if (t.k === "id") {
      const v = this.lookup(t.v);
      if (v === undefined) throw new CExprError(`unknown name '${t.v}'`);
      return v;
    }
    if (t.v === "(") {
      const v = this.conditional();
      this.#expect(")");
      return v;
    }
    throw new CExprError(`unexpected '${t.v}'`);
  }
}

function truthy(v: CValue): boolean {
  return v.type === "string" || (v.type === "int" ? v.value !== 0n : v.value !== 0);
}

function applyUnary(op: string, v: CValue): CValue {
  if (op === "!") return int(truthy(v) ? 0n : 1n);
  if (v.type === "string") throw new CExprError(`'${op}' applied to a string`);
  if (op === "+") return v;
  if (op === "-") return v.type === "int" ? int(-v.value) : { type: "float", value: -v.value };
  if (v.type !== "int") throw new CExprError("'~' applied to a floating value");
  return int(~v.value);
}

function applyBinary(op: string, a: CValue, b: CValue): CValue {
  if (a.type === "string" || b.type === "string") throw new CExprError(`'${op}' applied to a string`);
  if (op === "&&") return int(truthy(a) && truthy(b) ? 1n : 0n);
  if (op === "||") return int(truthy(a) || truthy(b) ? 1n : 0n);
  if (a.type === "float" || b.type === "float") {
    const x = Number(a.value);
    const y = Number(b.value);
    switch (op) {
      case "+": return { type: "float", value: x + y };
      case "-": return { type: "float", value: x - y };
      case "*": return { type: "float", value: x * y };
      case "/": return { type: "float", value: x / y };
      case "<": return int(x < y ? 1n : 0n);
      case ">": return int(x > y ? 1n : 0n);
      case "<=": return int(x <= y ? 1n : 0n);
      case ">=": return int(x >= y ? 1n : 0n);
      case "==": return int(x === y ? 1n : 0n);
      case "!=": return int(x !== y ? 1n : 0n);
      default: throw new CExprError(`'${op}' applied to a floating value`);
    }
  }
  const x = a.value;
  const y = b.value;
  switch (op) {
    case "+": return int(x + y);
    case "-": return int(x - y);
    case "*": return int(x * y);
    case "/":
    case "%":
      if (y === 0n) throw new CExprError("division by zero");
      return int(op === "/" ? x / y : x % y); // bigint division truncates toward zero, as C does
    case "<<": return int(x << y);
    case ">>": return int(x >> y);
    case "&": return int(x & y);
    case "|": return int(x | y);
    case "^": return int(x ^ y);
    case "<": return int(x < y ? 1n : 0n);
    case ">": return int(x > y ? 1n : 0n);
    case "<=": return int(x <= y ? 1n : 0n);
    case ">=": return int(x >= y ? 1n : 0n);
    case "==": return int(x === y ? 1n : 0n);
    case "!=": return int(x !== y ? 1n : 0n);
    default: throw new CExprError(`unknown operator '${op}'`);
  }
}

function int(value: bigint): CValue {
  return { type: "int", value };
}
