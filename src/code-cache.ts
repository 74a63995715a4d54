/**
 * Running a CommonJS bundle with V8's code cache, so that a new process does not compile the
 * compiler again. Most of a one-file rebuild in a fresh process is code running for the first
 * time, and a good part of that is V8 parsing and compiling it to bytecode (~30 ms of ~300 for the
 * bundle `codegen` runs); the bytecode a run compiled can be saved and handed to the next process.
 * Node 22 does this for any module (`module.enableCompileCache`); Node 20, which this package
 * supports, only through `vm.Script`'s `cachedData`, for a script — hence a CommonJS bundle.
 *
 * The cache is a sealed file (see sealed-file.ts): a damaged or truncated one reads as absent
 * rather than reaching V8, which checks the source's length but not its contents. The payload
 * holds the SHA-256 of the source it was made for, whether the run that made it compiled the
 * whole compiler or only the part a cached run uses, and V8's data, which V8 itself rejects when
 * made by another version or with other flags. Nothing here ever fails a run: a cache that
 * cannot be read, is rejected or cannot be written only costs the compilation it would have saved.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";
import { readSealed, writeSealed } from "./compiler/sealed-file.js";
import { sha256 } from "./sha256.js";

const MAGIC = "midl-ts-code-cache";
const FORMAT = 1;

/**
 * How much of the script a run compiled: a cache made by a run that only needed the cheap part
 * (a cached build) is replaced by one made by a run that needed all of it.
 */
export type Coverage = "partial" | "full";

/** A script loaded by {@link loadCachedScript}. */
export interface CachedScript<T> {
  /** The script's `module.exports`. */
  readonly exports: T;
  /** Whether V8 took the cached code (false: none, damaged, made for other source, or rejected by V8). */
  readonly cacheUsed: boolean;
  /**
   * Saves the code compiled so far when that improves on the cache that was there: none was
   * usable, or it was partial and this run's is full. Returns whether it wrote.
   */
  save(coverage: Coverage): boolean;
}

/**
 * Loads the CommonJS script at `file` (evaluated as Node would a `.cjs` module) with the code
 * cache kept at `cacheFile` (none when undefined).
 */
export function loadCachedScript<T>(file: string, cacheFile: string | undefined): CachedScript<T> {
  const source = readFileSync(file, "utf8");
  const sourceHash = sha256(source);
  const cached = cacheFile === undefined ? undefined : readCodeCache(cacheFile, sourceHash);
  // No import() in it: a script's needs a loader callback (see bundle-build.ts).
  const script = new Script(Module.wrap(source), { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
  const cacheUsed = cached !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheUsed,
    save(coverage) {
      if (cacheFile === undefined || (cacheUsed && !(cached?.coverage === "partial" && coverage === "full"))) return false;
      try {
        const header = Buffer.from(`${sourceHash} ${coverage}\n`, "latin1");
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeSealed(cacheFile, MAGIC, FORMAT, Buffer.concat([header, script.createCachedData()]));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The cached data for the source hashed `sourceHash`, if `file` holds an intact one. */
function readCodeCache(file: string, sourceHash: string): { data: Buffer; coverage: Coverage } | undefined {
  const payload = readSealed(file, MAGIC, FORMAT);
  if (payload === undefined) return undefined;
  const newline = payload.indexOf(0x0a);
  if (newline < 0) return undefined;
  const [hash, coverage] = payload.toString("latin1", 0, newline).split(" ");
  if (hash !== sourceHash || (coverage !== "partial" && coverage !== "full")) return undefined;
  return { data: payload.subarray(newline + 1), coverage };
}
