#!/usr/bin/env node
/**
 * `codegen`: the command-line front of the compiler. It parses flags, finds inputs, runs the
 * in-memory compilation and writes (or checks) the outputs. Exit codes: 0 done, 1 input errors or
 * drift, 2 usage errors; anything else is a compiler bug, reported without a stack trace unless
 * MIDL_TS_DEBUG is set.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { compile, toolVersion } from "../compiler/compile.js";
import { checkOutputs, writeOutputs } from "../compiler/write.js";
import { hasErrors, reportDiagnostics } from "../diagnostics/index.js";
import { HELP, parseCli, UsageError } from "./args.js";

/** Defaults when no files are given: the project's IDL and its committed output. */
const DEFAULT_INPUT_DIR = "idl";
const DEFAULT_OUT_DIR = "generated";

function findIdlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findIdlFiles(path));
    else if (name.toLowerCase().endsWith(".idl")) out.push(path);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
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
  if (options.watch) {
    process.stderr.write("error MTS0001: --watch is not available yet\n");
    return 2;
  }
  let inputs = [...options.inputs];
  if (inputs.length === 0) {
    if (!existsSync(join(cwd, DEFAULT_INPUT_DIR))) {
      process.stderr.write(`error MTS0001: no input files, and no ${DEFAULT_INPUT_DIR}/ directory here\n(run codegen --help for usage)\n`);
      return 2;
    }
    inputs = findIdlFiles(join(cwd, DEFAULT_INPUT_DIR)).map((p) => relative(cwd, p));
  }
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    if (!existsSync(abs) || !statSync(abs).isFile()) {
      process.stderr.write(`error MIDL1001: cannot open input file '${input}'\n`);
      return 2;
    }
  }
  const outDir = resolve(cwd, options.outDir ?? DEFAULT_OUT_DIR);
  const result = await compile({
    inputs,
    outDir,
    includeDirs: options.includeDirs,
    defines: options.defines,
    emit: options.emit,
    format: options.format,
    verify: options.verify && !options.check,
    cwd,
  });
  // Colour only for a person at a terminal: never in pipes, files or CI logs, never with NO_COLOR.
  const color = options.diagnostics === "human" && process.stderr.isTTY === true && !process.env["NO_COLOR"];
  const report = reportDiagnostics(result.diagnostics, { style: options.diagnostics, color, ...(options.maxErrors ? { maxErrors: options.maxErrors } : {}) });
  // JSON goes to stdout for tools to read; text goes to stderr for people.
  if (options.diagnostics === "json") process.stdout.write(report);
  else process.stderr.write(report);
  if (hasErrors(result.diagnostics)) {
    const n = result.diagnostics.filter((d) => d.severity === "error").length;
    if (options.diagnostics !== "json") process.stderr.write(`${n} error${n === 1 ? "" : "s"}; nothing was written.\n`);
    return 1;
  }
  if (options.check) {
    const drift = checkOutputs(outDir, result.files);
    for (const d of drift) process.stdout.write(`${relative(cwd, d.path)}: ${d.reason}\n`);
    if (drift.length > 0) {
      process.stdout.write(`${drift.length} generated file${drift.length === 1 ? " is" : "s are"} out of date: run codegen to regenerate.\n`);
      return 1;
    }
    return 0;
  }
  try {
    writeOutputs(outDir, result.files);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const where = err.path ? relative(cwd, err.path) : relative(cwd, outDir);
    process.stderr.write(`error MTS0002: cannot write output file '${where}': ${err.code ?? err.message}\n`);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = e as Error;
    process.stderr.write(`internal compiler error: ${err?.message ?? String(e)}\n`);
    if (process.env["MIDL_TS_DEBUG"]) process.stderr.write(`${err?.stack ?? ""}\n`);
    else process.stderr.write("(this is a bug in midl-ts; set MIDL_TS_DEBUG=1 for details)\n");
    process.exitCode = 3;
  },
);
