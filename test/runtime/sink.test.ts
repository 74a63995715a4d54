import test from "ava";
import {
  CONNECT_E_CANNOTCONNECT, DISPATCH_METHOD, DISP_E_MEMBERNOTFOUND, DISP_E_EXCEPTION, E_NOINTERFACE, IID_IDispatch, IID_IUnknown, IID_NULL, RPC_E_DISCONNECTED,
  ref, type IDispatch, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { DIID_DMsgrLockEvents, DIID_DMsgrSessionManagerEvents, DMsgrSessionManagerEventsSink, type DMsgrSessionManagerEvents } from "./messenger-fixture.js";
import { MyManager } from "./messenger-impl.js";

test("a sink answers its DIID, IDispatch and IUnknown, nothing else", (t) => {
  const sink = DMsgrSessionManagerEventsSink({});
  t.is(sink.QueryInterface(DIID_DMsgrSessionManagerEvents), sink);
  t.is(sink.QueryInterface(IID_IDispatch), sink);
  t.is(sink.QueryInterface(IID_IUnknown), sink);
  throwsHr(t, () => sink.QueryInterface(DIID_DMsgrLockEvents), E_NOINTERFACE);
});

test("Invoke routes by DISPID to the handler with coerced, natural-order arguments", (t) => {
  const seen: unknown[][] = [];
  const sink = DMsgrSessionManagerEventsSink({
    OnAppRegistered: (g) => { seen.push(["registered", g]); },
    OnInvitation: (s, d, h) => { seen.push(["invited", s, d]); h.value = true; },
  });
  const disp = sink.QueryInterface<IDispatch>(IID_IDispatch);
  disp.Invoke(1, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [42] });
  const handled = ref<VARIANT>(false);
  disp.Invoke(4, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [handled, "data", null] });
  t.deepEqual(seen, [["registered", "42"], ["invited", null, "data"]]);
  t.is(handled.value, true);
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["OnInvitation", "pfHandled"], 0), [4, 2]);
});

test("events without a handler succeed and do nothing; unknown DISPIDs are DISP_E_MEMBERNOTFOUND", (t) => {
  const sink = DMsgrSessionManagerEventsSink({ OnAppRegistered: () => t.fail("wrong handler") });
  const disp = sink.QueryInterface<IDispatch>(IID_IDispatch);
  t.is(disp.Invoke(2, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["x"] }), undefined);
  throwsHr(t, () => disp.Invoke(3, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [] }), DISP_E_MEMBERNOTFOUND);
});

test("handlers are callable members of the sink (the fast path) and keep `this`", (t) => {
  const handlers = {
    count: 0,
    OnAppRegistered(this: { count: number }, _g: string): void {
      this.count++;
    },
  };
  const sink = DMsgrSessionManagerEventsSink(handlers) as unknown as DMsgrSessionManagerEvents;
  sink.OnAppRegistered("x");
  t.is(handlers.count, 1);
  t.is(typeof sink.OnInvitation, "function", "missing handlers are no-op members");
  t.notThrows(() => sink.OnInvitation(null, "", ref(false)));
});

test("a throwing handler surfaces from Invoke as DISP_E_EXCEPTION", (t) => {
  const sink = DMsgrSessionManagerEventsSink({ OnAppRegistered: () => { throw new Error("handler broke"); } });
  const error = throwsHr(t, () => sink.QueryInterface<IDispatch>(IID_IDispatch).Invoke(1, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["x"] }), DISP_E_EXCEPTION);
  t.is(error.excepInfo?.bstrDescription, "handler broke");
});

test("non-function handlers are rejected", (t) => {
  t.throws(() => DMsgrSessionManagerEventsSink({ OnAppRegistered: 5 } as never), { instanceOf: TypeError });
});

test("a sink starts at reference count 0: the last Unadvise destroys it", (t) => {
  const obj = new MyManager();
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  const log: string[] = [];
  const sink = DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(g) });
  const cookie = cp.Advise(sink);
  obj.fireOnAppRegistered("a");
  cp.Unadvise(cookie);
  t.deepEqual(log, ["a"]);
  throwsHr(t, () => (sink as unknown as DMsgrSessionManagerEvents).OnAppRegistered("b"), RPC_E_DISCONNECTED);
  throwsHr(t, () => cp.Advise(sink), CONNECT_E_CANNOTCONNECT, "as ATL's Advise, any failing QueryInterface is CANNOTCONNECT");
  // Keeping a reference keeps it usable across connections.
  const kept = DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(g) });
  kept.AddRef();
  cp.Unadvise(cp.Advise(kept));
  cp.Advise(kept);
  obj.fireOnAppRegistered("c");
  t.deepEqual(log, ["a", "c"]);
});
