/**
 * The built-in layout (src/emit/layout/) prints exactly what prettier prints, without prettier:
 * over the Messenger IDL and every fixture, over random modules whose names are drawn to land on
 * both sides of every line-width boundary, and over the whole Wine corpus (when it is present;
 * required under CI). A shape the layout does not know falls back to prettier, and so do modules
 * from user templates.
 */
import test from "ava";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { compile } from "../src/compiler/compile.js";
import { createNodeHost, type CompilerHost } from "../src/compiler/host.js";
import { formatAll, formatTypeScript, GeneratedFormatter } from "../src/emit/format.js";
import { layoutGenerated } from "../src/emit/layout/layout-generated.js";
import { stringLiteral } from "../src/emit/names.js";
import { FETCH_HINT, corpusCacheDir, locateCorpus, widlSplit } from "./corpus/corpus.js";
import { ident } from "./helpers/names.js";

/** Raw (unformatted) TypeScript of the built-in templates for `inputs`. */
async function rawModules(inputs: readonly string[], host?: CompilerHost, cwd?: string): Promise<{ path: string; text: string }[]> {
  const r = await compile({ inputs, outDir: "scratch/layout", format: false, verify: false, cacheDir: false, ...(cwd ? { cwd } : {}) }, host);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join("\n"));
  return r.files.filter((f) => f.path.endsWith(".ts")).map((f) => ({ path: f.path, text: f.contents }));
}

test("Messenger and every fixture: the layout is prettier's output, byte for byte", async (t) => {
  const inputs = [
    "idl/msgrpriv.idl",
    ...readdirSync("test/fixtures/valid").filter((f) => f.endsWith(".idl")).map((f) => join("test/fixtures/valid", f)),
    "test/fixtures/hostile/hostile.idl",
  ];
  const modules = await rawModules(inputs);
  t.true(modules.length >= inputs.length);
  for (const m of modules) {
    const laid = layoutGenerated(m.text);
    t.not(laid, undefined, `${m.path}: the layout knows every shape`);
    t.is(laid, await formatTypeScript(m.text), m.path);
  }
});

// --- random modules around the width boundaries ---------------------------------------------

const len = (min: number, max: number) => fc.integer({ min, max });

const paramArb = fc.record({
  name: len(1, 40),
  type: fc.constantFrom("long", "BSTR", "IUnknown*", "VARIANT", "IThing**", "double*", "DWORD", "VARIANT_BOOL*"),
  dir: fc.constantFrom("[in]", "[out]", "[in, out]"),
});
const methodArb = fc.record({ name: len(1, 110), params: fc.array(paramArb, { maxLength: 8 }), prop: fc.constantFrom("", "propget", "propput") });
const moduleArb = fc.record({
  iface: len(1, 90),
  methods: fc.array(methodArb, { minLength: 1, maxLength: 6 }),
  enumName: len(1, 60),
  constName: len(1, 100),
  constText: fc.string({ unit: fc.constantFrom("a", "b", '"', "'", "\\", " ", "x"), maxLength: 60 }),
  floatValue: fc.constantFrom("1.5", "3.402823466e+38", "1e-7", "0.25"),
  typedefName: len(1, 80),
  fnParams: fc.array(paramArb, { maxLength: 10 }),
  coclass: len(1, 80),
  implemented: fc.integer({ min: 1, max: 6 }),
});

type ModuleSpec = typeof moduleArb extends fc.Arbitrary<infer T> ? T : never;

function idlOf(m: ModuleSpec): string {
  const I = ident("I", m.iface);
  const params = (ps: readonly { name: number; type: string; dir: string }[]) =>
    ps.map((p, i) => `${p.dir === "[out]" && !p.type.endsWith("*") ? "[in]" : p.dir} ${p.dir === "[in]" ? p.type : p.type.endsWith("*") ? p.type : `${p.type}*`} ${ident("p", p.name)}${i}`).join(", ");
  const methods = m.methods.map((x, i) => {
    const name = `${ident("M", x.name)}${i}`;
    if (x.prop === "propget") return `    [id(${i + 1}), propget] HRESULT ${name}([out, retval] long* value);`;
    if (x.prop === "propput") return `    [id(${i + 1}), propput] HRESULT ${name}([in] long value);`;
    return `    [id(${i + 1})] HRESULT ${name}(${params(x.params)});`;
  });
  const extra = Array.from({ length: m.implemented }, (_, k) => `[object, uuid(6B0A1C2D-0000-4000-8000-0000000000${String(10 + k)}), pointer_default(unique)]
interface ${ident("IExtra", m.iface / 2 + k)}${k} : IUnknown { HRESULT Op${k}([in] long v); }`);
  return `import "oaidl.idl";
import "ocidl.idl";

interface IThing;
const long ${ident("C", m.constName)} = 0x80040201;
const LPWSTR ${ident("S", m.constName)} = L"${m.constText.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}";
const double ${ident("F", m.constName)} = ${m.floatValue};
typedef enum ${ident("E", m.enumName)} { ${ident("EV", m.enumName)} = 1, ${ident("EW", m.enumName)} = 0x80000000 } ${ident("E", m.enumName)};
typedef HRESULT (*${ident("PFN", m.typedefName)})(${params(m.fnParams)});
typedef struct ${ident("ST", m.typedefName)} { long ${ident("f", m.constName)}; ${ident("E", m.enumName)} kind; } ${ident("ST", m.typedefName)};

[object, uuid(6B0A1C2D-0000-4000-8000-000000000001), dual, oleautomation, pointer_default(unique)]
interface ${I} : IDispatch
{
${methods.join("\n")}
}
${extra.join("\n")}

[uuid(6B0A1C2D-0000-4000-8000-000000000002)]
dispinterface ${ident("D", m.iface)}Events
{
properties:
methods:
${m.methods.map((x, i) => `    [id(${i + 1})] void ${ident("On", x.name)}${i}(${params(x.params.filter((p) => p.dir === "[in]"))});`).join("\n")}
}

[uuid(6B0A1C2D-0000-4000-8000-000000000003), version(1.0)]
library ${ident("L", m.iface / 3)}Lib
{
    [uuid(6B0A1C2D-0000-4000-8000-000000000004)]
    coclass ${ident("K", m.coclass)}
    {
        [default] interface ${I};
${Array.from({ length: m.implemented }, (_, k) => `        interface ${ident("IExtra", m.iface / 2 + k)}${k};`).join("\n")}
        [default, source] dispinterface ${ident("D", m.iface)}Events;
    }
}
`;
}

