/**
 * Incremental rebuilds: after a change, only the modules it can reach are compiled again and the
 * rest comes from the cache, with a result identical to a full run's — files, their order and the
 * diagnostics, byte for byte. Every test compares against a full compile without a cache.
 */
import test, { type ExecutionContext } from "ava";
import fc from "fast-check";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type CompileResult } from "../src/compiler/compile.js";
import { DamagedCacheError } from "../src/compiler/output-bytes.js";
import type { CompileOptions } from "../src/compiler/options.js";
import { BuildSession } from "../src/compiler/session.js";
import { projectOptions, shown, uuid, writeProject } from "./helpers/project.js";

// base.idl: types and interfaces everyone imports. a.idl and b.idl: leaves. c.idl uses CTX without
// importing ctx.idl: it sees it because main.idl imports ctx.idl before it (MIDL's one scope), so
// c.idl is not self-contained; its dispatch table shows CTX's VARTYPE. main.idl imports all but b.idl.
const FILES: Record<string, string> = {
  "base.idl": `import "oaidl.idl";
typedef long ALIAS;
[object, uuid(${uuid(1)}), dual] interface IBase : IDispatch { HRESULT Ping([in] ALIAS x); }
[uuid(${uuid(2)})] dispinterface DEvents { properties: methods: [id(1)] void Fired([in] long n); }
`,
  "a.idl": `import "base.idl";
[object, uuid(${uuid(3)})] interface IA : IBase { HRESULT A([in] BSTR s, [out, retval] long *r); }
`,
  "b.idl": `import "base.idl";
[object, uuid(${uuid(4)})] interface IB : IUnknown { HRESULT B([out] long *x); }
`,
  "ctx.idl": `typedef long CTX;
`,
  "inc.h": `#define INC 2
`,
  "c.idl": `[object, uuid(${uuid(5)}), dual] interface IC : IDispatch { HRESULT C([in] CTX a); }
`,
  "main.idl": `import "base.idl";
import "ctx.idl";
import "c.idl";
import "a.idl";
[uuid(${uuid(6)})] library Lib { importlib("stdole2.tlb"); [uuid(${uuid(7)})] coclass Thing { [default] interface IA; } }
`,
};

const project = (): string => writeProject(FILES, "midl-ts-incremental-");

const options = projectOptions(["main.idl", "a.idl", "b.idl"]);

/** Compiles with the cache, then without, and checks that both agree; returns the cached run. */
async function agrees(t: ExecutionContext, dir: string, over: Partial<CompileOptions> = {}, message = ""): Promise<CompileResult> {
  const cached = await compile(options(dir, over));
  const full = await compile(options(dir, { ...over, cacheDir: false }));
  t.deepEqual(shown(cached), shown(full), message);
  return cached;
}

test("editing a leaf compiles only its module, and the result is a full run's", async (t) => {
  const dir = project();
  await compile(options(dir));
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}[object, uuid(${uuid(8)})] interface IB2 : IB { HRESULT More(); }\n`);
  const r = await agrees(t, dir);
  t.deepEqual(r.stats.incremental, { rebuiltModules: 1, rebuilt: [join(dir, "b.idl")], reusedOutputs: 10 }, "b.idl's ts and ir; the other 5 modules' from the cache");
  const full = await compile(options(dir, { cacheDir: false }));
  t.is(r.stats.parsedFiles, full.stats.parsedFiles - 4, "a.idl, c.idl, ctx.idl and main.idl are not parsed");
  t.regex(r.files.find((f) => f.path.endsWith("b.ts"))!.contents, /interface IB2 extends IB/);
  t.true((await compile(options(dir))).stats.cacheHit, "the merged result is cached in turn");
});

test("a change that adds a [source] interface, or reaches most modules, is left to a full run", async (t) => {
  const dir = project();
  await compile(options(dir));
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}[uuid(${uuid(9)})] coclass Sourcing { [default] interface IB; [source] dispinterface DEvents; }\n`);
  const sourcing = await agrees(t, dir);
  t.is(sourcing.stats.incremental, undefined);
  t.regex(sourcing.files.find((f) => f.path.endsWith("base.ts"))!.contents, /DEventsSink/, "base.ts gains the event sink");
  // ALIAS (so IBase, which a.idl names, and main.idl through it) and DEvents (which b.idl names).
  writeFileSync(join(dir, "base.idl"), FILES["base.idl"]!.replace(/long/g, "short"));
  t.is((await agrees(t, dir)).stats.incremental, undefined);
  writeFileSync(join(dir, "base.idl"), `${FILES["base.idl"]!.replace(/long/g, "short")}// a comment\n`);
  t.deepEqual((await agrees(t, dir)).stats.incremental?.rebuilt, [join(dir, "base.idl")], "a comment touches no name");
});

