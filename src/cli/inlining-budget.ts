/**
 * How much V8's optimizing compiler (TurboFan) inlines in the process `codegen` runs in.
 *
 * A cold run is mostly code running for the first time: TurboFan optimizes ~550 functions of the
 * compiler on a background thread, ~1 s of CPU in a ~3 s run (with it on the main thread,
 * `--no-concurrent-recompilation`, the run takes that much longer), and the big ones, which inline
 * their callees up to V8's budget (a callee of up to 460 bytes of bytecode, 920 in all per
 * function), take longest: the view model's `stubView` and `membersOf`, the layout, the resolver,
 * several of them optimized again after new shapes of IR deoptimized them. Until their optimized
 * code arrives the main thread runs them unoptimized, while the compile job competes with the
 * collector's threads for the other core. Half the budget per callee and a quarter in all
 * (230/230) makes the jobs small: alternating cold runs over the Wine corpus took 2.45–2.5 s
 * instead of 2.75–2.85 (medians of 8, 8 wins of 8), with ~600 ms less CPU; a compile repeated in
 * one process and a one-file rebuild were not measurably slower. Set only here, for the
 * command-line process (never by the library, whose embedder owns its process), and not when the
 * user passed either flag to Node themselves.
 */
import { setV8FlagUnlessGiven } from "./v8-flag.js";

/** V8's flags, with the values `codegen`'s process runs with (V8's defaults: 920 and 460). */
export const INLINING_BUDGET = { "--max-inlined-bytecode-size-cumulative": 230, "--max-inlined-bytecode-size": 230 } as const;

/** Sets `INLINING_BUDGET`, flag by flag, unless Node was given that flag (v8-flag.ts). */
export function limitInlining(): void {
  for (const [flag, value] of Object.entries(INLINING_BUDGET)) setV8FlagUnlessGiven(flag, value);
}