test("random modules with names around every width boundary: the layout is prettier's output", async (t) => {
  t.timeout(10 * 60_000);
  const real = createNodeHost();
  let laidOut = 0;
  const run = await fc.check(
    fc.asyncProperty(moduleArb, async (m) => {
      const idl = idlOf(m);
      const host: CompilerHost = { readFile: (p) => (p.endsWith("/layout-input.idl") ? idl : real.readFile(p)) };
      const [module] = await rawModules(["/layout/layout-input.idl"], host, "/layout");
      const laid = layoutGenerated(module!.text);
      if (laid === undefined) return; // prettier formats it: correct by construction
      laidOut++;
      const want = await formatTypeScript(module!.text);
      if (laid !== want) throw new Error(`layout differs from prettier:\n${firstDifference(laid, want)}\nfor:\n${idl}`);
    }),
    { numRuns: Number(process.env["LAYOUT_RUNS"] ?? 200), seed: 20261121 },
  );
  if (run.failed) t.fail(`${(run.errorInstance as Error | undefined)?.message ?? "property failed"}\ncounterexample: ${JSON.stringify(run.counterexample)}`);
  t.true(laidOut >= 190, `the layout handled ${laidOut} modules itself`);
});

/** The first differing lines of two texts, with a little context. */
function firstDifference(got: string, want: string): string {
  const a = got.split("\n");
  const b = want.split("\n");
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `line ${i + 1}:\n--- layout\n${a.slice(Math.max(0, i - 2), i + 6).join("\n")}\n--- prettier\n${b.slice(Math.max(0, i - 2), i + 6).join("\n")}`;
}

// --- fallbacks --------------------------------------------------------------------------------

/** Formats modules in one go, as the pipeline does as it renders them. */
async function formatGenerated(texts: readonly string[], builtInTemplates: boolean): Promise<string[]> {
  const formatter = new GeneratedFormatter(builtInTemplates);
  for (const text of texts) formatter.add(text);
  return formatter.finish();
}

test("a shape the layout does not know goes to prettier", async (t) => {
  const unknown = `export const x = \`${"template literal ".repeat(10)}\`;\n`;
  t.is(layoutGenerated(unknown), undefined);
  const known = "export const y = 1;\n";
  t.deepEqual(await formatGenerated([unknown, known], true), [await formatTypeScript(unknown), known]);
});

test("modules from user templates always go through prettier", async (t) => {
  const text = "export const   z = {a:1};\n";
  t.deepEqual(await formatGenerated([text], false), ["export const z = { a: 1 };\n"]);
});

test("string literals are quoted as prettier quotes them", async (t) => {
  for (const s of ["plain", 'one "double"', "it's", `"a" 'b' "c"`, 'back\\slash "q"', "\n\t\u0001"]) {
    const text = `export const s = ${stringLiteral(s)};\n`;
    t.is(await formatTypeScript(text), text, JSON.stringify(s));
    t.is(eval(stringLiteral(s)) as string, s);
  }
});

// --- the Wine corpus -----------------------------------------------------------------------------

const corpus = locateCorpus();
if (!corpus) {
  const why = `the Wine corpus is not in ${corpusCacheDir()}: ${FETCH_HINT}`;
  if (process.env["CI"]) test("Wine corpus is fetched for the layout test (required under CI)", (t) => t.fail(why));
  else test.skip("Wine corpus: the layout is prettier's output for every module (corpus not fetched)", () => {});
} else {
  test("Wine corpus: the layout is prettier's output for every module, byte for byte", async (t) => {
    t.timeout(20 * 60_000);
    const split = await widlSplit(corpus);
    const r = await compile({ inputs: split.standalone, includeDirs: corpus.includeDirs, outDir: "scratch/layout-corpus", cwd: corpus.includeRoot, format: false, verify: false, cacheDir: false });
    const modules = r.files.filter((f) => f.path.endsWith(".ts"));
    t.true(modules.length >= 261);
    const laid = modules.map((m) => layoutGenerated(m.contents));
    t.deepEqual(modules.filter((_, i) => laid[i] === undefined).map((m) => m.path), [], "the layout knows every shape");
    const want = await formatAll(modules.map((m) => m.contents));
    const differing = modules.filter((_, i) => laid[i] !== want[i]).map((m) => m.path);
    t.deepEqual(differing, []);
  });
}
