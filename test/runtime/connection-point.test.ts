import test from "ava";
import {
  CONNECT_E_CANNOTCONNECT, CONNECT_E_NOCONNECTION, ComObject, E_NOINTERFACE, E_POINTER, Guid, IID_IConnectionPoint,
  IID_IConnectionPointContainer, IID_IDispatch, IID_IUnknown, RPC_E_DISCONNECTED, S_FALSE, S_OK, ref, type CONNECTDATA,
  type CoclassInfo, type DISPPARAMS, type IConnectionPoint, type IConnectionPointContainer, type IUnknown, type Ref, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import {
  DIID_DMsgrLockEvents, DIID_DMsgrSessionManagerEvents, DMsgrLockEventsSink, DMsgrSessionManagerEventsSink, IID_IMsgrLock,
  type DMsgrSessionManagerEvents,
} from "./messenger-fixture.js";
import { MyManager } from "./messenger-impl.js";

function events(obj: MyManager): IConnectionPoint {
  return obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
}

/** A hand-written sink class (not made by createSink) answering the source DIID. */
class RecordingSink extends ComObject implements DMsgrSessionManagerEvents {
  static readonly coclass: CoclassInfo = {
    clsid: Guid.parse("{0B0B0B0B-0000-0000-0000-000000000001}"),
    name: "RecordingSink",
    interfaces: [{ iid: DIID_DMsgrSessionManagerEvents, name: "DMsgrSessionManagerEvents", bases: [] }],
  };
  constructor(readonly log: string[], readonly tag: string) {
    super();
  }
  OnAppRegistered(bstrAppGUID: string): void { this.log.push(`${this.tag}:${bstrAppGUID}`); }
  OnAppUnRegistered(): void {}
  OnInvitation(_pSession: unknown, _bstrAppData: string, pfHandled: Ref<boolean>): void { pfHandled.value = true; }
}

/** A sink that is only an IDispatch: it answers IUnknown and IDispatch, not the DIID, and has no handler members. */
class DispatchOnlySink implements IUnknown {
  readonly calls: { dispid: number; wFlags: number; rgvarg: readonly VARIANT[] }[] = [];
  refs = 0;
  QueryInterface<T extends IUnknown = IUnknown>(riid: Guid): T {
    if (!riid.equals(IID_IUnknown) && !riid.equals(IID_IDispatch)) throw new (class extends Error {})("no");
    this.refs++;
    return this as unknown as T;
  }
  AddRef(): number { return ++this.refs; }
  Release(): number { return --this.refs; }
  Invoke(dispid: number, _riid: Guid, _lcid: number, wFlags: number, params: DISPPARAMS): VARIANT {
    this.calls.push({ dispid, wFlags, rgvarg: params.rgvarg });
    const handled = params.rgvarg[0];
    if (dispid === 4 && typeof handled === "object" && handled !== null && "value" in handled) (handled as Ref<VARIANT>).value = true;
    return undefined;
  }
}

test("FindConnectionPoint finds each source and throws CONNECT_E_NOCONNECTION for others", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  t.true(cp.GetConnectionInterface().equals(DIID_DMsgrSessionManagerEvents));
  t.is(obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents), cp, "one connection point per source");
  t.true(obj.FindConnectionPoint(DIID_DMsgrLockEvents).GetConnectionInterface().equals(DIID_DMsgrLockEvents));
  throwsHr(t, () => obj.FindConnectionPoint(IID_IMsgrLock), CONNECT_E_NOCONNECTION);
  throwsHr(t, () => obj.FindConnectionPoint(Guid.create()), CONNECT_E_NOCONNECTION);
  t.is(cp.GetConnectionPointContainer(), obj);
});

test("connection points share their container's lifetime and identity rules", (t) => {
  const obj = new MyManager();
  const cp = events(obj); // AddRefs the container
  t.is(obj.AddRef(), 2);
  t.is(cp.QueryInterface(IID_IConnectionPoint), cp);
  t.is(cp.QueryInterface(IID_IUnknown), cp);
  throwsHr(t, () => cp.QueryInterface(IID_IConnectionPointContainer), E_NOINTERFACE);
  t.is(cp.Release(), 4 - 1);
  obj.Release();
  obj.Release();
  t.is(cp.Release(), 0);
  t.is(obj.finalReleases, 1);
  throwsHr(t, () => cp.Advise(DMsgrSessionManagerEventsSink({})), RPC_E_DISCONNECTED);
});

test("EnumConnectionPoints lists the sources in declaration order", (t) => {
  const obj = new MyManager();
  const e = obj.EnumConnectionPoints();
  const points = ref<IConnectionPoint[]>([]);
  const fetched = ref(0);
  t.is(e.Next(5, points, fetched), S_FALSE);
  t.is(fetched.value, 2);
  t.deepEqual(points.value.map((p) => p.GetConnectionInterface().toString()), [DIID_DMsgrSessionManagerEvents.toString(), DIID_DMsgrLockEvents.toString()]);
  t.is(e.Reset(), S_OK);
  t.is(e.Skip(1), S_OK);
  t.is(e.Next(1, points, null), S_OK);
  t.true(points.value[0]!.GetConnectionInterface().equals(DIID_DMsgrLockEvents));
  t.is(e.Skip(1), S_FALSE);
  throwsHr(t, () => e.Next(2, points, null), E_POINTER);
  const clone = e.Clone();
  clone.Reset();
  t.is(clone.Next(2, points, fetched), S_OK);
});

