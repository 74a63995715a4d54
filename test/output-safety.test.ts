/**
 * Output safety: a compiler killed at any moment leaves every output wholly old or wholly new; a
 * symlink in the output directory is replaced, never written through; two runs at once on one output
 * directory leave it consistent; input files are never modified.
 */
import test from "ava";
import { spawn, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CLI = resolve("dist/src/cli/main.js");

/** A synthetic project large enough that a run takes a while: many files, many interfaces. */
function bigProject(files = 40, interfaces = 30): string {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-safety-"));
  mkdirSync(join(dir, "idl"));
  for (let f = 0; f < files; f++) {
    let text = 'import "oaidl.idl";\n';
    for (let i = 0; i < interfaces; i++) {
      const uuid = `${f.toString(16).padStart(8, "0")}-${i.toString(16).padStart(4, "0")}-4000-8000-000000000000`;
      text += `[object, uuid(${uuid}), dual] interface IF${f}_${i} : IDispatch {\n`;
      for (let m = 0; m < 8; m++) text += `  [id(${m + 1})] HRESULT M${m}([in] long a, [in] BSTR b, [out, retval] VARIANT* r);\n`;
      text += "}\n";
    }
    writeFileSync(join(dir, "idl", `f${f}.idl`), text);
  }
  return dir;
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}

const FREEZE_HOOK = resolve("dist/test/helpers/freeze-on-write.js");

/**
 * Runs the compiler (formatted output into `gen`) with the freeze hook, waits until it freezes at
 * `at` (see test/helpers/freeze-on-write.ts) and kills it with SIGKILL.
 */
async function killFrozen(dir: string, at: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", FREEZE_HOOK, CLI, "--no-verify", "--no-cache", "-o", "gen"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, FREEZE_DIR: join(dir, "gen"), FREEZE_AT: at },
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
  let err = "";
  await new Promise<void>((frozen, failed) => {
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("frozen\n")) frozen();
    });
    child.on("exit", () => failed(new Error(`the compiler finished without reaching ${at}: ${err}`)));
  });
  child.kill("SIGKILL");
  if ((await exited) !== "SIGKILL") throw new Error("the compiler was not killed");
}

test("SIGKILL during the write phase leaves every output file wholly old or wholly new", async (t) => {
  t.timeout(120_000);
  const dir = bigProject(12, 10);
  // "old" outputs: unformatted; "new": formatted. Every file differs between the two.
  t.is(spawnSync(process.execPath, [CLI, "--no-format", "--no-verify", "--no-cache", "-o", "old"], { cwd: dir }).status, 0);
  t.is(spawnSync(process.execPath, [CLI, "--no-verify", "--no-cache", "-o", "new"], { cwd: dir }).status, 0);
  const oldFiles = snapshot(join(dir, "old"));
  const newFiles = snapshot(join(dir, "new"));
  t.is(oldFiles.size, 12);
  for (const [name, text] of oldFiles) t.not(text, newFiles.get(name), name);
  // Frozen and killed: halfway through writing the first file, after the first rename, halfway
  // through the renames, after the last one.
  const cases = [["write:1", 0], ["write:7", 6], ["rename:1", 1], ["rename:6", 6], ["rename:12", 12]] as const;
  for (const [at, expectNew] of cases) {
    spawnSync("rm", ["-rf", join(dir, "gen")]);
    t.is(spawnSync(process.execPath, [CLI, "--no-format", "--no-verify", "--no-cache", "-o", "gen"], { cwd: dir }).status, 0);
    await killFrozen(dir, at);
    const now = snapshot(join(dir, "gen"));
    let news = 0;
    let olds = 0;
    for (const [name, text] of now) {
      if (/^\.\d+\.\w*\.tmp$/.test(name)) continue; // the killed run's temporary file, not an output
      if (text === oldFiles.get(name)) olds++;
      else if (text === newFiles.get(name)) news++;
      else t.fail(`${name} is neither the old nor the new output (killed at ${at})`);
    }
    t.is(olds + news, oldFiles.size, `every output is there, whole (killed at ${at})`);
    t.is(news, expectNew, `killed at ${at}`);
  }
  // The next run finishes the job and removes what the killed one left behind.
  t.is(spawnSync(process.execPath, [CLI, "--no-verify", "--no-cache", "-o", "gen"], { cwd: dir }).status, 0);
  t.deepEqual(snapshot(join(dir, "gen")), newFiles, "all new, and no temporary files left");
});

test("a symlink in the output directory is replaced, never written through", (t) => {
  const dir = bigProject(1, 1);
  const outside = mkdtempSync(join(tmpdir(), "midl-ts-outside-"));
  writeFileSync(join(outside, "f0.ts"), "precious\n");
  mkdirSync(join(dir, "gen"));
  symlinkSync(join(outside, "f0.ts"), join(dir, "gen", "f0.ts"));
  t.is(spawnSync(process.execPath, [CLI, "--no-verify", "-o", "gen"], { cwd: dir }).status, 0);
  t.is(readFileSync(join(outside, "f0.ts"), "utf8"), "precious\n", "the file outside is untouched");
  t.false(lstatSync(join(dir, "gen", "f0.ts")).isSymbolicLink());
  t.regex(readFileSync(join(dir, "gen", "f0.ts"), "utf8"), /^\/\/ @generated by midl-ts/);
});

test("two runs at once on one output directory leave whole, correct files; inputs are never modified", async (t) => {
  t.timeout(120_000);
  const dir = bigProject(12, 10);
  const inputs = snapshot(join(dir, "idl"));
  const run = () => new Promise<number | null>((done) => spawn(process.execPath, [CLI, "--no-verify", "--no-cache", "-o", "gen"], { cwd: dir, stdio: "ignore" }).on("exit", done));
  t.deepEqual(await Promise.all([run(), run()]), [0, 0]);
  t.is(spawnSync(process.execPath, [CLI, "--no-verify", "--no-cache", "-o", "gen", "--check"], { cwd: dir }).status, 0, "the result is exactly one run's output");
  t.deepEqual([...snapshot(join(dir, "gen")).keys()].filter((n) => n.endsWith(".tmp")), [], "no temporary files left");
  t.deepEqual(snapshot(join(dir, "idl")), inputs);
});

test("inputs with hostile names and imports through '..' write only inside the output directory", (t) => {
  const root = mkdtempSync(join(tmpdir(), "midl-ts-names-"));
  mkdirSync(join(root, "proj", "sub"), { recursive: true });
  mkdirSync(join(root, "up"));
  writeFileSync(join(root, "up", "x.idl"), "typedef long XL;\n");
  writeFileSync(join(root, "proj", "sub", "...idl"), 'import "../../up/x.idl";\nconst XL A = 1;\n');
  writeFileSync(join(root, "proj", "..idl"), "const long C = 3;\n");
  writeFileSync(join(root, "proj", "a\\b.idl"), "const long D = 4;\n");
  const before = new Set(listFiles(root));
  const r = spawnSync(process.execPath, [CLI, "--no-verify", "--no-cache", "-o", "out", "sub/...idl", "..idl", "a\\b.idl"], { cwd: join(root, "proj"), encoding: "utf8" });
  t.is(r.status, 0, r.stderr);
  const written = listFiles(root).filter((f) => !before.has(f));
  t.deepEqual(written.sort(), ["proj/out/...ts", "proj/out/..ts", "proj/out/a\\b.ts", "proj/out/x.ts"]);
});

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}
