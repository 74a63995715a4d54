/**
 * Guards against performance regressions of the two hot paths, with generous bounds so the tests
 * stay reliable on loaded machines: they catch order-of-magnitude regressions (a Proxy on the
 * call path, allocation per argument, searching tables at Invoke time), not small drifts.
 */
import test from "ava";
import { DISPATCH_METHOD, IID_IDispatch, IID_NULL, type IDispatch, type IUnknown } from "../../src/runtime/index.js";
import {
  DIID_DMsgrSessionManagerEvents, DMsgrSessionManagerEventsSink, IID_IMsgrSessionManager, type DMsgrSessionManagerEvents, type IMsgrSessionManager,
} from "./messenger-fixture.js";
import { MyManager } from "./messenger-impl.js";

/** Best of several timed runs, in nanoseconds, after a warm-up run. */
function bestTime(run: () => number): number {
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const sink = run();
    const elapsed = Number(process.hrtime.bigint() - start);
    if (sink === -1) throw new Error("unreachable: keeps the result alive");
    best = Math.min(best, elapsed);
  }
  return best;
}

test.serial("Invoke by DISPID stays within a small factor of a direct call", (t) => {
  const obj = new MyManager();
  const itf = obj.QueryInterface<IMsgrSessionManager>(IID_IMsgrSessionManager);
  const disp = obj.QueryInterface<IDispatch>(IID_IDispatch);
  const N = 200_000;
  const direct = bestTime(() => {
    let s = 0;
    for (let i = 0; i < N; i++) s = itf.Add(s & 1023, i & 7);
    return s;
  });
  const rgvarg = [0, 0];
  const params = { rgvarg };
  const late = bestTime(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      rgvarg[1] = s & 1023;
      rgvarg[0] = i & 7;
      s = disp.Invoke(23, IID_NULL, 0, DISPATCH_METHOD, params) as number;
    }
    return s;
  });
  const ratio = late / direct;
  t.log(`direct ${(direct / N).toFixed(1)} ns/call, Invoke ${(late / N).toFixed(1)} ns/call, ratio ${ratio.toFixed(1)}`);
  t.true(late / N < 200, "an Invoke costs well under 200 ns");
  t.true(ratio < 60, `Invoke/direct ratio ${ratio.toFixed(1)}`);
});

test.serial("firing an event to 1,000 sinks costs about as much as 1,000 direct calls", (t) => {
  const obj = new MyManager();
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  let total = 0;
  const sinks = Array.from({ length: 1000 }, () =>
    DMsgrSessionManagerEventsSink({ OnAppRegistered: (g) => { total += g.length; } }) as unknown as DMsgrSessionManagerEvents);
  for (const s of sinks) cp.Advise(s as unknown as IUnknown);
  const ROUNDS = 200;
  const direct = bestTime(() => {
    for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < sinks.length; i++) sinks[i]!.OnAppRegistered("{app}");
    return total;
  });
  const fired = bestTime(() => {
    for (let r = 0; r < ROUNDS; r++) obj.fireOnAppRegistered("{app}");
    return total;
  });
  const ratio = fired / direct;
  t.log(`direct ${(direct / ROUNDS / 1000).toFixed(2)} ns/sink, fire ${(fired / ROUNDS / 1000).toFixed(2)} ns/sink, ratio ${ratio.toFixed(2)}`);
  t.is(obj.sinkErrors.length, 0);
  t.true(ratio < 4, `fire/direct ratio ${ratio.toFixed(2)}`);
});
