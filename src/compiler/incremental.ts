/**
 * Incremental rebuilds: when a cache entry's files changed, only the modules the change can reach
 * are compiled again; every other output comes from the entry. The result is the one a full run
 * would give, byte for byte, or the rebuild declines (undefined) and the full pipeline runs.
 *
 * What a module's output depends on, from the recorded graph (nodes in the full run's load order):
 * - the files it sees: its import closure and, when it is not self-contained (it found declarations
 *   through what its importers imported before it), those too;
 * - the `[source]` interfaces of every coclass of the run (they get event sinks).
 * A node is dirty when a file it depends on changed (its own text or an #include), and the edit
 * can affect it: early-cutoff.ts keeps the outputs of those that name nothing the edit touched,
 * when the edited files' previous parses are there to compare with. The rebuild
 * loads the dirty nodes, the importers of those that are not self-contained and, to a fixpoint,
 * the importers of every loaded node that is not self-contained, so that every loaded file
 * resolves exactly as in a full run; files are resolved in the full run's order (the first of two
 * visible definitions wins). Only dirty modules are emitted.
 *
 * It declines, and the full run decides, when the change could alter the graph or anything
 * global: a path probed in vain now exists, a rebuilt file reads a file or imports/includes
 * differently than recorded, a coclass's `[source]` list changed, the rebuild reports an error or
 * an unlocated diagnostic, diagnostics sit in a rebuilt file's #include, or most modules are dirty
 * anyway.
 */
import { resolve as resolvePath } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { buildIdentity } from "./build-identity.js";
import { storedDependencies, type CachedNode, type CachedOutput, type CacheLookup } from "./cache.js";
import { publicOutput, toolVersion, type CompileResult } from "./compile.js";
import type { CompilerHost } from "./host.js";
import type { CompileOptions } from "./options.js";
import { earlyCutoff } from "./early-cutoff.js";
import { FileParser } from "./load.js";
import { NodeGraph } from "./node-graph.js";
import { loadOptions, runPipeline, sortDiagnostics, type RunContext } from "./pipeline.js";

/** Above this share of dirty modules a full run is as cheap and simpler. */
const MAX_DIRTY_SHARE = 0.5;

/**
 * Rebuilds what changed since `cached` was recorded; undefined when a full run must decide.
 * `attempt.parsedFiles` tells how many files the attempt parsed, also when it declines.
 */
