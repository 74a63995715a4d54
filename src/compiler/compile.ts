/**
 * The compiler's entry point: a run answered from the incremental cache loads nothing else; any
 * other loads the pipeline (`pipeline.ts`: parser, resolver, emitter) on demand. Nothing is
 * written here; `write.ts` decides what reaches the disk. A run with errors produces no output files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import type { IrFile } from "../model/ir.js";
import { packageRoot } from "../paths.js";
import { buildIdentity } from "./build-identity.js";
import { cacheKey, DiskCache, type CacheStore } from "./cache.js";
import { createNodeHost, type CompilerHost } from "./host.js";
import { DamagedCacheError, hasBytes, withLazyContents } from "./output-bytes.js";
import type { PhaseTimes } from "./phases.js";
import { DEFAULT_RUNTIME_IMPORT, type CompileOptions } from "./options.js";

/**
 * One generated file: absolute path and contents. (An output taken from the cache directory decodes
 * its contents when first read, and checks them against its stored hash when first used: a damaged
 * copy throws DamagedCacheError; see output-bytes.ts.)
 */
export interface OutputFile {
  readonly path: string;
  readonly contents: string;
}

export interface CompileResult {
  /** Empty when there are errors. */
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The resolved IR of every file of the run (also on errors, as far as it got; empty on a cache
   * hit; on an incremental rebuild, the files it loaded).
   */
  readonly ir: readonly IrFile[];
  /** What the run did: how build tools and tests see that a cached run did no work. */
  readonly stats: CompileStats;
  /**
   * The files read and how they depend on each other (empty on a cache hit; on an incremental
   * rebuild, the files it loaded): what watch mode watches.
   */
  readonly graph: readonly GraphNode[];
}

/** One IDL file of a run: its absolute path, the files it imports and the files it #includes. */
export interface GraphNode {
  readonly path: string;
  readonly system: boolean;
  readonly imports: readonly string[];
  readonly includes: readonly string[];
}

export interface CompileStats {
  readonly cacheHit: boolean;
  /** IDL files preprocessed and parsed (files a build session kept parsed are not counted). */
  readonly parsedFiles: number;
  /** TypeScript outputs run through prettier. */
  readonly formattedFiles: number;
  /** TypeScript outputs type-checked. */
  readonly verifiedFiles: number;
  /** Milliseconds per phase of a run that did the work (absent on a cache hit). */
  readonly phases?: PhaseTimes;
  /**
   * Present when the cache answered part of the run: modules compiled again (how many, and their
   * IDL files, absolute), outputs taken from the cache.
   */
  readonly incremental?: { readonly rebuiltModules: number; readonly rebuilt: readonly string[]; readonly reusedOutputs: number };
}

const version: string = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;

/** The compiler's name and version as written into generated headers. */
export const toolName = "midl-ts";
export const toolVersion = version;

let pipelineLoaded = false;

/**
 * Whether this process has loaded the pipeline (parser, resolver, emitter): the code a run the
 * cache answers never runs (what the code cache of the bundle records; see code-cache.ts).
 */
export function loadedPipeline(): boolean {
  return pipelineLoaded;
}

/** Compiles IDL files to generated files in memory. */
export async function compile(options: CompileOptions, host: CompilerHost = createNodeHost()): Promise<CompileResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolvePath(cwd, options.outDir);
  const emit = options.emit ?? ["ts"];
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;

  const inputs = options.inputs.map((p) => resolvePath(cwd, p));
  const cacheDir = options.cacheDir ? resolvePath(cwd, options.cacheDir) : undefined;
  // A session answers from memory; the cache directory then only keeps prettier's results.
  const store: CacheStore | undefined = options.session ?? (cacheDir ? new DiskCache(cacheDir) : undefined);
  const key = cacheKey({
    inputs,
    outDir,
    includeDirs: (options.includeDirs ?? []).map((d) => resolvePath(cwd, d)),
    defines: [...(options.defines ?? new Map())].sort(),
    emit,
    format: options.format !== false,
    verify: options.verify !== false,
    runtimeImport,
    cwd,
    templates: options.templatesDir ? templateFingerprint(resolvePath(cwd, options.templatesDir)) : null,
  });
  const run = { cwd, outDir, emit, runtimeImport, inputs, store, cacheDir, key };
  // What a declined incremental rebuild parsed: the full run reuses it (kept in the session or the
  // cache directory), and it is still this compile's work.
  const attempt = { parsedFiles: 0 };
  if (store && !options.only) {
    const cached = store.read(key, buildIdentity(toolVersion), outDir, cwd, host);
    if (cached && cached.changed.size === 0) {
      const files = cached.files.map(publicOutput);
      return { files, diagnostics: cached.diagnostics(), ir: [], graph: [], stats: { cacheHit: true, parsedFiles: 0, formattedFiles: 0, verifiedFiles: 0 } };
    }
    if (cached) {
      const { rebuildIncrementally } = await import("./incremental.js");
      pipelineLoaded = true;
      let result: CompileResult | undefined;
      try {
        result = await rebuildIncrementally(options, host, run, cached, attempt);
      } catch (e) {
        // A cached output the rebuild read (to type-check against) was damaged, and is removed
        // (see output-bytes.ts): the full run decides.
        if (!(e instanceof DamagedCacheError)) throw e;
      }
      if (result) return result;
    }
  }
  const { runPipeline } = await import("./pipeline.js");
  pipelineLoaded = true;
  const { result } = await runPipeline(options, host, run);
  return attempt.parsedFiles === 0 ? result : { ...result, stats: { ...result.stats, parsedFiles: result.stats.parsedFiles + attempt.parsedFiles } };
}

/** An output as the result shows it: its path and contents (still undecoded if they were). */
export function publicOutput(f: OutputFile): OutputFile {
  return hasBytes(f) ? withLazyContents({ path: f.path }, f) : { path: f.path, contents: f.contents };
}

/** The contents of a template directory, for the cache key: editing a template invalidates. */
function templateFingerprint(dir: string): string[] {
  try {
    return readdirSync(dir).sort().map((n) => `${n}\u0000${readFileSync(join(dir, n), "utf8")}`);
  } catch {
    return [];
  }
}

