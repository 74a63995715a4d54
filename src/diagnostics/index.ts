export { SourceFile, type Position } from "./source-file.js";
export { diagnosticAt, hasErrors, type Diagnostic, type Severity, type SourceRange } from "./diagnostic.js";
export { formatDiagnostic, formatDiagnostics, codeFrame } from "./format.js";
export { diagnosticCodes, type DiagnosticCode } from "./codes.js";
export { DIAGNOSTIC_STYLES, diagnosticToJson, reportDiagnostics, type DiagnosticStyle, type ReportOptions } from "./reporter.js";
