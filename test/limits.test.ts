/**
 * Deep and huge input of every shape ends in one located diagnostic, never a stack overflow, a
 * hang or a written file. Each input is 10,000 levels deep (or 200,000 terms long), far past every
 * limit, and compiled in memory.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { createNodeHost, type CompilerHost } from "../src/compiler/host.js";

const N = 10_000;

/** An in-memory host serving `text` as the one input, and the real built-in IDL. */
function hostFor(text: string): CompilerHost {
  const real = createNodeHost();
  return { readFile: (p) => (p.endsWith("/deep.idl") ? text : real.readFile(p)) };
}

const cases: { name: string; text: string; code: string; message: RegExp }[] = [
  { name: "10,000 nested parentheses", text: `const long X = ${"(".repeat(N)}1${")".repeat(N)};`, code: "MTS2002", message: /^brackets nested more than 128 levels deep$/ },
  { name: "10,000 nested parentheses in #if", text: `#if ${"(".repeat(N)}1${")".repeat(N)}\n#endif\n`, code: "MTS1006", message: /^expression nested more than 256 levels deep$/ },
  { name: "10,000 nested attribute brackets", text: `${"[".repeat(N)}uuid(1)${"]".repeat(N)} interface I {}`, code: "MTS2002", message: /^brackets nested/ },
  { name: "10,000 nested structs", text: `${"struct S { ".repeat(N)}long x;${" };".repeat(N)}`, code: "MTS2002", message: /^brackets nested/ },
  { name: "10,000 nested declarators", text: `typedef long ${"(*".repeat(N)}p${")".repeat(N)};`, code: "MTS2002", message: /^more than 128 (levels of pointers|unary operators)|^brackets nested/ },
  { name: "10,000 pointer levels", text: `typedef long ${"*".repeat(N)}p;`, code: "MTS2002", message: /^more than 128 levels of pointers$/ },
  { name: "10,000 unary operators", text: `const long X = ${"-~".repeat(N / 2)}1;`, code: "MTS2002", message: /^more than 128 unary operators in a row$/ },
  { name: "10,000 casts", text: `typedef long L;\nconst long X = ${"(L)".repeat(N)}1;`, code: "MTS2002", message: /^expressions nested more than 200 levels deep$/ },
  { name: "10,000 alternating negations and parentheses", text: `const long X = ${"-(".repeat(N / 100)}1${")".repeat(N / 100)};`, code: "MTS2002", message: /^expressions nested more than 200 levels deep$/ },
  { name: "10,000 nested conditionals", text: `const long X = ${"1 ? 2 : ".repeat(N)}3;`, code: "MTS2002", message: /^expressions nested more than 200 levels deep$/ },
  { name: "200,000 terms", text: `const long X = ${"1 + ".repeat(200_000)}1;`, code: "MTS2002", message: /^expression nested more than 1000 levels deep$/ },
  { name: "10,000 nested macro arguments", text: `#define F(x) x\nconst long X = ${"F(".repeat(N)}1${")".repeat(N)};`, code: "MTS1010", message: /^expansion of .F. nests macro calls in arguments more than 200 deep$/ },
];

for (const c of cases) {
  test(`${c.name}: ${c.code}, located, nothing written`, async (t) => {
    const r = await compile({ inputs: ["/deep/deep.idl"], outDir: "/deep/out", cwd: "/deep", format: false, verify: false }, hostFor(c.text));
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => d.code), [c.code], errors.map((d) => d.message).join("; "));
    t.regex(errors[0]!.message, c.message);
    t.truthy(errors[0]!.range, "the error has a location");
    t.deepEqual(r.files, [], "nothing to write");
  });
}

test("5,000 broken statements: 20 syntax errors (one per statement), never a nesting error for brackets left open", async (t) => {
  let text = "";
  for (let i = 0; i < 5000; i++) text += `const long X${i} = ;\ninterface I${i} { HRESULT f(; };\n`;
  const r = await compile({ inputs: ["/deep/deep.idl"], outDir: "/deep/out", cwd: "/deep", format: false, verify: false }, hostFor(text));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  t.is(errors.length, 20);
  t.true(errors.every((d) => d.code === "MIDL2025"), errors.map((d) => d.code).join(", "));
  t.deepEqual(errors.slice(0, 3).map((d) => d.range?.start.line), [1, 2, 3], "one per statement, in order");
});

test("5,000 unexpected characters: 20 located errors; --max-errors prints fewer and counts the rest", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-limits-"));
  writeFileSync(join(dir, "chars.idl"), Array.from({ length: 5000 }, (_, i) => `typedef long @A${i};\n`).join(""));
  const r = spawnSync(process.execPath, [resolve("dist/src/cli/main.js"), "chars.idl", "--no-verify", "--max-errors", "3"], { cwd: dir, encoding: "utf8" });
  t.is(r.status, 1);
  t.deepEqual(r.stderr.split("\n").filter((l) => l.includes("error MTS2001")), [1, 2, 3].map((n) => `chars.idl(${n},14): error MTS2001: unexpected character "@"`));
  t.regex(r.stderr, /\(17 more errors not shown: --max-errors 3\)\n20 errors; nothing was written\.\n$/);
});
