/**
 * The committed generated/msgrpriv.ts, imported and executed on the runtime: class registry,
 * QueryInterface, reference counts, IDispatch through the generated dispatch tables, and events
 * through connection points and the generated event tables.
 */
import test from "ava";
import {
  ClassRegistry, CoCreateInstance, ComError, DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT,
  DISPID_PROPERTYPUT, DISP_E_BADPARAMCOUNT, DISP_E_EXCEPTION, DISP_E_MEMBERNOTFOUND, DISP_E_OVERFLOW,
  DISP_E_PARAMNOTFOUND, DISP_E_PARAMNOTOPTIONAL, DISP_E_TYPEMISMATCH, DISP_E_UNKNOWNINTERFACE, DISP_E_UNKNOWNNAME,
  E_NOINTERFACE, E_NOTIMPL, IID_IConnectionPointContainer, IID_IDispatch, IID_IUnknown, IID_NULL, RPC_E_DISCONNECTED,
  S_FALSE, invoke, ref, type EXCEPINFO, type VARIANT, type IConnectionPointContainer, type IDispatch, type IUnknown, type Ref,
} from "midl-ts/runtime";
import {
  CLSID_MsgrSessionManager, DIID_DMsgrSessionManagerEvents, DMsgrSessionManagerEventsSink, IID_IMessengerPrivate,
  IID_IMsgrLock, IID_IMsgrSession, IID_IMsgrSessionManager, IMsgrSession_dispatch, LockStatus, MessengerPrivStub,
  MsgrSessionManagerStub, MsgrSessionStub, SESSION_STATE, type DMsgrSessionManagerEvents, type IMessengerPrivate,
  type IMsgrLock, type IMsgrSession, type IMsgrSessionManager,
} from "../generated/msgrpriv.js";

/** A session implementation in the way users subclass generated stubs. */
class Session extends MsgrSessionStub {
  #app = "";
  invited: [IDispatch | null, string][] = [];
  override get Application(): string {
    return this.#app;
  }
  override set Application(value: string) {
    this.#app = value;
  }
  override get State(): SESSION_STATE {
    return SESSION_STATE.SS_READY;
  }
  override Invite(pUser: IDispatch | null, bstrAppData: string): void {
    this.invited.push([pUser, bstrAppData]);
  }
  override SendContextData(bstrData: string): void {
    if (bstrData.length > 300) throw new ComError(0x81000611);
  }
}

class Manager extends MsgrSessionManagerStub {
  released = 0;
  override CreateSession(): IDispatch {
    return new Session().QueryInterface<IDispatch>(IID_IDispatch);
  }
  override GetLaunchingSession(lProcessID: number): IDispatch | null {
    return lProcessID === 0 ? null : this.CreateSession();
  }
  override get Status(): LockStatus {
    return LockStatus.LOCK_UNLOCKED;
  }
  protected override onFinalRelease(): void {
    this.released++;
  }
}

function create(): IMsgrSessionManager {
  const registry = new ClassRegistry();
  registry.register(Manager);
  return CoCreateInstance<IMsgrSessionManager>(CLSID_MsgrSessionManager, IID_IMsgrSessionManager, registry);
}

function hresultOf(t: { throws: (fn: () => unknown, exp: { instanceOf: typeof ComError }) => unknown }, fn: () => unknown): number {
  const e = t.throws(fn, { instanceOf: ComError }) as ComError;
  return e.hresult;
}

test("CoCreateInstance(CLSID_MsgrSessionManager) through the registry, with a reference count of 1", (t) => {
  const mgr = create();
  t.true(mgr instanceof Manager);
  t.is(mgr.AddRef(), 2);
  t.is(mgr.Release(), 1);
});

