/**
 * MIDL resolves `import` and `#include` names case-insensitively (SDK files write `import "ObjIdl.Idl"`);
 * midl-ts does too, deterministically, on a case-sensitive file system.
 */
import test from "ava";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { formatDiagnostic } from "../src/diagnostics/index.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-case-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('import "ObjIdl.Idl" finds objidl.idl, and #include "Sub/DEFS.H" finds sub/defs.h', async (t) => {
  const dir = project({
    "objidl.idl": "typedef long ObjLong;\n",
    "sub/defs.h": "#define WIDTH 4\n",
    "main.idl": 'import "ObjIdl.Idl";\n#include "Sub/DEFS.H"\ntypedef ObjLong Row[WIDTH];\n',
  });
  const r = await compile({ inputs: ["main.idl"], outDir: "out", emit: ["ts", "ir"], format: false, verify: false, cwd: dir });
  t.deepEqual(r.diagnostics.map((d) => formatDiagnostic(d)), []);
  const files = r.files.map((f) => f.path.slice(dir.length + 1)).sort();
  t.deepEqual(files, ["out/main.ir.json", "out/main.ts", "out/objidl.ir.json", "out/objidl.ts"], "the module is named after the file on disk");
  const ir = JSON.parse(r.files.find((f) => f.path.endsWith("main.ir.json"))!.contents) as { imports: { path: string; source: string }[] };
  t.deepEqual(ir.imports, [{ path: "ObjIdl.Idl", source: "objidl.idl" }]);
  t.regex(r.files.find((f) => f.path.endsWith("main.ts"))!.contents, /import type \{ ObjLong \} from "\.\/objidl\.js";/);
});

test("two spellings of one import are one file, parsed once", async (t) => {
  const dir = project({
    "base.idl": "typedef long Base;\n",
    "a.idl": 'import "BASE.idl";\ntypedef Base A;\n',
    "main.idl": 'import "a.idl";\nimport "Base.IDL";\ntypedef Base M;\n',
  });
  const r = await compile({ inputs: ["main.idl"], outDir: "out", emit: ["ir"], format: false, verify: false, cwd: dir });
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(r.ir.filter((f) => !f.system).map((f) => f.source), ["base.idl", "a.idl", "main.idl"]);
});

test("the choice is deterministic where names differ only in case: exact spelling, else first in code-unit order", async (t) => {
  const dir = project({ "Dup.idl": "typedef long FromUpper;\n", "dup.idl": "typedef long FromLower;\n" });
  if (readdirSync(dir).length < 2) {
    t.pass("case-insensitive file system: only one of the files can exist");
    return;
  }
  writeFileSync(join(dir, "exact.idl"), 'import "dup.idl";\ntypedef FromLower X;\n');
  writeFileSync(join(dir, "loose.idl"), 'import "DUP.IDL";\ntypedef FromUpper Y;\n');
  for (const input of ["exact.idl", "loose.idl"]) {
    const r = await compile({ inputs: [input], outDir: "out", emit: ["ir"], format: false, verify: false, cwd: dir });
    t.deepEqual(r.diagnostics.map((d) => formatDiagnostic(d)), [], input);
  }
  t.is(readFileSync(join(dir, "Dup.idl"), "utf8"), "typedef long FromUpper;\n");
});
