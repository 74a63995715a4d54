/**
 * Data-driven fixtures: every `test/fixtures/invalid/*.idl` compiles to exactly the diagnostics in its
 * `*.diagnostics.txt` baseline (full formatted text, code frames included). Set UPDATE_BASELINES=1 to
 * rewrite baselines, then review them in the diff like code.
 */
import test from "ava";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { diagnosticCodes, formatDiagnostic, hasErrors } from "../src/diagnostics/index.js";

const dir = "test/fixtures/invalid";
const update = process.env["UPDATE_BASELINES"] === "1";

/** Codes that concern the command line, the file system or user templates, tested elsewhere (cli, config, templates tests). */
const CLI_CODES = new Set(["MTS0001", "MIDL1001", "MTS0002", "MTS0003", "MTS4002"]);

const fixtures = readdirSync(dir).filter((f) => f.endsWith(".idl")).sort();

for (const name of fixtures) {
  test(`invalid fixture ${name}`, async (t) => {
    const path = join(dir, name);
    const optionsPath = path.replace(/\.idl$/, ".options.json");
    const extra = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, "utf8")) as object) : {};
    const result = await compile({ inputs: [path], outDir: "scratch/fixtures-out", format: false, verify: false, ...extra });
    if (hasErrors(result.diagnostics)) t.deepEqual(result.files, [], "a run with errors produces no output");
    else t.true(result.diagnostics.length > 0, "a fixture without errors must show a warning");
    const actual = result.diagnostics.map((d) => formatDiagnostic(d)).join("\n") + "\n";
    const baseline = path.replace(/\.idl$/, ".diagnostics.txt");
    if (update) writeFileSync(baseline, actual);
    t.is(actual, readFileSync(baseline, "utf8"));
  });
}

test("every diagnostic code has an invalid fixture (or a CLI test)", (t) => {
  const seen = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".diagnostics.txt"))) {
    for (const m of readFileSync(join(dir, f), "utf8").matchAll(/(?:^|: )(?:error|warning) ([A-Z]+\d+):/gm)) seen.add(m[1]!);
  }
  const missing = Object.keys(diagnosticCodes).filter((c) => !seen.has(c) && !CLI_CODES.has(c));
  t.deepEqual(missing, []);
});
