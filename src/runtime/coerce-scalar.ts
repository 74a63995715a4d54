/**
 * Scalar VariantChangeType: conversions between the automation value types (numbers, bigint,
 * strings, booleans, Dates, VT_EMPTY) following oleaut32's rules. Objects, arrays, `Variant`
 * wrappers and Refs are unwrapped by `changeType`; this module only sees plain JS scalars.
 */
import { ComError } from "./com-error.js";
import { DISP_E_BADVARTYPE, DISP_E_OVERFLOW, DISP_E_TYPEMISMATCH } from "./hresult.js";
import { dateFromOle, formatOleDate, isOleDateInRange, oleFromDate, parseOleDate } from "./ole-date.js";
import { VT, vtName } from "./vartype.js";

type Numeric = number | bigint;

const R4_MAX = 3.4028234663852886e38;
const CY_MAX = 922337203685477.5807;
const DECIMAL_MAX = 79228162514264337593543950335;
const I8_MIN = -(2n ** 63n);
const I8_MAX = 2n ** 63n - 1n;
const UI8_MAX = 2n ** 64n - 1n;

/** Converts a JS scalar to the representation of `vt` (a base VARTYPE without ARRAY/BYREF). */
export function coerceScalar(value: unknown, vt: number, fromR4 = false): unknown {
  switch (vt) {
    case VT.EMPTY: return undefined;
    case VT.NULL: return null;
    case VT.I1: return toInteger(numericSource(value, vt), -128, 127, value);
    case VT.I2: return toInteger(numericSource(value, vt), -32768, 32767, value);
    case VT.I4: case VT.INT: return toInteger(numericSource(value, vt), -2147483648, 2147483647, value);
    case VT.UI1: return toUnsigned(value, vt, 0xff);
    case VT.UI2: return toUnsigned(value, vt, 0xffff);
    case VT.UI4: case VT.UINT: return toUnsigned(value, vt, 0xffffffff);
    case VT.I8: return toBigInt(numericSource(value, vt), I8_MIN, I8_MAX);
    case VT.UI8: return value === true ? UI8_MAX : toBigInt(numericSource(value, vt), 0n, UI8_MAX);
    case VT.R4: return toR4(Number(numericSource(value, vt)));
    case VT.R8: return Number(numericSource(value, vt));
    case VT.CY: return toCurrency(Number(numericSource(value, vt)));
    case VT.DECIMAL: return toDecimal(Number(numericSource(value, vt)));
    case VT.BOOL: return toBool(value);
    case VT.BSTR: return toBstr(value, fromR4);
    case VT.DATE: return toDate(value);
    case VT.ERROR: case VT.HRESULT: return toError(value);
    case VT.VOID: return undefined;
    default: throw new ComError(DISP_E_BADVARTYPE, `Cannot convert to VT ${vtName(vt)}`);
  }
}

/** oleaut32 rounds to the nearest integer with ties to even ("banker's rounding"). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

function overflow(value: unknown, target: string): never {
  throw new ComError(DISP_E_OVERFLOW, `DISP_E_OVERFLOW (0x8002000A): ${describe(value)} does not fit ${target}`);
}

function mismatch(value: unknown, vt: number): never {
  throw new ComError(DISP_E_TYPEMISMATCH, `DISP_E_TYPEMISMATCH (0x80020005): cannot convert ${describe(value)} to ${vtName(vt)}`);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `Date(${value.toISOString?.() ?? "invalid"})`;
  return String(value);
}

/** The numeric meaning of a scalar source: VT_EMPTY is 0, VARIANT_TRUE is -1, Dates are OLE dates. */
function numericSource(value: unknown, vt: number): Numeric {
  switch (typeof value) {
    case "number": case "bigint": return value;
    case "boolean": return value ? -1 : 0;
    case "undefined": return 0;
    case "string": {
      const parsed = parseNumeric(value, vt === VT.I8 || vt === VT.UI8);
      return parsed ?? mismatch(value, vt);
    }
    default:
      if (value instanceof Date) return oleFromDate(value);
      return mismatch(value, vt);
  }
}

const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_TEXT = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * Parses a number the way VarParseNumFromStr does in the invariant locale: surrounding blanks,
 * a sign, thousands separators, a decimal point, an exponent, and VB's `&H` / `&O` prefixes.
 */
