/**
 * The whole pipeline in memory: load → resolve → check → emit → format → verify, for a run the
 * cache could not answer. Loaded on demand by `compile`, so that cached runs never load the
 * parser (chevrotain's grammar analysis alone costs tens of milliseconds), handlebars or the
 * resolver.
 */
import { join, resolve as resolvePath } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { GeneratedFormatter } from "../emit/format.js";
import { extraTemplates, renderModule, rendersWithBuiltInTemplates } from "../emit/render.js";
import { buildModuleView, sourcesOf } from "../emit/view-model.js";
import { verifyTypeScript } from "../emit/verify.js";
import { checks } from "../model/checks/index.js";
import { locatedDiagnostic } from "../model/checks/context.js";
import type { InputFile } from "../model/input.js";
import { allDeclarations, type IrFile } from "../model/ir.js";
import { resolve, type Model } from "../model/resolve.js";
import { buildIdentity } from "./build-identity.js";
import { contentHash, storedDependencies, type CachedNode, type CachedOutput, type CacheStore, type DependencyRead } from "./cache.js";
import { toolName, toolVersion, type CompileResult, type CompileStats, type GraphNode, type OutputFile } from "./compile.js";
import type { CompilerHost } from "./host.js";
import { DiskParseCache } from "./disk-parse-cache.js";
import { loadProgram, seededParseCache, type LoadOptions, type ParseRecord } from "./load.js";
import { addPhase, phaseSnapshot, resetPhases } from "./phases.js";
import type { CompileOptions, EmitKind } from "./options.js";

/** What `compile` worked out before the cache lookup. */
export interface RunContext {
  readonly cwd: string;
  readonly outDir: string;
  readonly emit: readonly EmitKind[];
  readonly runtimeImport: string;
  readonly inputs: readonly string[];
  /** Where the run is remembered (the cache directory, a build session), if anywhere. */
  readonly store: CacheStore | undefined;
  readonly key: string;
  /** The cache directory, where prettier's results are kept too. */
  readonly cacheDir: string | undefined;
  /** Set for an incremental rebuild (see incremental.ts), which merges and caches the result itself. */
  readonly partial?: PartialRun;
}

/** How an incremental rebuild narrows the pipeline. */
export interface PartialRun {
  /** Position of each file (absolute path) in the full run's load order, which resolution follows. */
  readonly rank: ReadonlyMap<string, number>;
  /** Absolute paths of the files whose modules are emitted. */
  readonly emit: ReadonlySet<string>;
  /** `[source]` interfaces of coclasses in files this run does not load. */
  readonly extraSources: ReadonlySet<string>;
  /** Outputs from the cache to type-check as well (modules importing a rebuilt one). */
  readonly alsoVerify: readonly OutputFile[];
  /** Outputs from the cache that the verified modules may import. */
  readonly verifyContext: readonly OutputFile[];
  /** Files the rebuild already parsed (see early-cutoff.ts), by parse-cache key. */
  readonly parses?: ReadonlyMap<string, ParseRecord>;
}

/** What a run leaves for the cache: its files with their graph facts, its outputs and what it read. */
export interface RunRecord {
  readonly nodes: readonly CachedNode[];
  readonly outputs: readonly CachedOutput[];
  readonly deps: ReadonlyMap<string, DependencyRead>;
}

/** A run's result, and on success its record. */
export interface PipelineRun {
  readonly result: CompileResult;
  readonly record?: RunRecord;
}

/**
 * Runs the pipeline; stores a successful result in `store` when there is one (but for a partial
 * run, whose caller merges it first).
 */
