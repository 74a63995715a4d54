import { parseCharacter, parseInteger, type PpValue } from "./literals.js";
import { Token, TokenKind } from "./tokens.js";

/** Receives an expression error and the token it concerns (undefined: the end of the expression). */
export type ExpressionReporter = (message: string, at: Token | undefined) => void;

/** Thrown inside the evaluator to unwind on the first error; never escapes `evaluate`. */
class ExpressionError {
  constructor(
    readonly message: string,
    readonly at: Token | undefined,
  ) {}
}

const BINARY_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ["||", 1], ["&&", 2], ["|", 3], ["^", 4], ["&", 5], ["==", 6], ["!=", 6],
  ["<", 7], [">", 7], ["<=", 7], [">=", 7], ["<<", 8], [">>", 8],
  ["+", 9], ["-", 9], ["*", 10], ["/", 10], ["%", 10],
]);

const ZERO: PpValue = { value: 0n, unsigned: false };
const ONE: PpValue = { value: 1n, unsigned: false };

/**
 * Evaluates a `#if` expression whose macros are expanded and whose `defined` operators are already
 * replaced by 0 or 1: C's integer constant expressions in 64-bit arithmetic, identifiers are 0.
 * Errors in operands that are not evaluated (`0 && 1/0`) are not reported. Returns whether the value
 * is non-zero; an invalid expression is reported once and counts as false.
 */
export function evaluate(tokens: readonly Token[], report: ExpressionReporter): boolean {
  const parser = new Parser(tokens);
  try {
    const value = parser.comma(true);
    const extra = parser.peek();
    if (extra !== undefined) throw new ExpressionError(`unexpected '${extra.text}' in expression`, extra);
    return value.value !== 0n;
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    report(e.message, e.at);
    return false;
  }
}

/**
 * Deepest nesting of parentheses, unary operators and conditionals in a `#if`: the evaluator
 * recurses once per level, and must report 10,000 nested parentheses rather than overflow.
 */
export const MAX_EXPRESSION_NESTING = 256;

class Parser {
  #i = 0;
  #depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  #take(): Token | undefined {
    return this.tokens[this.#i++];
  }

  #expect(text: string, message: string): void {
    const t = this.peek();
    if (t === undefined || !t.is(text)) throw new ExpressionError(message, t ?? this.tokens[this.tokens.length - 1]);
    this.#i++;
  }

  /** expression: conditional (',' conditional)* */
  comma(live: boolean): PpValue {
    let value = this.#conditional(live);
    while (this.peek()?.is(",")) {
      this.#i++;
      value = this.#conditional(live);
    }
    return value;
  }

  #enter(at: Token | undefined): void {
    if (++this.#depth > MAX_EXPRESSION_NESTING) throw new ExpressionError(`expression nested more than ${MAX_EXPRESSION_NESTING} levels deep`, at);
  }

  #conditional(live: boolean): PpValue {
    const cond = this.#binary(1, live);
    if (!this.peek()?.is("?")) return cond;
    this.#enter(this.#take());
    try {
      const yes = cond.value !== 0n;
      const a = this.comma(live && yes);
      this.#expect(":", "expected ':' in conditional expression");
      const b = this.#conditional(live && !yes);
      const unsigned = a.unsigned || b.unsigned;
      return convert(yes ? a : b, unsigned);
    } finally {
      this.#depth--;
    }
  }

  #binary(minPrecedence: number, live: boolean): PpValue {
    let left = this.#unary(live);
    for (;;) {
      const op = this.peek();
      const precedence = op?.kind === TokenKind.Punct ? BINARY_PRECEDENCE.get(op.text) : undefined;
      if (op === undefined || precedence === undefined || precedence < minPrecedence) return left;
      this.#i++;
      if (op.text === "&&" || op.text === "||") {
        const decided = op.text === "&&" ? left.value === 0n : left.value !== 0n;
        const right = this.#binary(precedence + 1, live && !decided);
        left = (decided ? op.text === "||" : right.value !== 0n) ? ONE : ZERO;
      } else {
        const right = this.#binary(precedence + 1, live);
        left = apply(op, left, right, live);
      }
    }
  }

  #unary(live: boolean): PpValue {
    this.#enter(this.peek());
    try {
      return this.#unaryAt(live);
    } finally {
      this.#depth--;
    }
  }

  #unaryAt(live: boolean): PpValue {
    const t = this.#take();
    if (t === undefined) throw new ExpressionError("expected an expression", this.tokens[this.tokens.length - 1]);
    if (t.kind === TokenKind.Punct) {
      switch (t.text) {
        case "(": {
          const value = this.comma(live);
          this.#expect(")", "missing ')' in expression");
          return value;
        }
        case "+":
          return this.#unary(live);
        case "-": {
          const v = this.#unary(live);
          return wrap(-v.value, v.unsigned);
        }
        case "~": {
          const v = this.#unary(live);
          return wrap(~v.value, v.unsigned);
        }
        case "!":
          return this.#unary(live).value === 0n ? ONE : ZERO;
      }
    }
    switch (t.kind) {
      case TokenKind.Number: {
        const v = parseInteger(t.text);
        if (typeof v === "string") throw new ExpressionError(v, t);
        return v;
      }
      case TokenKind.Char: {
        const v = parseCharacter(t.text);
        if (typeof v === "string") throw new ExpressionError(v, t);
        return v;
      }
      case TokenKind.Identifier:
        return ZERO; // C: identifiers left after macro expansion are 0
      case TokenKind.String:
        throw new ExpressionError("string literal in preprocessor expression", t);
      default:
        throw new ExpressionError(`unexpected '${t.text}' in expression`, t);
    }
  }
}