test("Advise returns unique non-zero cookies and AddRefs the sink; Unadvise releases it", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const log: string[] = [];
  const sink = new RecordingSink(log, "a");
  sink.AddRef(); // our own reference
  const c1 = cp.Advise(sink);
  t.is(sink.AddRef() - 1, 2, "Advise holds one reference");
  sink.Release();
  const c2 = cp.Advise(sink);
  const c3 = obj.FindConnectionPoint(DIID_DMsgrLockEvents).Advise(DMsgrLockEventsSink({}));
  t.true(c1 !== 0 && c2 !== 0 && c3 !== 0);
  t.is(new Set([c1, c2, c3]).size, 3);
  t.is(cp.Unadvise(c1), S_OK);
  t.is(cp.Unadvise(c2), S_OK);
  t.is(sink.Release(), 0, "both connections released their references");
});

test("Unadvise of an unknown or already removed cookie throws CONNECT_E_NOCONNECTION", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const cookie = cp.Advise(DMsgrSessionManagerEventsSink({}));
  throwsHr(t, () => cp.Unadvise(0), CONNECT_E_NOCONNECTION);
  throwsHr(t, () => cp.Unadvise(cookie + 1000), CONNECT_E_NOCONNECTION);
  cp.Unadvise(cookie);
  throwsHr(t, () => cp.Unadvise(cookie), CONNECT_E_NOCONNECTION);
  // A cookie of another connection point is unknown here.
  const other = obj.FindConnectionPoint(DIID_DMsgrLockEvents).Advise(DMsgrLockEventsSink({}));
  throwsHr(t, () => cp.Unadvise(other), CONNECT_E_NOCONNECTION);
});

test("Advise rejects sinks that support neither the source nor IDispatch, and null", (t) => {
  const cp = events(new MyManager());
  class Other extends ComObject {
    static readonly coclass: CoclassInfo = { clsid: Guid.create(), name: "Other", interfaces: [{ iid: IID_IMsgrLock, name: "IMsgrLock", bases: [] }] };
  }
  const other = new Other();
  throwsHr(t, () => cp.Advise(other), CONNECT_E_CANNOTCONNECT);
  t.is(other.AddRef(), 1, "a rejected sink keeps no reference");
  throwsHr(t, () => cp.Advise(null), E_POINTER);
});

test("a sink of another dispinterface connects through IDispatch and gets events by DISPID", (t) => {
  const obj = new MyManager();
  const cookies: number[] = [];
  const lockSink = DMsgrLockEventsSink({ OnChallenge: (c) => { cookies.push(c); } });
  const cookie = events(obj).Advise(lockSink);
  obj.fireOnAppRegistered("12"); // DISPID 1 is OnChallenge(LONG) for this sink: "12" is coerced
  t.deepEqual(cookies, [12]);
  obj.fireOnAppRegistered("twelve");
  t.is(obj.sinkErrors.length, 1);
  t.is(obj.sinkErrors[0]!.cookie, cookie);
  t.is((obj.sinkErrors[0]!.error as { hresult?: number }).hresult, 0x80020005);
});

test("EnumConnections reports the current connections in advise order, with AddRef'd sinks", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const sinks = [new RecordingSink([], "a"), new RecordingSink([], "b"), new RecordingSink([], "c")];
  const cookies = sinks.map((s) => cp.Advise(s));
  cp.Unadvise(cookies[1]!);
  const e = cp.EnumConnections();
  const data = ref<CONNECTDATA[]>([]);
  const fetched = ref(0);
  t.is(e.Next(10, data, fetched), S_FALSE);
  t.is(fetched.value, 2);
  t.deepEqual(data.value.map((d) => d.dwCookie), [cookies[0], cookies[2]]);
  t.is(data.value[0]!.pUnk, sinks[0]!);
  t.is(data.value[1]!.pUnk, sinks[2]!);
  // advise (1) + the enumerator's own (1) + the CONNECTDATA handed to us (1)
  t.is(sinks[0]!.AddRef(), 4);
  sinks[0]!.Release();
  data.value.forEach((d) => d.pUnk?.Release());
  t.is(e.Release(), 0);
  t.is(sinks[0]!.AddRef(), 2, "the enumerator released its references");
  // The enumeration is a snapshot: later changes do not show.
  const snapshot = cp.EnumConnections();
  cp.Advise(new RecordingSink([], "d"));
  t.is(snapshot.Next(10, data, fetched), S_FALSE);
  t.is(fetched.value, 2);
});

