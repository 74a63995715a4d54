/**
 * Values of integer and character literals in `#if` expressions. Preprocessor arithmetic is done in
 * 64 bits (C's intmax_t/uintmax_t), so values are bigints with a signedness flag.
 */

/** A value of a preprocessor expression. */
export interface PpValue {
  readonly value: bigint;
  readonly unsigned: boolean;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

// Digits, then an optional suffix: u/U with l/L/ll/LL in either order, or MSVC's i64/ui64 family.
const INTEGER = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)((?:[uU](?:ll|LL|[lL]|i(?:8|16|32|64))?)|(?:(?:ll|LL|[lL])[uU]?)|(?:i(?:8|16|32|64)))?$/;

/** The value of an integer literal (a pp-number), or an error message. */
export function parseInteger(text: string): PpValue | string {
  const m = INTEGER.exec(text);
  if (m === null) {
    const hex = /^0[xX]/.test(text);
    if (/[.]/.test(text) || (!hex && /[eE]/.test(text)) || (hex && /[pP]/.test(text))) {
      return `floating-point constant '${text}' in preprocessor expression`;
    }
    return `invalid integer constant '${text}'`;
  }
  const digits = m[1]!;
  const suffix = m[2] ?? "";
  let value: bigint;
  if (digits.length > 1 && digits[0] === "0" && /^[0-9]+$/.test(digits)) {
    if (!/^[0-7]+$/.test(digits)) return `invalid digit in octal constant '${text}'`;
    value = BigInt("0o" + digits.slice(1));
  } else value = BigInt(digits);
  if (value > UINT64_MAX) return `integer constant '${text}' is too large`;
  return { value, unsigned: /[uU]/.test(suffix) || value > INT64_MAX };
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, "\\": 92, "'": 39, '"': 34, "?": 63,
};

/**
 * The value of a character literal (`'a'`, `'\n'`, `'\x41'`, `L'a'`). A plain literal's value is that
 * of a signed char (MSVC), and a multi-character literal packs its characters 8 bits each.
 */
export function parseCharacter(text: string): PpValue | string {
  const open = text.indexOf("'");
  const prefix = text.slice(0, open);
  const body = text.slice(open + 1, text.endsWith("'") && text.length > open + 1 ? -1 : undefined);
  const chars: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c !== "\\") {
      chars.push(body.codePointAt(i)!);
      i += chars[chars.length - 1]! > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    if (e in SIMPLE_ESCAPES) {
      chars.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else if (e === "x") {
      const hex = /^[0-9a-fA-F]+/.exec(body.slice(i + 2))?.[0] ?? "";
      if (hex === "") return `invalid escape sequence in '${text}'`;
      chars.push(Number.parseInt(hex.slice(-8), 16));
      i += 2 + hex.length;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      chars.push(Number.parseInt(oct, 8));
      i += 1 + oct.length;
    } else return `invalid escape sequence in '${text}'`;
  }
  if (chars.length === 0) return "empty character constant";
  if (prefix !== "") return { value: BigInt(chars[chars.length - 1]!), unsigned: false };
  if (chars.length === 1) {
    const c = chars[0]! & 0xff;
    return { value: BigInt(chars[0]! > 0xff || c < 0x80 ? chars[0]! : c - 0x100), unsigned: false };
  }
  let value = 0n;
  for (const c of chars) value = BigInt.asIntN(32, (value << 8n) | BigInt(c & 0xff));
  return { value, unsigned: false };
}