test("QueryInterface answers every interface the coclass lists, IDispatch and IConnectionPointContainer", (t) => {
  const mgr = create();
  for (const iid of [IID_IUnknown, IID_IMsgrSessionManager, IID_IMsgrLock, IID_IDispatch, IID_IConnectionPointContainer]) {
    const other = mgr.QueryInterface(iid);
    t.is(other, mgr as unknown as IUnknown, `same identity for ${iid.toString()}`);
  }
  t.is(mgr.Release(), 5);
  const lock = mgr.QueryInterface<IMsgrLock>(IID_IMsgrLock);
  t.is(lock.Status, LockStatus.LOCK_UNLOCKED);
  t.is(hresultOf(t, () => mgr.QueryInterface(IID_IMsgrSession)), E_NOINTERFACE);
  t.is(hresultOf(t, () => mgr.QueryInterface(IID_IMessengerPrivate)), E_NOINTERFACE);
});

test("members that were not overridden fail with E_NOTIMPL", (t) => {
  const mgr = create();
  t.is(hresultOf(t, () => mgr.RegisterApplication("{00000000-0000-0000-0000-000000000000}", "a", "b", "c", 0)), E_NOTIMPL);
  const lock = mgr.QueryInterface<IMsgrLock>(IID_IMsgrLock);
  t.is(hresultOf(t, () => lock.RequestChallenge(42)), E_NOTIMPL);
  const priv = new MessengerPrivStub().QueryInterface<IMessengerPrivate>(IID_IMessengerPrivate);
  t.is(hresultOf(t, () => priv.EnableAlertEvents(ref([1, 2]))), E_NOTIMPL);
});

test("reference counts are real: the final Release runs onFinalRelease and disconnects the object", (t) => {
  const mgr = create() as Manager;
  mgr.AddRef();
  t.is(mgr.Release(), 1);
  t.is(mgr.released, 0);
  t.is(mgr.Release(), 0);
  t.is(mgr.released, 1);
  t.is(hresultOf(t, () => mgr.CreateSession()), RPC_E_DISCONNECTED);
  t.is(hresultOf(t, () => mgr.QueryInterface(IID_IUnknown)), RPC_E_DISCONNECTED);
});

test("Invoke by DISPID and by name reaches the implementation through the generated dispatch table", (t) => {
  const mgr = create();
  const disp = mgr.QueryInterface<IDispatch>(IID_IDispatch);
  const result = disp.Invoke(1, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [] });
  t.true(result instanceof Session, "CreateSession by DISPID 1");
  const [id] = disp.GetIDsOfNames(IID_NULL, ["createsession"], 0);
  t.is(id, 1, "GetIDsOfNames is case-insensitive");
  t.true(invoke(disp, "CreateSession") instanceof Session);
  t.is(invoke(disp, "GetLaunchingSession", [0]), null);
});

test("properties through Invoke: propget, propput with DISPID_PROPERTYPUT, and coercion to BSTR", (t) => {
  const session = new Session();
  const disp = session.QueryInterface<IDispatch>(IID_IDispatch);
  const application = IMsgrSession_dispatch.dispidOf("Application");
  t.is(typeof application, "number");
  disp.Invoke(application!, IID_NULL, 0, DISPATCH_PROPERTYPUT, { rgvarg: ["{44BBA842-CC51-11CF-AAFA-00AA00B6015C}"], rgdispidNamedArgs: [DISPID_PROPERTYPUT] });
  t.is(session.Application, "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}");
  t.is(disp.Invoke(application!, IID_NULL, 0, DISPATCH_PROPERTYGET, { rgvarg: [] }), "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}");
  invoke(disp, "Application", [12345], { kind: "put" });
  t.is(session.Application, "12345", "a number is coerced to the BSTR the property takes");
  t.is(invoke(disp, "State", [], { kind: "get" }), SESSION_STATE.SS_READY);
  const s = session.QueryInterface<IMsgrSession>(IID_IMsgrSession);
  invoke(disp, "Invite", [null, "hello"]);
  t.deepEqual((s as Session).invited, [[null, "hello"]]);
});

