/**
 * Fuzzing the compiler: mutations of valid inputs (the fixtures, idl/, and Wine corpus files when the
 * corpus is present) must give diagnostics or output — never an exception, never a hang, never a
 * written file on error. Seeded and reproducible: FUZZ_SEED and FUZZ_RUNS set them
 * (`npm run fuzz` runs 100,000 cases); a failing input is saved under test/fuzz/regressions/ and
 * replayed by every later run.
 */
import test from "ava";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import fc from "fast-check";
import { compile } from "../../src/compiler/compile.js";
import { createNodeHost, type CompilerHost } from "../../src/compiler/host.js";
import { mutated } from "./mutate.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 10_000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261120);
/** Per-case time budget: far above what a case takes (milliseconds), far below a hang. */
const BUDGET_MS = 5_000;
const REGRESSIONS = "test/fuzz/regressions";

function seeds(): { name: string; text: string }[] {
  const files = [
    ...readdirSync("test/fixtures/valid").filter((f) => f.endsWith(".idl")).map((f) => join("test/fixtures/valid", f)),
    ...readdirSync("test/fixtures/invalid").filter((f) => f.endsWith(".idl") && !f.startsWith("pp-macro-bomb")).map((f) => join("test/fixtures/invalid", f)),
    "idl/msgrpriv.idl",
  ];
  const corpus = join(process.env["MIDL_TS_CORPUS_DIR"] ?? join(process.env["HOME"] ?? "", ".cache/midl-ts/wine-8.0"), "root/usr/include/wine/wine/windows");
  if (existsSync(corpus)) {
    // A fixed sample of small and mid-size real files (big ones make each case slow, not more interesting).
    for (const f of readdirSync(corpus).filter((x) => x.endsWith(".idl")).sort()) {
      const text = readFileSync(join(corpus, f), "utf8");
      if (text.length < 12_000 && files.length < 60) files.push(join(corpus, f));
    }
  }
  return files.map((f) => ({ name: basename(f), text: readFileSync(f, "utf8") }));
}

/** An in-memory host: the mutated file, plus the real built-in base IDL; it records writes (there must be none). */
function hostFor(text: string): CompilerHost {
  const real = createNodeHost();
  return { readFile: (p) => (p.endsWith("/fuzz-input.idl") ? text : real.readFile(p)) };
}

/** Compiles one input; throws (failing the property) on any broken guarantee. */
async function check(text: string): Promise<void> {
  const start = performance.now();
  const r = await compile({ inputs: ["/fuzz/fuzz-input.idl"], outDir: "/fuzz/out", cwd: "/fuzz", format: false, verify: false }, hostFor(text));
  const ms = performance.now() - start;
  if (ms > BUDGET_MS) throw new Error(`took ${Math.round(ms)} ms`);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 && r.files.length > 0) throw new Error("outputs produced despite errors");
  for (const d of r.diagnostics) {
    if (!/^(MIDL|MTS)\d{4}$/.test(d.code)) throw new Error(`bad code ${d.code}`);
    if (/\n\s+at .+:\d+:\d+/.test(d.message)) throw new Error(`stack trace in a message: ${d.message}`);
  }
}

function saveRegression(text: string): string {
  const path = join(REGRESSIONS, `${createHash("sha256").update(text).digest("hex").slice(0, 16)}.idl`);
  writeFileSync(path, text);
  return path;
}

test(`fuzz: ${RUNS} mutated inputs give diagnostics or output, never an exception, a hang or a write on error (seed ${SEED})`, async (t) => {
  t.timeout(30 * 60_000);
  const inputs = seeds();
  t.true(inputs.length >= 20, "enough seed files");
  const arb = fc.constantFrom(...inputs).chain((s) => mutated(s.text));
  let cases = 0;
  try {
    await fc.assert(fc.asyncProperty(arb, async (text) => {
      cases++;
      await check(text);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: false });
  } catch (e) {
    const counterexample = /Counterexample: \[(".*")\]/s.exec((e as Error).message)?.[1];
    const saved = counterexample ? saveRegression(JSON.parse(counterexample) as string) : "(not saved)";
    const message = (e as Error).message;
    // fast-check keeps the property's own error as the cause.
    const inner = (e as Error).cause;
    const cause = inner instanceof Error ? (inner.stack ?? inner.message) : String(inner ?? "");
    t.fail(`${message.split("\n").slice(0, 4).join("\n")}\nfailure: ${cause.slice(0, 500)}\nsaved as ${saved}`);
    return;
  }
  t.log(`${cases} cases from ${inputs.length} seed files`);
  t.true(cases >= RUNS);
});

test("fuzz regressions: every saved failing input now passes", async (t) => {
  const files = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith(".idl")) : [];
  for (const f of files) await t.notThrowsAsync(check(readFileSync(join(REGRESSIONS, f), "utf8")), f);
  t.pass(`${files.length} regression inputs`);
});
