/**
 * Wall-clock time per compiler phase, for `stats.phases` and the benchmark. One accumulator per
 * process: a run resets it at its start and reads it at its end (runs do not overlap inside one
 * `compile()`; concurrent runs in one process would share it, which only blurs the numbers).
 */
export type Phase = "preprocess" | "lex" | "parse" | "resolve" | "emit" | "format" | "verify";

export type PhaseTimes = Record<Phase, number>;

const times: PhaseTimes = { preprocess: 0, lex: 0, parse: 0, resolve: 0, emit: 0, format: 0, verify: 0 };

/** Adds the time since `start` (a `performance.now()` value) to a phase; returns now. */
export function addPhase(phase: Phase, start: number): number {
  const now = performance.now();
  times[phase] += now - start;
  return now;
}

export function resetPhases(): void {
  for (const k of Object.keys(times) as Phase[]) times[k] = 0;
}

/** A copy of the times so far, in milliseconds, rounded to 0.1 ms. */
export function phaseSnapshot(): PhaseTimes {
  const out = { ...times };
  for (const k of Object.keys(out) as Phase[]) out[k] = Math.round(out[k] * 10) / 10;
  return out;
}
