/**
 * Golden output: each `test/fixtures/valid/<name>.idl` compiles — formatted and type-checked, as
 * `codegen` runs by default — to exactly the files in `<name>.expected/`. UPDATE_BASELINES=1 rewrites
 * them; review the diff like code.
 */
import test from "ava";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { formatTypeScript } from "../src/emit/format.js";

const dir = "test/fixtures/valid";
const update = process.env["UPDATE_BASELINES"] === "1";
const roots = ["widgets.idl"];

for (const name of roots) {
  test(`valid fixture ${name} matches its golden output, type-checked`, async (t) => {
    const expectedDir = join(dir, name.replace(/\.idl$/, ".expected"));
    const result = await compile({ inputs: [join(dir, name)], outDir: expectedDir, emit: ["ts", "ir"] });
    t.deepEqual(result.diagnostics, [], "no diagnostics, MTS4001 (verification) included");
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      mkdirSync(expectedDir, { recursive: true });
      for (const f of result.files) writeFileSync(f.path, f.contents);
    }
    t.deepEqual(result.files.map((f) => basename(f.path)).sort(), readdirSync(expectedDir).sort());
    for (const f of result.files) t.is(f.contents, readFileSync(f.path, "utf8"), basename(f.path));
  });
}

test("generation is deterministic: two runs give the same bytes", async (t) => {
  const a = await compile({ inputs: [join(dir, "widgets.idl")], outDir: "x", verify: false });
  const b = await compile({ inputs: [join(dir, "widgets.idl")], outDir: "x", verify: false });
  t.deepEqual(a.files, b.files);
});

test("formatting formatted output changes nothing", async (t) => {
  const r = await compile({ inputs: ["idl/msgrpriv.idl"], outDir: "generated", verify: false });
  const out = r.files[0]!;
  t.is(await formatTypeScript(out.contents), out.contents);
  t.is(out.path, resolve("generated/msgrpriv.ts"));
  t.true(existsSync(out.path));
  t.is(out.contents, readFileSync(out.path, "utf8"), "the committed generated/ is current");
});
