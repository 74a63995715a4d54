/**
 * midl-ts: the compiler's programmatic API.
 *
 * - `compile` runs the whole pipeline in memory and returns output files and diagnostics;
 *   `writeOutputs` / `checkOutputs` put them on disk (atomically, only when changed) or compare them.
 *   An output the cache answered with is checked when first used; a damaged copy throws
 *   `DamagedCacheError` (it was removed: compile again).
 * - `watch` rebuilds what each change affects, until closed; a `BuildSession` gives any long-lived
 *   process the same: pass one to each `compile` of a project.
 * - `loadConfig` reads a project's codegen.config.json (or package.json "codegen").
 * - The lower layers — `preprocess`, `parseFile`, `loadProgram`, `resolve` — give tools the AST,
 *   the resolved model and the IR without emitting anything.
 *
 * The runtime that generated code imports is `midl-ts/runtime`.
 */
export { compile, toolName, toolVersion } from "./compiler/compile.js";
export type { CompileResult, CompileStats, GraphNode, OutputFile } from "./compiler/compile.js";
export type { CompileOptions, EmitKind } from "./compiler/options.js";
export { DEFAULT_RUNTIME_IMPORT } from "./compiler/options.js";
export type { CompilerHost } from "./compiler/host.js";
export { createNodeHost, nodeHost } from "./compiler/host.js";
export { checkOutputs, writeOutputs, GENERATED_MARKER } from "./compiler/write.js";
export { DamagedCacheError } from "./compiler/output-bytes.js";
export type { DriftEntry } from "./compiler/write.js";
export { watch } from "./compiler/watch.js";
export { BuildSession } from "./compiler/session.js";
export type { WatchBuild, WatchOptions, Watcher } from "./compiler/watch.js";
export { loadConfig, CONFIG_SCHEMA_PATH } from "./config/load-config.js";
export type { ConfigResult, LoadedConfig, Target } from "./config/load-config.js";
export { loadProgram, PREDEFINED_MACROS } from "./compiler/load.js";
export type { LoadOptions, LoadResult, ParseCache, ParseRecord } from "./compiler/load.js";
export { parseFile } from "./parse/parse-file.js";
export type { ParsedFile, ParseOptions } from "./parse/parse-file.js";
export { preprocess } from "./preprocess/index.js";
export { resolve } from "./model/resolve.js";
export type { Model } from "./model/resolve.js";
export type { InputFile } from "./model/input.js";
export type * as Ast from "./ast/nodes.js";
export {
  SourceFile, diagnosticCodes, formatDiagnostic, formatDiagnostics, hasErrors, reportDiagnostics, diagnosticToJson, DIAGNOSTIC_STYLES,
} from "./diagnostics/index.js";
export type { Diagnostic, DiagnosticCode, DiagnosticStyle, Position, Severity, SourceRange } from "./diagnostics/index.js";
export { IR_VERSION, allDeclarations, qualifiedName } from "./model/ir.js";
export type * from "./model/ir.js";
