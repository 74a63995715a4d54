import { IID_IClassFactory, type IClassFactory } from "./class-factory.js";
import type { CoclassInfo, ComClass } from "./coclass-info.js";
import { ComError } from "./com-error.js";
import { ComObject } from "./com-object.js";
import { GUID_NULL, type Guid } from "./guid.js";
import {
  CLASS_E_CLASSNOTAVAILABLE, CLASS_E_NOAGGREGATION, REGDB_E_CLASSNOTREG, REGDB_E_WRITEREGDB, S_OK, type HRESULT,
} from "./hresult.js";
import { isUnknown, type IUnknown } from "./unknown.js";

/** Creates a new object with reference count 0 (or any count the factory manages itself). */
export type ObjectFactory = () => IUnknown;

/**
 * A class table: the in-process stand-in for the registry and CoRegisterClassObject. CLSIDs map
 * to factories; `createInstance` behaves like CoCreateInstance.
 */
export class ClassRegistry {
  readonly #factories = new Map<string, { readonly clsid: Guid; readonly create: ObjectFactory }>();

  /** Registers a stub class under its `coclass.clsid`. */
  register(cls: ComClass): void;
  /** Registers a factory under `clsid`. */
  register(clsid: Guid, factory: ObjectFactory): void;
  /** @throws ComError(REGDB_E_WRITEREGDB) when the CLSID is already registered. */
  register(clsOrClsid: ComClass | Guid, factory?: ObjectFactory): void {
    let clsid: Guid;
    let create: ObjectFactory;
    if (typeof clsOrClsid === "function") {
      const cls = clsOrClsid;
      clsid = cls.coclass.clsid;
      create = () => new cls();
    } else {
      if (factory === undefined) throw new TypeError("register(clsid, factory) needs a factory");
      clsid = clsOrClsid;
      create = factory;
    }
    if (this.#factories.has(clsid.key)) {
      throw new ComError(REGDB_E_WRITEREGDB, `REGDB_E_WRITEREGDB (0x80040151): ${clsid} is already registered`);
    }
    this.#factories.set(clsid.key, { clsid, create });
  }

  /** Removes a registration; returns whether there was one. */
  unregister(clsid: Guid): boolean {
    return this.#factories.delete(clsid.key);
  }

  /** Whether `clsid` is registered. */
  isRegistered(clsid: Guid): boolean {
    return this.#factories.has(clsid.key);
  }

  /**
   * CoCreateInstance: creates an object of class `clsid` and returns it QueryInterface'd for
   * `iid`, holding exactly the caller's reference (count 1 for a new ComObject).
   * @throws ComError(REGDB_E_CLASSNOTREG) for an unknown class, ComError(E_NOINTERFACE) (after
   * releasing the new object) when it does not implement `iid`.
   */
  createInstance<T extends IUnknown = IUnknown>(clsid: Guid, iid: Guid): T {
    const entry = this.#factories.get(clsid.key);
    if (entry === undefined) throw new ComError(REGDB_E_CLASSNOTREG, `REGDB_E_CLASSNOTREG (0x80040154): ${clsid} is not registered`);
    const obj = entry.create();
    if (!isUnknown(obj)) throw new ComError(CLASS_E_CLASSNOTAVAILABLE, `CLASS_E_CLASSNOTAVAILABLE (0x80040111): the factory of ${clsid} returned no COM object`);
    // Hold a reference across the QueryInterface so a failing one can destroy the object cleanly.
    obj.AddRef();
    try {
      return obj.QueryInterface<T>(iid);
    } finally {
      obj.Release();
    }
  }

  /** CoGetClassObject: an IClassFactory for `clsid` (reference count 1). */
  getClassObject(clsid: Guid): IClassFactory {
    if (!this.isRegistered(clsid)) throw new ComError(REGDB_E_CLASSNOTREG, `REGDB_E_CLASSNOTREG (0x80040154): ${clsid} is not registered`);
    const factory = new ClassFactory(this, clsid);
    factory.AddRef();
    return factory;
  }
}

/** The IClassFactory of one registered class. */
class ClassFactory extends ComObject implements IClassFactory {
  static readonly coclass: CoclassInfo = {
    clsid: GUID_NULL,
    name: "ClassFactory",
    interfaces: [{ iid: IID_IClassFactory, name: "IClassFactory", bases: [] }],
  };
  readonly #registry: ClassRegistry;
  readonly #clsid: Guid;
  #locks = 0;

  constructor(registry: ClassRegistry, clsid: Guid) {
    super();
    this.#registry = registry;
    this.#clsid = clsid;
  }

  CreateInstance(pUnkOuter: IUnknown | null, riid: Guid): IUnknown {
    if (pUnkOuter !== null) throw new ComError(CLASS_E_NOAGGREGATION);
    return this.#registry.createInstance(this.#clsid, riid);
  }

  LockServer(fLock: boolean): HRESULT {
    this.#locks += fLock ? 1 : -1;
    return S_OK;
  }
}

/** The registry CoCreateInstance and registerClass use when none is given. */
export const defaultRegistry: ClassRegistry = new ClassRegistry();

/** Registers a stub class (its `static coclass.clsid`) in `registry`. */
export function registerClass(cls: ComClass, registry: ClassRegistry = defaultRegistry): void {
  registry.register(cls);
}

/** CoCreateInstance against `registry` (see {@link ClassRegistry.createInstance}). */
export function CoCreateInstance<T extends IUnknown = IUnknown>(clsid: Guid, iid: Guid, registry: ClassRegistry = defaultRegistry): T {
  return registry.createInstance<T>(clsid, iid);
}

/** CoGetClassObject against `registry` (see {@link ClassRegistry.getClassObject}). */
export function CoGetClassObject(clsid: Guid, registry: ClassRegistry = defaultRegistry): IClassFactory {
  return registry.getClassObject(clsid);
}
