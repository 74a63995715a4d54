import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, regressions, scalingFactor, TARGETS } from "../src/bench/ratios.js";
import { syntheticIdl } from "../src/bench/synthetic.js";
import { compile } from "../src/compiler/compile.js";

test("ratios: a target holds at or under its limit; missing numbers are not failures", (t) => {
  const v = evaluate({ coldMs: 100, widlMs: 100, interfaceNs: 2, directNs: 1 }, TARGETS);
  t.true(v.find((r) => r.name === "cold/widl")!.ok);
  t.false(v.find((r) => r.name === "interface/direct")!.ok);
  t.is(v.find((r) => r.name === "warm/widl")!.value, null);
  t.true(v.find((r) => r.name === "warm/widl")!.ok);
});

test("regressions: only beyond the margin over max(target, baseline)", (t) => {
  const results = { invokeDispidNs: 30, directNs: 1, coldMs: 90, widlMs: 10 };
  // invoke: 30 > 2 × max(10, 12) = 24 → regressed; cold: 9 ≤ 2 × max(1, 5) = 10 → fine.
  const failed = regressions(results, TARGETS, { "invokeDispid/direct": 12, "cold/widl": 5 }, 2);
  t.deepEqual(failed.map((f) => f.name), ["invokeDispid/direct"]);
});

test("scaling factor: linear growth is 10, quadratic is 100", (t) => {
  t.is(Math.round(scalingFactor([{ declarations: 1000, ms: 10 }, { declarations: 10000, ms: 100 }])!), 10);
  t.is(Math.round(scalingFactor([{ declarations: 1000, ms: 1 }, { declarations: 10000, ms: 10 }, { declarations: 100000, ms: 1000 }])!), 100);
  t.is(scalingFactor([{ declarations: 1, ms: 1 }]), null);
});

test("synthetic IDL of n declarations compiles without errors", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-syn-"));
  const file = join(dir, "syn.idl");
  writeFileSync(file, syntheticIdl(40));
  const include = fileURLToPath(new URL("../../src/include/", import.meta.url));
  const r = await compile({ inputs: [file], includeDirs: [include], outDir: dir, format: false, verify: true });
  t.deepEqual(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
  t.is(r.files.length, 1);
});
