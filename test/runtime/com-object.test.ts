import test from "ava";
import {
  ComError, ComObject, E_NOINTERFACE, E_POINTER, E_UNEXPECTED, Guid, IID_IConnectionPointContainer, IID_IDispatch,
  IID_IUnknown, IID_NULL, RPC_E_DISCONNECTED, isDisconnected, type CoclassInfo, type IDispatch, type IUnknown,
} from "../../src/runtime/index.js";
import { COM_OBJECT_METHODS } from "../../src/runtime/com-object-members.js";
import { throwsHr } from "./assert-hr.js";
import {
  CLSID_MsgrSession, DIID_DMsgrSessionManagerEvents, IID_IMsgrLock, IID_IMsgrLockEx, IID_IMsgrSession, IID_IMsgrSessionManager,
  MsgrSessionManagerStub, MsgrSessionStub, type IMsgrLock, type IMsgrSessionManager,
} from "./messenger-fixture.js";
import { MyManager, MySession } from "./messenger-impl.js";

test("QueryInterface answers IUnknown, every listed IID, bases, IDispatch and IConnectionPointContainer with this", (t) => {
  const obj = new MyManager();
  for (const iid of [IID_IUnknown, IID_IMsgrSessionManager, IID_IMsgrLockEx, IID_IMsgrLock, IID_IDispatch, IID_IConnectionPointContainer]) {
    t.is(obj.QueryInterface(iid), obj, iid.toString());
  }
  // A parsed copy of an IID works as well as the constant (value equality, not identity).
  t.is(obj.QueryInterface(Guid.parse(IID_IMsgrLock.toString().toLowerCase())), obj);
  const lock = obj.QueryInterface<IMsgrLock>(IID_IMsgrLock);
  t.is(lock.Status, 4);
});

test("QueryInterface throws E_NOINTERFACE for anything else and E_POINTER for no IID or a malformed one", (t) => {
  const obj = new MyManager();
  throwsHr(t, () => obj.QueryInterface(IID_IMsgrSession), E_NOINTERFACE);
  throwsHr(t, () => obj.QueryInterface(Guid.create()), E_NOINTERFACE);
  throwsHr(t, () => obj.QueryInterface(IID_NULL), E_NOINTERFACE);
  throwsHr(t, () => obj.QueryInterface(null as unknown as Guid), E_POINTER);
  for (const malformed of ["{A4D5F1A2-0000-0000-0000-000000000000}", { data: "x" }, 42, undefined]) {
    throwsHr(t, () => obj.QueryInterface(malformed as unknown as Guid), E_POINTER, `malformed IID ${String(malformed)}`);
  }
  t.is(obj.AddRef(), 1, "failed QueryInterface calls take no reference");
});

test("objects without sources do not answer IConnectionPointContainer; without dispatch tables not IDispatch", (t) => {
  const session = new MySession();
  throwsHr(t, () => session.QueryInterface(IID_IConnectionPointContainer), E_NOINTERFACE);
  t.is(session.QueryInterface(IID_IDispatch), session);
  class Plain extends ComObject {
    static readonly coclass: CoclassInfo = { clsid: CLSID_MsgrSession, name: "Plain", interfaces: [{ iid: IID_IMsgrLock, name: "IMsgrLock", bases: [] }] };
  }
  const plain = new Plain();
  throwsHr(t, () => plain.QueryInterface(IID_IDispatch), E_NOINTERFACE);
  t.is(plain.QueryInterface(IID_IMsgrLock), plain);
});

test("a class without static coclass cannot be constructed", (t) => {
  class NoInfo extends ComObject {}
  t.throws(() => new NoInfo(), { instanceOf: TypeError, message: /coclass/ });
});

test("reference counts start at 0; AddRef, Release and QueryInterface return and change the count", (t) => {
  const obj = new MyManager();
  t.is(obj.AddRef(), 1);
  t.is(obj.AddRef(), 2);
  obj.QueryInterface(IID_IDispatch);
  t.is(obj.Release(), 2);
  t.is(obj.Release(), 1);
  t.is(obj.finalReleases, 0);
  t.is(obj.Release(), 0);
  t.is(obj.finalReleases, 1);
});

test("Release below zero throws E_UNEXPECTED and leaves the object usable", (t) => {
  const obj = new MyManager();
  throwsHr(t, () => obj.Release(), E_UNEXPECTED);
  t.is(obj.finalReleases, 0);
  t.false(isDisconnected(obj));
  t.is(obj.Add(1, 2), 3);
  t.is(obj.AddRef(), 1);
});

