/**
 * Runtime microbenchmarks, in nanoseconds per operation, with a hand-written loop: a warm-up run,
 * then the best of several timed runs with `process.hrtime.bigint()`. (No library: the operations
 * are a few nanoseconds, where a harness's own per-iteration call would dominate; a loop of N calls
 * per sample keeps the overhead out.) The objects are the generated Messenger stubs of
 * `generated/msgrpriv.ts`.
 */
import {
  DISPATCH_METHOD, IID_IDispatch, IID_NULL, type IDispatch, type IUnknown, type VARIANT,
} from "../runtime/index.js";
import {
  DMsgrSessionManagerEventsSink, DIID_DMsgrSessionManagerEvents, IID_IMsgrSessionManager, MsgrSessionManagerStub,
  type DMsgrSessionManagerEvents, type IMsgrSessionManager,
} from "../../generated/msgrpriv.js";

/** The user's implementation: a cheap method. */
class Manager extends MsgrSessionManagerStub {
  total = 0;
  override GetLaunchingSession(lProcessID: number): IDispatch | null {
    this.total += lProcessID;
    return null;
  }
}

/** The same method on a plain class: what a call costs without COM. */
class Plain {
  total = 0;
  GetLaunchingSession(lProcessID: number): IDispatch | null {
    this.total += lProcessID;
    return null;
  }
}

function best(samples: number, run: () => number): number {
  run();
  run();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    const keep = run();
    const el = Number(process.hrtime.bigint() - t);
    if (keep === -1) throw new Error("unreachable");
    min = Math.min(min, el);
  }
  return min;
}

export interface RuntimeResults {
  readonly directNs: number;
  readonly interfaceNs: number;
  readonly invokeDispidNs: number;
  readonly invokeNameNs: number;
  readonly fanout1000Ns: number;
  readonly direct1000Ns: number;
}

export function runtimeBench(short: boolean): RuntimeResults {
  const N = short ? 200_000 : 1_000_000;
  const samples = short ? 5 : 9;
  const plain = new Plain();
  const obj = new Manager();
  const itf = obj.QueryInterface<IMsgrSessionManager>(IID_IMsgrSessionManager);
  const disp = obj.QueryInterface<IDispatch>(IID_IDispatch);

  const directNs = best(samples, () => {
    for (let i = 0; i < N; i++) plain.GetLaunchingSession(i & 7);
    return plain.total;
  }) / N;
  const interfaceNs = best(samples, () => {
    for (let i = 0; i < N; i++) itf.GetLaunchingSession(i & 7);
    return obj.total;
  }) / N;
  const rgvarg: VARIANT[] = [0];
  const params = { rgvarg };
  const invokeDispidNs = best(samples, () => {
    for (let i = 0; i < N; i++) {
      rgvarg[0] = i & 7;
      disp.Invoke(2, IID_NULL, 0, DISPATCH_METHOD, params);
    }
    return obj.total;
  }) / N;
  const names = ["GetLaunchingSession"];
  const M = N / 10;
  const invokeNameNs = best(samples, () => {
    for (let i = 0; i < M; i++) {
      const [id] = disp.GetIDsOfNames(IID_NULL, names, 0);
      rgvarg[0] = i & 7;
      disp.Invoke(id!, IID_NULL, 0, DISPATCH_METHOD, params);
    }
    return obj.total;
  }) / M;

  // One event to 1,000 sinks, against the same 1,000 handlers called directly.
  let fired = 0;
  const sinks = Array.from({ length: 1000 }, () =>
    DMsgrSessionManagerEventsSink({ OnLockEnable: (f) => { if (f) fired++; } }) as unknown as DMsgrSessionManagerEvents);
  const cp = obj.FindConnectionPoint(DIID_DMsgrSessionManagerEvents);
  for (const s of sinks) cp.Advise(s as unknown as IUnknown);
  const R = short ? 200 : 1000;
  const direct1000Ns = best(samples, () => {
    for (let r = 0; r < R; r++) for (let i = 0; i < sinks.length; i++) sinks[i]!.OnLockEnable(true);
    return fired;
  }) / R;
  const fanout1000Ns = best(samples, () => {
    for (let r = 0; r < R; r++) obj.fireOnLockEnable(true);
    return fired;
  }) / R;
  return { directNs, interfaceNs, invokeDispidNs, invokeNameNs, fanout1000Ns, direct1000Ns };
}
