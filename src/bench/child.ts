/**
 * One measured compilation in a fresh process (cold module caches and JIT, per-run peak RSS), by
 * the bundled compiler that `codegen` runs.
 * argv[2] is a JSON `ChildJob`; prints one JSON `ChildResult` line on stdout.
 */
import { appendFileSync } from "node:fs";
import { loadBundledCompiler } from "../cli/bundled-compiler.js";
import { recordGcPauses } from "./cpu.js";
import { median } from "./stats.js";

export interface ChildJob {
  readonly inputs: readonly string[];
  readonly includeDirs: readonly string[];
  readonly outDir: string;
  readonly cacheDir: string | false;
  readonly format: boolean;
  readonly verify: boolean;
  /**
   * Watch mode's case instead: one build session compiles, then `file` is edited (a typedef
   * appended) `edits` times and compiled again each time; `ms` is the median of those compiles.
   */
  readonly session?: { readonly file: string; readonly edits: number };
  /** V8's code cache of the bundle, as `codegen` keeps one per project (none: not kept). */
  readonly codeCache?: string;
}

export interface ChildResult {
  readonly ms: number;
  readonly rssMb: number;
  readonly files: number;
  readonly errors: number;
  readonly cacheHit: boolean;
  readonly phases: Record<string, number> | null;
  /** CPU time of the process over the first compile, all threads (V8's collector and compiler included), ms. */
  readonly cpuMs: number;
  /** The main thread's garbage-collection pauses over the first compile, ms. */
  readonly gcMs: number;
  /** Of `gcMs`, the young-generation collections (scavenges), ms. */
  readonly gcMinorMs: number;
}

const job = JSON.parse(process.argv[2]!) as ChildJob;
// The bundle `codegen` runs, as its launcher runs it (see cli/launch.ts): what users run is
// measured. Loading the script is not (it is in processMs); what it loads lazily — the pipeline,
// the parser — loads inside the measurement.
const compiler = loadBundledCompiler(job.codeCache);
const { compile, BuildSession } = compiler.exports;
const session = job.session ? new BuildSession() : undefined;
const options = {
  inputs: job.inputs,
  includeDirs: job.includeDirs,
  outDir: job.outDir,
  cacheDir: job.cacheDir,
  format: job.format,
  verify: job.verify,
  ...(session ? { session } : {}),
};
const gcPauses = recordGcPauses();
const cpuStart = process.cpuUsage();
let start = performance.now();
let result = await compile(options);
let ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const gc = await gcPauses();
if (job.session) {
  const times: number[] = [];
  for (let i = 0; i < job.session.edits; i++) {
    appendFileSync(job.session.file, `\ntypedef long SESSION_EDIT_${i};\n`);
    start = performance.now();
    result = await compile(options);
    times.push(performance.now() - start);
    if (!result.stats.incremental) throw new Error("the build session's compile after an edit was not incremental");
  }
  ms = median(times);
}
compiler.saveCodeCache();
const out: ChildResult = {
  ms,
  rssMb: process.resourceUsage().maxRSS / 1024,
  files: result.files.length,
  errors: result.diagnostics.filter((d) => d.severity === "error").length,
  cacheHit: result.stats.cacheHit,
  phases: result.stats.phases ?? null,
  cpuMs: (cpu.user + cpu.system) / 1000,
  gcMs: gc.ms,
  gcMinorMs: gc.minorMs,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
