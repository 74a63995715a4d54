/**
 * VARTYPE constants (`VT_*` without the prefix). Generated dispatch tables describe every
 * parameter and result with one of these, combined with {@link VT.ARRAY} for SAFEARRAY(T) and
 * {@link VT.BYREF} for `[out]` / `[in, out]` parameters.
 */
export const VT = {
  EMPTY: 0,
  NULL: 1,
  I2: 2,
  I4: 3,
  R4: 4,
  R8: 5,
  CY: 6,
  DATE: 7,
  BSTR: 8,
  DISPATCH: 9,
  ERROR: 10,
  BOOL: 11,
  VARIANT: 12,
  UNKNOWN: 13,
  DECIMAL: 14,
  I1: 16,
  UI1: 17,
  UI2: 18,
  UI4: 19,
  I8: 20,
  UI8: 21,
  INT: 22,
  UINT: 23,
  VOID: 24,
  HRESULT: 25,
  RECORD: 36,
  ARRAY: 0x2000,
  BYREF: 0x4000,
} as const;

/** A VARTYPE value: a base type, optionally combined with VT.ARRAY and/or VT.BYREF. */
export type VARTYPE = number;

/** The mask that strips VT.ARRAY and VT.BYREF (VT_TYPEMASK). */
export const VT_TYPEMASK = 0x0fff;

const vtNames = new Map<number, string>(Object.entries(VT).map(([name, value]) => [value, name] as const));

/** Spells a VARTYPE for messages: `"I4"`, `"ARRAY|BSTR"`, `"BYREF|VARIANT"`. */
export function vtName(vt: VARTYPE): string {
  const parts: string[] = [];
  if (vt & VT.BYREF) parts.push("BYREF");
  if (vt & VT.ARRAY) parts.push("ARRAY");
  const base = vt & VT_TYPEMASK;
  parts.push(vtNames.get(base) ?? `0x${base.toString(16)}`);
  return parts.join("|");
}
