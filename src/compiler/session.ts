/**
 * A build session: what a long-lived process (watch mode, a dev server, a build daemon) keeps
 * between compilations of the same project, in memory. It is a cache store like the cache
 * directory — the last successful compilation's outputs, graph, dependency hashes and warnings,
 * so that a later compile is a hit or an incremental rebuild of the modules a change reaches —
 * and it keeps every parsed file, so that the files such a rebuild loads without their text having
 * changed (the imports of a changed file, its importers) are not preprocessed and parsed again.
 *
 * Reuse is exact: an entry answers only the same options and compiler build, a dependency counts
 * as unchanged only by its stamp or its hash (as on disk), and a parsed file only when its text
 * and everything its preprocessing read (#includes, and paths probed in vain) are what they were.
 */
import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { changedDependencies, type CacheLookup, type CacheRecord, type CacheStore } from "./cache.js";
import type { CompilerHost } from "./host.js";
import type { ParseCache, ParseRecord } from "./load.js";

interface SessionEntry extends CacheRecord {
  readonly key: string;
  readonly version: string;
  readonly outDir: string;
  readonly cwd: string;
}

/** One project's compilations in one process: pass the same session to each `compile` (option `session`). */
export class BuildSession implements CacheStore, ParseCache {
  #entry: SessionEntry | undefined;
  readonly #parsed = new Map<string, ParseRecord>();

  /** Files whose parse is kept (for tests and diagnostics of the session itself). */
  get parsedFiles(): number {
    return this.#parsed.size;
  }

  read(key: string, version: string, outDir: string, cwd: string, files: Pick<CompilerHost, "readFile" | "stamp">): CacheLookup | undefined {
    const entry = this.#entry;
    if (!entry || entry.key !== key || entry.version !== version || entry.outDir !== outDir || entry.cwd !== cwd) return undefined;
    const { changed } = changedDependencies(entry.deps, files);
    const fileOf = (d: Diagnostic) => (d.range ? resolve(cwd, d.range.file.path) : undefined);
    return {
      changed,
      files: entry.files,
      nodes: entry.nodes,
      deps: entry.deps,
      // Kept as located when reported: they are only asked for files whose text is unchanged.
      diagnostics: (keep = () => true) => entry.diagnostics.filter((d) => keep(fileOf(d))),
    };
  }

  write(key: string, version: string, outDir: string, cwd: string, record: CacheRecord): void {
    this.#entry = { key, version, outDir, cwd, ...record };
  }

  get(key: string): ParseRecord | undefined {
    return this.#parsed.get(key);
  }

  set(key: string, record: ParseRecord): void {
    this.#parsed.set(key, record);
  }
}
