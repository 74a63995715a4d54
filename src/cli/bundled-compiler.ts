/**
 * The bundled compiler (`dist/bundle/codegen.cjs`, see bundle-build.ts) loaded as `codegen` loads
 * it: with V8's code cache of it (code-cache.ts). Shared by the launcher and the benchmark, so that
 * what is measured is what runs.
 */
import { join } from "node:path";
import { loadCachedScript } from "../code-cache.js";
import { distDir } from "../paths.js";
import { limitHeapGrowth } from "./heap-growth.js";
import { limitInlining } from "./inlining-budget.js";
import type * as Bundle from "./bundle-entry.js";

/** The compiler's exports, and how to keep the code this process compiled for the next one. */
export interface BundledCompiler {
  readonly exports: typeof Bundle;
  /**
   * Saves the code cache when it improves on the one there was: a run that loaded the pipeline
   * covers the whole compiler, a run the cache answered only the part such runs use.
   */
  saveCodeCache(): boolean;
}

/**
 * Loads the bundled compiler with the code cache at `cacheFile` (none when undefined), in a process
 * whose heap grows and whose optimizing compiler inlines as `codegen`'s do (heap-growth.ts,
 * inlining-budget.ts).
 */
export function loadBundledCompiler(cacheFile: string | undefined): BundledCompiler {
  limitHeapGrowth();
  limitInlining();
  const script = loadCachedScript<typeof Bundle>(join(distDir, "bundle", "codegen.cjs"), cacheFile);
  return {
    exports: script.exports,
    saveCodeCache: () => script.save(script.exports.loadedPipeline() ? "full" : "partial"),
  };
}
