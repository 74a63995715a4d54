import test from "ava";
import {
  CLASS_E_CLASSNOTAVAILABLE, CLASS_E_NOAGGREGATION, ClassRegistry, CoCreateInstance, CoGetClassObject, E_NOINTERFACE, Guid,
  IID_IClassFactory, IID_IDispatch, IID_IUnknown, REGDB_E_CLASSNOTREG, REGDB_E_WRITEREGDB, RPC_E_DISCONNECTED, defaultRegistry,
  invoke, isDisconnected, registerClass, type IUnknown,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { CLSID_MsgrSession, CLSID_MsgrSessionManager, IID_IMsgrLock, IID_IMsgrSession, IID_IMsgrSessionManager, MsgrSessionManagerStub, type IMsgrSessionManager } from "./messenger-fixture.js";
import { MyManager, MySession } from "./messenger-impl.js";

test("a registered stub subclass is created by CLSID with reference count 1", (t) => {
  const registry = new ClassRegistry();
  registry.register(CLSID_MsgrSessionManager, () => new MyManager());
  t.true(registry.isRegistered(CLSID_MsgrSessionManager));
  const mgr = registry.createInstance<IMsgrSessionManager>(CLSID_MsgrSessionManager, IID_IMsgrSessionManager);
  t.true(mgr instanceof MyManager);
  t.is(mgr.Add(1, 2), 3);
  t.is(mgr.AddRef(), 2);
  t.is(mgr.Release(), 1);
  t.is(mgr.Release(), 0);
  t.is((mgr as MyManager).finalReleases, 1);
});

test("registerClass uses the class's coclass CLSID; CoCreateInstance takes a registry", (t) => {
  const registry = new ClassRegistry();
  registerClass(MySession, registry);
  t.true(registry.isRegistered(CLSID_MsgrSession));
  const session = CoCreateInstance(CLSID_MsgrSession, IID_IMsgrSession, registry);
  t.true(session instanceof MySession);
  t.is(session.Release(), 0);
});

test("the default registry serves CoCreateInstance without a registry argument", (t) => {
  registerClass(MyManager);
  t.teardown(() => defaultRegistry.unregister(CLSID_MsgrSessionManager));
  const disp = CoCreateInstance(CLSID_MsgrSessionManager, IID_IDispatch);
  t.is(invoke(disp as never, "Add", [20, 22]), 42);
  t.is(disp.Release(), 0);
});

test("unknown classes fail with REGDB_E_CLASSNOTREG; unregister removes a class", (t) => {
  const registry = new ClassRegistry();
  throwsHr(t, () => registry.createInstance(Guid.create(), IID_IUnknown), REGDB_E_CLASSNOTREG);
  throwsHr(t, () => CoCreateInstance(Guid.create(), IID_IUnknown, registry), REGDB_E_CLASSNOTREG);
  registry.register(MySession);
  t.true(registry.unregister(CLSID_MsgrSession));
  t.false(registry.unregister(CLSID_MsgrSession));
  t.false(registry.isRegistered(CLSID_MsgrSession));
  throwsHr(t, () => registry.createInstance(CLSID_MsgrSession, IID_IUnknown), REGDB_E_CLASSNOTREG);
});

test("an unsupported IID releases the new object and fails with E_NOINTERFACE", (t) => {
  const registry = new ClassRegistry();
  const created: MyManager[] = [];
  registry.register(CLSID_MsgrSessionManager, () => {
    const obj = new MyManager();
    created.push(obj);
    return obj;
  });
  throwsHr(t, () => registry.createInstance(CLSID_MsgrSessionManager, IID_IMsgrSession), E_NOINTERFACE);
  t.is(created.length, 1);
  t.is(created[0]!.finalReleases, 1);
  t.true(isDisconnected(created[0]!));
  throwsHr(t, () => created[0]!.Add(1, 1), RPC_E_DISCONNECTED);
});

test("registering a CLSID twice fails with REGDB_E_WRITEREGDB", (t) => {
  const registry = new ClassRegistry();
  registry.register(MsgrSessionManagerStub);
  throwsHr(t, () => registry.register(MyManager), REGDB_E_WRITEREGDB);
  throwsHr(t, () => registry.register(CLSID_MsgrSessionManager, () => new MyManager()), REGDB_E_WRITEREGDB);
});

test("a factory returning something that is not a COM object fails with CLASS_E_CLASSNOTAVAILABLE", (t) => {
  const registry = new ClassRegistry();
  registry.register(CLSID_MsgrSession, () => ({}) as unknown as IUnknown);
  throwsHr(t, () => registry.createInstance(CLSID_MsgrSession, IID_IUnknown), CLASS_E_CLASSNOTAVAILABLE);
});

test("CoGetClassObject returns an IClassFactory that creates instances", (t) => {
  const registry = new ClassRegistry();
  registry.register(MyManager);
  const factory = CoGetClassObject(CLSID_MsgrSessionManager, registry);
  t.is(factory.QueryInterface(IID_IClassFactory), factory);
  const lock = factory.CreateInstance(null, IID_IMsgrLock);
  t.true(lock instanceof MyManager);
  t.is(lock.Release(), 0);
  throwsHr(t, () => factory.CreateInstance(new MySession(), IID_IUnknown), CLASS_E_NOAGGREGATION);
  t.is(factory.LockServer(true), 0);
  throwsHr(t, () => CoGetClassObject(Guid.create(), registry), REGDB_E_CLASSNOTREG);
});
