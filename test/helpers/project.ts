/** Throw-away IDL projects for tests that compile files on disk. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompileResult } from "../../src/compiler/compile.js";
import type { CompileOptions } from "../../src/compiler/options.js";
import { formatDiagnostic } from "../../src/diagnostics/index.js";

/** A fresh temporary directory holding `files` (name → text); returns its path. */
export function writeProject(files: Readonly<Record<string, string>>, prefix = "midl-ts-project-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A distinct, valid UUID per number: `0000000n-2222-3333-4444-555555555555`. */
export const uuid = (n: number): string => `${String(n).padStart(8, "0")}-2222-3333-4444-555555555555`;

/**
 * Options of a cached compile of `inputs` in a project directory (TypeScript and IR into `out`,
 * cache in `cache`, no type-checking), with `over` on top.
 */
export const projectOptions =
  (inputs: readonly string[]) =>
  (dir: string, over: Partial<CompileOptions> = {}): CompileOptions => ({
    inputs,
    outDir: "out",
    cwd: dir,
    cacheDir: "cache",
    emit: ["ts", "ir"],
    verify: false,
    ...over,
  });

/** What a compile shows its user: each output with its path, and the formatted diagnostics. */
export const shown = (r: CompileResult) => ({
  files: r.files.map((f) => `${f.path}\n${f.contents}`),
  diagnostics: r.diagnostics.map((d) => formatDiagnostic(d)),
});