export async function rebuildIncrementally(options: CompileOptions, host: CompilerHost, run: RunContext, cached: CacheLookup, attempt: { parsedFiles: number }): Promise<CompileResult | undefined> {
  if (!run.store || options.only) return undefined;
  const { nodes } = cached;
  const graph = new NodeGraph(nodes);
  const changed = changedNodes(nodes, cached.changed);
  if (changed === undefined || changed.size === 0) return undefined;

  const cut = earlyCutoff(graph, changed, graph.dirty(changed), cached.deps, new FileParser(loadOptions(options, host, run, true)), host, run.cwd, options.defines ?? new Map());
  const { dirty } = cut;
  const emittedNodes = new Set(cached.files.map((f) => f.node));
  const rebuilt = new Set([...dirty].filter((i) => emittedNodes.has(i)));
  // In a build session a partial rebuild is never dearer (parses are kept, nothing is read back
  // from disk), and it regenerates exactly what the change reaches.
  if (!options.session && rebuilt.size > emittedNodes.size * MAX_DIRTY_SHARE) return undefined;

  const roots = graph.roots(dirty);
  const loaded = graph.closure(roots);
  const extraSources = new Set<string>();
  nodes.forEach((n, i) => {
    if (!loaded.has(i)) for (const s of n.sources) extraSources.add(s);
  });
  // Verification: the rebuilt modules and the cached ones importing them, with what they import.
  const alsoVerifyNodes = new Set([...rebuilt].flatMap((i) => graph.importers(i)).filter((i) => !rebuilt.has(i)));
  const contextNodes = graph.closure(new Set([...rebuilt, ...alsoVerifyNodes]));
  const tsOf = (set: ReadonlySet<number>, skip: ReadonlySet<number>) => cached.files.filter((f) => set.has(f.node) && !skip.has(f.node) && f.path.endsWith(".ts"));
  const alsoVerify = tsOf(alsoVerifyNodes, new Set());
  const verifyContext = tsOf(contextNodes, new Set([...rebuilt, ...alsoVerifyNodes]));

  const rank = new Map(nodes.map((n, i) => [n.path, i]));
  const { result, record } = await runPipeline(options, host, {
    ...run,
    inputs: [...roots].sort((a, b) => a - b).map((i) => nodes[i]!.path),
    partial: { rank, emit: new Set([...rebuilt].map((i) => nodes[i]!.path)), extraSources, alsoVerify, verifyContext, parses: cut.parses },
  });
  // The edited files were parsed before the pipeline ran (it reused those parses).
  const parsedFiles = result.stats.parsedFiles + cut.parsed;
  attempt.parsedFiles = parsedFiles;
  if (record === undefined || hasErrors(result.diagnostics)) return undefined;

  // The rebuild must have seen the graph the entry recorded.
  const knownDeps = new Set(cached.deps.map((d) => d.path));
  if ([...record.deps.keys()].some((p) => !knownDeps.has(p))) return undefined;
  const fresh = new Map<number, CachedNode>();
  for (const n of record.nodes) {
    const i = rank.get(n.path);
    if (i === undefined) return undefined;
    fresh.set(i, n);
  }
  for (const [i, n] of fresh) {
    const old = nodes[i]!;
    const imports = n.imports.map((j) => record.nodes[j]!.path);
    if (!sameList(imports, old.imports.map((j) => nodes[j]!.path)) || !sameList(n.includes, old.includes) || !sameList(n.sources, old.sources)) return undefined;
  }
  for (const i of loaded) if (!fresh.has(i)) return undefined;

  // Outputs: the rebuilt modules' in place of theirs, everything else as cached.
  const freshOutputs = new Map<number, CachedOutput[]>();
  for (const o of record.outputs) {
    const i = rank.get(record.nodes[o.node]?.path ?? "");
    if (i === undefined) return undefined;
    const list = freshOutputs.get(i) ?? [];
    list.push({ ...o, node: i });
    freshOutputs.set(i, list);
  }
  const files: CachedOutput[] = [];
  for (const o of cached.files) {
    if (!rebuilt.has(o.node)) files.push(o);
    else if (freshOutputs.has(o.node)) {
      files.push(...freshOutputs.get(o.node)!);
      freshOutputs.delete(o.node);
    }
  }
  if (freshOutputs.size !== 0 || files.length !== cached.files.length) return undefined;

  // Diagnostics: the dirty files' from the rebuild, everyone else's from the entry.
  const cwd = run.cwd;
  const dirtyPaths = new Set([...dirty].map((i) => nodes[i]!.path));
  const dirtyIncludes = new Set([...dirty].flatMap((i) => nodes[i]!.includes));
  const fileOf = (d: Diagnostic) => (d.range ? resolvePath(cwd, d.range.file.path) : undefined);
  const kept = cached.diagnostics((file) => file === undefined || !dirtyPaths.has(file));
  const renewed = result.diagnostics.filter((d) => {
    const file = fileOf(d);
    return file !== undefined && dirtyPaths.has(file);
  });
  if (result.diagnostics.some((d) => fileOf(d) === undefined)) return undefined;
  // A kept warning pointing into a rebuilt file would point where that file no longer says it.
  if (kept.some((d) => d.related?.some((r) => dirtyPaths.has(resolvePath(cwd, r.range.file.path))))) return undefined;
  if ([...kept, ...result.diagnostics].some((d) => dirtyIncludes.has(fileOf(d) ?? ""))) return undefined;
  const diagnostics = sortDiagnostics([...kept, ...renewed]);

  const reread = new Map(storedDependencies(record.deps).map((d) => [d.path, d]));
  const deps = cached.deps.map((d) => reread.get(d.path) ?? d);
  // A rebuilt file may have started (or stopped) seeing declarations through its importers: the
  // next change must know it (see NodeGraph.dirty).
  const merged = nodes.map((n, i) => {
    const now = fresh.get(i);
    return now && now.selfContained !== n.selfContained ? { ...n, selfContained: now.selfContained } : n;
  });
  run.store.write(run.key, buildIdentity(toolVersion), run.outDir, cwd, { deps, nodes: merged, files, diagnostics });
  return {
    files: files.map(publicOutput),
    diagnostics,
    ir: result.ir,
    graph: result.graph,
    stats: { ...result.stats, parsedFiles, incremental: { rebuiltModules: rebuilt.size, rebuilt: [...rebuilt].sort((a, b) => a - b).map((i) => nodes[i]!.path), reusedOutputs: files.length - record.outputs.length } },
  };
}

/** The nodes whose own text or an #include changed; undefined when a change lies outside the graph. */
function changedNodes(nodes: readonly CachedNode[], changed: ReadonlySet<string>): Set<number> | undefined {
  const known = new Set<string>();
  const result = new Set<number>();
  nodes.forEach((n, i) => {
    known.add(n.path);
    for (const p of n.includes) known.add(p);
    if (changed.has(n.path) || n.includes.some((p) => changed.has(p))) result.add(i);
  });
  // A path probed in vain that now exists (or a file gone) could change what is imported.
  for (const p of changed) if (!known.has(p)) return undefined;
  return result;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
