/**
 * Issue 3, item 6: the IR is a contract. `src/model/ir.schema.json` describes `IrFile` exactly, is
 * generated from `src/model/ir.ts` (`npm run ir:schema`) and carries the IR version; the IR we write
 * validates against it, and IR that breaks the contract does not, for a stated reason.
 * (The whole Wine corpus is validated in `corpus/corpus.test.ts`.)
 */
import test from "ava";
import type { ErrorObject } from "ajv";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../src/index.js";
import { IR_VERSION, type IrDeclarationKind, type IrMethodKind, type IrType } from "../src/model/ir.js";
import { generateIrSchemaText, irSchemaFile, irSchemaId } from "../src/model/ir-schema.js";
import { formatIrSchemaError, irSchema, irSchemaErrors } from "./ir-validator.js";
import { compileText } from "./model/helpers.js";

// Exhaustive by construction: the compiler rejects a missing or an extra key.
const DECLARATION_KINDS: Record<IrDeclarationKind, true> = {
  interface: true, dispinterface: true, coclass: true, library: true, module: true, enum: true,
  struct: true, union: true, typedef: true, const: true, apicontract: true, cpp_quote: true,
};
const TYPE_KINDS: Record<IrType["kind"], true> = { base: true, ref: true, param: true, pointer: true, array: true, safearray: true, function: true };
const METHOD_KINDS: Record<IrMethodKind, true> = { method: true, propget: true, propput: true, propputref: true, eventadd: true, eventremove: true };

const GOLDEN_DIR = "test/fixtures/valid";
const goldenIrFiles = readdirSync(GOLDEN_DIR)
  .filter((d) => d.endsWith(".expected"))
  .flatMap((d) => readdirSync(join(GOLDEN_DIR, d)).filter((f) => f.endsWith(".ir.json")).map((f) => join(GOLDEN_DIR, d, f)));

/** IR with what the golden files and msgrpriv.idl lack: WinRT generics, apicontract, module, union, array, function pointer. */
const SHAPES_IDL = `
import "unknwn.idl";
[object, uuid(AF86E2E0-B12D-4c6a-9C5A-D7AA65101E90)]
interface IInspectable : IUnknown { HRESULT GetRuntimeClassName([out] long *n); }
namespace Demo.Things {
  [contractversion(1.0)] apicontract ThingsContract {}
  [contract(Demo.Things.ThingsContract, 1.0), uuid(9de1c535-6ae1-11e0-84e1-18a905bcc53f)]
  delegate HRESULT Handler<T>([in] IInspectable *sender, [in] T args);
  [contract(Demo.Things.ThingsContract, 1.0), uuid(9de1c535-6ae1-11e0-84e1-18a905bcc540)]
  interface IBox<T> : IInspectable {
    HRESULT Set([in] T value);
    [eventadd] HRESULT Changed([in] Demo.Things.Handler<T> *handler, [out, retval] long *token);
    [eventremove] HRESULT Changed([in] long token);
  }
  declare { interface Demo.Things.IBox<int>; }
  [contract(Demo.Things.ThingsContract, 1.0), uuid(9de1c535-6ae1-11e0-84e1-18a905bcc541)]
  interface IThing : IInspectable { HRESULT Box([out, retval] Demo.Things.IBox<int> **box); }
  [contract(Demo.Things.ThingsContract, 1.0)]
  runtimeclass Thing { [default] interface Demo.Things.IThing; interface Demo.Things.IBox<int>; }
}
typedef union switch (long kind) arm { case 1: long i; case 2: double d; default: ; } Choice;
typedef struct tagBuf { long n; char data[16]; long (*cb)(long a); } Buf;
[dllname("x.dll")] module M { [entry("f")] long __stdcall f([in] long a); };
`;

/** The IR files (JSON text as `--emit ir` writes it, parsed) of a compile. */
function irOf(result: { readonly files: readonly { readonly path: string; readonly contents: string }[] }): unknown[] {
  return result.files.filter((f) => f.path.endsWith(".ir.json")).map((f) => JSON.parse(f.contents) as unknown);
}

