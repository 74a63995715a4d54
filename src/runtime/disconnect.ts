/**
 * Disconnection of released objects. After the final Release every COM member of the object —
 * inherited, overridden, added by a subclass, accessor or method — must throw
 * RPC_E_DISCONNECTED, while live objects pay nothing for that guarantee.
 *
 * The technique: the dead object's prototype is swapped for a "dead twin" of its original
 * prototype, an object that inherits from it (so `instanceof` still holds) and shadows every
 * property of the whole original chain (up to Object.prototype) with a throwing method or
 * accessor. Live objects never see the twin; only released instances change shape. Members
 * that live on the instance itself (arrow-function fields, handler properties, fields named
 * like a dispatch member) are redefined as throwing accessors. `#private` state is untouched,
 * which keeps the runtime's own bookkeeping readable for diagnostics.
 */
import { ComError } from "./com-error.js";
import { RPC_E_DISCONNECTED } from "./hresult.js";

const twins = new WeakMap<object, object>();
const deadPrototypes = new WeakSet<object>();

function disconnected(): never {
  throw new ComError(RPC_E_DISCONNECTED, "RPC_E_DISCONNECTED (0x80010108): the object has been released");
}

function deadTwin(proto: object): object {
  let twin = twins.get(proto);
  if (twin !== undefined) return twin;
  const descriptors: PropertyDescriptorMap = {};
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const key of Reflect.ownKeys(p)) {
      if (key === "constructor" || Object.hasOwn(descriptors, key)) continue;
      const d = Object.getOwnPropertyDescriptor(p, key)!;
      // Keep the member's kind: a method stays a (throwing) function so `typeof` checks still
      // see a method; accessors and other data become throwing accessors.
      descriptors[key] =
        typeof d.value === "function"
          ? { value: disconnected, writable: false, enumerable: false, configurable: false }
          : { get: disconnected, set: disconnected, enumerable: false, configurable: false };
    }
  }
  twin = Object.create(proto, descriptors) as object;
  deadPrototypes.add(twin);
  twins.set(proto, twin);
  return twin;
}

/**
 * Makes every later use of `obj`'s members throw ComError(RPC_E_DISCONNECTED).
 * @param ownMembers names of members that may live on the instance itself (besides functions).
 */
export function disconnect(obj: object, ownMembers: ReadonlySet<string> = new Set()): void {
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === null || deadPrototypes.has(proto)) return;
  for (const key of Reflect.ownKeys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, key)!;
    if (!d.configurable) continue;
    const isMember = typeof d.value === "function" || d.get !== undefined || d.set !== undefined || (typeof key === "string" && ownMembers.has(key));
    if (isMember) Object.defineProperty(obj, key, { get: disconnected, set: disconnected, enumerable: d.enumerable ?? false, configurable: false });
  }
  Object.setPrototypeOf(obj, deadTwin(proto));
}

/** True once {@link disconnect} has run on `obj`. */
export function isDisconnected(obj: object): boolean {
  const proto = Object.getPrototypeOf(obj) as object | null;
  return proto !== null && deadPrototypes.has(proto);
}