test("a file that sees declarations through its importer is rebuilt with them", async (t) => {
  const dir = project();
  await compile(options(dir));
  writeFileSync(join(dir, "c.idl"), `${FILES["c.idl"]}typedef CTX CTX2;\n`);
  t.truthy((await agrees(t, dir)).stats.incremental);
  writeFileSync(join(dir, "ctx.idl"), "typedef BSTR CTX;\n");
  const r = await agrees(t, dir, {}, "the importer's context changed under c.idl");
  t.deepEqual(r.stats.incremental, { rebuiltModules: 3, rebuilt: ["ctx.idl", "c.idl", "main.idl"].map((f) => join(dir, f)), reusedOutputs: 6 }, "ctx, main and c");
  t.regex(r.files.find((f) => f.path.endsWith("c.ts"))!.contents, /VT\.BSTR/);
});

test("a file that starts seeing declarations through its importer is rebuilt when they change", async (t) => {
  // A build session rebuilds partially however many modules a change reaches.
  const dir = project();
  const session = new BuildSession();
  await compile(options(dir, { session }));
  // a.idl now uses CTX, which it sees only because main.idl imports ctx.idl before it.
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}[object, uuid(${uuid(13)}), dual] interface IA3 : IDispatch { HRESULT Q([in] CTX c); }\n`);
  t.truthy((await agrees(t, dir, { session })).stats.incremental);
  writeFileSync(join(dir, "ctx.idl"), "typedef BSTR CTX;\n");
  const r = await agrees(t, dir, { session }, "a.idl's dispatch table follows CTX");
  t.true(r.stats.incremental?.rebuilt.includes(join(dir, "a.idl")));
});

test("early cutoff: an edit no importer can name rebuilds the edited file only", async (t) => {
  const dir = project();
  const session = new BuildSession();
  await compile(options(dir));
  await compile(options(dir, { session }));
  for (const n of [1, 2]) {
    writeFileSync(join(dir, "c.idl"), `${FILES["c.idl"]}typedef long UNNAMED${n};\n`);
    const cached = await agrees(t, dir);
    // The first rebuild after a full run has no earlier parse of c.idl to compare with.
    t.deepEqual(cached.stats.incremental?.rebuilt, (n === 1 ? ["c.idl", "main.idl"] : ["c.idl"]).map((f) => join(dir, f)), `edit ${n}`);
    const kept = await agrees(t, dir, { session });
    t.deepEqual(kept.stats.incremental?.rebuilt, [join(dir, "c.idl")], `edit ${n}: a build session keeps every parse`);
  }
  writeFileSync(join(dir, "base.idl"), `${FILES["base.idl"]}typedef long UNNAMED;\n`);
  t.deepEqual((await agrees(t, dir, { session })).stats.incremental?.rebuilt, [join(dir, "base.idl")], "nor do a.idl, b.idl and main.idl");
});

test("early cutoff: importers naming a touched declaration are rebuilt, and so is what resolved against them", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}typedef ALIAS AA;\n`);
  // main.idl names AA, not ALIAS: it sees the change through a.idl.
  writeFileSync(join(dir, "main.idl"), `${FILES["main.idl"]}[object, uuid(${uuid(14)}), dual] interface IM : IDispatch { HRESULT M([in] AA x); }\n`);
  const session = new BuildSession();
  t.regex((await compile(options(dir, { session }))).files.find((f) => f.path.endsWith("main.ts"))!.contents, /VT\.I4/);
  writeFileSync(join(dir, "base.idl"), FILES["base.idl"]!.replace("long ALIAS", "short ALIAS"));
  const r = await agrees(t, dir, { session });
  t.deepEqual(r.stats.incremental?.rebuilt, ["base.idl", "a.idl", "main.idl"].map((f) => join(dir, f)), "not b.idl");
  t.regex(r.files.find((f) => f.path.endsWith("main.ts"))!.contents, /VT\.I2/);
});

