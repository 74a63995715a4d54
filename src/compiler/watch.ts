/**
 * Watch mode: compile, write, then wait for changes to any file the compilation read — inputs,
 * imports, #includes — and regenerate only the modules a change affects: the changed files and,
 * transitively, the files that import or include them. Bursts of saves are debounced into one
 * rebuild; a rebuild with errors reports them and leaves every generated file as it was, and the
 * next save that fixes them recovers. File events come from chokidar (well kept, the ecosystem's
 * standard watcher, working alike on every platform).
 */
import { resolve } from "node:path";
import { watch as chokidarWatch, type FSWatcher } from "chokidar";
import { hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { compile, type GraphNode } from "./compile.js";
import type { CompileOptions } from "./options.js";
import { BuildSession } from "./session.js";
import { writeOutputs } from "./write.js";

/** What one (re)build did, reported to the watcher's owner. */
export interface WatchBuild {
  /** 0 for the initial build. */
  readonly generation: number;
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The IDL files whose modules were regenerated (absolute). */
  readonly regenerated: readonly string[];
  /** Output files whose bytes changed and were written (absolute). */
  readonly written: readonly string[];
  /** The changes that caused this build (absolute; empty for the initial build). */
  readonly changed: readonly string[];
  readonly ms: number;
}

export interface WatchOptions extends CompileOptions {
  /** Quiet time after the last change before rebuilding (default 100 ms). */
  readonly debounceMs?: number;
  /** Called after every build, the initial one included. */
  readonly onBuild?: (build: WatchBuild) => void;
}

export interface Watcher {
  /** Resolves after the initial build, once the file watcher is ready. */
  readonly ready: Promise<void>;
  /** Stops watching; resolves when the watcher is closed and no build is running. */
  close(): Promise<void>;
}

/** Starts watch mode. */
export function watch(options: WatchOptions): Watcher {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir);
  const debounceMs = options.debounceMs ?? 100;
  let graph: readonly GraphNode[] = [];
  let watcher: FSWatcher | undefined;
  let watched = new Set<string>();
  let generation = 0;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  // The last good build, in memory: a rebuild is incremental (only the modules a change reaches
  // are compiled again) and parses only the files whose text changed.
  const session = new BuildSession();

  const build = async (changed: ReadonlySet<string>) => {
    const start = performance.now();
    const result = await compile({ ...options, session });
    const ok = !hasErrors(result.diagnostics);
    let written: string[] = [];
    let regenerated: string[] = [];
    if (ok) {
      written = writeOutputs(outDir, result.files);
      const rebuilt = result.stats.incremental?.rebuilt;
      // A rebuild loads only part of the graph (and a hit none of it): the rest stands.
      graph = rebuilt || result.stats.cacheHit ? mergeGraphs(graph, result.graph) : result.graph;
      regenerated = rebuilt ? [...rebuilt] : result.stats.cacheHit ? [] : graph.filter((n) => !n.system).map((n) => n.path);
    } else if (result.graph.length > 0) {
      // Watch what the failed build read too: a file it could not find may appear.
      graph = mergeGraphs(graph, result.graph);
    }
    const report: WatchBuild = { generation, ok, diagnostics: result.diagnostics, regenerated, written, changed: [...changed], ms: performance.now() - start };
    generation++;
    syncWatched();
    return report;
  };

  const syncWatched = () => {
    if (!watcher) return;
    const next = new Set(graph.flatMap((n) => (n.system ? [] : [n.path, ...n.includes])));
    for (const p of options.inputs) next.add(resolve(cwd, p));
    const add = [...next].filter((p) => !watched.has(p));
    const remove = [...watched].filter((p) => !next.has(p));
    if (add.length > 0) watcher.add(add);
    if (remove.length > 0) watcher.unwatch(remove);
    watched = next;
  };

  const schedule = (path: string) => {
    if (closed) return;
    pending.add(resolve(path));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = pending;
      pending = new Set();
      running = running.then(async () => {
        if (!closed) options.onBuild?.(await build(changed));
      });
    }, debounceMs);
  };

  const ready = (async () => {
    const first = build(new Set());
    running = first.then(() => undefined);
    const initial = await first;
    watcher = chokidarWatch([], { ignoreInitial: true, awaitWriteFinish: false });
    syncWatched();
    watcher.on("change", schedule).on("add", schedule).on("unlink", schedule);
    await new Promise<void>((done) => watcher!.once("ready", () => done()));
    // Reported once the watcher is ready: "watching" then means a save will be seen.
    options.onBuild?.(initial);
  })();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready.catch(() => undefined);
      await watcher?.close();
      await running;
    },
  };
}

function mergeGraphs(a: readonly GraphNode[], b: readonly GraphNode[]): GraphNode[] {
  const byPath = new Map(a.map((n) => [n.path, n]));
  for (const n of b) byPath.set(n.path, n);
  return [...byPath.values()];
}