export function parseNumeric(text: string, exactIntegers = false): Numeric | undefined {
  let s = text.trim();
  const radix = /^&([HO])([0-9a-f]+)$/i.exec(s);
  if (radix !== null) {
    const digits = radix[2]!;
    const base = radix[1]!.toUpperCase() === "H" ? 16 : 8;
    if (base === 8 && /[89a-f]/i.test(digits)) return undefined;
    return Number.parseInt(digits, base);
  }
  if (GROUPED_TEXT.test(s)) s = s.replaceAll(",", "");
  if (!DECIMAL_TEXT.test(s)) return undefined;
  if (exactIntegers && INTEGER_TEXT.test(s)) return BigInt(s);
  return Number(s);
}

function toInteger(n: Numeric, min: number, max: number, source: unknown): number {
  if (typeof n === "bigint") {
    if (n < BigInt(min) || n > BigInt(max)) overflow(source, `[${min}, ${max}]`);
    return Number(n);
  }
  if (!Number.isFinite(n)) overflow(source, `[${min}, ${max}]`);
  const r = roundHalfEven(n);
  if (r < min || r > max) overflow(source, `[${min}, ${max}]`);
  return r === 0 ? 0 : r; // no -0 in integer types
}

function toUnsigned(value: unknown, vt: number, max: number): number {
  // VARIANT_TRUE (-1) keeps its bit pattern in unsigned types, as VarUI1FromBool & co. do.
  if (value === true) return max;
  return toInteger(numericSource(value, vt), 0, max, value);
}

function toBigInt(n: Numeric, min: bigint, max: bigint): bigint {
  let b: bigint;
  if (typeof n === "bigint") b = n;
  else {
    if (!Number.isFinite(n)) overflow(n, `[${min}, ${max}]`);
    const r = roundHalfEven(n);
    // Doubles at or beyond ±2^63 / 2^64 cannot be converted exactly; range-check before BigInt().
    if (r < Number(min) || r >= Number(max) + 1) overflow(n, `[${min}, ${max}]`);
    b = BigInt(r);
  }
  if (b < min || b > max) overflow(n, `[${min}, ${max}]`);
  return b;
}

function toR4(x: number): number {
  if (Number.isFinite(x) && Math.abs(x) > R4_MAX) overflow(x, "R4");
  if (!Number.isFinite(x) && !Number.isNaN(x)) overflow(x, "R4");
  return Math.fround(x);
}

function toCurrency(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > CY_MAX) overflow(x, "CY");
  const r = roundHalfEven(x * 10000) / 10000;
  return r === 0 ? 0 : r;
}

function toDecimal(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > DECIMAL_MAX) overflow(x, "DECIMAL");
  return x;
}

function toBool(value: unknown): boolean {
  switch (typeof value) {
    case "boolean": return value;
    case "number": return value !== 0;
    case "bigint": return value !== 0n;
    case "undefined": return false;
    case "string": {
      const t = value.trim().toLowerCase();
      if (t === "true" || t === "#true#") return true;
      if (t === "false" || t === "#false#") return false;
      const n = parseNumeric(value);
      return n === undefined ? mismatch(value, VT.BOOL) : n !== 0 && n !== 0n;
    }
    default:
      if (value instanceof Date) return oleFromDate(value) !== 0;
      return mismatch(value, VT.BOOL);
  }
}

/** VarBstrFromR8 shows 15 significant digits (R4: 7), upper-case exponent, no trailing zeros. */
export function formatNumber(x: number, digits = 15): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x === 0 ? 0 : x);
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits))).replace("e", "E");
}

function toBstr(value: unknown, fromR4: boolean): string {
  switch (typeof value) {
    case "string": return value;
    case "number": return formatNumber(value, fromR4 ? 7 : 15);
    case "bigint": return value.toString();
    // Without VARIANT_ALPHABOOL, VariantChangeType formats a VARIANT_BOOL as the I2 it is.
    case "boolean": return value ? "-1" : "0";
    case "undefined": return "";
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) overflow(value, "DATE");
        return formatOleDate(value);
      }
      return mismatch(value, VT.BSTR);
  }
}

function toDate(value: unknown): Date {
  if (value instanceof Date) {
    if (!isOleDateInRange(oleFromDate(value))) overflow(value, "DATE");
    return value;
  }
  if (typeof value === "string") {
    const parsed = parseOleDate(value);
    if (parsed !== undefined) return parsed;
    const n = parseNumeric(value);
    if (n === undefined) return mismatch(value, VT.DATE);
    return toDate(Number(n));
  }
  const oa = Number(numericSource(value, VT.DATE));
  if (!isOleDateInRange(oa)) overflow(value, "DATE");
  return dateFromOle(oa);
}

function toError(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) {
    if (value < -2147483648 || value > 0xffffffff) overflow(value, "ERROR");
    return value >>> 0;
  }
  return mismatch(value, VT.ERROR);
}