test("early cutoff: with two files edited, what the one names from the other's edit is rebuilt", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}typedef ALIAS AA;\n`);
  writeFileSync(join(dir, "main.idl"), `${FILES["main.idl"]}[object, uuid(${uuid(14)}), dual] interface IM : IDispatch { HRESULT M([in] AA x); }\n`);
  const session = new BuildSession();
  await compile(options(dir, { session }));
  // a.idl's own edit touches EXTRA only, but its AA changes with base.idl's ALIAS.
  writeFileSync(join(dir, "base.idl"), FILES["base.idl"]!.replace("long ALIAS", "short ALIAS"));
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}typedef ALIAS AA;\ntypedef long EXTRA;\n`);
  const r = await agrees(t, dir, { session });
  t.true(r.stats.incremental?.rebuilt.includes(join(dir, "main.idl")));
  t.regex(r.files.find((f) => f.path.endsWith("main.ts"))!.contents, /VT\.I2/);
});

test("early cutoff: a name written through a -D macro or pasted together with ## is still seen", async (t) => {
  for (const [macro, use, defines] of [
    ["", "MYTYPE", new Map([["MYTYPE", "ALIAS2"]])],
    ["#define CAT(a, b) a##b\n", "CAT(ALI, AS2)", new Map<string, string>()],
  ] as const) {
    const dir = project();
    writeFileSync(join(dir, "base.idl"), `${FILES["base.idl"]}typedef long ALIAS2;\n`);
    writeFileSync(join(dir, "main.idl"), `${FILES["main.idl"]}${macro}[object, uuid(${uuid(15)}), dual] interface IM : IDispatch { HRESULT M([in] ${use} x); }\n`);
    const session = new BuildSession();
    t.regex((await compile(options(dir, { session, defines }))).files.find((f) => f.path.endsWith("main.ts"))!.contents, /VT\.I4/, use);
    writeFileSync(join(dir, "base.idl"), `${FILES["base.idl"]}typedef short ALIAS2;\n`);
    const r = await agrees(t, dir, { session, defines }, use);
    t.regex(r.files.find((f) => f.path.endsWith("main.ts"))!.contents, /VT\.I2/, use);
  }
});

test("a damaged cached output is found when used: after a rebuild that did not use it, or by a rebuild that does, which then gives a full run", async (t) => {
  const dir = project();
  await compile(options(dir));
  // In every entry's stored outputs (the runs with and without type-checking have one each).
  const damage = (text: string) => {
    for (const entry of readdirSync(join(dir, "cache")).filter((n) => n.endsWith(".out"))) {
      const blobs = join(dir, "cache", entry);
      const blob = readdirSync(blobs).find((n) => readFileSync(join(blobs, n), "utf8").includes(text))!;
      writeFileSync(join(blobs, blob), readFileSync(join(blobs, blob), "utf8").replace(text, "interface IX "));
    }
  };
  damage("interface IA ");
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}typedef long B3;\n`);
  const rebuilt = await compile(options(dir));
  t.truthy(rebuilt.stats.incremental, "a.ts was not needed to rebuild b.ts");
  t.throws(() => rebuilt.files.find((f) => f.path.endsWith("a.ts"))!.contents, { instanceOf: DamagedCacheError });
  const r = await agrees(t, dir);
  t.is(r.stats.incremental, undefined, "the damaged copy was removed: a full run");
  t.regex(r.files.find((f) => f.path.endsWith("a.ts"))!.contents, /interface IA /);
  t.true((await compile(options(dir))).stats.cacheHit, "and stored again");
  // Type-checking a rebuilt module (a.ts) reads what it imports (base.ts): damaged, so the full run decides.
  const verify = { verify: true };
  await compile(options(dir, verify));
  damage("export interface IBase ");
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}typedef long A4;\n`);
  const checked = await agrees(t, dir, verify);
  t.is(checked.stats.incremental, undefined);
  t.regex(checked.files.find((f) => f.path.endsWith("base.ts"))!.contents, /export interface IBase /);
});

