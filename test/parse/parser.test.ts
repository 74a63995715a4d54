import test from "ava";
import { execFileSync } from "node:child_process";
import { midlParser } from "../../grammar/parser.js";
import { midlLexer } from "../../grammar/tokens.js";
import type * as A from "../../src/ast/nodes.js";

function parse(text: string): { doc: A.Document; errors: string[] } {
  const lexed = midlLexer.tokenize(text);
  midlParser.input = lexed.tokens;
  const doc = midlParser.document();
  return { doc, errors: [...lexed.errors.map((e) => e.message), ...midlParser.errors.map((e) => e.message)] };
}

function only<T extends A.Declaration["kind"]>(doc: A.Document, kind: T): Extract<A.Declaration, { kind: T }> {
  const d = doc.declarations.find((x) => x.kind === kind);
  if (!d) throw new Error(`no ${kind}`);
  return d as Extract<A.Declaration, { kind: T }>;
}

test("the grammar passes chevrotain's own validation (ambiguities, duplicate indexes)", (t) => {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", "await import('./dist/grammar/parser.js'); console.log('ok')"], {
    env: { ...process.env, MIDL_TS_VALIDATE_GRAMMAR: "1" },
    encoding: "utf8",
  });
  t.is(out.trim(), "ok");
});

test("an interface with attributes, base, methods and parameter attributes", (t) => {
  const { doc, errors } = parse(`
    [object, uuid(00020400-0000-0000-C000-000000000046), dual, helpstring("x" "y")]
    interface IFoo : IDispatch {
      [propget, id(3)] HRESULT Name([out, retval] BSTR* value);
      HRESULT Get([in, size_is(n * 2)] long *items, [in] unsigned long n, [out] IDispatch** pp);
    }`);
  t.deepEqual(errors, []);
  const i = only(doc, "interface");
  t.is(i.name.text, "IFoo");
  t.is(i.base?.text, "IDispatch");
  t.deepEqual(i.attributes.map((a) => a.name), ["object", "uuid", "dual", "helpstring"]);
  t.deepEqual(i.attributes[1]!.args, [{ kind: "uuid", text: "00020400-0000-0000-C000-000000000046", loc: i.attributes[1]!.args![0]!.loc }]);
  const helpArg = i.attributes[3]!.args![0]!;
  t.true(helpArg.kind === "expr" && helpArg.expr.kind === "string" && helpArg.expr.value === "xy", "adjacent strings concatenate");
  const [name, get] = i.members!.filter((m): m is A.MethodDecl => m.kind === "method");
  t.is(name!.name.text, "Name");
  t.deepEqual(name!.params[0]!.attributes.map((a) => a.name), ["out", "retval"]);
  t.is(name!.params[0]!.declarator.pointers.length, 1);
  t.deepEqual(get!.params.map((p) => p.declarator.name?.text), ["items", "n", "pp"]);
  t.deepEqual(get!.params[1]!.type, { kind: "base", name: "long", unsigned: true, loc: get!.params[1]!.type.loc });
  t.is(get!.params[2]!.declarator.pointers.length, 2);
});

test("dispinterfaces in both forms, coclasses and libraries", (t) => {
  const { doc, errors } = parse(`
    [uuid(11111111-2222-3333-4444-555555555555)] library L {
      importlib("stdole2.tlb");
      dispinterface DA { properties: [id(1)] long Count; methods: [id(2)] void Fire([in] BSTR s); };
      dispinterface DB { interface IFoo; };
      coclass C { [default] interface IFoo; [default, source] dispinterface DA; };
    };`);
  t.deepEqual(errors, []);
  const lib = only(doc, "library");
  const [, da, db, c] = lib.declarations;
  t.true(da?.kind === "dispinterface" && da.body?.form === "members" && da.body.properties.length === 1 && da.body.methods.length === 1);
  t.true(db?.kind === "dispinterface" && db.body?.form === "interface" && db.body.interface.text === "IFoo");
  t.true(c?.kind === "coclass" && c.members?.map((m) => `${m.keyword}:${m.name.text}`).join() === "interface:IFoo,dispinterface:DA");
});

test("binary operators fold by C precedence, casts and unary operators parse", (t) => {
  const { doc, errors } = parse("const long X = 1 + 2 * 3 << 1 | (DWORD)-1 & ~0x10;");
  t.deepEqual(errors, []);
  const c = only(doc, "const");
  const text = (e: A.Expr): string =>
    e.kind === "binary" ? `(${text(e.left)} ${e.op} ${text(e.right)})`
    : e.kind === "number" ? e.text
    : e.kind === "unary" ? `${e.op}${text(e.operand)}`
    : e.kind === "cast" ? `cast(${text(e.operand)})` : e.kind;
  t.is(text(c.value), "(((1 + (2 * 3)) << 1) | (cast(-1) & ~0x10))");
});

