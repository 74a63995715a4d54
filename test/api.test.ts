/**
 * The programmatic API as a user imports it (`midl-ts`): generate in memory, write, check, and the
 * lower layers for tools that want the AST, the model or the IR.
 */
import test from "ava";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as api from "midl-ts";

const IDL = 'import "oaidl.idl";\n[object, uuid(11111111-2222-3333-4444-555555555501), dual] interface IThing : IDispatch { [propget] HRESULT Name([out, retval] BSTR* name); }\n';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-api-"));
  writeFileSync(join(dir, "thing.idl"), IDL);
  return dir;
}

test("generate in memory: files and diagnostics, nothing written", async (t) => {
  const dir = project();
  const r = await api.compile({ inputs: ["thing.idl"], outDir: "gen", cwd: dir, emit: ["ts", "ir"] });
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(r.files.map((f) => f.path), [join(dir, "gen", "thing.ts"), join(dir, "gen", "thing.ir.json")]);
  t.true(r.files[0]!.contents.startsWith(api.GENERATED_MARKER));
  t.throws(() => statSync(join(dir, "gen")));
});

test("a build session through the API: an edit recompiles one module, parsing one file", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "other.idl"), 'import "thing.idl";\ntypedef long Other;\n');
  const session = new api.BuildSession();
  const options = { inputs: ["thing.idl", "other.idl"], outDir: "gen", cwd: dir, verify: false, format: false, session };
  const first = await api.compile(options);
  t.deepEqual(first.diagnostics, []);
  writeFileSync(join(dir, "other.idl"), 'import "thing.idl";\ntypedef short Other;\n');
  const second = await api.compile(options);
  t.deepEqual(second.stats.incremental?.rebuilt, [join(dir, "other.idl")]);
  t.is(second.stats.parsedFiles, 1);
  t.deepEqual(second.files, (await api.compile({ ...options, session: new api.BuildSession() })).files);
});

test("write, then check: current, stale, missing and extra outputs", async (t) => {
  const dir = project();
  const outDir = join(dir, "gen");
  const r = await api.compile({ inputs: ["thing.idl"], outDir, cwd: dir, verify: false });
  t.deepEqual(api.writeOutputs(outDir, r.files), [join(outDir, "thing.ts")]);
  const mtime = statSync(join(outDir, "thing.ts")).mtimeMs;
  t.deepEqual(api.writeOutputs(outDir, r.files), [], "unchanged bytes are not written again");
  t.is(statSync(join(outDir, "thing.ts")).mtimeMs, mtime);
  t.deepEqual(api.checkOutputs(outDir, r.files), []);
  writeFileSync(join(outDir, "thing.ts"), "// edited by hand\n");
  writeFileSync(join(outDir, "gone.ts"), `${api.GENERATED_MARKER} 0.0.1 from gone.idl.\n`);
  const withIr = await api.compile({ inputs: ["thing.idl"], outDir, cwd: dir, verify: false, emit: ["ts", "ir"] });
  t.deepEqual(api.checkOutputs(outDir, withIr.files), [
    { path: join(outDir, "thing.ts"), reason: "stale" },
    { path: join(outDir, "thing.ir.json"), reason: "missing" },
    { path: join(outDir, "gone.ts"), reason: "extra" },
  ]);
});

test("the lower layers: preprocess and parse a file, load a program, resolve it to IR", (t) => {
  const dir = project();
  const parsed = api.parseFile(new api.SourceFile("thing.idl", IDL), { defines: new Map(), includeDirs: [], host: { readFile: () => undefined } });
  t.deepEqual(parsed.diagnostics, []);
  t.deepEqual(parsed.document.declarations.map((d) => d.kind), ["import", "interface"]);
  const loaded = api.loadProgram([join(dir, "thing.idl")], { includeDirs: [], defines: new Map(), host: api.createNodeHost(), cwd: dir });
  t.deepEqual(loaded.diagnostics, []);
  const model = api.resolve(loaded.files);
  t.deepEqual(model.diagnostics, []);
  const file = model.files.find((f) => f.source === "thing.idl")!;
  t.is(file.irVersion, api.IR_VERSION);
  const iface = [...api.allDeclarations(file.declarations)].find((d) => d.kind === "interface");
  t.true(iface?.kind === "interface" && iface.uuid === "11111111-2222-3333-4444-555555555501" && iface.methods[0]!.dispid === 0x60020000);
});

test("configuration and watch are part of the API", (t) => {
  const dir = project();
  writeFileSync(join(dir, "codegen.config.json"), JSON.stringify({ inputs: ["thing.idl"], outDir: "out" }));
  const config = api.loadConfig(dir);
  t.true(config.ok && config.config.targets[0]!.outDir === "out");
  t.is(typeof api.watch, "function");
  t.true(readFileSync(api.CONFIG_SCHEMA_PATH, "utf8").includes("codegen-config"));
});

test("onProgress reports each module as it is emitted", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "other.idl"), 'import "thing.idl";\ntypedef long Other;\n');
  const seen: string[] = [];
  await api.compile({ inputs: ["other.idl"], outDir: "gen", cwd: dir, verify: false, format: false, onProgress: (done, total, source) => seen.push(`${done}/${total} ${source}`) });
  t.deepEqual(seen, ["1/2 thing.idl", "2/2 other.idl"]);
});
