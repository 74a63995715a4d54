/**
 * The whole pipeline in memory: load → resolve → check → emit → format → verify. Nothing is written
 * here; `write.ts` decides what reaches the disk. A run with errors produces no output files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { formatAll } from "../emit/format.js";
import { extraTemplates, renderModule } from "../emit/render.js";
import { buildModuleView } from "../emit/view-model.js";
import { verifyTypeScript } from "../emit/verify.js";
import { checks } from "../model/checks/index.js";
import { locatedDiagnostic } from "../model/checks/context.js";
import { allDeclarations, type IrFile } from "../model/ir.js";
import { resolve } from "../model/resolve.js";
import { packageRoot } from "../paths.js";
import { buildIdentity } from "./build-identity.js";
import { cacheKey, readCache, writeCache } from "./cache.js";
import { createNodeHost, type CompilerHost } from "./host.js";
import { loadProgram } from "./load.js";
import { addPhase, phaseSnapshot, resetPhases, type PhaseTimes } from "./phases.js";
import { DEFAULT_RUNTIME_IMPORT, type CompileOptions } from "./options.js";

/** One generated file: absolute path and contents. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string;
}

export interface CompileResult {
  /** Empty when there are errors. */
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** The resolved IR of every file of the run (also on errors, as far as it got; empty on a cache hit). */
  readonly ir: readonly IrFile[];
  /** What the run did: how build tools and tests see that a cached run did no work. */
  readonly stats: CompileStats;
  /** The files read and how they depend on each other (empty on a cache hit): what watch mode watches. */
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
  /** IDL files read, preprocessed and parsed. */
  readonly parsedFiles: number;
  /** TypeScript outputs run through prettier. */
  readonly formattedFiles: number;
  /** TypeScript outputs type-checked. */
  readonly verifiedFiles: number;
  /** Milliseconds per phase of a run that did the work (absent on a cache hit). */
  readonly phases?: PhaseTimes;
}

const version: string = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;

/** The compiler's name and version as written into generated headers. */
export const toolName = "midl-ts";
export const toolVersion = version;

/** Compiles IDL files to generated files in memory. */
export async function compile(options: CompileOptions, host: CompilerHost = createNodeHost()): Promise<CompileResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolvePath(cwd, options.outDir);
  const emit = options.emit ?? ["ts"];
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;

  const inputs = options.inputs.map((p) => resolvePath(cwd, p));
  const cacheDir = options.cacheDir ? resolvePath(cwd, options.cacheDir) : undefined;
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
  if (cacheDir) {
    const hit = readCache(cacheDir, key, buildIdentity(toolVersion), outDir, (p) => host.readFile(p), cwd);
    if (hit && !options.only) return { files: hit.files, diagnostics: hit.diagnostics, ir: [], graph: [], stats: { cacheHit: true, parsedFiles: 0, formattedFiles: 0, verifiedFiles: 0 } };
  }
  resetPhases();
  // Every file read (and every path probed in vain) is a dependency of the outputs.
  const deps = new Map<string, string | undefined>();
  const recording: CompilerHost = {
    readFile(path) {
      const text = host.readFile(path);
      deps.set(resolvePath(cwd, path), text);
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
    const formatted = await formatAll(tsFiles.map((f) => f.contents), cacheDir);
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

/** The contents of a template directory, for the cache key: editing a template invalidates. */
function templateFingerprint(dir: string): string[] {
  try {
    return readdirSync(dir).sort().map((n) => `${n}\u0000${readFileSync(join(dir, n), "utf8")}`);
  } catch {
    return [];
  }
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