test("named arguments map to parameters by name", (t) => {
  const session = new Session();
  const disp = session.QueryInterface<IDispatch>(IID_IDispatch);
  const [invite, pUser, data] = disp.GetIDsOfNames(IID_NULL, ["Invite", "pUser", "bstrAppData"], 0);
  t.is(invite, IMsgrSession_dispatch.dispidOf("Invite"));
  // rgvarg is in reverse order; named arguments come first in it.
  disp.Invoke(invite!, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["named data", null], rgdispidNamedArgs: [data!, pUser!] });
  t.deepEqual(session.invited, [[null, "named data"]]);
});

test("every DISP_E_* path Invoke can take on the generated tables, with the offending argument", (t) => {
  const session = new Session();
  const disp = session.QueryInterface<IDispatch>(IID_IDispatch);
  const invite = IMsgrSession_dispatch.dispidOf("Invite")!;
  const send = IMsgrSession_dispatch.dispidOf("SendContextData")!;
  const fail = (fn: () => unknown) => t.throws(fn, { instanceOf: ComError }) as ComError;

  t.is(fail(() => disp.Invoke(invite, IID_IUnknown, 0, DISPATCH_METHOD, { rgvarg: [] })).hresult, DISP_E_UNKNOWNINTERFACE);
  t.is(fail(() => disp.Invoke(9999, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [] })).hresult, DISP_E_MEMBERNOTFOUND);
  t.is(fail(() => disp.Invoke(invite, IID_NULL, 0, DISPATCH_PROPERTYPUT, { rgvarg: [1], rgdispidNamedArgs: [DISPID_PROPERTYPUT] })).hresult, DISP_E_MEMBERNOTFOUND);
  t.is(fail(() => disp.GetIDsOfNames(IID_NULL, ["NoSuchMember"], 0)).hresult, DISP_E_UNKNOWNNAME);
  t.is(fail(() => disp.Invoke(invite, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["x", null, 3] })).hresult, DISP_E_BADPARAMCOUNT);
  const missing = fail(() => disp.Invoke(invite, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [] }));
  t.is(missing.hresult, DISP_E_PARAMNOTOPTIONAL);
  const named = fail(() => disp.Invoke(invite, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["x", null], rgdispidNamedArgs: [7, 0] }));
  t.is(named.hresult, DISP_E_PARAMNOTFOUND);
  t.is(named.argErr, 0);
  const argErr: Ref<number> = ref(-1);
  const mismatch = fail(() => disp.Invoke(invite, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["data", "not a dispatch"] }, null, null, argErr));
  t.is(mismatch.hresult, DISP_E_TYPEMISMATCH);
  t.is(mismatch.argErr, 1, "pUser is the first parameter, the last in rgvarg");
  t.is(argErr.value, 1);
  const cancel = IMsgrSession_dispatch.dispidOf("Cancel")!;
  const overflow = fail(() => disp.Invoke(cancel, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["data", 2 ** 40] }));
  t.is(overflow.hresult, DISP_E_OVERFLOW);
  t.is(overflow.argErr, 1);
  const excep: Ref<EXCEPINFO | undefined> = ref(undefined);
  const thrown = fail(() => disp.Invoke(send, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["x".repeat(301)] }, null, excep as Ref<EXCEPINFO>));
  t.is(thrown.hresult, DISP_E_EXCEPTION);
  t.is(excep.value?.scode, 0x81000611, "the implementation's HRESULT arrives in EXCEPINFO.scode");
  t.is(fail(() => invoke(disp, "Accept", ["x"])).excepInfo?.scode, E_NOTIMPL);
});