test("after the final release every member throws RPC_E_DISCONNECTED: methods, accessors, overrides, additions, runtime members", (t) => {
  const obj = new MyManager();
  obj.AddRef();
  obj.Release();
  t.true(isDisconnected(obj));
  t.true(obj instanceof MyManager && obj instanceof MsgrSessionManagerStub && obj instanceof ComObject);
  const uses: [string, () => unknown][] = [
    ["override method", () => obj.Add(1, 2)],
    ["stub method", () => (obj as MsgrSessionManagerStub).CreateSession()],
    ["subclass-only method", () => obj.extra()],
    ["getter", () => obj.Application],
    ["setter", () => { obj.Application = "x"; }],
    ["write-only setter", () => { obj.Applications = 1; }],
    ["read-only getter", () => obj.State],
    ["IMsgrLock getter", () => obj.Status],
    ["QueryInterface", () => obj.QueryInterface(IID_IUnknown)],
    ["AddRef", () => obj.AddRef()],
    ["Release", () => obj.Release()],
    ["Invoke", () => obj.Invoke(23, IID_NULL, 0, 1, { rgvarg: [1, 2] })],
    ["GetIDsOfNames", () => obj.GetIDsOfNames(IID_NULL, ["Add"], 0)],
    ["FindConnectionPoint", () => obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents)],
    ["fire helper", () => obj.fireOnAppRegistered("x")],
  ];
  for (const [what, use] of uses) throwsHr(t, use, RPC_E_DISCONNECTED, what);
  // Plain data the user keeps on the object stays readable (it is not a COM member).
  t.is(obj.finalReleases, 1);
});

test("members defined on the instance (arrow functions, fields named like dispatch members) are disconnected too", (t) => {
  class Fields extends MsgrSessionManagerStub {
    override Add = (a: number, b: number): number => a + b;
    counter = 5;
  }
  const obj = new Fields() as Fields & { Application: string };
  Object.defineProperty(obj, "Application", { value: "field", writable: true, configurable: true });
  t.is(obj.Add(1, 1), 2);
  t.is(obj.Application, "field");
  obj.AddRef();
  obj.Release();
  throwsHr(t, () => obj.Add(1, 1), RPC_E_DISCONNECTED);
  throwsHr(t, () => obj.Application, RPC_E_DISCONNECTED);
  t.is(obj.counter, 5);
});

test("onFinalRelease runs once, before disconnection; a throwing one still disconnects", (t) => {
  const seen: string[] = [];
  class Observed extends MySession {
    protected override onFinalRelease(): void {
      seen.push(this.Application); // still connected here
    }
  }
  const obj = new Observed();
  obj.Application = "alive";
  obj.AddRef();
  obj.Release();
  t.deepEqual(seen, ["alive"]);
  class Throwing extends MySession {
    protected override onFinalRelease(): void {
      throw new Error("cleanup failed");
    }
  }
  const bad = new Throwing();
  bad.AddRef();
  t.throws(() => bad.Release(), { message: "cleanup failed" });
  t.true(isDisconnected(bad));
  throwsHr(t, () => bad.Application, RPC_E_DISCONNECTED);
});

test("disconnecting one instance leaves other instances of the class untouched", (t) => {
  const a = new MyManager();
  const b = new MyManager();
  a.AddRef();
  a.Release();
  t.is(b.Add(2, 3), 5);
  t.is(b.Application, "none");
  t.false(isDisconnected(b));
  t.is(Object.getPrototypeOf(b), MyManager.prototype);
});

test("QueryInterface returns the same object: interface calls are direct calls", (t) => {
  const obj = new MyManager();
  const itf = obj.QueryInterface<IMsgrSessionManager>(IID_IMsgrSessionManager);
  t.is(itf.Add, obj.Add);
  t.is(itf.CreateSession.call(itf)?.QueryInterface<IDispatch>(IID_IDispatch) instanceof MsgrSessionStub, true);
  const unk: IUnknown = itf;
  t.is(unk, obj);
});

test("the stub's members throw E_NOTIMPL until overridden", (t) => {
  const stub = new MsgrSessionManagerStub();
  const error = t.throws(() => stub.CreateSession(), { instanceOf: ComError });
  t.is(error?.hresult, 0x80004001);
  t.throws(() => stub.Application, { instanceOf: ComError });
});

test("the emitter's list of ComObject's methods is the class's own (stub members of those names are overrides)", (t) => {
  const own = Object.getOwnPropertyNames(ComObject.prototype).filter((n) => n !== "constructor");
  t.deepEqual([...COM_OBJECT_METHODS].sort(), own.sort());
});
