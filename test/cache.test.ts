/**
 * The incremental cache through the API: a run with nothing changed does no parsing, formatting or
 * verification; any change to an input, an import or an #include is seen; a corrupt or foreign entry
 * is ignored.
 */
import test from "ava";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BUILD_INPUTS, directoryDigest } from "../src/compiler/build-identity.js";
import { compile } from "../src/compiler/compile.js";
import { createNodeHost, type CompilerHost } from "../src/compiler/host.js";
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
  // An entry is a header line holding the body's hash, then the body: a metadata line, then the outputs.
  const entryText = readFileSync(path, "utf8");
  const header = entryText.slice(0, entryText.indexOf("\n"));
  const body = entryText.slice(header.length + 1);
  writeFileSync(path, `${header}\n${body.replace("export", "exports")}`);
  const afterTampering = await compile(options(dir));
  t.false(afterTampering.stats.cacheHit, "the integrity hash catches edited outputs");
  t.deepEqual(afterTampering.files, good.files);
  const fresh = readFileSync(path, "utf8");
  const freshBody = fresh.slice(fresh.indexOf("\n") + 1);
  const meta = JSON.parse(freshBody.slice(0, freshBody.indexOf("\n"))) as { version: string };
  meta.version = "0.0.0-other";
  const otherBody = `${JSON.stringify(meta)}${freshBody.slice(freshBody.indexOf("\n"))}`;
  writeFileSync(path, `midl-ts-cache 2 ${createHash("sha256").update(otherBody).digest("hex")}\n${otherBody}`);
  t.false((await compile(options(dir))).stats.cacheHit, "another version's entry, however intact, is not used");
  t.true((await compile(options(dir))).stats.cacheHit);
});

test("runs with errors are not cached", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "main.idl"), "typedef Missing X;\n");
  t.is((await compile(options(dir))).diagnostics[0]?.code, "MIDL2011");
  t.false((await compile(options(dir))).stats.cacheHit);
});

test("files older than two seconds whose size and time are unchanged are not read again; a same-size edit is still seen", async (t) => {
  const dir = project();
  const age = (file: string, secondsAgo: number) => utimesSync(join(dir, file), new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));
  for (const f of ["base.idl", "defs.h", "main.idl"]) age(f, 60);
  const reads: string[] = [];
  const node = createNodeHost();
  const counting: CompilerHost = { ...node, readFile: (p) => (reads.push(p), node.readFile(p)) };
  await compile(options(dir), counting);
  reads.length = 0;
  t.true((await compile(options(dir), counting)).stats.cacheHit);
  t.deepEqual(reads.filter((p) => /(base\.idl|defs\.h)$/.test(p)), [], "unchanged dependencies are only stat'ed");
  writeFileSync(join(dir, "base.idl"), "typedef char Base;\n"); // same size
  age("base.idl", 30);
  const edited = await compile(options(dir), counting);
  t.false(edited.stats.cacheHit, "a new modification time leads to reading and hashing: the content changed");
  age("defs.h", 20); // touched, not changed
  t.true((await compile(options(dir), counting)).stats.cacheHit, "touched but unchanged: the hash still matches");
});

test("the compiler's identity covers its compiled code, grammar, templates and built-in IDL, and changes with any file there", (t) => {
  const root = resolve("dist");
  t.true(BUILD_INPUTS.includes(join(root, "src")) && BUILD_INPUTS.includes(join(root, "grammar")));
  t.true(BUILD_INPUTS.some((d) => d.endsWith("templates")) && BUILD_INPUTS.some((d) => d.endsWith(join("src", "include"))));
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-identity-"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "a.js"), "1");
  const before = directoryDigest([dir]);
  t.is(directoryDigest([dir]), before);
  writeFileSync(join(dir, "sub", "a.js"), "22");
  t.not(directoryDigest([dir]), before);
});
