/**
 * The `codegen` command: it parses flags, finds inputs, runs the in-memory compilation and writes
 * (or checks) the outputs. Exit codes: 0 done, 1 input errors or drift, 2 usage errors; anything
 * else is a compiler bug (see main.ts). The process entries — `main.ts` for the modules, the
 * bundle's launcher (`launch.ts`) for `codegen` — only run it.
 */
import { relative, resolve } from "node:path";
import { compile, toolVersion, type CompileResult } from "../compiler/compile.js";
import { DamagedCacheError } from "../compiler/output-bytes.js";
import { checkOutputs, writeOutputs, type DriftEntry } from "../compiler/write.js";
import type { CompileOptions } from "../compiler/options.js";
import type { Watcher } from "../compiler/watch.js";
import { hasErrors, reportDiagnostics, type ReportOptions } from "../diagnostics/index.js";
import { loadConfig, type Target } from "../config/load-config.js";
import { HELP, parseCli, UsageError, type CliOptions } from "./args.js";
import { projectCacheDir } from "./project-cache.js";
import { applyCommandLine, expandInputs } from "./targets.js";

/** Runs with at least this many input files show a progress line on a terminal. */
const PROGRESS_THRESHOLD = 20;

/**
 * Runs `codegen` with `argv` (the arguments after the program's name) in the current directory and
 * resolves to its exit code. Input errors are reported, never thrown; a rejection is a compiler bug.
 */