test("a rebuild resolves in the full run's order: of two visible definitions, the one loaded first wins", async (t) => {
  // x.idl loads dup2.idl before y.idl loads dup1.idl: in a full run y sees dup2's DUP first.
  const dir = writeProject({}, "midl-ts-incremental-");
  writeFileSync(join(dir, "dup1.idl"), 'import "oaidl.idl";\ntypedef long DUP;\n');
  writeFileSync(join(dir, "dup2.idl"), 'import "oaidl.idl";\ntypedef BSTR DUP;\n');
  writeFileSync(join(dir, "x.idl"), 'import "dup2.idl";\n');
  const y = `import "dup1.idl";\nimport "dup2.idl";\n[object, uuid(${uuid(30)}), dual] interface IY : IDispatch { HRESULT Y([in] DUP d); }\n`;
  writeFileSync(join(dir, "y.idl"), y);
  const over = { inputs: ["x.idl", "y.idl"] };
  await compile(options(dir, over));
  writeFileSync(join(dir, "y.idl"), `${y}// edited\n`);
  const r = await agrees(t, dir, over);
  t.deepEqual(r.stats.incremental, { rebuiltModules: 1, rebuilt: [join(dir, "y.idl")], reusedOutputs: 6 });
  t.regex(r.files.find((f) => f.path.endsWith("y.ts"))!.contents, /VT\.BSTR/);
});

test("warnings of untouched files come from the cache, those of rebuilt files are renewed", async (t) => {
  const dir = project();
  const warn = `[object, uuid(${uuid(10)})] interface IWarn : IUnknown { HRESULT W([out] long x); }\n`;
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}${warn}`);
  const first = await compile(options(dir));
  t.deepEqual(first.diagnostics.map((d) => `${d.range?.file.path} ${d.code}`), ["a.idl MTS3004"]);
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}${warn.replace("IWarn", "IWarnToo").replace(uuid(10), uuid(11))}`);
  const r = await agrees(t, dir);
  t.truthy(r.stats.incremental);
  t.deepEqual(r.diagnostics.map((d) => `${d.range?.file.path} ${d.code}`), ["a.idl MTS3004", "b.idl MTS3004"]);
  writeFileSync(join(dir, "a.idl"), FILES["a.idl"]!);
  t.deepEqual((await agrees(t, dir)).diagnostics.map((d) => `${d.range?.file.path} ${d.code}`), ["b.idl MTS3004"]);
});