/** Wraps a mathematical result to 64 bits of the given signedness. */
function wrap(value: bigint, unsigned: boolean): PpValue {
  return { value: unsigned ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value), unsigned };
}

function convert(v: PpValue, unsigned: boolean): PpValue {
  return v.unsigned === unsigned ? v : wrap(v.value, unsigned);
}

/** Applies a binary arithmetic, bitwise, shift or comparison operator with C's usual conversions. */
function apply(op: Token, left: PpValue, right: PpValue, live: boolean): PpValue {
  if (op.text === "<<" || op.text === ">>") return shift(op.text === "<<", left, right);
  const unsigned = left.unsigned || right.unsigned;
  const a = convert(left, unsigned).value;
  const b = convert(right, unsigned).value;
  switch (op.text) {
    case "+": return wrap(a + b, unsigned);
    case "-": return wrap(a - b, unsigned);
    case "*": return wrap(a * b, unsigned);
    case "/":
    case "%":
      if (b === 0n) {
        if (live) throw new ExpressionError("division by zero in preprocessor expression", op);
        return { value: 0n, unsigned };
      }
      return wrap(op.text === "/" ? a / b : a % b, unsigned);
    case "&": return wrap(a & b, unsigned);
    case "|": return wrap(a | b, unsigned);
    case "^": return wrap(a ^ b, unsigned);
    case "==": return a === b ? ONE : ZERO;
    case "!=": return a !== b ? ONE : ZERO;
    case "<": return a < b ? ONE : ZERO;
    case ">": return a > b ? ONE : ZERO;
    case "<=": return a <= b ? ONE : ZERO;
    default: return a >= b ? ONE : ZERO;
  }
}

/** Shifts; the result has the left operand's type. Counts of 64 or more give 0 (or -1 for a negative value shifted right). */
function shift(isLeft: boolean, left: PpValue, right: PpValue): PpValue {
  let count = right.unsigned ? right.value : BigInt.asIntN(64, right.value);
  if (count < 0n) {
    count = -count;
    isLeft = !isLeft;
  }
  if (count >= 64n) return { value: !isLeft && !left.unsigned && left.value < 0n ? -1n : 0n, unsigned: left.unsigned };
  return wrap(isLeft ? left.value << count : left.value >> count, left.unsigned);
}
