import { Guid } from "./guid.js";

/**
 * IUnknown as TypeScript sees it. QueryInterface returns the interface or throws
 * ComError(E_NOINTERFACE); like COM it AddRefs what it returns. The type parameter only states
 * what the caller expects: it is not checked.
 */
export interface IUnknown {
  QueryInterface<T extends IUnknown = IUnknown>(riid: Guid): T;
  /** Increments the reference count and returns the new count. */
  AddRef(): number;
  /** Decrements the reference count and returns the new count; at 0 the object is destroyed. */
  Release(): number;
}

/** {00000000-0000-0000-C000-000000000046} */
export const IID_IUnknown: Guid = Guid.parse("{00000000-0000-0000-C000-000000000046}");

/** True when `x` looks like a COM object (has a callable QueryInterface). */
export function isUnknown(x: unknown): x is IUnknown {
  return typeof x === "object" && x !== null && typeof (x as { QueryInterface?: unknown }).QueryInterface === "function";
}
