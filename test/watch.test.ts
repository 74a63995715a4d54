/**
 * Watch mode, through the API and the CLI: what a change affects is regenerated and nothing else,
 * bursts of saves make one rebuild, errors keep generated files and are recovered from.
 */
import test from "ava";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { watch, type WatchBuild } from "../src/compiler/watch.js";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-watch-"));
  mkdirSync(join(dir, "idl"));
  writeFileSync(join(dir, "idl", "base.idl"), "typedef long Base;\n");
  writeFileSync(join(dir, "idl", "a.idl"), 'import "base.idl";\ntypedef Base A;\n');
  writeFileSync(join(dir, "idl", "b.idl"), 'import "a.idl";\ntypedef A B;\n');
  writeFileSync(join(dir, "idl", "lone.idl"), '#include "lone.h"\ntypedef long Lone[N];\n');
  writeFileSync(join(dir, "idl", "lone.h"), "#define N 2\n");
  return dir;
}

/** Starts watching and returns a way to wait for the next build. */
async function start(dir: string) {
  const builds: WatchBuild[] = [];
  const waiters: ((b: WatchBuild) => void)[] = [];
  const w = watch({
    inputs: ["idl/a.idl", "idl/b.idl", "idl/base.idl", "idl/lone.idl"],
    outDir: "gen",
    cwd: dir,
    verify: false,
    format: false,
    debounceMs: 80,
    onBuild: (b) => {
      builds.push(b);
      waiters.shift()?.(b);
    },
  });
  await w.ready;
  const next = () => new Promise<WatchBuild>((done) => waiters.push(done));
  return { w, builds, next };
}

const names = (paths: readonly string[]) => paths.map((p) => basename(p)).sort();

test("a change regenerates the changed file's module and its importers, and nothing else", async (t) => {
  const dir = project();
  const { w, builds, next } = await start(dir);
  t.deepEqual(names(builds[0]!.regenerated), ["a.idl", "b.idl", "base.idl", "lone.idl"]);
  const loneMtime = statSync(join(dir, "gen", "lone.ts")).mtimeMs;
  const pending = next();
  writeFileSync(join(dir, "idl", "base.idl"), "typedef hyper Base;\n");
  const b = await pending;
  t.true(b.ok);
  t.deepEqual(names(b.regenerated), ["a.idl", "b.idl", "base.idl"], "base.idl and, transitively, its importers");
  t.deepEqual(names(b.written), ["base.ts"], "only outputs whose bytes changed are written");
  t.regex(readFileSync(join(dir, "gen", "base.ts"), "utf8"), /Base = bigint/);
  t.is(statSync(join(dir, "gen", "lone.ts")).mtimeMs, loneMtime);
  const viaInclude = next();
  writeFileSync(join(dir, "idl", "lone.h"), "#define N 3\n");
  t.deepEqual(names((await viaInclude).regenerated), ["lone.idl"], "a change to an #included file regenerates its includers");
  // Dropping the #include changes the graph: the whole project is compiled again (and only the
  // bytes that changed are written).
  const regraphed = next();
  writeFileSync(join(dir, "idl", "lone.idl"), "typedef short Lone;\n");
  const full = await regraphed;
  t.true(full.ok);
  t.deepEqual(names(full.regenerated), ["a.idl", "b.idl", "base.idl", "lone.idl"]);
  t.deepEqual(names(full.written), ["lone.ts"]);
  t.regex(readFileSync(join(dir, "gen", "lone.ts"), "utf8"), /Lone = number;/);
  await w.close();
});

test("a burst of saves makes one rebuild", async (t) => {
  const dir = project();
  const { w, builds, next } = await start(dir);
  const pending = next();
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, "idl", "base.idl"), `typedef long Base; // save ${i}\n`);
  await pending;
  await new Promise((r) => setTimeout(r, 300));
  t.is(builds.length, 2, "the initial build and one rebuild");
  await w.close();
});

test("errors keep the generated files, and the save that fixes them recovers everything changed meanwhile", async (t) => {
  const dir = project();
  const { w, next } = await start(dir);
  const before = readFileSync(join(dir, "gen", "a.ts"), "utf8");
  let pending = next();
  writeFileSync(join(dir, "idl", "a.idl"), 'import "base.idl";\ntypedef Missing A;\n');
  const broken = await pending;
  t.false(broken.ok);
  t.is(broken.diagnostics[0]?.code, "MIDL2011");
  t.is(readFileSync(join(dir, "gen", "a.ts"), "utf8"), before);
  pending = next();
  writeFileSync(join(dir, "idl", "lone.idl"), '#include "lone.h"\ntypedef hyper Lone[N];\n');
  t.false((await pending).ok, "still broken");
  pending = next();
  writeFileSync(join(dir, "idl", "a.idl"), 'import "base.idl";\ntypedef short A;\n');
  const fixed = await pending;
  t.true(fixed.ok);
  t.deepEqual(names(fixed.regenerated), ["a.idl", "b.idl", "lone.idl"], "lone.idl changed while broken: regenerated now too");
  t.regex(readFileSync(join(dir, "gen", "lone.ts"), "utf8"), /Lone = bigint\[\];/);
  await w.close();
});

test("codegen --watch prints one line per rebuild and exits cleanly on Ctrl-C", async (t) => {
  const dir = project();
  const child = spawn(process.execPath, [resolve("dist/src/cli/main.js"), "--watch", "--no-verify", "--no-format"], { cwd: dir });
  // A failed or timed-out test must not leave a watcher running forever.
  t.teardown(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  let err = "";
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    const all = err.split("\n").filter((l) => /^\[\d\d:\d\d:\d\d\]/.test(l));
    while (lines.length < all.length) {
      lines.push(all[lines.length]!);
      waiters.shift()?.();
    }
  });
  const nextLine = () => new Promise<void>((done) => waiters.push(done));
  await nextLine();
  t.regex(lines[0]!, /^\[\d\d:\d\d:\d\d\] built 4 modules \(.*\); 4 files written in \d+ ms; watching$/);
  const rebuilt = nextLine();
  writeFileSync(join(dir, "idl", "lone.idl"), '#include "lone.h"\ntypedef hyper Lone[N];\n');
  await rebuilt;
  t.regex(lines[1]!, /^\[\d\d:\d\d:\d\d\] rebuilt 1 module \(idl\/lone\.idl\); 1 file written in \d+ ms; watching$/);
  const exit = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  child.kill("SIGINT");
  t.is(await exit, 0);
  t.regex(err, /watch stopped\n$/);
});
