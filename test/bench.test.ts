import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childrenCpuMs, childTicks, recordGcPauses } from "../src/bench/cpu.js";
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

test("children's CPU: read after the command name, which may hold spaces and parentheses", (t) => {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  const stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 200 0 0 7 8 123 45 20 0 1 0 55 1000 10";
  t.is(childTicks(stat), 168);
  t.throws(() => childTicks("4242 (x) S 1"), { message: /unexpected/ });
});

test("children's CPU: a child that burns 300 ms of CPU is counted once it has exited", (t) => {
  const before = childrenCpuMs();
  if (before === undefined) {
    t.pass("no /proc on this system: widlCpuMs is reported as null");
    return;
  }
  const burn = "const s = process.cpuUsage(); while (process.cpuUsage(s).user < 300000);";
  t.is(spawnSync(process.execPath, ["-e", burn]).status, 0);
  const after = childrenCpuMs()!;
  // Ticks are 10 ms; Node's start-up adds to it.
  t.true(after - before >= 290, `${after - before} ms`);
});

test("collection pauses: garbage made on the main thread shows as scavenges", async (t) => {
  const stop = recordGcPauses();
  let keep: object[] = [];
  for (let i = 0; i < 3_000_000; i++) {
    keep.push({ i });
    if (keep.length > 1000) keep = [];
  }
  const gc = await stop();
  t.true(gc.count > 0);
  t.true(gc.minorMs > 0 && gc.minorMs <= gc.ms, JSON.stringify(gc));
});