export async function runCommand(argv: readonly string[]): Promise<number> {
  const cwd = process.cwd();
  let options;
  try {
    options = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error MTS0001: ${e.message}\n(run codegen --help for usage)\n`);
      return 2;
    }
    throw e;
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`midl-ts ${toolVersion}\n`);
    return 0;
  }
  const style = { style: options.diagnostics, color: options.diagnostics === "human" && process.stderr.isTTY === true && !process.env["NO_COLOR"] };
  const print = (text: string) => (options.diagnostics === "json" ? process.stdout.write(text) : process.stderr.write(text));

  const loaded = loadConfig(cwd, options.config);
  if (!loaded.ok) {
    print(reportDiagnostics(loaded.diagnostics, style));
    return 2;
  }
  const targets = applyCommandLine(loaded.config.targets, options, cwd);
  let failed = false;
  let drift = 0;
  const watchers: Watcher[] = [];
  for (const target of targets) {
    const { files, missing } = expandInputs(target);
    if (missing !== undefined) {
      process.stderr.write(`error MIDL1001: cannot open input file '${missing}'\n`);
      return 2;
    }
    if (files.length === 0) {
      process.stderr.write(`error MTS0001: no input files: ${target.inputs.join(", ")} matched nothing${loaded.config.path ? "" : " (and there is no codegen.config.json)"}\n(run codegen --help for usage)\n`);
      return 2;
    }
    const outDir = resolve(target.baseDir, target.outDir);
    // A progress line for a person waiting on many files: only on a terminal, never in CI logs.
    const progress = process.stderr.isTTY === true && !process.env["CI"] && files.length >= PROGRESS_THRESHOLD
      ? (done: number, total: number, source: string) => process.stderr.write(`\r\x1b[K[${done}/${total}] ${source}${done === total ? "\r\x1b[K" : ""}`)
      : undefined;
    if (options.watch) {
      watchers.push(await startWatch(target, files, outDir, cwd, options, style));
      continue;
    }
    const run = () =>
      compile({
        ...compileOptions(target, files, outDir, cwd, options),
        // --check compares bytes; verification cannot change them, so it is skipped there.
        verify: target.verify && !options.check,
        ...(progress ? { onProgress: progress } : {}),
        cacheDir: options.cache ? projectCacheDir(cwd) : false,
      });
    let result = await run();
    let delivered: Delivery;
    try {
      delivered = deliver(result, outDir, options.check);
    } catch (e) {
      // An output the cache answered with turned out damaged when written or compared (see
      // output-bytes.ts); it was removed, so the cache no longer answers with it.
      if (!(e instanceof DamagedCacheError)) throw e;
      result = await run();
      delivered = deliver(result, outDir, options.check);
    }
    print(reportDiagnostics(result.diagnostics, { ...style, ...(options.maxErrors ? { maxErrors: options.maxErrors } : {}) }));
    if (delivered === "errors") {
      const n = result.diagnostics.filter((d) => d.severity === "error").length;
      if (options.diagnostics !== "json") process.stderr.write(`${n} error${n === 1 ? "" : "s"}${targets.length > 1 ? ` in ${target.name}` : ""}; nothing was written.\n`);
      failed = true;
    } else if ("drift" in delivered) {
      for (const d of delivered.drift) process.stdout.write(`${relative(cwd, d.path)}: ${d.reason}\n`);
      drift += delivered.drift.length;
    } else if (delivered.writeError) {
      const err = delivered.writeError;
      const where = err.path ? relative(cwd, err.path) : relative(cwd, outDir);
      process.stderr.write(`error MTS0002: cannot write output file '${where}': ${err.code ?? err.message}\n`);
      return 2;
    }
  }
  if (watchers.length > 0) {
    // Ctrl-C ends watch mode cleanly: watchers closed, exit code 0.
    await new Promise<void>((done) => process.once("SIGINT", () => done()));
    await Promise.all(watchers.map((w) => w.close()));
    process.stderr.write("watch stopped\n");
    // Nothing should keep the process alive now; if a dependency does, do not hang on it.
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  }
  if (failed) return 1;
  if (drift > 0) {
    process.stdout.write(`${drift} generated file${drift === 1 ? " is" : "s are"} out of date: run codegen to regenerate.\n`);
    return 1;
  }
  return 0;
}

/** What became of a run's outputs: none (errors), compared with the disk (--check), or written. */
type Delivery = "errors" | { readonly drift: readonly DriftEntry[] } | { readonly writeError?: NodeJS.ErrnoException };

/** Writes (or, with --check, compares) a run's outputs; throws DamagedCacheError as writing does. */
function deliver(result: CompileResult, outDir: string, check: boolean): Delivery {
  if (hasErrors(result.diagnostics)) return "errors";
  if (check) return { drift: checkOutputs(outDir, result.files) };
  try {
    writeOutputs(outDir, result.files);
    return {};
  } catch (e) {
    if (e instanceof DamagedCacheError) throw e;
    return { writeError: e as NodeJS.ErrnoException };
  }
}

/** The compile options of one target, as a one-off run and watch mode share them. */
function compileOptions(target: Target, files: string[], outDir: string, cwd: string, options: CliOptions): CompileOptions {
  return {
    inputs: files,
    outDir,
    includeDirs: target.includeDirs.map((d) => resolve(target.baseDir, d)),
    defines: target.defines,
    emit: target.emit,
    format: target.format,
    verify: target.verify,
    ...(target.runtimeImport ? { runtimeImport: target.runtimeImport } : {}),
    ...(options.templates ? { templatesDir: resolve(cwd, options.templates) } : {}),
    cwd,
  };
}

/** Watch mode for one target: one concise line per rebuild, diagnostics when it fails. */
async function startWatch(target: Target, files: string[], outDir: string, cwd: string, options: CliOptions, style: Omit<ReportOptions, "maxErrors">): Promise<Watcher> {
  // Loaded here: runs without --watch never load chokidar.
  const { watch } = await import("../compiler/watch.js");
  const w = watch({
    ...compileOptions(target, files, outDir, cwd, options),
    onBuild(b) {
      const time = new Date().toTimeString().slice(0, 8);
      const report = reportDiagnostics(b.diagnostics, { ...style, ...(options.maxErrors ? { maxErrors: options.maxErrors } : {}) });
      if (report) (options.diagnostics === "json" ? process.stdout : process.stderr).write(report);
      const what = b.generation === 0 ? "built" : "rebuilt";
      const ms = Math.round(b.ms);
      if (b.ok) {
        const names = b.regenerated.map((p) => relative(cwd, p)).join(", ");
        process.stderr.write(`[${time}] ${what} ${b.regenerated.length} module${b.regenerated.length === 1 ? "" : "s"} (${names}); ${b.written.length} file${b.written.length === 1 ? "" : "s"} written in ${ms} ms; watching\n`);
      } else {
        const n = b.diagnostics.filter((d) => d.severity === "error").length;
        process.stderr.write(`[${time}] ${n} error${n === 1 ? "" : "s"}; generated files unchanged; watching\n`);
      }
    },
  });
  w.ready.catch((e: unknown) => process.stderr.write(`internal compiler error: ${(e as Error).message}\n`));
  return w;
}

