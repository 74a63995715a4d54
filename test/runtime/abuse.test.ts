/**
 * The runtime under hostile or careless callers: null pointers and malformed DISPPARAMS reach
 * IDispatch from untyped JavaScript, sinks re-enter the source, recurse without end, return
 * promises that reject or never settle. Every case must end in a ComError or a reported sink
 * error, never a TypeError, a crash of the process or a corrupted connection list.
 */
import test from "ava";
import {
  DISPATCH_METHOD, DISP_E_BADPARAMCOUNT, E_INVALIDARG, E_POINTER, IID_IDispatch, IID_NULL, type DISPPARAMS, type IDispatch,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { DIID_DMsgrSessionManagerEvents, DMsgrSessionManagerEventsSink } from "./messenger-fixture.js";
import { MyManager } from "./messenger-impl.js";

/** IDispatch as an untyped caller sees it: every argument may be anything. */
type Loose = { [K in "GetIDsOfNames" | "Invoke"]: (...args: unknown[]) => unknown };

function loose(): Loose {
  return new MyManager().QueryInterface<IDispatch>(IID_IDispatch) as unknown as Loose;
}

const ADD = 23; // IMsgrSessionManager.Add(a, b), DISPID 23 in the fixture

test("GetIDsOfNames: null names or riid are E_POINTER; names that are not an array of strings are E_INVALIDARG", (t) => {
  const d = loose();
  throwsHr(t, () => d.GetIDsOfNames(IID_NULL, null, 0), E_POINTER);
  throwsHr(t, () => d.GetIDsOfNames(IID_NULL, undefined, 0), E_POINTER);
  throwsHr(t, () => d.GetIDsOfNames(null, ["Add"], 0), E_POINTER);
  throwsHr(t, () => d.GetIDsOfNames(IID_NULL, "Add", 0), E_INVALIDARG);
  throwsHr(t, () => d.GetIDsOfNames(IID_NULL, [42], 0), E_INVALIDARG);
  throwsHr(t, () => d.GetIDsOfNames(IID_NULL, ["Add", { toString: () => "a" }], 0), E_INVALIDARG);
  t.deepEqual(d.GetIDsOfNames(IID_NULL, ["Add"], 0), [ADD], "the object still works afterwards");
});

test("Invoke: null riid or pDispParams are E_POINTER; a malformed DISPPARAMS is E_INVALIDARG", (t) => {
  const d = loose();
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, null), E_POINTER);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD), E_POINTER);
  throwsHr(t, () => d.Invoke(ADD, null, 0, DISPATCH_METHOD, { rgvarg: [1, 2] }), E_POINTER);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, {}), E_INVALIDARG);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: "12" }), E_INVALIDARG);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: { length: 2, 0: 1, 1: 2 } }), E_INVALIDARG);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, "params"), E_INVALIDARG);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [1, 2], rgdispidNamedArgs: "0" }), E_INVALIDARG);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [1, 2], rgdispidNamedArgs: [0.5] }), E_INVALIDARG);
  t.is(d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [1, 2] }), 3, "the object still works afterwards");
});

test("Invoke with a huge argument array is refused by its length, without touching the elements", (t) => {
  const d = loose();
  const sparse: unknown[] = [];
  sparse.length = 1e9;
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: sparse } as DISPPARAMS), DISP_E_BADPARAMCOUNT);
  const dense = new Array<number>(1e6).fill(1);
  throwsHr(t, () => d.Invoke(ADD, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: dense }), DISP_E_BADPARAMCOUNT);
});

test("a sink that fires again during a fire nests: inner fires reach every sink, unadvise inside takes effect afterwards", (t) => {
  const obj = new MyManager();
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  const log: string[] = [];
  let second = 0;
  cp.Advise(DMsgrSessionManagerEventsSink({
    OnAppRegistered: (g) => {
      log.push(`a:${g}`);
      if (g === "outer") {
        obj.fireOnAppRegistered("inner");
        cp.Unadvise(second);
        obj.fireOnAppRegistered("after-unadvise");
      }
    },
  }));
  second = cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(`b:${g}`) }));
  obj.fireOnAppRegistered("outer");
  t.deepEqual(log, ["a:outer", "a:inner", "b:inner", "a:after-unadvise", "b:outer"],
    "the outer fire's snapshot keeps b; the fire after Unadvise does not");
  log.length = 0;
  obj.fireOnAppRegistered("next");
  t.deepEqual(log, ["a:next"]);
  t.is(obj.sinkErrors.length, 0);
});

test("a sink that re-fires without end overflows the stack once, is reported, and leaves the source usable", (t) => {
  const obj = new MyManager();
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  let calls = 0;
  const cookie = cp.Advise(DMsgrSessionManagerEventsSink({
    OnAppRegistered: () => {
      calls++;
      obj.fireOnAppRegistered("again");
    },
  }));
  t.notThrows(() => obj.fireOnAppRegistered("start"));
  t.true(calls > 100, `recursed ${calls} times before the stack ran out`);
  t.is(obj.sinkErrors.length, 1, "the overflow is reported once, at the level it happened");
  t.true(obj.sinkErrors[0]!.error instanceof RangeError);
  cp.Unadvise(cookie);
  const log: string[] = [];
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(g) }));
  obj.fireOnAppRegistered("later");
  t.deepEqual(log, ["later"], "the connection list is intact");
});

test("async handlers: the fire does not wait, a rejection is reported to onSinkError, a promise that never settles is harmless", async (t) => {
  const obj = new MyManager();
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  const log: string[] = [];
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: () => new Promise<void>(() => {}) }));
  const failing = cp.Advise(DMsgrSessionManagerEventsSink({
    OnAppRegistered: async (g) => {
      await Promise.resolve();
      throw new Error(`async failure on ${g}`);
    },
  }));
  cp.Advise(DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => log.push(g) }));
  obj.fireOnAppRegistered("x");
  t.deepEqual(log, ["x"], "the sink after the async ones ran synchronously");
  t.is(obj.sinkErrors.length, 0, "nothing has rejected yet");
  await new Promise((done) => setImmediate(done));
  t.is(obj.sinkErrors.length, 1);
  t.is(obj.sinkErrors[0]!.cookie, failing);
  t.is(obj.sinkErrors[0]!.event, "OnAppRegistered");
  t.is((obj.sinkErrors[0]!.error as Error).message, "async failure on x");
});