test("an error in a rebuilt file is reported as a full run reports it, and nothing is cached", async (t) => {
  const dir = project();
  await compile(options(dir));
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}interface Broken {\n`);
  const r = await agrees(t, dir);
  t.true(r.diagnostics.some((d) => d.severity === "error"));
  t.deepEqual(r.files, []);
  writeFileSync(join(dir, "b.idl"), FILES["b.idl"]!);
  t.true((await compile(options(dir))).stats.cacheHit, "back to the cached state");
});

test("verification type-checks rebuilt modules against the cached ones they import", async (t) => {
  const dir = project();
  await compile(options(dir, { verify: true }));
  writeFileSync(join(dir, "a.idl"), `${FILES["a.idl"]}[object, uuid(${uuid(12)})] interface IA2 : IA { HRESULT Z([in] IBase *p); }\n`);
  const r = await agrees(t, dir, { verify: true });
  t.truthy(r.stats.incremental);
  t.true(r.stats.verifiedFiles > 0);
});

// Any sequence of edits (each file flipping between variants, some with warnings, some with
// errors) gives, run after run, what a full run gives.
const VARIANTS: Record<string, readonly string[]> = {
  "a.idl": [
    FILES["a.idl"]!,
    `${FILES["a.idl"]}[object, uuid(${uuid(20)})] interface IW : IUnknown { HRESULT W([out] long x); }\n`,
    `${FILES["a.idl"]}typedef ALIAS AA;\n`,
    `${FILES["a.idl"]}#include "inc.h"\ntypedef long AI[INC];\n`,
    `${FILES["a.idl"]}typedef long AB[BASE_ONE];\n`,
  ],
  "inc.h": [FILES["inc.h"]!, "#define INC 3\n", "#define INC (\n"],
  "b.idl": [
    FILES["b.idl"]!,
    `${FILES["b.idl"]}[uuid(${uuid(21)})] coclass S { [default] interface IB; [source] dispinterface DEvents; }\n`,
    `${FILES["b.idl"]}typedef struct { long q; } BS;\n`,
    `${FILES["b.idl"]}typedef short B2;\ntypedef long BA[BASE_ONE];\n`,
  ],
  "c.idl": [FILES["c.idl"]!, `${FILES["c.idl"]}typedef CTX CA;\n`, `${FILES["c.idl"]}interface Oops {\n`],
  "ctx.idl": [FILES["ctx.idl"]!, "typedef BSTR CTX;\n", "typedef double CTX;\ntypedef CTX CTX3;\n"],
  // Early cutoff (early-cutoff.ts): names no importer mentions, one that b.idl declares too, an
  // anonymous enum a.idl and b.idl can use, declarations in another order.
  "base.idl": [
    FILES["base.idl"]!,
    FILES["base.idl"]!.replace("long ALIAS", "short ALIAS"),
    `${FILES["base.idl"]}typedef long UNUSED;\n`,
    `${FILES["base.idl"]}typedef long B2;\nenum { BASE_ONE = 2 };\n`,
    `${FILES["base.idl"]}enum { BASE_ZERO = 0 };\nenum { BASE_ONE = 3 };\n`,
    FILES["base.idl"]!.replace(/(\[object[^\n]*\n)(\[uuid[^\n]*\n)/, "$2$1"),
  ],
};

test("property: after any sequence of edits, the cached run and a build session's equal a full run", async (t) => {
  const edit = fc.constantFrom(...Object.keys(VARIANTS)).chain((file) => fc.nat(VARIANTS[file]!.length - 1).map((v) => [file, v] as const));
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
      const dir = project();
      const session = new BuildSession();
      await compile(options(dir));
      await compile(options(dir, { session }));
      for (const [file, v] of edits) {
        writeFileSync(join(dir, file), VARIANTS[file]![v]!);
        const cached = await compile(options(dir));
        const kept = await compile(options(dir, { session }));
        const full = JSON.stringify(shown(await compile(options(dir, { cacheDir: false }))));
        if (JSON.stringify(shown(cached)) !== full || JSON.stringify(shown(kept)) !== full) return false;
      }
      return true;
    }),
    { numRuns: Number(process.env["INCREMENTAL_RUNS"] ?? 25), seed: 20261121 },
  );
  t.pass();
});

test("a build session parses only what changed: an edited file, or a file whose #include changed", async (t) => {
  const dir = project();
  writeFileSync(join(dir, "a.idl"), VARIANTS["a.idl"]![3]!);
  const session = new BuildSession();
  const first = await compile(options(dir, { session }));
  t.is(first.stats.parsedFiles, 6 + 3, "the six files and the built-in base IDL they import (oaidl, unknwn, wtypes)");
  t.true((await compile(options(dir, { session }))).stats.cacheHit);
  writeFileSync(join(dir, "b.idl"), `${FILES["b.idl"]}typedef long B2;\n`);
  const leaf = await agrees(t, dir, { session });
  t.is(leaf.stats.parsedFiles, 1, "b.idl only: base.idl and what it imports are kept parsed");
  t.deepEqual(leaf.stats.incremental?.rebuilt, [join(dir, "b.idl")]);
  writeFileSync(join(dir, "inc.h"), "#define INC 5\n");
  const viaInclude = await agrees(t, dir, { session });
  t.is(viaInclude.stats.parsedFiles, 1, "a.idl, whose #include changed");
  t.regex(viaInclude.files.find((f) => f.path.endsWith("a.ir.json"))!.contents, /"size": 5/);
  // Another compilation's options: the session's entry does not answer it.
  const other = await compile(options(dir, { session, emit: ["ts"] }));
  t.false(other.stats.cacheHit);
  t.is(other.stats.incremental, undefined);
  t.is(other.stats.parsedFiles, 0, "but its files are still kept parsed");
});
