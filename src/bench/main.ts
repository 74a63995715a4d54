/**
 * `npm run bench`: the project's benchmark (issue 6). Compiles the Wine corpus cold (fresh child
 * processes, empty cache), warm, after one change, with and without formatting and verification;
 * runs widl on the same files as a build system would; a scaling series on synthetic IDL; runtime
 * microbenchmarks. Prints a table, or with `--json` one JSON object. `--short` measures a subset
 * with fewer iterations (for CI); `--check` exits 1 when a ratio misses its target by more than 2×.
 */
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { locateCorpus, widlSplit } from "../../test/corpus/corpus.js";
import type { ChildJob, ChildResult } from "./child.js";
import { childrenCpuMs } from "./cpu.js";
import { evaluate, RATIO_TARGETS, regressions, scalingFactor, TARGETS } from "./ratios.js";
import { runtimeBench } from "./runtime.js";
import { median } from "./stats.js";
import { syntheticIdl } from "./synthetic.js";

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const short = args.has("--short");
const check = args.has("--check");
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const childScript = fileURLToPath(new URL("./child.js", import.meta.url));

/** Runs one job in a fresh process; `processMs` is the whole process, from spawn to exit. */
function runChild(job: ChildJob): ChildResult & { processMs: number } {
  const start = performance.now();
  const out = execFileSync(process.execPath, [childScript, JSON.stringify(job)], { encoding: "utf8", maxBuffer: 64 << 20 });
  const processMs = performance.now() - start;
  const r = JSON.parse(out.trim().split("\n").pop()!) as ChildResult;
  if (r.errors > 0) throw new Error(`the benchmark's compilation reported ${r.errors} errors`);
  return { ...r, processMs };
}

