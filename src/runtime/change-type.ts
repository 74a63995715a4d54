import { coerceScalar } from "./coerce-scalar.js";
import { ComError } from "./com-error.js";
import { DISPATCH_PROPERTYGET, DISPID_VALUE, isDispatch, type IDispatch } from "./dispatch.js";
import { IID_NULL } from "./guid.js";
import { DISP_E_BADVARTYPE, DISP_E_TYPEMISMATCH } from "./hresult.js";
import { isRef } from "./ref.js";
import { isUnknown } from "./unknown.js";
import { Variant, type VARIANT } from "./variant.js";
import { VT, VT_TYPEMASK, vtName, type VARTYPE } from "./vartype.js";

/** How deep default-member (DISPID_VALUE) chains are followed before giving up. */
const MAX_DEFAULT_MEMBER_DEPTH = 8;

/**
 * VariantChangeType for JavaScript values: converts `value` to the natural representation of
 * `vt` (see {@link VARIANT}).
 *
 * - Between scalars as oleaut32 does: strings parse as numbers, booleans and dates (invariant
 *   locale); numbers round half to even into integer types; VARIANT_TRUE is -1; a boolean
 *   becomes the string "-1"/"0" (VariantChangeType without VARIANT_ALPHABOOL); VT_EMPTY becomes
 *   0, "" or false; VT_NULL converts to nothing but VT_NULL/VT_VARIANT.
 * - Out of range → ComError(DISP_E_OVERFLOW); impossible → ComError(DISP_E_TYPEMISMATCH);
 *   unknown or by-reference `vt` → ComError(DISP_E_BADVARTYPE).
 * - VT_VARIANT accepts anything unchanged; VT_RECORD passes the value through; VT_DISPATCH needs
 *   an object with Invoke (or null), VT_UNKNOWN any COM object (or null).
 * - An IDispatch converted to a scalar type yields its default member (DISPID_VALUE property get).
 * - `Ref`s are dereferenced and `Variant`s unwrapped first.
 * - `VT.ARRAY | vt` converts every element (nested arrays for more dimensions) into a new array.
 */
export function changeType(value: unknown, vt: VARTYPE): VARIANT {
  // The common already-right cases return before any other test: this sits on the Invoke path.
  switch (vt) {
    case VT.VARIANT: return value as VARIANT;
    case VT.I4: case VT.INT: if (typeof value === "number" && (value | 0) === value) return value; break;
    case VT.BSTR: if (typeof value === "string") return value; break;
    case VT.BOOL: if (typeof value === "boolean") return value; break;
    case VT.R8: if (typeof value === "number") return value; break;
  }
  return convert(value, vt, 0);
}

function convert(value: unknown, vt: VARTYPE, depth: number): VARIANT {
  if (vt & VT.BYREF || (vt & ~(VT.ARRAY | VT_TYPEMASK)) !== 0) {
    throw new ComError(DISP_E_BADVARTYPE, `Cannot convert to VT ${vtName(vt)}`);
  }
  if (isRef(value)) return convert(value.value, vt, depth);
  if (vt & VT.ARRAY) return convertArray(value, vt, depth);

  let fromR4 = false;
  if (value instanceof Variant) {
    if (vt === VT.VARIANT) return value;
    if (value.vt === vt) return value.value;
    if (value.vt === VT.ERROR && vt !== VT.HRESULT && vt !== VT.I4 && vt !== VT.UI4) {
      throw mismatch(`VT_ERROR cannot convert to ${vtName(vt)}`);
    }
    fromR4 = value.vt === VT.R4;
    value = value.value;
    if (isRef(value)) return convert(value, vt, depth);
  }

  switch (vt) {
    case VT.VARIANT:
      return value as VARIANT;
    case VT.RECORD:
      return value as VARIANT;
    case VT.DISPATCH:
      if (value === null || value === undefined) return null;
      if (isDispatch(value)) return value;
      throw mismatch("VT_DISPATCH needs an object with Invoke, or null");
    case VT.UNKNOWN:
      if (value === null || value === undefined) return null;
      if (isUnknown(value)) return value;
      throw mismatch("VT_UNKNOWN needs a COM object, or null");
    case VT.EMPTY:
      return undefined;
    case VT.NULL:
      return null;
  }

  if (value === null) throw mismatch(`VT_NULL cannot convert to ${vtName(vt)}`);
  if (typeof value === "object" && !(value instanceof Date)) {
    if (Array.isArray(value)) throw mismatch(`an array cannot convert to ${vtName(vt)}`);
    if (isDispatch(value) && depth < MAX_DEFAULT_MEMBER_DEPTH) return convert(defaultMember(value), vt, depth + 1);
    throw mismatch(`an object cannot convert to ${vtName(vt)}`);
  }
  return coerceScalar(value, vt, fromR4) as VARIANT;
}

function convertArray(value: unknown, vt: VARTYPE, depth: number): VARIANT {
  if (value instanceof Variant && value.vt & VT.ARRAY) value = value.value;
  if (!Array.isArray(value)) throw mismatch(`VT ${vtName(vt)} needs an array`);
  const element = vt & VT_TYPEMASK;
  if (element === VT.VARIANT) return value as VARIANT[];
  const out = new Array<VARIANT>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    out[i] = Array.isArray(item) ? convertArray(item, vt, depth) : convert(item, element, depth);
  }
  return out;
}

// VarXxxFromDisp: a dispatch object converts through its default property.
function defaultMember(disp: IDispatch): unknown {
  try {
    return disp.Invoke(DISPID_VALUE, IID_NULL, 0, DISPATCH_PROPERTYGET, { rgvarg: [] });
  } catch (e) {
    throw new ComError(DISP_E_TYPEMISMATCH, "The object has no default value to convert", { cause: e });
  }
}

function mismatch(detail: string): ComError {
  return new ComError(DISP_E_TYPEMISMATCH, `DISP_E_TYPEMISMATCH (0x80020005): ${detail}`);
}
