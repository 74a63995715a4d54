import { Guid } from "./guid.js";
import type { HRESULT } from "./hresult.js";
import type { IUnknown } from "./unknown.js";

/** IClassFactory: creates instances of one class. */
export interface IClassFactory extends IUnknown {
  /** Creates an object and returns it QueryInterface'd for `riid` (reference count 1). */
  CreateInstance(pUnkOuter: IUnknown | null, riid: Guid): IUnknown;
  LockServer(fLock: boolean): HRESULT | void;
}

/** {00000001-0000-0000-C000-000000000046} */
export const IID_IClassFactory: Guid = Guid.parse("{00000001-0000-0000-C000-000000000046}");
