import { coerceScalar } from "./coerce-scalar.js";
import { ComError } from "./com-error.js";
import { isDispatch } from "./dispatch.js";
import { DISP_E_BADVARTYPE, DISP_E_PARAMNOTFOUND, DISP_E_TYPEMISMATCH } from "./hresult.js";
import { isRef, type Ref } from "./ref.js";
import { isUnknown, type IUnknown } from "./unknown.js";
import { VT, VT_TYPEMASK, vtName, type VARTYPE } from "./vartype.js";

/**
 * A VARIANT as JavaScript holds it. Each automation type has one natural representation:
 *
 * | JS value          | VARTYPE                                          |
 * |-------------------|--------------------------------------------------|
 * | `undefined`       | VT_EMPTY                                         |
 * | `null`            | VT_NULL (and a null interface pointer)           |
 * | `boolean`         | VT_BOOL                                          |
 * | `number`          | VT_I4 when an int32, else VT_R8 (and every other numeric type) |
 * | `bigint`          | VT_I8 / VT_UI8                                   |
 * | `string`          | VT_BSTR                                          |
 * | `Date`            | VT_DATE                                          |
 * | `IUnknown`        | VT_UNKNOWN, or VT_DISPATCH when it has Invoke    |
 * | array             | SAFEARRAY (VT_ARRAY\|VT_VARIANT unless a parameter says otherwise) |
 * | {@link Variant}   | the explicit `vt` it carries (VT_I2, VT_ERROR, …) |
 * | `Ref<VARIANT>`    | VT_BYREF\|VT_VARIANT                             |
 */
export type VARIANT =
  | undefined
  | null
  | boolean
  | number
  | bigint
  | string
  | Date
  | IUnknown
  | readonly VARIANT[]
  | Variant
  | Ref<VARIANT>;

/**
 * A value with an explicit VARTYPE, for the cases the natural JS representation cannot express:
 * `new Variant(VT.I2, 5)`, `new Variant(VT.ERROR, DISP_E_PARAMNOTFOUND)`. The value is converted
 * to the type on construction (so `new Variant(VT.I2, 70000)` throws DISP_E_OVERFLOW). Immutable.
 */
export class Variant {
  /** The missing-argument marker: VT_ERROR carrying DISP_E_PARAMNOTFOUND, as COM passes an omitted optional VARIANT. */
  static readonly missing: Variant = new Variant(VT.ERROR, DISP_E_PARAMNOTFOUND);

  /** The VARTYPE; never VT_BYREF (by-reference values are `Ref`s) and never plain VT_VARIANT. */
  readonly vt: VARTYPE;
  /** The value in the natural representation of `vt`. */
  readonly value: VARIANT;

  constructor(vt: VARTYPE, value: unknown) {
    this.vt = vt;
    this.value = normalise(vt, value instanceof Variant ? value.value : value);
    Object.freeze(this);
  }
}

function normalise(vt: VARTYPE, value: unknown): VARIANT {
  if (vt & VT.BYREF || vt === VT.VARIANT || (vt & ~(VT.ARRAY | VT_TYPEMASK)) !== 0) {
    throw new ComError(DISP_E_BADVARTYPE, `A Variant cannot have VT ${vtName(vt)}; use a Ref for by-reference values`);
  }
  if (vt & VT.ARRAY) {
    if (!Array.isArray(value)) throw new ComError(DISP_E_TYPEMISMATCH, `VT ${vtName(vt)} needs an array`);
    const element = vt & VT_TYPEMASK;
    return element === VT.VARIANT ? (value as VARIANT[]) : value.map((v: unknown) => normalise(Array.isArray(v) ? vt : element, v));
  }
  switch (vt) {
    case VT.DISPATCH:
      if (value === null || isDispatch(value)) return value;
      throw new ComError(DISP_E_TYPEMISMATCH, "VT_DISPATCH needs an object with Invoke, or null");
    case VT.UNKNOWN:
      if (value === null || isUnknown(value)) return value;
      throw new ComError(DISP_E_TYPEMISMATCH, "VT_UNKNOWN needs a COM object, or null");
    case VT.RECORD:
      return value as VARIANT; // structs are opaque to the runtime
    default:
      return coerceScalar(value, vt) as VARIANT;
  }
}

/** True for the missing-argument marker (any VT_ERROR Variant carrying DISP_E_PARAMNOTFOUND). */
export function isMissing(value: unknown): boolean {
  return value === Variant.missing || (value instanceof Variant && value.vt === VT.ERROR && value.value === DISP_E_PARAMNOTFOUND);
}

/**
 * The VARTYPE a value has when it travels as a VARIANT (see {@link VARIANT} for the mapping).
 * Plain objects that are not COM objects count as VT_RECORD.
 * @throws ComError(DISP_E_BADVARTYPE) for functions and symbols, which have no VARIANT form.
 */
export function vtOf(value: unknown): VARTYPE {
  switch (typeof value) {
    case "undefined": return VT.EMPTY;
    case "boolean": return VT.BOOL;
    case "number": return (value | 0) === value && !Object.is(value, -0) ? VT.I4 : VT.R8;
    case "bigint": return value > 0x7fffffffffffffffn ? VT.UI8 : VT.I8;
    case "string": return VT.BSTR;
    case "object":
      if (value === null) return VT.NULL;
      if (value instanceof Variant) return value.vt;
      if (value instanceof Date) return VT.DATE;
      if (Array.isArray(value)) return VT.ARRAY | VT.VARIANT;
      if (isDispatch(value)) return VT.DISPATCH;
      if (isUnknown(value)) return VT.UNKNOWN;
      if (isRef(value)) return VT.BYREF | VT.VARIANT;
      return VT.RECORD;
    default:
      throw new ComError(DISP_E_BADVARTYPE, `A ${typeof value} has no VARIANT representation`);
  }
}
