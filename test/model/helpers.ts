import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compile, type CompileResult } from "../../src/compiler/compile.js";
import type { CompilerHost } from "../../src/compiler/host.js";
import { formatDiagnostic } from "../../src/diagnostics/index.js";
import type * as Ir from "../../src/model/ir.js";

/** Compiles in-memory IDL files (name → text; the first is the input), with the real built-in base IDL. */
export async function compileText(files: Record<string, string>, emit: ("ts" | "ir")[] = ["ir"]): Promise<CompileResult & { messages: string[] }> {
  const cwd = resolve("test/model/virtual");
  const host: CompilerHost = {
    readFile(path) {
      for (const [name, text] of Object.entries(files)) if (path === resolve(cwd, name)) return text;
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
  };
  const result = await compile({ inputs: [Object.keys(files)[0]!], outDir: "out", emit, format: false, verify: false, cwd }, host);
  return { ...result, messages: result.diagnostics.map((d) => formatDiagnostic(d, { codeFrame: false })) };
}

/** A declaration of an IR file by name (libraries searched too). */
type OfKind<K, D = Ir.IrDeclaration> = D extends { kind: infer DK } ? (K extends DK ? D : never) : never;

export function decl<K extends Ir.IrDeclaration["kind"]>(file: Ir.IrFile | undefined, kind: K, name: string): OfKind<K> {
  const all = [...(file ? flatten(file.declarations) : [])];
  const d = all.find((x) => x.kind === kind && "name" in x && x.name === name);
  if (!d) throw new Error(`no ${kind} ${name}`);
  return d as OfKind<K>;
}

function* flatten(ds: readonly Ir.IrDeclaration[]): Generator<Ir.IrDeclaration> {
  for (const d of ds) {
    yield d;
    if (d.kind === "library") yield* flatten(d.declarations);
  }
}