test("events reach every sink in advise order; direct handlers and sinks of both kinds", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const log: string[] = [];
  cp.Advise(new RecordingSink(log, "first"));
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(`second:${g}`) }));
  cp.Advise(new RecordingSink(log, "third"));
  obj.fireOnAppRegistered("{app}");
  t.deepEqual(log, ["first:{app}", "second:{app}", "third:{app}"]);
  obj.fireOnAppUnRegistered("{app}"); // no handler in the createSink sink: nothing happens
  t.is(obj.sinkErrors.length, 0);
});

test("a throwing sink does not stop the others and is reported to onSinkError", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const log: string[] = [];
  cp.Advise(new RecordingSink(log, "a"));
  const bad = cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: () => { throw new Error("sink failed"); } }));
  cp.Advise(new RecordingSink(log, "c"));
  obj.fireOnAppRegistered("x");
  t.deepEqual(log, ["a:x", "c:x"]);
  t.is(obj.sinkErrors.length, 1);
  t.is(obj.sinkErrors[0]!.cookie, bad);
  t.is(obj.sinkErrors[0]!.event, "OnAppRegistered");
  t.is((obj.sinkErrors[0]!.error as Error).message, "sink failed");
});

test("Unadvise and Advise during a fire take effect from the next fire; the removed sink survives the fire", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const log: string[] = [];
  let lateCookie = 0;
  let victimCookie = 0;
  const victim = DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(`victim:${g}`) });
  cp.Advise(DMsgrSessionManagerEventsSink({
    OnAppRegistered: (g) => {
      log.push(`killer:${g}`);
      if (g === "1") {
        cp.Unadvise(victimCookie);
        lateCookie = cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: (x) => log.push(`late:${x}`) }));
      }
    },
  }));
  victimCookie = cp.Advise(victim);
  obj.fireOnAppRegistered("1");
  t.deepEqual(log, ["killer:1", "victim:1"], "the snapshot still includes the victim and not the late sink");
  t.is(obj.sinkErrors.length, 0, "the victim was not released while it could still be called");
  throwsHr(t, () => victim.AddRef(), RPC_E_DISCONNECTED, "released once the fire ended");
  log.length = 0;
  obj.fireOnAppRegistered("2");
  t.deepEqual(log, ["killer:2", "late:2"]);
  t.not(lateCookie, 0);
});

test("a by-reference event argument written by a sink comes back to the source", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  t.false(obj.invite("yes"), "no sinks: nobody handled it");
  cp.Advise(DMsgrSessionManagerEventsSink({ OnInvitation: (_s, data, handled) => { handled.value = data === "yes"; } }));
  t.true(obj.invite("yes"));
  t.false(obj.invite("no"));
});

test("a sink that is only an IDispatch gets events through Invoke, arguments reversed and Refs by reference", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const sink = new DispatchOnlySink();
  cp.Advise(sink);
  t.is(sink.refs, 1);
  obj.fireOnAppRegistered("{g}");
  t.is(obj.sinkErrors.length, 0);
  t.deepEqual(sink.calls[0], { dispid: 1, wFlags: 1, rgvarg: ["{g}"] });
  t.true(obj.invite("data"));
  const last = sink.calls.at(-1)!;
  t.is(last.dispid, 4);
  t.is(last.rgvarg[1], "data");
  t.is(last.rgvarg[2], null);
});

test("createSink sinks receive by-reference arguments through Invoke too", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  // A createSink sink connected as a plain IDispatch (as a source that only knows IDispatch would).
  const sink = DMsgrSessionManagerEventsSink({ OnInvitation: (_s, _d, handled) => { handled.value = true; } });
  const asDispatch = { QueryInterface: <T extends IUnknown>(riid: Guid): T => {
    if (riid.equals(DIID_DMsgrSessionManagerEvents)) throw new Error("hide the DIID");
    return sink.QueryInterface<T>(riid);
  }, AddRef: () => sink.AddRef(), Release: () => sink.Release() };
  cp.Advise(asDispatch);
  t.true(obj.invite("x"));
});

test("the final release of the source releases every sink and disconnects its connection points", (t) => {
  const obj = new MyManager();
  const cp = events(obj);
  const sink = new RecordingSink([], "s");
  sink.AddRef();
  cp.Advise(sink);
  obj.FindConnectionPoint(DIID_DMsgrLockEvents).Release();
  t.is(cp.Release(), 0);
  t.is(sink.Release(), 0, "the source dropped its reference");
  throwsHr(t, () => cp.EnumConnections(), RPC_E_DISCONNECTED);
});

test("a sink may release the source during a fire without breaking the fire", (t) => {
  const obj = new MyManager();
  obj.AddRef();
  const container = obj.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer);
  const cp = container.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  cp.Release();
  container.Release();
  const log: string[] = [];
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: () => { obj.Release(); log.push("released"); } }));
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: () => log.push("second") }));
  obj.fireOnAppRegistered("x");
  t.deepEqual(log, ["released", "second"]);
  t.is(obj.finalReleases, 1, "destroyed once the fire ended");
});
