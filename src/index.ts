/**
 * midl-ts: the compiler's programmatic API. `compile` runs the whole pipeline in memory and returns
 * the output files and diagnostics; `writeOutputs`/`checkOutputs` put them on disk (atomically, only
 * when changed) or compare them with it. The runtime that generated code imports is `midl-ts/runtime`.
 */
export { compile, toolName, toolVersion } from "./compiler/compile.js";
export type { CompileResult, OutputFile } from "./compiler/compile.js";
export type { CompileOptions, EmitKind } from "./compiler/options.js";
export { DEFAULT_RUNTIME_IMPORT } from "./compiler/options.js";
export type { CompilerHost } from "./compiler/host.js";
export { nodeHost } from "./compiler/host.js";
export { checkOutputs, writeOutputs, GENERATED_MARKER } from "./compiler/write.js";
export type { DriftEntry } from "./compiler/write.js";
export { SourceFile, diagnosticCodes, formatDiagnostic, formatDiagnostics, hasErrors } from "./diagnostics/index.js";
export type { Diagnostic, DiagnosticCode, Position, Severity, SourceRange } from "./diagnostics/index.js";
export { IR_VERSION, allDeclarations } from "./model/ir.js";
export type * from "./model/ir.js";
