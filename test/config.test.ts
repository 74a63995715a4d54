/**
 * Project configuration through the CLI: targets, package.json's "codegen" key, flags overriding the
 * configuration, and located errors for invalid configurations.
 */
import test from "ava";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli as run } from "./helpers/cli.js";

function project(config?: object, where: "codegen.config.json" | "package.json" = "codegen.config.json"): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-config-"));
  mkdirSync(join(dir, "idl"));
  mkdirSync(join(dir, "extra"));
  cpSync("idl/msgrpriv.idl", join(dir, "idl", "msgrpriv.idl"));
  writeFileSync(join(dir, "extra", "shapes.idl"), '#ifdef WIDE\ntypedef hyper Width;\n#else\ntypedef long Width;\n#endif\n');
  if (config) writeFileSync(join(dir, where), JSON.stringify(where === "package.json" ? { name: "x", codegen: config } : config, null, 2));
  return dir;
}

test("several targets, each with its inputs (globs), output directory, kinds and defines", (t) => {
  const dir = project({
    $schema: "./node_modules/midl-ts/src/config/codegen.config.schema.json",
    targets: [
      { name: "messenger", inputs: ["idl/**/*.idl"], outDir: "out/messenger", verify: false },
      { name: "shapes", inputs: ["extra/*.idl"], outDir: "out/shapes", emit: ["ts", "ir"], defines: { WIDE: "1" }, format: false, verify: false },
    ],
  });
  const r = run([], dir);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(readdirSync(join(dir, "out", "messenger")), ["msgrpriv.ts"]);
  t.deepEqual(readdirSync(join(dir, "out", "shapes")).sort(), ["shapes.ir.json", "shapes.ts"]);
  t.regex(readFileSync(join(dir, "out", "shapes", "shapes.ts"), "utf8"), /export type Width = bigint;/, "the target's defines reach the preprocessor");
});

test('a "codegen" key in package.json is a configuration too', (t) => {
  const dir = project({ inputs: ["extra/shapes.idl"], outDir: "from-package", verify: false }, "package.json");
  t.is(run([], dir).code, 0);
  t.true(existsSync(join(dir, "from-package", "shapes.ts")));
});

test("command-line flags override the configuration; files replace the first target's inputs", (t) => {
  const dir = project({ inputs: ["idl/**/*.idl"], outDir: "configured", emit: ["ts"], verify: false });
  t.is(run(["-o", "flagged", "--emit", "ir"], dir).code, 0);
  t.false(existsSync(join(dir, "configured")));
  t.deepEqual(readdirSync(join(dir, "flagged")), ["msgrpriv.ir.json"]);
  t.is(run(["extra/shapes.idl", "-D", "WIDE"], dir).code, 0);
  t.deepEqual(readdirSync(join(dir, "configured")), ["shapes.ts"]);
  t.regex(readFileSync(join(dir, "configured", "shapes.ts"), "utf8"), /Width = bigint/);
});

test("an invalid configuration is a located error with the key path and what was expected; exit 2", (t) => {
  const dir = project({ targets: [{ inputs: ["idl/*.idl"], emit: ["ts", "java"] }] });
  const bad = run([], dir);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /^codegen\.config\.json\(\d+,\d+\): error MTS0003: \/targets\/0\/emit\/1: must be one of "ts", "ir"\n/);
  writeFileSync(join(dir, "codegen.config.json"), '{\n  "outDir": "x",\n  "emitt": ["ts"]\n}\n');
  t.is(run([], dir).stderr.split("\n")[0], "codegen.config.json(3,12): error MTS0003: /: unknown setting 'emitt'");
  writeFileSync(join(dir, "codegen.config.json"), '{\n  "outDir": "x",,\n}\n');
  const syntax = run([], dir);
  t.is(syntax.code, 2);
  t.regex(syntax.stderr, /^codegen\.config\.json\(2,17\): error MTS0003: invalid JSON: /);
  t.false(existsSync(join(dir, "x")), "nothing written");
});

test("--config names the file; a missing one is an error", (t) => {
  const dir = project();
  writeFileSync(join(dir, "alt.json"), JSON.stringify({ inputs: ["extra/*.idl"], outDir: "alt-out", verify: false }));
  t.is(run(["--config", "alt.json"], dir).code, 0);
  t.true(existsSync(join(dir, "alt-out", "shapes.ts")));
  const missing = run(["--config", "nope.json"], dir);
  t.is(missing.code, 2);
  t.is(missing.stderr, "error MTS0003: configuration file 'nope.json' not found\n");
});

test("a target whose globs match nothing is a usage error", (t) => {
  const dir = project({ inputs: ["nothing/*.idl"], verify: false });
  const r = run([], dir);
  t.is(r.code, 2);
  t.regex(r.stderr, /^error MTS0001: no input files: nothing\/\*\.idl matched nothing/);
});
