import test from "ava";
import { compileText, decl } from "./helpers.js";

const IDL = `
import "oaidl.idl";
typedef enum tagMode { MODE_A, MODE_B = 5, MODE_C, MODE_ERR = 0x80004005, MODE_NEG = -2 } Mode;
const long BASE = 0x100;
const long DERIVED = BASE * 2 + MODE_C;
typedef struct tagPOINT { long x; long y; } POINT, *PPOINT;
[object, uuid(0F0E0D0C-0B0A-0908-0706-050403020100), dual, pointer_default(unique)]
interface IShape : IDispatch {
  HRESULT Draw([in] POINT* at);
  [propget] HRESULT Mode([out, retval] Mode* m);
  [propput] HRESULT Mode([in] Mode m);
  HRESULT Area([out, retval] double* a);
}
[object, uuid(0F0E0D0C-0B0A-0908-0706-050403020101), dual, pointer_default(unique)]
interface ICircle : IShape {
  [id(42)] HRESULT Radius([out, retval] double* r);
}
dispinterface DShape { interface ICircle; };
`;

test("vtable indexes count inherited methods (IUnknown 3, IDispatch 4 more)", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  t.deepEqual(r.messages, []);
  const file = r.ir.find((f) => f.source.endsWith("shapes.idl"));
  const shape = decl(file, "interface", "IShape");
  const circle = decl(file, "interface", "ICircle");
  t.is(shape.inheritedMethodCount, 7);
  t.deepEqual(shape.methods.map((m) => m.vtableIndex), [7, 8, 9, 10]);
  t.is(circle.inheritedMethodCount, 11);
  t.deepEqual(circle.methods.map((m) => m.vtableIndex), [11]);
  t.deepEqual(circle.base, { name: "IShape", source: "shapes.idl" });
  t.true(shape.dispatchable && shape.dual);
});

test("DISPIDs: explicit ids, and MIDL's automatic ids shared by a property's accessors", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  const file = r.ir.find((f) => f.source.endsWith("shapes.idl"));
  const shape = decl(file, "interface", "IShape");
  t.deepEqual(shape.methods.map((m) => [m.name, m.kind, m.dispid]), [
    ["Draw", "method", 0x60020000],
    ["Mode", "propget", 0x60020001],
    ["Mode", "propput", 0x60020001],
    ["Area", "method", 0x60020002],
  ]);
  t.is(decl(file, "interface", "ICircle").methods[0]!.dispid, 42);
});

test("the `dispinterface D { interface I; }` form exposes I's methods through IDispatch", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  const d = decl(r.ir.find((f) => f.source.endsWith("shapes.idl")), "dispinterface", "DShape");
  t.deepEqual(d.fromInterface, { name: "ICircle", source: "shapes.idl" });
  t.deepEqual(d.methods.map((m) => m.name), ["Draw", "Mode", "Mode", "Area", "Radius"]);
});

test("enum values follow C rules; HRESULT-like values keep their unsigned form", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  const e = decl(r.ir.find((f) => f.source.endsWith("shapes.idl")), "enum", "Mode");
  t.is(e.tag, "tagMode");
  t.deepEqual(e.members.map((m) => [m.name, m.value]), [["MODE_A", 0], ["MODE_B", 5], ["MODE_C", 6], ["MODE_ERR", 0x80004005], ["MODE_NEG", -2]]);
});

test("constants are evaluated through other constants and enum members", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  const c = decl(r.ir.find((f) => f.source.endsWith("shapes.idl")), "const", "DERIVED");
  t.deepEqual(c.value, { type: "int", value: String(0x100 * 2 + 6) });
});

test("a typedef'd struct takes the typedef name; pointer declarators become typedefs", async (t) => {
  const r = await compileText({ "shapes.idl": IDL });
  const file = r.ir.find((f) => f.source.endsWith("shapes.idl"));
  const s = decl(file, "struct", "POINT");
  t.is(s.tag, "tagPOINT");
  t.deepEqual(s.fields?.map((f) => f.name), ["x", "y"]);
  t.deepEqual(decl(file, "typedef", "PPOINT").type, { kind: "pointer", isConst: false, to: { kind: "ref", target: "struct", ref: { name: "POINT", source: "shapes.idl" } } });
});

test("an undeclared type is reported where it is used, with a suggestion", async (t) => {
  const r = await compileText({
    "main.idl": `import "a.idl"; typedef FromB Alias;`,
    "a.idl": `typedef long FromA;`,
  });
  t.deepEqual(r.messages, ["main.idl(1,25): error MIDL2011: type 'FromB' is not declared (did you mean 'FromA'?)"]);
});

test("an imported file is parsed once even when imported by many", async (t) => {
  const r = await compileText({
    "main.idl": `import "a.idl"; import "b.idl"; typedef AB Top;`,
    "a.idl": `import "common.idl"; typedef Common A;`,
    "b.idl": `import "common.idl"; typedef Common B;`,
    "common.idl": `typedef long Common; typedef long AB;`,
  });
  t.deepEqual(r.messages, []);
  t.deepEqual(r.ir.filter((f) => !f.system).map((f) => f.source), ["common.idl", "a.idl", "b.idl", "main.idl"]);
});

test("function pointers: pointers inside the parentheses apply to the function, not its return type", async (t) => {
  const r = await compileText({ "fp.idl": "typedef long (*CB)(long a);\ntypedef long *(*CB2)(void);\n" });
  t.deepEqual(r.messages, []);
  const file = r.ir.find((f) => f.source === "fp.idl");
  const long = { kind: "base", name: "long", unsigned: false };
  const cb = decl(file, "typedef", "CB").type;
  t.true(cb.kind === "pointer" && cb.to.kind === "function");
  t.deepEqual(cb.kind === "pointer" && cb.to.kind === "function" ? cb.to.returns : null, long);
  const cb2 = decl(file, "typedef", "CB2").type;
  t.deepEqual(cb2.kind === "pointer" && cb2.to.kind === "function" ? cb2.to.returns : null, { kind: "pointer", to: long, isConst: false });
});

test("a pointer to a type parameter is a pointer to the parameter, not an undeclared struct", async (t) => {
  const r = await compileText({
    "gen.idl": `import "oaidl.idl";\n[object, uuid(0F0E0D0C-0B0A-0908-0706-050403020109)] interface IRef<T> : IUnknown { HRESULT Get([out, retval] T *value); }\n`,
  });
  t.deepEqual(r.messages, [], "no MTS3011 warning for T");
  const m = decl(r.ir.find((f) => f.source === "gen.idl"), "interface", "IRef").methods[0]!;
  t.deepEqual(m.params[0]!.type, { kind: "pointer", to: { kind: "param", name: "T" }, isConst: false });
});
