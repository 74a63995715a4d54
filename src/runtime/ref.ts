/**
 * A by-reference box: the TypeScript shape of `[out]` and `[in, out]` parameters and of
 * by-reference VARIANTs (`VT_BYREF`). The callee reads and assigns `value`.
 */
export interface Ref<T> {
  value: T;
}

// Boxes made by `ref()` are instances of this class, which makes `isRef` a cheap, exact test for
// them; plain `{ value }` literals are recognised too (see isRef).
class RefBox<T> implements Ref<T> {
  value: T;
  constructor(value: T) {
    this.value = value;
  }
}

/** Creates a by-reference box holding `value`. */
export function ref<T>(value: T): Ref<T> {
  return new RefBox(value);
}

/**
 * True for boxes made by {@link ref} and for plain object literals `{ value: … }` (prototype
 * Object.prototype or null, an own `value` property, no COM methods). Any other object with a
 * `value` property (a COM object, a `Variant`, a class instance) is not a Ref, so objects flowing
 * through VARIANTs are never mistaken for by-reference arguments.
 */
export function isRef(x: unknown): x is Ref<unknown> {
  if (x instanceof RefBox) return true;
  if (typeof x !== "object" || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.hasOwn(x, "value") && typeof (x as { QueryInterface?: unknown }).QueryInterface !== "function";
}
