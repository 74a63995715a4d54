import { Guid } from "./guid.js";
import type { HRESULT } from "./hresult.js";
import type { Ref } from "./ref.js";
import type { IUnknown } from "./unknown.js";
import type { VARIANT } from "./variant.js";

/** ITypeInfo, as a marker only: the runtime carries no type libraries (GetTypeInfoCount is 0). */
export interface ITypeInfo extends IUnknown {}

/** IDispatch::Invoke arguments. */
export interface DISPPARAMS {
  /** Arguments in reverse order, as COM lays them out: named ones first, then positional ones last-to-first. */
  readonly rgvarg: readonly VARIANT[];
  /** DISPIDs of the named arguments; `rgdispidNamedArgs[i]` names `rgvarg[i]`. */
  readonly rgdispidNamedArgs?: readonly number[];
}

/** Exception information filled in by IDispatch::Invoke when it fails with DISP_E_EXCEPTION. */
export interface EXCEPINFO {
  readonly wCode: number;
  readonly bstrSource: string;
  readonly bstrDescription: string;
  readonly bstrHelpFile: string;
  readonly dwHelpContext: number;
  /** The failure the member reported. */
  readonly scode: HRESULT;
}

/**
 * IDispatch as TypeScript sees it. Invoke returns the result VARIANT (also stored into
 * `pVarResult` when given) and throws ComError on failure, after filling `pExcepInfo` and
 * `puArgErr` as COM does.
 */
export interface IDispatch extends IUnknown {
  GetTypeInfoCount(): number;
  GetTypeInfo(iTInfo: number, lcid: number): ITypeInfo;
  GetIDsOfNames(riid: Guid, rgszNames: readonly string[], lcid: number): number[];
  Invoke(
    dispIdMember: number,
    riid: Guid,
    lcid: number,
    wFlags: number,
    pDispParams: DISPPARAMS,
    pVarResult?: Ref<VARIANT> | null,
    pExcepInfo?: Ref<EXCEPINFO> | null,
    puArgErr?: Ref<number> | null,
  ): VARIANT;
}

/** wFlags: call a method. */
export const DISPATCH_METHOD = 1;
/** wFlags: read a property. */
export const DISPATCH_PROPERTYGET = 2;
/** wFlags: assign a property by value. */
export const DISPATCH_PROPERTYPUT = 4;
/** wFlags: assign a property by reference (an object). */
export const DISPATCH_PROPERTYPUTREF = 8;

/** The default member. */
export const DISPID_VALUE = 0;
/** Returned by GetIDsOfNames for names it does not know. */
export const DISPID_UNKNOWN = -1;
/** The named argument that carries the value of a property put. */
export const DISPID_PROPERTYPUT = -3;
/** The `_NewEnum` member of collections. */
export const DISPID_NEWENUM = -4;

/** {00020400-0000-0000-C000-000000000046} */
export const IID_IDispatch: Guid = Guid.parse("{00020400-0000-0000-C000-000000000046}");
/** {00020401-0000-0000-C000-000000000046} */
export const IID_ITypeInfo: Guid = Guid.parse("{00020401-0000-0000-C000-000000000046}");

/** True when `x` has a callable Invoke, i.e. can be driven through IDispatch. */
export function isDispatch(x: unknown): x is IDispatch {
  return typeof x === "object" && x !== null && typeof (x as { Invoke?: unknown }).Invoke === "function";
}
