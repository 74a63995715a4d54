import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { DEFAULT_RUNTIME_IMPORT } from "../compiler/options.js";
import { runtimeTypesEntry } from "../paths.js";

/** A generated file to type-check: its path (inside the output directory) and its text. */
export interface GeneratedSource {
  readonly path: string;
  readonly text: string;
}

/**
 * Type-checks generated modules under the strictest settings a user may have, with ts-morph's
 * bundled compiler, without writing anything. Any error is a compiler bug, reported as MTS4001
 * with the TypeScript message. ts-morph is imported lazily: only runs that verify load it.
 * `context` holds other generated modules that `files` may import, which are not checked.
 */
export async function verifyTypeScript(files: readonly GeneratedSource[], runtimeImport: string, context: readonly GeneratedSource[] = []): Promise<Diagnostic[]> {
  if (files.length === 0) return [];
  const { Project, ts } = await import("ts-morph");
  const project = new Project({
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      verbatimModuleSyntax: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
      // Our own runtime is checked against this package's types, wherever the output goes; any other
      // runtime specifier must resolve from the output directory as it will in the user's project.
      ...(runtimeImport === DEFAULT_RUNTIME_IMPORT ? { paths: { [runtimeImport]: [runtimeTypesEntry] }, baseUrl: dirname(runtimeTypesEntry) } : {}),
    },
    skipAddingFilesFromTsConfig: true,
  });
  // A package.json with "type": "module" beside the files makes NodeNext treat them as ES modules.
  const root = files[0] ? dirname(files[0].path) : ".";
  project.createSourceFile(join(root, "package.json"), '{ "type": "module" }', { overwrite: true });
  // Context files (modules the checked ones import, unchanged since they were checked) are read, not checked.
  for (const f of context) project.createSourceFile(f.path, f.text, { overwrite: true });
  const sources = files.map((f) => project.createSourceFile(f.path, f.text, { overwrite: true }));
  const diagnostics: Diagnostic[] = [];
  for (const sf of sources) {
    for (const d of project.getProgram().getSemanticDiagnostics(sf).concat(project.getProgram().getSyntacticDiagnostics(sf))) {
      const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, " ");
      const pos = d.getStart() !== undefined ? sf.getLineAndColumnAtPos(d.getStart()!) : undefined;
      diagnostics.push({
        code: "MTS4001",
        severity: "error",
        message: `generated code does not type-check (a compiler bug, please report it): ${sf.getBaseName()}${pos ? `(${pos.line},${pos.column})` : ""}: TS${d.getCode()}: ${message}`,
      });
    }
  }
  return diagnostics;
}