export async function runPipeline(options: CompileOptions, host: CompilerHost, run: RunContext): Promise<PipelineRun> {
  const { cwd, outDir, emit, runtimeImport, store, key, partial } = run;
  resetPhases();
  // Every file read (and every path probed in vain) is a dependency of the outputs, hashed as it is
  // read (the texts themselves need not outlive parsing).
  const deps = new Map<string, DependencyRead>();
  // The stamp is taken before the read: an edit after it changes the stamp, so a cached entry
  // never vouches for text it did not see.
  const stamp = store && host.stamp ? (path: string) => host.stamp!(path) : () => undefined;
  const recording: CompilerHost = {
    readFile(path) {
      const before = stamp(path);
      const text = host.readFile(path);
      if (store) deps.set(resolvePath(cwd, path), { hash: text === undefined ? null : contentHash(text), stamp: before });
      return text;
    },
    ...(host.realPath ? { realPath: (p: string) => host.realPath!(p) } : {}),
  };
  const diagnostics: Diagnostic[] = [];
  const { irFiles, graph, parsedFiles, nodes, syntaxErrors } = analyse(options, recording, run, diagnostics);
  const abs = (p: string) => resolvePath(cwd, p);
  const stats = (formattedFiles: number, verifiedFiles: number): CompileStats => ({ cacheHit: false, parsedFiles, formattedFiles, verifiedFiles, phases: phaseSnapshot() });
  if (syntaxErrors) return { result: { files: [], diagnostics, ir: [], graph, stats: stats(0, 0) } };
  if (hasErrors(diagnostics)) return { result: { files: [], diagnostics: sortDiagnostics(diagnostics), ir: irFiles, graph, stats: stats(0, 0) } };

  let t = performance.now();
  const files: OutputFile[] = [];
  // The module (index into irFiles) of each output, for the cache.
  const producedBy: number[] = [];
  // Where the TypeScript outputs are in `files`, with their index in the formatter.
  const tsOutputs: { readonly at: number; readonly formatted: number }[] = [];
  const ctx = { files: irFiles, runtimeImport, toolName, toolVersion, ...(partial ? { extraSources: partial.extraSources } : {}) };
  const templates = options.templatesDir ? resolvePath(cwd, options.templatesDir) : undefined;
  const only = partial?.emit ?? options.only;
  const emitted = irFiles.flatMap((ir, node) => (!ir.system && !(only && !only.has(abs(ir.source))) ? [{ ir, node }] : []));
  // Each module is formatted as soon as it is rendered (the raw text then dies young, which keeps
  // it out of the old generation and off the peak); what needs prettier is formatted at the end.
  const formatter = options.format !== false ? new GeneratedFormatter(rendersWithBuiltInTemplates(templates), run.cacheDir) : undefined;
  let done = 0;
  for (const { ir, node } of emitted) {
    options.onProgress?.(++done, emitted.length, ir.source);
    if (emit.includes("ts")) {
      let text: string;
      try {
        text = renderModule(buildModuleView(ir, ctx), templates);
      } catch (e) {
        // Only a user's template can fail here (ours are tested): report it, write nothing.
        diagnostics.push(templateError(templates, e));
        continue;
      }
      t = addPhase("emit", t);
      tsOutputs.push({ at: files.length, formatted: formatter ? formatter.add(text) : -1 });
      if (formatter) t = addPhase("format", t);
      // With a formatter the text is filled in from it below (the raw text is not kept).
      files.push({ path: join(outDir, `${ir.module}.ts`), contents: formatter ? "" : text });
    }
    if (emit.includes("ir")) {
      files.push({ path: join(outDir, `${ir.module}.ir.json`), contents: `${JSON.stringify(ir, null, 2)}\n` });
    }
    for (const extra of templates ? extraTemplates(templates) : []) {
      try {
        files.push({ path: join(outDir, `${ir.module}.${extra.suffix}`), contents: extra.render({ ir, declarations: [...allDeclarations(ir.declarations)], module: ir.module, source: ir.source }) });
      } catch (e) {
        diagnostics.push(templateError(`${templates}/${extra.suffix}.hbs`, e));
      }
    }
    while (producedBy.length < files.length) producedBy.push(node);
  }
  t = addPhase("emit", t);
  if (formatter) {
    const formatted = await formatter.finish();
    for (const o of tsOutputs) files[o.at] = { path: files[o.at]!.path, contents: formatted[o.formatted]! };
    t = addPhase("format", t);
  }
  const tsFiles = tsOutputs.map((o) => files[o.at]!);
  const verified = options.verify !== false ? tsFiles.length : 0;
  if (verified > 0) {
    const source = (f: OutputFile) => ({ path: f.path, text: f.contents });
    diagnostics.push(...(await verifyTypeScript([...tsFiles, ...(partial?.alsoVerify ?? [])].map(source), runtimeImport, partial?.verifyContext.map(source))));
    t = addPhase("verify", t);
  }
  const formatted = options.format === false ? 0 : tsFiles.length;
  if (hasErrors(diagnostics)) return { result: { files: [], diagnostics, ir: irFiles, graph, stats: stats(formatted, verified) } };
  const sorted = sortDiagnostics(diagnostics);
  const result: CompileResult = { files, diagnostics: sorted, ir: irFiles, graph, stats: stats(formatted, verified) };
  if (nodes === undefined) return { result };
  const record: RunRecord = { nodes, outputs: files.map((f, i) => ({ ...f, node: producedBy[i]! })), deps };
  if (!partial) store!.write(key, buildIdentity(toolVersion), outDir, cwd, { deps: storedDependencies(deps), nodes: record.nodes, files: record.outputs, diagnostics: sorted });
  return { result, record };
}

/**
 * How a run loads its files: include directories, macros and where parsed files are kept (in the
 * cache directory only by a rebuild, `storeParses`; see disk-parse-cache.ts).
 */
