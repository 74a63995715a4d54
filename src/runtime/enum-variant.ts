import { Enumerator } from "./enumerator.js";
import { Guid } from "./guid.js";
import type { HRESULT } from "./hresult.js";
import type { Ref } from "./ref.js";
import type { IUnknown } from "./unknown.js";
import type { VARIANT } from "./variant.js";

/** IEnumVARIANT: what a collection's `_NewEnum` (DISPID_NEWENUM) returns. */
export interface IEnumVARIANT extends IUnknown {
  /** Fetches up to `celt` items into `rgVar.value`; S_FALSE when fewer were left. */
  Next(celt: number, rgVar: Ref<VARIANT[]>, pCeltFetched: Ref<number> | null): HRESULT | void;
  Skip(celt: number): HRESULT | void;
  Reset(): HRESULT | void;
  Clone(): IEnumVARIANT;
}

/** {00020404-0000-0000-C000-000000000046} */
export const IID_IEnumVARIANT: Guid = Guid.parse("{00020404-0000-0000-C000-000000000046}");

/**
 * An IEnumVARIANT over a snapshot of `items` (reference count 1), for `_NewEnum` members.
 * Items are handed out as they are: JavaScript callers do not VariantClear what they receive.
 */
export function createEnumVARIANT(items: readonly VARIANT[]): IEnumVARIANT {
  const e = new Enumerator<VARIANT>(IID_IEnumVARIANT, { items: [...items] });
  e.AddRef();
  return e;
}