/** widl over `files`: wall-clock ms, and the CPU its processes used (ms; undefined where unknown). */
async function widlTime(widl: string, includeDirs: readonly string[], files: readonly string[]): Promise<{ ms: number; cpuMs: number | undefined }> {
  const out = mkdtempSync(join(tmpdir(), "midl-ts-bench-widl-"));
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i]!;
      await new Promise<void>((resolve) =>
        execFile(widl, [...includeDirs.flatMap((d) => ["-I", d]), "-h", "-o", join(out, basename(f).replace(/\.idl$/, ".h")), f], () => resolve()));
    }
  };
  // As make -jN / ninja run it: one process per file, as many at once as there are cores.
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  const ms = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  rmSync(out, { recursive: true, force: true });
  return { ms, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/** How many one-file rebuilds `oneChangeMs` is the median of. */
const ONE_CHANGE_RUNS = 5;

const corpus = locateCorpus();
if (!corpus) {
  log("The Wine corpus is not there: run `npm run corpus:fetch` first.");
  process.exit(2);
}
const split = await widlSplit(corpus);
// --short: every fifth file but mshtml.idl (whose 8.8 MB of output alone takes prettier ~45 s);
// the ratios compare like with like: widl gets the same subset.
const inputs = short ? split.standalone.filter((f, i) => i % 5 === 0 && basename(f) !== "mshtml.idl") : [...split.standalone];
const work = mkdtempSync(join(tmpdir(), "midl-ts-bench-"));
const results: Record<string, unknown> = {};
try {
  log(`bench: ${inputs.length} files of the Wine corpus${short ? " (--short)" : ""}`);
  let widlAvailable = true;
  try {
    execFileSync(corpus.widl, ["-V"], { stdio: "ignore" });
  } catch {
    widlAvailable = false;
  }
  if (widlAvailable) {
    await widlTime(corpus.widl, corpus.includeDirs, inputs.slice(0, 10)); // page cache
    const widl = await widlTime(corpus.widl, corpus.includeDirs, inputs);
    results["widlMs"] = round(widl.ms);
    results["widlCpuMs"] = widl.cpuMs === undefined ? null : round(widl.cpuMs, 0);
  } else {
    results["widlMs"] = null;
    results["widlNote"] = "widl is not available: ratios to widlMs are skipped";
  }
  log(`  widl: ${results["widlMs"]} ms (CPU ${results["widlCpuMs"] ?? "?"} ms)`);
  // V8's code cache of the bundle, as `codegen` keeps one per project: the warm and incremental
  // runs find the one the cold run left.
  const codeCache = join(work, "v8-code-cache.bin");
  const job = (name: string, over: Partial<ChildJob>): ChildJob => ({
    inputs, includeDirs: corpus.includeDirs, outDir: join(work, "out"), cacheDir: join(work, `cache-${name}`), format: true, verify: false, codeCache, ...over,
  });
  // Both cold runs start from nothing kept, the code cache included, as a project's first build
  // does: each is given a code cache that does not exist yet (the one the cold run writes is kept).
  const noFormat = runChild(job("noformat", { format: false, codeCache: join(work, "v8-code-cache-noformat.bin") }));
  results["coldNoFormatMs"] = round(noFormat.ms);
  results["coldNoFormatCpuMs"] = round(noFormat.cpuMs, 0);
  log(`  cold, no formatting: ${results["coldNoFormatMs"]} ms (CPU ${results["coldNoFormatCpuMs"]} ms)`);
  const cold = runChild(job("cold", {}));
  results["coldMs"] = round(cold.ms);
  // Where the cold run's time goes besides its phases: CPU over all its threads (V8 collects and
  // compiles on others), and how long the main thread stood still for collections.
  results["coldCpuMs"] = round(cold.cpuMs, 0);
  results["coldGcPauseMs"] = round(cold.gcMs, 0);
  results["coldScavengeMs"] = round(cold.gcMinorMs, 0);
  results["peakRssMb"] = round(cold.rssMb);
  results["phases"] = cold.phases;
  log(`  cold: ${results["coldMs"]} ms (CPU ${results["coldCpuMs"]} ms; collection pauses ${results["coldGcPauseMs"]} ms, ${results["coldScavengeMs"]} of them scavenges), ${results["peakRssMb"]} MB`);
  const warm = runChild(job("cold", {}));
  results["warmCacheHit"] = warm.cacheHit;
  results["warmMs"] = round(warm.ms);
  // The same, with Node's start-up and module loading: what a build step waits for.
  results["warmProcessMs"] = round(warm.processMs);
  log(`  warm: ${results["warmMs"]} ms (whole process ${results["warmProcessMs"]} ms)`);
  // One change: a copy of the corpus, so the cache notices, in a mid-size file few others import
  // (oleacc.idl). The edit declares something (a typedef), so that the edited module's output
  // changes as with a real edit. The first rebuild after the full build (firstChangeMs) parses
  // what the edited file resolves against; it leaves those parsed files in the cache directory, so
  // that the next edit (oneChangeMs: the edit-compile loop) parses the edited file only.
  const copyDirs = corpus.includeDirs.map((d, i) => {
    const to = join(work, "corpus", String(i));
    mkdirSync(to, { recursive: true });
    return to;
  });
  const copied = inputs.map((f) => {
    const dir = corpus.includeDirs.findIndex((d) => f.startsWith(`${d}/`));
    return join(copyDirs[dir]!, basename(f));
  });
  corpus.includeDirs.forEach((d, i) => execFileSync("cp", ["-r", `${d}/.`, copyDirs[i]!]));
  const changeJob = job("change", { inputs: copied, includeDirs: copyDirs });
  runChild(changeJob);
  runChild(changeJob);
  const typical = copied.find((f) => basename(f) === "oleacc.idl") ?? copied[Math.floor(copied.length / 2)]!;
  const edit = (n: number) => appendFileSync(typical, `\ntypedef long BENCH_EDIT_${n};\n`);
  edit(1);
  const first = runChild(changeJob);
  // A single rebuild is ~0.15 s, within reach of the host's noise: the median of several, each
  // after an edit of its own, in a fresh process.
  const changes = Array.from({ length: ONE_CHANGE_RUNS }, (_, k) => {
    edit(2 + k);
    return runChild(changeJob);
  });
  results["oneChangeFile"] = basename(typical);
  results["firstChangeMs"] = round(first.ms);
  results["oneChangeMs"] = round(median(changes.map((c) => c.ms)));
  // With Node's start-up and the loading of the bundle: what `codegen` after an edit waits for.
  results["oneChangeProcessMs"] = round(median(changes.map((c) => c.processMs)));
  log(`  one change (${basename(typical)}, median of ${ONE_CHANGE_RUNS}): ${results["oneChangeMs"]} ms (whole process ${results["oneChangeProcessMs"]} ms; the first after the full build: ${results["firstChangeMs"]} ms)`);
  // The same edit in a long-lived process (watch mode): a build session keeps the last build and
  // every parsed file in memory. Median of five edits after the session's first build.
  const watchChange = runChild({ ...changeJob, cacheDir: false, session: { file: typical, edits: 5 } });
  results["watchChangeMs"] = round(watchChange.ms);
  log(`  one change in watch mode (build session): ${results["watchChangeMs"]} ms`);
  if (!short) {
    const verify = runChild(job("verify", { verify: true }));
    results["verifyMs"] = round(verify.ms);
    log(`  cold with verification: ${results["verifyMs"]} ms`);
  }

  // Scaling: one synthetic file per size, no formatting (the compiler's own work).
  const sizes = short ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const series: { declarations: number; ms: number; rssMb: number }[] = [];
  for (const n of sizes) {
    const file = join(work, `synthetic-${n}.idl`);
    writeFileSync(file, syntheticIdl(n));
    const r = runChild({ inputs: [file], includeDirs: [join(fileURLToPath(new URL("../../../src/include/", import.meta.url)))], outDir: join(work, "out-syn"), cacheDir: false, format: false, verify: false });
    series.push({ declarations: n, ms: round(r.ms), rssMb: round(r.rssMb) });
    log(`  synthetic ${n}: ${round(r.ms)} ms, ${round(r.rssMb)} MB`);
  }
  results["scaling"] = series;
  const sf = scalingFactor(series);
  results["scalingFactor"] = sf === null ? null : round(sf, 2);

  const rt = runtimeBench(short);
  for (const [k, v] of Object.entries(rt)) results[k] = round(v, 2);
  log(`  runtime: ${JSON.stringify(rt)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
results["machine"] = { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? "?", memoryGb: round(totalmem() / 2 ** 30), node: process.version };
results["short"] = short;
const verdicts = evaluate(results, TARGETS, 2);
results["targets"] = Object.fromEntries(verdicts.map((v) => [v.name, { value: v.value === null ? null : round(v.value, 2), limit: v.limit, ok: v.ok }]));

if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const rows: [string, string][] = Object.entries(results)
    .filter(([k]) => !["targets", "machine", "phases", "scaling"].includes(k))
    .map(([k, v]) => [k, String(v)]);
  rows.push(["phases (cold)", Object.entries((results["phases"] as Record<string, number> | null) ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")]);
  for (const s of results["scaling"] as { declarations: number; ms: number; rssMb: number }[]) rows.push([`synthetic ${s.declarations}`, `${s.ms} ms, ${s.rssMb} MB`]);
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`| measure${" ".repeat(w - 7)} | value |\n|${"-".repeat(w + 2)}|-------|\n`);
  for (const [k, v] of rows) process.stdout.write(`| ${k.padEnd(w)} | ${v} |\n`);
  process.stdout.write(`\n| target | measured | limit | holds |\n|---|---|---|---|\n`);
  for (const v of verdicts) process.stdout.write(`| ${v.name} | ${v.value === null ? "n/a" : round(v.value, 2)} | ${v.limit} | ${v.ok ? "yes" : "no"} |\n`);
  const m = results["machine"] as Record<string, unknown>;
  process.stdout.write(`\nMachine: ${m["cpus"]} cpus, ${m["cpu"]}, ${m["memoryGb"]} GB, Node ${m["node"]}\n`);
}
if (check) {
  // A regression is a ratio more than twice the worse of its target and its recorded baseline.
  const baseline = JSON.parse(readFileSync(fileURLToPath(new URL("../../../src/bench/baseline.json", import.meta.url)), "utf8")) as Record<string, number>;
  const failed = regressions(results, RATIO_TARGETS, baseline, 2);
  for (const f of failed) log(`bench --check: ${f.name} = ${round(f.value!, 2)}, more than 2 × max(target ${f.limit}, baseline ${baseline[f.name] ?? "-"})`);
  if (failed.length) process.exit(1);
  log("bench --check: no ratio regressed");
}
