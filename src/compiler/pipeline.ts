/**
 * The whole pipeline in memory: load → resolve → check → emit → format → verify, for a run the
 * cache could not answer. Loaded on demand by `compile`, so that cached runs never load the
 * parser (chevrotain's grammar analysis alone costs tens of milliseconds), handlebars or the
 * resolver.
 */
import { join, resolve as resolvePath } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { formatGenerated } from "../emit/format.js";
import { extraTemplates, renderModule, rendersWithBuiltInTemplates } from "../emit/render.js";
import { buildModuleView } from "../emit/view-model.js";
import { verifyTypeScript } from "../emit/verify.js";
import { checks } from "../model/checks/index.js";
import { locatedDiagnostic } from "../model/checks/context.js";
import { allDeclarations } from "../model/ir.js";
import { resolve } from "../model/resolve.js";
import { buildIdentity } from "./build-identity.js";
import { writeCache, type DependencyRead } from "./cache.js";
import { toolName, toolVersion, type CompileResult, type CompileStats, type GraphNode, type OutputFile } from "./compile.js";
import type { CompilerHost } from "./host.js";
import { loadProgram } from "./load.js";
import { addPhase, phaseSnapshot, resetPhases } from "./phases.js";
import type { CompileOptions, EmitKind } from "./options.js";

/** What `compile` worked out before the cache lookup. */
export interface RunContext {
  readonly cwd: string;
  readonly outDir: string;
  readonly emit: readonly EmitKind[];
  readonly runtimeImport: string;
  readonly inputs: readonly string[];
  readonly cacheDir: string | undefined;
  readonly key: string;
}

/** Runs the pipeline; stores a successful result in the cache when `cacheDir` is set. */
export async function runPipeline(options: CompileOptions, host: CompilerHost, run: RunContext): Promise<CompileResult> {
  const { cwd, outDir, emit, runtimeImport, inputs, cacheDir, key } = run;
  resetPhases();
  // Every file read (and every path probed in vain) is a dependency of the outputs.
  const deps = new Map<string, DependencyRead>();
  // The stamp is taken before the read: an edit after it changes the stamp, so a cached entry
  // never vouches for text it did not see.
  const stamp = cacheDir && host.stamp ? (path: string) => host.stamp!(path) : () => undefined;
  const recording: CompilerHost = {
    readFile(path) {
      const before = stamp(path);
      const text = host.readFile(path);
      deps.set(resolvePath(cwd, path), { text, stamp: before });
      return text;
    },
    ...(host.realPath ? { realPath: (p: string) => host.realPath!(p) } : {}),
  };
  const loaded = loadProgram(inputs, {
    includeDirs: options.includeDirs ?? [],
    defines: options.defines ?? new Map(),
    host: recording,
    cwd,
  });
  const parsedFiles = loaded.files.length;
  const abs = (p: string) => resolvePath(cwd, p);
  const graph: GraphNode[] = loaded.files.map((f) => ({
    path: abs(f.source),
    system: f.system,
    imports: f.imports.flatMap((i) => (i.file ? [abs(i.file.source)] : [])),
    includes: f.parsed.includes.map(abs),
  }));
  const stats = (formattedFiles: number, verifiedFiles: number): CompileStats => ({ cacheHit: false, parsedFiles, formattedFiles, verifiedFiles, phases: phaseSnapshot() });
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  // Syntax errors make the AST partial: resolving it would only add follow-on errors.
  if (hasErrors(diagnostics)) return { files: [], diagnostics, ir: [], graph, stats: stats(0, 0) };

  let t = performance.now();
  const model = resolve(loaded.files);
  diagnostics.push(...model.diagnostics);
  for (const check of checks) {
    check({
      files: model.files,
      report: (code, message, node, related, severity) =>
        diagnostics.push(locatedDiagnostic(code, message, model.locations.get(node), related && { message: related.message, range: model.locations.get(related.node) }, severity)),
    });
  }
  t = addPhase("resolve", t);
  if (hasErrors(diagnostics)) return { files: [], diagnostics: sortDiagnostics(diagnostics), ir: model.files, graph, stats: stats(0, 0) };

  const files: OutputFile[] = [];
  const tsFiles: OutputFile[] = [];
  const ctx = { files: model.files, runtimeImport, toolName, toolVersion };
  const templates = options.templatesDir ? resolvePath(cwd, options.templatesDir) : undefined;
  const emitted = model.files.filter((ir) => !ir.system && !(options.only && !options.only.has(abs(ir.source))));
  let done = 0;
  for (const ir of emitted) {
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
      const out = { path: join(outDir, `${ir.module}.ts`), contents: text };
      files.push(out);
      tsFiles.push(out);
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
  }
  t = addPhase("emit", t);
  if (options.format !== false && tsFiles.length > 0) {
    const formatted = await formatGenerated(tsFiles.map((f) => f.contents), rendersWithBuiltInTemplates(templates), cacheDir);
    for (let i = 0; i < tsFiles.length; i++) {
      const raw = tsFiles[i]!;
      const out = { path: raw.path, contents: formatted[i]! };
      files[files.indexOf(raw)] = out;
      tsFiles[i] = out;
    }
    t = addPhase("format", t);
  }
  const verified = options.verify !== false ? tsFiles.length : 0;
  if (verified > 0) {
    diagnostics.push(...(await verifyTypeScript(tsFiles.map((f) => ({ path: f.path, text: f.contents })), runtimeImport)));
    t = addPhase("verify", t);
  }
  const formatted = options.format === false ? 0 : tsFiles.length;
  if (hasErrors(diagnostics)) return { files: [], diagnostics, ir: model.files, graph, stats: stats(formatted, verified) };
  const sorted = sortDiagnostics(diagnostics);
  if (cacheDir && !options.only) writeCache(cacheDir, key, buildIdentity(toolVersion), outDir, deps, files, sorted, cwd);
  return { files, diagnostics: sorted, ir: model.files, graph, stats: stats(formatted, verified) };
}


function templateError(where: string | undefined, e: unknown): Diagnostic {
  const message = (e as Error).message?.split("\n")[0] ?? String(e);
  return { code: "MTS4002", severity: "error", message: `template ${where ?? "(built-in)"} failed: ${message}` };
}

/** Diagnostics in file order, then position: stable output whatever order checks ran in. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
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
