/**
 * One measured compilation in a fresh process (cold module caches and JIT, per-run peak RSS).
 * argv[2] is a JSON `ChildJob`; prints one JSON `ChildResult` line on stdout.
 */
import { compile } from "../compiler/compile.js";

export interface ChildJob {
  readonly inputs: readonly string[];
  readonly includeDirs: readonly string[];
  readonly outDir: string;
  readonly cacheDir: string | false;
  readonly format: boolean;
  readonly verify: boolean;
}

export interface ChildResult {
  readonly ms: number;
  readonly rssMb: number;
  readonly files: number;
  readonly errors: number;
  readonly cacheHit: boolean;
  readonly phases: Record<string, number> | null;
}

const job = JSON.parse(process.argv[2]!) as ChildJob;
const start = performance.now();
const result = await compile({
  inputs: job.inputs,
  includeDirs: job.includeDirs,
  outDir: job.outDir,
  cacheDir: job.cacheDir,
  format: job.format,
  verify: job.verify,
});
const ms = performance.now() - start;
const out: ChildResult = {
  ms,
  rssMb: process.resourceUsage().maxRSS / 1024,
  files: result.files.length,
  errors: result.diagnostics.filter((d) => d.severity === "error").length,
  cacheHit: result.stats.cacheHit,
  phases: result.stats.phases ?? null,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
