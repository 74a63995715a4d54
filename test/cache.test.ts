/**
 * The incremental cache through the API: a run with nothing changed does no parsing, formatting or
 * verification; any change to an input, an import or an #include is seen; a corrupt or foreign entry
 * is ignored.
 */
import test from "ava";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { formatDiagnostic } from "../src/diagnostics/index.js";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-cache-"));
  writeFileSync(join(dir, "base.idl"), "typedef long Base;\n");
  writeFileSync(join(dir, "defs.h"), "#define SIZE 4\n");
  writeFileSync(join(dir, "main.idl"), 'import "oaidl.idl";\nimport "base.idl";\n#include "defs.h"\ntypedef Base Row[SIZE];\n[object, uuid(11111111-2222-3333-4444-555555555555)] interface IWarn : IUnknown { HRESULT F([out] long x); }\n');
  return dir;
}

const options = (dir: string) => ({ inputs: ["main.idl"], outDir: "out", cwd: dir, cacheDir: "cache", emit: ["ts" as const, "ir" as const] });

test("a second run with nothing changed does no parsing, formatting or verification, and gives the same outputs", async (t) => {
  const dir = project();
  const first = await compile(options(dir));
  t.false(first.stats.cacheHit);
  t.true(first.stats.parsedFiles >= 2);
  t.is(first.stats.formattedFiles, 2);
  t.is(first.stats.verifiedFiles, 2);
  const second = await compile(options(dir));
  t.deepEqual(second.stats, { cacheHit: true, parsedFiles: 0, formattedFiles: 0, verifiedFiles: 0 });
  t.deepEqual(second.files, first.files);
  t.deepEqual(second.diagnostics.map((d) => formatDiagnostic(d)), first.diagnostics.map((d) => formatDiagnostic(d)), "warnings are reported again, located");
  t.is(second.diagnostics[0]?.code, "MTS3004");
});

test("a change to an input, an imported file or an included file is a miss", async (t) => {
  const dir = project();
  await compile(options(dir));
  for (const [file, text] of [["base.idl", "typedef hyper Base;\n"], ["defs.h", "#define SIZE 8\n"], ["main.idl", "import \"base.idl\";\ntypedef Base Other;\n"]] as const) {
    writeFileSync(join(dir, file), text);
    const r = await compile(options(dir));
    t.false(r.stats.cacheHit, file);
    t.true(r.stats.parsedFiles > 0, file);
    t.true((await compile(options(dir))).stats.cacheHit, `${file}: the new state is cached in turn`);
  }
  const ts = (await compile(options(dir))).files.find((f) => f.path.endsWith("main.ts"))!.contents;
  t.regex(ts, /export type Other = Base;/);
});

test("options are part of the key", async (t) => {
  const dir = project();
  await compile(options(dir));
  t.false((await compile({ ...options(dir), defines: new Map([["X", "1"]]) })).stats.cacheHit);
  t.false((await compile({ ...options(dir), emit: ["ts"] })).stats.cacheHit);
});

test("a corrupt entry, or one written by another version, is ignored and replaced", async (t) => {
  const dir = project();
  const good = await compile(options(dir));
  const [entry] = readdirSync(join(dir, "cache"));
  const path = join(dir, "cache", entry!);
  const text = readFileSync(path, "utf8");
  writeFileSync(path, text.slice(0, text.length / 2));
  const afterTruncation = await compile(options(dir));
  t.false(afterTruncation.stats.cacheHit);
  t.deepEqual(afterTruncation.files, good.files);
  const tampered = JSON.parse(readFileSync(path, "utf8")) as { outputs: { contents: string }[] };
  tampered.outputs[0]!.contents = "// not what the compiler wrote\n";
  writeFileSync(path, JSON.stringify(tampered));
  const afterTampering = await compile(options(dir));
  t.false(afterTampering.stats.cacheHit, "the integrity hash catches edited outputs");
  t.deepEqual(afterTampering.files, good.files);
  const other = JSON.parse(readFileSync(path, "utf8")) as { version: string };
  other.version = "0.0.0-other";
  writeFileSync(path, JSON.stringify(other));
  t.false((await compile(options(dir))).stats.cacheHit);
  t.true((await compile(options(dir))).stats.cacheHit);
});

test("runs with errors are not cached", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "main.idl"), "typedef Missing X;\n");
  t.is((await compile(options(dir))).diagnostics[0]?.code, "MIDL2011");
  t.false((await compile(options(dir))).stats.cacheHit);
});
