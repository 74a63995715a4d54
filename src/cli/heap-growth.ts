/**
 * How far V8 lets the heap grow between full collections in the process `codegen` runs in.
 *
 * After each full collection V8 allows the old generation to grow to a multiple of what survived
 * it, up to four times for a program that allocates fast and rarely waits, which a compiler is. A
 * cold run over Wine's corpus has its full collection mid-parse (about 90 MB surviving), then
 * promotes tokens, syntax trees and view models that are dead by the time the next one comes
 * (about 380 MB in use, 80 MB surviving): the peak RSS (467–536 MB measured) is garbage. Twice
 * instead of four times costs one or two more collections, mostly marked concurrently on the
 * other core (about 90–140 ms of a ~3.3 s run, medians of alternating runs) and keeps the peak at
 * 378–418 MB. Set only here, for the command-line process (never by the library, whose
 * embedder owns its process), and not when the user passed the flag to Node themselves.
 */
import { setV8FlagUnlessGiven } from "./v8-flag.js";

/** Heap growth factor 2 (V8's `--heap-growing-percent=100`) unless Node was given one (v8-flag.ts). */
export function limitHeapGrowth(): void {
  setV8FlagUnlessGiven("--heap-growing-percent", 100);
}