let msgrpriv: Promise<unknown[]> | undefined;
const msgrprivIr = (): Promise<unknown[]> =>
  (msgrpriv ??= compile({ inputs: ["idl/msgrpriv.idl"], outDir: "x", emit: ["ir"], format: false, verify: false }).then((r) => {
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`msgrpriv.idl: ${errors.length} errors`);
    return irOf(r);
  }));
let shapes: Promise<unknown[]> | undefined;
const shapesIr = (): Promise<unknown[]> =>
  (shapes ??= compileText({ "shapes.idl": SHAPES_IDL }).then((r) => {
    if (r.messages.length) throw new Error(r.messages.join("\n"));
    return irOf(r);
  }));

const goldenWidgets = (): Record<string, any> => JSON.parse(readFileSync(join(GOLDEN_DIR, "widgets.expected", "widgets.ir.json"), "utf8"));
const brief = (e: ErrorObject): object => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params });
const definitions = irSchema["definitions"] as Record<string, Record<string, any>>;

test("the committed IR schema is what `npm run ir:schema` generates from ir.ts", (t) => {
  t.timeout(60_000);
  t.is(generateIrSchemaText(), readFileSync(irSchemaFile, "utf8"), "src/model/ir.schema.json is stale: run `npm run ir:schema`");
});

test("the IR schema carries the IR version, and IR files must carry exactly that version", (t) => {
  t.is(irSchema["$id"], irSchemaId);
  t.true(irSchemaId.endsWith(`:${IR_VERSION}`));
  t.regex(String(irSchema["title"]), new RegExp(`\\bversion ${IR_VERSION}\\b`));
  t.is(irSchema["$schema"], "http://json-schema.org/draft-07/schema#");
  const irVersion = (irSchema["properties"] as Record<string, Record<string, unknown>>)["irVersion"]!;
  t.is(irVersion["const"], IR_VERSION);
  t.true((irSchema["required"] as string[]).includes("irVersion"));
});

test("the IR schema is closed: every object schema has additionalProperties: false", (t) => {
  const open: string[] = [];
  let closed = 0;
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if (o["properties"]) o["additionalProperties"] === false ? closed++ : open.push(path);
      for (const [k, x] of Object.entries(o)) {
        if (k === "properties" || k === "definitions") for (const [n, y] of Object.entries(x as object)) walk(y, `${path}/${k}/${n}`);
        else walk(x, `${path}/${k}`);
      }
    }
  };
  walk(irSchema, "#");
  // A union checks its discriminant first (those are not closed), then its alternatives, which are.
  t.deepEqual(open, ["IrDeclaration", "IrType", "IrValue"].map((d) => `#/definitions/${d}/allOf/0`));
  t.true(closed >= 30, `${closed} closed object schemas`);
});

test("the IR schema's kinds are those of the TypeScript types, as enums", (t) => {
  const sorted = (xs: readonly string[]): string[] => [...xs].sort();
  t.deepEqual(sorted(definitions["IrDeclarationKind"]!["enum"]), sorted(Object.keys(DECLARATION_KINDS)));
  t.deepEqual(definitions["IrDeclaration"]!["allOf"][0].properties.kind, { $ref: "#/definitions/IrDeclarationKind" });
  t.deepEqual(sorted(definitions["IrType"]!["allOf"][0].properties.kind.enum), sorted(Object.keys(TYPE_KINDS)));
  t.deepEqual(sorted(definitions["IrMethodKind"]!["enum"]), sorted(Object.keys(METHOD_KINDS)));
  const typeForms = definitions["IrType"]!["allOf"][1].anyOf;
  t.deepEqual(typeForms.map((a: any) => a.properties.kind.const), Object.keys(TYPE_KINDS));
  t.regex(typeForms[2].description, /type parameter/, "JSDoc on a union member is kept");
});

for (const file of goldenIrFiles) {
  test(`the golden IR ${file} validates against the IR schema`, (t) => {
    t.deepEqual(irSchemaErrors(JSON.parse(readFileSync(file, "utf8"))).map(formatIrSchemaError), []);
  });
}

test("the IR of idl/msgrpriv.idl, compiled through the API, validates against the IR schema", async (t) => {
  const files = await msgrprivIr();
  t.true(files.length >= 1);
  for (const ir of files) t.deepEqual(irSchemaErrors(ir).map(formatIrSchemaError), []);
});

