/**
 * From configuration targets and command-line flags to compile jobs: flags override the
 * configuration, files on the command line replace the first target's inputs, and input globs are
 * expanded (with tinyglobby: small, maintained, and already what ts-morph uses) into a sorted list.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import type { Target } from "../config/load-config.js";
import type { CliOptions } from "./args.js";

/** The targets to run: the configuration's, with the command line applied. */
export function applyCommandLine(targets: readonly Target[], options: CliOptions, cwd: string): Target[] {
  const withFlags = targets.map((t) => ({
    ...t,
    ...(options.outDir !== undefined ? { outDir: resolve(cwd, options.outDir) } : {}),
    ...(options.includeDirs !== undefined ? { includeDirs: options.includeDirs.map((d) => resolve(cwd, d)) } : {}),
    ...(options.emit !== undefined ? { emit: options.emit } : {}),
    ...(options.format === false ? { format: false } : {}),
    ...(options.verify === false ? { verify: false } : {}),
    defines: new Map([...t.defines, ...options.defines]),
  }));
  if (options.inputs.length === 0) return withFlags;
  const first = withFlags[0]!;
  // Paths given on the command line are relative to where the command runs.
  return [{ ...first, inputs: options.inputs.map((p) => resolve(cwd, p)) }];
}

/** A target's inputs as existing files (absolute, sorted), or the name that matched nothing. */
export function expandInputs(target: Target): { files: string[]; missing: string | undefined } {
  const files = new Set<string>();
  for (const pattern of target.inputs) {
    if (isDynamicPattern(pattern)) {
      for (const f of globSync(pattern, { cwd: target.baseDir, absolute: true, onlyFiles: true })) files.add(resolve(f));
      continue;
    }
    const path = isAbsolute(pattern) ? pattern : resolve(target.baseDir, pattern);
    if (!existsSync(path) || !statSync(path).isFile()) return { files: [], missing: relative(process.cwd(), path) || pattern };
    files.add(path);
  }
  return { files: [...files].sort(), missing: undefined };
}
