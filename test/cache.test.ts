/**
 * The incremental cache through the API: a run with nothing changed does no parsing, formatting or
 * verification; any change to an input, an import or an #include is seen; a corrupt or foreign entry
 * is ignored.
 */
import test from "ava";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BUILD_INPUTS, directoryDigest } from "../src/compiler/build-identity.js";
import { compile } from "../src/compiler/compile.js";
import { DamagedCacheError } from "../src/compiler/output-bytes.js";
import { checkOutputs, writeOutputs } from "../src/compiler/write.js";
import { createNodeHost, type CompilerHost } from "../src/compiler/host.js";
import { formatDiagnostic } from "../src/diagnostics/index.js";
import { runCli } from "./helpers/cli.js";

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
  const entry = readdirSync(join(dir, "cache")).find((n) => n.endsWith(".json"))!;
  const path = join(dir, "cache", entry);
  const blobs = join(dir, "cache", entry.replace(/\.json$/, ".out"));
  const text = readFileSync(path, "utf8");
  writeFileSync(path, text.slice(0, text.length / 2));
  const afterTruncation = await compile(options(dir));
  t.false(afterTruncation.stats.cacheHit);
  t.deepEqual(afterTruncation.files, good.files);
  // Each output's text is a file named by its hash: an edited one is caught by it when used —
  // decoded, written, or compared with a file that differs — and removed.
  const blob = readdirSync(blobs).find((n) => readFileSync(join(blobs, n), "utf8").includes("export"))!;
  writeFileSync(join(blobs, blob), readFileSync(join(blobs, blob), "utf8").replace("export", "exports"));
  const tampered = await compile(options(dir));
  t.true(tampered.stats.cacheHit);
  const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");
  const damaged = tampered.files.find((f) => hashOf(good.files.find((g) => g.path === f.path)!.contents) === blob)!;
  t.throws(() => damaged.contents, { instanceOf: DamagedCacheError });
  t.false(existsSync(join(blobs, blob)), "removed when found damaged");
  const afterTampering = await compile(options(dir));
  t.false(afterTampering.stats.cacheHit, "an entry whose output was found damaged is not used again");
  t.deepEqual(afterTampering.files, good.files);
  t.true((await compile(options(dir))).stats.cacheHit, "the text was stored again");
  rmSync(join(blobs, blob));
  const afterRemoval = await compile(options(dir));
  t.false(afterRemoval.stats.cacheHit, "an entry whose output is gone is not used");
  t.deepEqual(afterRemoval.files, good.files);
  // An entry is a header line holding the metadata's hash, then the metadata.
  const fresh = readFileSync(path, "utf8");
  const meta = JSON.parse(fresh.slice(fresh.indexOf("\n") + 1)) as { version: string; format: number };
  meta.version = "0.0.0-other";
  const otherBody = JSON.stringify(meta);
  writeFileSync(path, `midl-ts-cache ${meta.format} ${createHash("sha256").update(otherBody).digest("hex")}\n${otherBody}`);
  t.false((await compile(options(dir))).stats.cacheHit, "another version's entry, however intact, is not used");
  t.true((await compile(options(dir))).stats.cacheHit);
});

test("an output the cache answered with is checked when used: never written or reported as drift when damaged, and codegen compiles again", async (t) => {
  const dir = project();
  const good = await compile(options(dir));
  const out = join(dir, "out");
  writeOutputs(out, good.files);
  const entry = readdirSync(join(dir, "cache")).find((n) => n.endsWith(".json"))!;
  const blobs = join(dir, "cache", entry.replace(/\.json$/, ".out"));
  const tamper = () => {
    const blob = readdirSync(blobs).find((n) => readFileSync(join(blobs, n), "utf8").includes("export"))!;
    writeFileSync(join(blobs, blob), readFileSync(join(blobs, blob), "utf8").replace("export", "exports"));
    return join(blobs, blob);
  };
  // A file on disk that differs from a damaged copy gets it checked: it throws, nothing is written.
  const onDisk = new Map(good.files.map((f) => [f.path, readFileSync(f.path, "utf8")]));
  const blob = tamper();
  const forWrite = (await compile(options(dir))).files;
  t.throws(() => writeOutputs(out, forWrite), { instanceOf: DamagedCacheError });
  t.deepEqual(new Map(good.files.map((f) => [f.path, readFileSync(f.path, "utf8")])), onDisk, "nothing damaged was written");
  t.false(existsSync(blob), "removed when found damaged");
  t.false((await compile(options(dir))).stats.cacheHit, "and the entry is not used again");
  tamper();
  const forCheck = (await compile(options(dir))).files;
  t.throws(() => checkOutputs(out, forCheck), { instanceOf: DamagedCacheError });
  // The command line: a damaged copy found when writing makes the run compile again.
  const first = runCli(["main.idl", "-o", "gen", "--no-verify", "--no-format"], dir);
  t.is(first.code, 0, first.stderr);
  const written = readFileSync(join(dir, "gen", "main.ts"), "utf8");
  const cliBlobs = join(dir, "node_modules", ".cache", "midl-ts", readdirSync(join(dir, "node_modules", ".cache", "midl-ts")).find((n) => n.endsWith(".out"))!);
  const cliBlob = readdirSync(cliBlobs).find((n) => readFileSync(join(cliBlobs, n), "utf8").includes("export"))!;
  writeFileSync(join(cliBlobs, cliBlob), readFileSync(join(cliBlobs, cliBlob), "utf8").replace("export", "exports"));
  rmSync(join(dir, "gen"), { recursive: true });
  const again = runCli(["main.idl", "-o", "gen", "--no-verify", "--no-format"], dir);
  t.deepEqual({ ...again }, { ...first });
  t.is(readFileSync(join(dir, "gen", "main.ts"), "utf8"), written);
});

test("an incremental rebuild stores only the outputs that changed, and drops the texts no entry uses", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "other.idl"), 'import "base.idl";\ntypedef long Other;\n');
  const opts = { ...options(dir), inputs: ["main.idl", "other.idl"] };
  await compile(opts);
  const entry = readdirSync(join(dir, "cache")).find((n) => n.endsWith(".json"))!;
  const blobs = join(dir, "cache", entry.replace(/\.json$/, ".out"));
  const before = new Map(readdirSync(blobs).map((n) => [n, statSync(join(blobs, n)).mtimeMs]));
  t.is(before.size, 6, "main, base and other, as .ts and .ir.json");
  writeFileSync(join(dir, "other.idl"), 'import "base.idl";\ntypedef hyper Other;\n');
  const r = await compile(opts);
  t.deepEqual(r.stats.incremental?.rebuilt, [join(dir, "other.idl")]);
  const after = readdirSync(blobs);
  t.is(after.length, 6, "other's two old texts removed, its two new ones added");
  const kept = after.filter((n) => before.has(n));
  t.is(kept.length, 4);
  for (const n of kept) t.is(statSync(join(blobs, n)).mtimeMs, before.get(n)!, "texts already stored are not written again");
  t.true((await compile(opts)).stats.cacheHit);
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