test("every DMsgrSessionManagerEvents event reaches an advised sink with its documented arguments", (t) => {
  const mgr = create() as Manager;
  const calls: unknown[][] = [];
  const record = (name: keyof DMsgrSessionManagerEvents) => (...args: unknown[]) => void calls.push([name, ...args]);
  const sink = DMsgrSessionManagerEventsSink({
    OnAppRegistered: record("OnAppRegistered"),
    OnAppShutdown: record("OnAppShutdown"),
    OnAppUnRegistered: record("OnAppUnRegistered"),
    OnInvitation: (pSession, bstrAppData, pfHandled) => {
      calls.push(["OnInvitation", pSession, bstrAppData, pfHandled.value]);
      pfHandled.value = true;
    },
    OnLockChallenge: record("OnLockChallenge"),
    OnLockEnable: record("OnLockEnable"),
    OnLockResult: record("OnLockResult"),
    OnLockStatusChanged: record("OnLockStatusChanged"),
  });
  const cpc = mgr.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer);
  const cp = cpc.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  const cookie = cp.Advise(sink);
  t.true(cookie !== 0);
  const session = mgr.CreateSession();
  const handled = ref(false);
  mgr.fireOnAppRegistered("{44BBA842-CC51-11CF-AAFA-00AA00B6015C}");
  mgr.fireOnAppShutdown();
  mgr.fireOnAppUnRegistered("{44BBA842-CC51-11CF-AAFA-00AA00B6015C}");
  mgr.fireOnInvitation(session, "app data", handled);
  mgr.fireOnLockChallenge(7, "challenge-string");
  mgr.fireOnLockEnable(true);
  mgr.fireOnLockResult(7, true);
  mgr.fireOnLockStatusChanged(LockStatus.LOCK_UNLOCKED);
  t.deepEqual(calls, [
    ["OnAppRegistered", "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}"],
    ["OnAppShutdown"],
    ["OnAppUnRegistered", "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}"],
    ["OnInvitation", session, "app data", false],
    ["OnLockChallenge", 7, "challenge-string"],
    ["OnLockEnable", true],
    ["OnLockResult", 7, true],
    ["OnLockStatusChanged", LockStatus.LOCK_UNLOCKED],
  ]);
  t.true(handled.value, "the sink wrote pfHandled back through the reference box");
  cp.Unadvise(cookie);
  mgr.fireOnAppShutdown();
  t.is(calls.length, 8, "no delivery after Unadvise");
});

test("a sink that is only an IDispatch gets events through Invoke, with by-reference write-back", (t) => {
  const mgr = create() as Manager;
  const seen: unknown[] = [];
  const sink: IDispatch = {
    QueryInterface<T extends IUnknown>(riid: { equals(o: unknown): boolean }): T {
      if (riid.equals(IID_IDispatch) || riid.equals(IID_IUnknown)) return this as unknown as T;
      throw new ComError(E_NOINTERFACE);
    },
    AddRef: () => 1,
    Release: () => 1,
    GetTypeInfoCount: () => 0,
    GetTypeInfo: () => { throw new ComError(E_NOTIMPL); },
    GetIDsOfNames: () => [],
    Invoke(dispid, _riid, _lcid, _flags, params) {
      seen.push(dispid, ...params.rgvarg);
      const handled = params.rgvarg[0] as Ref<boolean>;
      handled.value = true;
      return undefined;
    },
  } as IDispatch;
  mgr.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer).FindConnectionPoint(DIID_DMsgrSessionManagerEvents).Advise(sink);
  const handled = ref(false);
  mgr.fireOnInvitation(null, "data", handled);
  t.is(seen[0], 8, "OnInvitation's DISPID");
  t.deepEqual(seen.slice(2), ["data", null], "arguments reversed, as COM passes them");
  t.true(handled.value);
});

test("EnableAlertEvents keeps its S_FALSE success code through the generated signature", (t) => {
  class Priv extends MessengerPrivStub {
    override EnableAlertEvents(ppsaSiteIds: Ref<number[]>): number {
      ppsaSiteIds.value = ppsaSiteIds.value.filter((id) => id > 0);
      return S_FALSE;
    }
  }
  const priv = new Priv().QueryInterface<IMessengerPrivate>(IID_IMessengerPrivate);
  const sites = ref([3, -1, 5]);
  t.is(priv.EnableAlertEvents(sites), S_FALSE);
  t.deepEqual(sites.value, [3, 5]);
  const disp = priv.QueryInterface<IDispatch>(IID_IDispatch);
  const box = ref<VARIANT>([1, -2]);
  invoke(disp, "EnableAlertEvents", [box]);
  t.deepEqual(box.value, [1], "a by-reference SAFEARRAY argument is written back through Invoke");
});