export function loadOptions(options: CompileOptions, host: CompilerHost, run: RunContext, storeParses: boolean): LoadOptions {
  return {
    includeDirs: options.includeDirs ?? [],
    defines: options.defines ?? new Map(),
    host,
    cwd: run.cwd,
    // A build session keeps parsed files in memory; otherwise the cache directory keeps those an
    // incremental rebuild parsed (see disk-parse-cache.ts).
    ...(options.session ? { parseCache: options.session } : run.cacheDir && run.store ? { parseCache: new DiskParseCache(run.cacheDir, buildIdentity(toolVersion), storeParses) } : {}),
  };
}

/** What loading and resolving leave for the emitters. */
interface Analysis {
  readonly irFiles: readonly IrFile[];
  readonly graph: GraphNode[];
  readonly parsedFiles: number;
  /** The graph as the cache records it, when the run is cached. */
  readonly nodes: CachedNode[] | undefined;
  /** Set when parsing failed: nothing was resolved. */
  readonly syntaxErrors: boolean;
}

/**
 * Loads, resolves and checks; reports into `diagnostics`. A function of its own so that the ASTs,
 * the symbol table and the node locations (most of the heap) can be collected once it returns,
 * before the outputs are built.
 */
function analyse(options: CompileOptions, host: CompilerHost, run: RunContext, diagnostics: Diagnostic[]): Analysis {
  const { cwd, inputs, store, partial } = run;
  const base = loadOptions(options, host, run, partial !== undefined);
  const loaded = loadProgram(inputs, partial?.parses ? { ...base, parseCache: seededParseCache(partial.parses, base.parseCache) } : base);
  const abs = (p: string) => resolvePath(cwd, p);
  // A partial run resolves its files in the full run's order: where two visible files declare the
  // same type, the first one loaded wins, and it must be the same one.
  const rankOf = (f: InputFile) => partial?.rank.get(abs(f.source)) ?? Number.MAX_SAFE_INTEGER;
  const files = partial ? [...loaded.files].sort((a, b) => rankOf(a) - rankOf(b)) : loaded.files;
  const graph: GraphNode[] = files.map((f) => ({
    path: abs(f.source),
    system: f.system,
    imports: f.imports.flatMap((i) => (i.file ? [abs(i.file.source)] : [])),
    includes: f.parsed.includes.map(abs),
  }));
  diagnostics.push(...loaded.diagnostics);
  // Syntax errors make the AST partial: resolving it would only add follow-on errors.
  if (hasErrors(diagnostics)) return { irFiles: [], graph, parsedFiles: loaded.parsed, nodes: undefined, syntaxErrors: true };

  const t = performance.now();
  const model = resolve(files);
  diagnostics.push(...model.diagnostics);
  // A partial run keeps the cached diagnostics of the files it does not emit (incremental.ts).
  const checked = partial ? new Set(model.files.filter((f) => partial.emit.has(abs(f.source)))) : undefined;
  for (const check of checks) {
    check({
      files: model.files,
      ...(checked ? { checked } : {}),
      report: (code, message, node, related, severity) =>
        diagnostics.push(locatedDiagnostic(code, message, model.locations.get(node), related && { message: related.message, range: model.locations.get(related.node) }, severity)),
    });
  }
  const nodes = store && !options.only && !hasErrors(diagnostics) ? cacheNodes(files, graph, model) : undefined;
  addPhase("resolve", t);
  return { irFiles: model.files, graph, parsedFiles: loaded.parsed, nodes, syntaxErrors: false };
}

/** The cache's view of each file of a run: its graph node with imports as indices (`files`, `graph` and `model.files` are in the same order). */
function cacheNodes(files: readonly InputFile[], graph: readonly GraphNode[], model: Model): CachedNode[] {
  const index = new Map(graph.map((g, i) => [g.path, i]));
  return graph.map((g, i) => ({
    path: g.path,
    imports: g.imports.map((p) => index.get(p)!),
    includes: g.includes,
    selfContained: model.symbols.selfContained(files[i]!),
    sources: coclassSources(model.files[i]!),
  }));
}

function coclassSources(ir: IrFile): string[] {
  const keys: string[] = [];
  for (const d of allDeclarations(ir.declarations)) if (d.kind === "coclass") keys.push(...sourcesOf(d));
  return keys;
}

function templateError(where: string | undefined, e: unknown): Diagnostic {
  const message = (e as Error).message?.split("\n")[0] ?? String(e);
  return { code: "MTS4002", severity: "error", message: `template ${where ?? "(built-in)"} failed: ${message}` };
}

/** Diagnostics in file order, then position: stable output whatever order checks ran in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const ra = a.d.range;
      const rb = b.d.range;
      if (!ra || !rb) return ra ? 1 : rb ? -1 : a.i - b.i;
      if (ra.file.path !== rb.file.path) return ra.file.path < rb.file.path ? -1 : 1;
      return ra.start.offset - rb.start.offset || a.i - b.i;
    })
    .map((x) => x.d);
}