test("IR with WinRT generics, type arguments, apicontract, module, union, array and function pointer validates", async (t) => {
  const files = await shapesIr();
  for (const ir of files) t.deepEqual(irSchemaErrors(ir).map(formatIrSchemaError), []);
});

test("together, the IR validated above has every declaration kind and type form, and type arguments", async (t) => {
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o["kind"] === "string") seen.add(o["kind"]);
      if (o["kind"] === "ref" && Array.isArray(o["args"])) seen.add("ref with args");
      Object.values(o).forEach(walk);
    }
  };
  walk([...goldenIrFiles.map((f) => JSON.parse(readFileSync(f, "utf8"))), ...(await msgrprivIr()), ...(await shapesIr())]);
  const wanted = [...Object.keys(DECLARATION_KINDS), ...Object.keys(TYPE_KINDS), ...Object.keys(METHOD_KINDS).filter((k) => k !== "propputref"), "ref with args"];
  t.deepEqual(wanted.filter((k) => !seen.has(k)), []);
});

test("an IR with an unknown declaration kind is rejected, with the kinds allowed", (t) => {
  const ir = goldenWidgets();
  ir["declarations"][8].kind = "widget";
  t.deepEqual(irSchemaErrors(ir).map(brief), [
    { instancePath: "/declarations/8/kind", keyword: "enum", params: { allowedValues: Object.keys(DECLARATION_KINDS) } },
  ]);
});

test("an IR with an unknown type form is rejected, with the forms allowed", (t) => {
  const ir = goldenWidgets();
  ir["declarations"][8].methods[0].returnType = { kind: "tuple", of: [] };
  t.deepEqual(irSchemaErrors(ir).map(brief), [
    { instancePath: "/declarations/8/methods/0/returnType/kind", keyword: "enum", params: { allowedValues: Object.keys(TYPE_KINDS) } },
  ]);
});

test("an IR with a missing required field is rejected, naming the field", (t) => {
  const top = goldenWidgets();
  delete top["module"];
  t.deepEqual(irSchemaErrors(top).map(brief), [{ instancePath: "", keyword: "required", params: { missingProperty: "module" } }]);
  const nested = goldenWidgets();
  delete nested["declarations"][8].methods[0].vtableIndex;
  t.deepEqual(irSchemaErrors(nested).map(brief), [{ instancePath: "/declarations/8/methods/0", keyword: "required", params: { missingProperty: "vtableIndex" } }]);
});

test("an IR with a field the schema does not document is rejected, naming the field", (t) => {
  const top = goldenWidgets();
  top["generatedBy"] = "someone";
  t.deepEqual(irSchemaErrors(top).map(brief), [{ instancePath: "", keyword: "additionalProperties", params: { additionalProperty: "generatedBy" } }]);
  const nested = goldenWidgets();
  nested["declarations"][8].methods[0].params[1].type.nullable = true;
  t.deepEqual(irSchemaErrors(nested).map(brief), [
    { instancePath: "/declarations/8/methods/0/params/1/type", keyword: "additionalProperties", params: { additionalProperty: "nullable" } },
  ]);
});

test("an IR with another irVersion is rejected, with the version expected", (t) => {
  const ir = goldenWidgets();
  ir["irVersion"] = IR_VERSION + 1;
  t.deepEqual(irSchemaErrors(ir).map(brief), [{ instancePath: "/irVersion", keyword: "const", params: { allowedValue: IR_VERSION } }]);
});

test("a reference's type arguments are optional, and checked when present", (t) => {
  const ir = goldenWidgets();
  const speed = ir["declarations"][8].methods[0].params[1].type;
  t.is(speed.kind, "ref");
  speed.args = [{ kind: "param", name: "T" }];
  t.deepEqual(irSchemaErrors(ir), []);
  speed.args = [{ kind: "param" }];
  t.deepEqual(irSchemaErrors(ir).map(brief), [
    { instancePath: "/declarations/8/methods/0/params/1/type/args/0", keyword: "required", params: { missingProperty: "name" } },
  ]);
});
