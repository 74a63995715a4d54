/**
 * The bundle `npm run build` makes (`dist/bundle/`, see bundle-build.ts) is what users run: the
 * `codegen` command and the package's main export. It must behave exactly as the modules the other
 * tests run: same files, same diagnostics, same exit codes.
 */
import test from "ava";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readLookaheadTable } from "../grammar/lookahead.js";
import { grammarSource, type GrammarSource } from "../grammar/parser.js";
import { compile } from "../src/compiler/compile.js";
import { MODULE_CLI, runCli } from "./helpers/cli.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string>; exports: Record<string, { default: string }> };
const BUNDLED_CLI = resolve(pkg.bin["codegen"]!);

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-bundle-"));
  mkdirSync(join(dir, "idl"));
  cpSync("idl/msgrpriv.idl", join(dir, "idl", "msgrpriv.idl"));
  writeFileSync(join(dir, "bad.idl"), "interface IBad : IUnknown {\n  HRESULT f(;\n}\n");
  return dir;
}

/** Every file under `dir`, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name), "utf8");
  }
  return out;
}

test("codegen is the bundle", (t) => {
  t.regex(pkg.bin["codegen"]!, /^dist\/bundle\//);
  t.regex(pkg.exports["."]!.default, /^\.\/dist\/bundle\//);
});

test("the bundled codegen writes what the modules write, type-checked, formatted and as IR", (t) => {
  const dir = project();
  const args = (out: string) => ["idl/msgrpriv.idl", "-o", out, "--emit", "ts,ir"];
  const bundled = runCli(args("a"), dir, BUNDLED_CLI);
  t.is(bundled.code, 0, bundled.stderr);
  t.is(runCli(args("b"), dir, MODULE_CLI).code, 0);
  t.deepEqual(tree(join(dir, "a")), tree(join(dir, "b")));
  t.deepEqual(Object.keys(tree(join(dir, "a"))).sort(), ["msgrpriv.ir.json", "msgrpriv.ts"]);
  // Answered from its cache the second time, with the same files.
  const again = runCli(args("a"), dir, BUNDLED_CLI);
  t.is(again.code, 0, again.stderr);
  t.deepEqual(tree(join(dir, "a")), tree(join(dir, "b")));
});

test("the bundled parser takes its grammar from the table, as the modules' does (no recording on start)", async (t) => {
  const bundle = createRequire(import.meta.url)(resolve("dist/bundle/codegen.cjs")) as { grammarSource(): Promise<GrammarSource> };
  const bundled = await bundle.grammarSource();
  t.true(bundled.fromTable, "npm run build did not add the bundle's fingerprint to the table");
  // esbuild's text of the parser class is not tsc's: the table lists both.
  t.not(bundled.fingerprint, grammarSource().fingerprint);
  t.deepEqual(readLookaheadTable()!.sources, [grammarSource().fingerprint, bundled.fingerprint]);
});

test("the bundled codegen keeps V8's code cache of itself in the project's cache, uses it, and survives a damaged one", (t) => {
  const dir = project();
  const codeCache = join(dir, "node_modules", ".cache", "midl-ts", "v8-code-cache.bin");
  const args = ["idl/msgrpriv.idl", "-o", "out", "--no-verify"];
  t.is(runCli(args, dir, BUNDLED_CLI).code, 0);
  const made = readFileSync(codeCache);
  // The next run takes it (a rejected one would be replaced by that run's).
  t.is(runCli(args, dir, BUNDLED_CLI).code, 0);
  t.deepEqual(readFileSync(codeCache), made);
  const expected = tree(join(dir, "out"));
  made.writeUInt8(made.readUInt8(made.length - 1000) ^ 0xff, made.length - 1000);
  writeFileSync(codeCache, made);
  rmSync(join(dir, "out"), { recursive: true });
  const damaged = runCli([...args, "--no-format"], dir, BUNDLED_CLI);
  t.is(damaged.code, 0, damaged.stderr);
  t.is(damaged.stderr, "");
  t.notDeepEqual(readFileSync(codeCache), made, "replaced");
  t.true(Object.keys(tree(join(dir, "out"))).length === Object.keys(expected).length);
  // --no-cache: nothing read or written.
  const other = project();
  t.is(runCli([...args, "--no-cache"], other, BUNDLED_CLI).code, 0);
  t.false(existsSync(join(other, "node_modules")));
});

test("the bundled codegen reports bad input as the modules do: located diagnostic, exit 1, nothing written", (t) => {
  const dir = project();
  const bundled = runCli(["bad.idl", "-o", "a", "--no-verify"], dir, BUNDLED_CLI);
  const modules = runCli(["bad.idl", "-o", "b", "--no-verify"], dir, MODULE_CLI);
  t.is(bundled.code, 1);
  t.regex(bundled.stderr, /^bad\.idl\(2,13\): error MIDL2025: /m);
  t.deepEqual({ ...bundled }, { ...modules });
  t.false(readdirSync(dir).includes("a"));
});

test("the package's main export (the bundle) compiles as the modules do", async (t) => {
  const dir = project();
  const api = (await import(resolve(pkg.exports["."]!.default))) as typeof import("../src/index.js");
  const options = { inputs: [join(dir, "idl", "msgrpriv.idl")], outDir: join(dir, "out"), cacheDir: false as const, verify: false };
  const bundled = await api.compile(options);
  const modules = await compile(options);
  t.deepEqual(
    bundled.files.map((f) => [f.path, f.contents]),
    modules.files.map((f) => [f.path, f.contents]),
  );
  t.true(bundled.files.length > 0);
});