test("a type declaration and a method are told apart after the type", (t) => {
  const { doc, errors } = parse(`interface I { struct S { long a; }; typedef enum { A, B } E; struct S* Get(void); }`);
  t.deepEqual(errors, []);
  const members = only(doc, "interface").members!;
  t.deepEqual(members.map((m) => m.kind), ["typedecl", "typedef", "method"]);
  const get = members[2] as A.MethodDecl;
  t.is(get.returnPointers, 1);
  t.deepEqual(get.params, [], "(void) is an empty parameter list");
});

test("cpp_quote strings keep comment markers, and soft keywords still name things", (t) => {
  const { doc, errors } = parse(`cpp_quote("// not a comment /* nor this */") typedef long methods; typedef methods properties;`);
  t.deepEqual(errors, []);
  t.true(doc.declarations[0]?.kind === "cpp_quote" && doc.declarations[0].text === "// not a comment /* nor this */");
  t.deepEqual(doc.declarations.slice(1).map((d) => (d.kind === "typedef" ? d.declarators[0]!.name!.text : "")), ["methods", "properties"]);
});

test("recovery reports several independent syntax errors in one pass", (t) => {
  const { errors } = parse(`
    interface A { HRESULT f([in] long x; }
    interface B { HRESULT g() oops; }
    typedef struct S { long a long b; } S;`);
  t.true(errors.length >= 3, errors.join("\n"));
});

test("recovery never throws: every truncation of a real IDL file parses to diagnostics", async (t) => {
  const { parseFile } = await import("../../src/parse/parse-file.js");
  const { SourceFile } = await import("../../src/diagnostics/index.js");
  const { readFileSync } = await import("node:fs");
  const text = readFileSync("test/fixtures/valid/widgets.idl", "utf8");
  let withErrors = 0;
  for (let end = 0; end <= text.length; end += 3) {
    const cut = text.slice(0, end) + (end % 2 ? ")" : "[");
    const r = parseFile(new SourceFile("cut.idl", cut), { defines: new Map(), includeDirs: [], host: { readFile: () => undefined } });
    if (r.diagnostics.length > 0) withErrors++;
    t.truthy(r.document);
  }
  t.true(withErrors > text.length / 6, "truncated files report errors");
});

test("five independent syntax errors give five located errors, no follow-on errors", async (t) => {
  const { compile } = await import("../../src/compiler/compile.js");
  const r = await compile({ inputs: ["test/fixtures/invalid/five-syntax-errors.idl"], outDir: "x", verify: false, format: false });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  t.is(errors.length, 5);
  t.deepEqual(errors.map((d) => d.range?.start.line), [6, 12, 15, 17, 19]);
  t.true(errors.every((d) => d.code === "MIDL2025" && d.range !== undefined));
});

/** Every `loc` in a tree. */
function locations(node: unknown, out: A.Loc[] = []): A.Loc[] {
  if (node === null || typeof node !== "object") return out;
  if (Array.isArray(node)) {
    for (const x of node) locations(x, out);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc") out.push(value as A.Loc);
    else locations(value, out);
  }
  return out;
}

test("every location is a pair of integer offsets, also where error recovery inserted a token", (t) => {
  // The missing `;` and `)` are inserted by chevrotain's recovery: inserted tokens have no offset
  // (NaN), which must not reach a location (it would also make V8 box every location's offsets).
  const { doc, errors } = parse(`
    interface IFoo : IUnknown {
      [id(1 + 2)] HRESULT A([in] long x)
      HRESULT B([in] long y;
      typedef enum { E = 0x10 << 2 } F
    }
    const long C = 5;`);
  t.true(errors.length > 0);
  const all = locations(doc);
  t.true(all.length > 20);
  for (const l of all) t.true(Number.isInteger(l.start) && Number.isInteger(l.end) && 0 <= l.start && l.start <= l.end, JSON.stringify(l));
});

test("locations keep their offsets unboxed (V8 small integers, not heap numbers)", (t) => {
  // While chevrotain records the grammar, its tokens have NaN offsets; one NaN stored into a
  // location once switched the shared shape of all `{start, end}` objects to boxed doubles: three
  // objects per location, in every tree of the process. V8's own view of a parsed location:
  const script = `
    const { midlParser } = await import("./dist/grammar/parser.js");
    const { midlLexer } = await import("./dist/grammar/tokens.js");
    midlParser.input = midlLexer.tokenize("interface IFoo : IUnknown { HRESULT A([in] long x); }").tokens;
    const doc = midlParser.document();
    %DebugPrint(doc.declarations[0].loc);
    %DebugPrint(doc.declarations[0].name.loc);`;
  const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
  const fields = out.split("\n").filter((l) => /#(start|end): /.test(l));
  t.is(fields.length, 4, out);
  for (const field of fields) t.notRegex(field, /HeapNumber/);
});
