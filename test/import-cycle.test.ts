/**
 * Files that import each other (legal MIDL: an import is read once) give modules that import each
 * other's values. ES modules evaluate a cycle in an order set by whichever is loaded first, so
 * nothing generated may read another module's value while its own module is being evaluated.
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { compile } from "../src/compiler/compile.js";
import * as rt from "../src/runtime/index.js";

type Module = Record<string, unknown>;
type Stub = (new () => rt.ComObject) & { readonly coclass: rt.CoclassInfo };

const compiled = compile({ inputs: ["test/fixtures/cycle/left.idl"], outDir: "unused", verify: true, format: false });

/** Writes the transpiled modules into a fresh directory inside the package (for `midl-ts/runtime`). */
async function emit(tag: string): Promise<string> {
  const result = await compiled;
  const dir = resolve(`scratch/cycle-${tag}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  for (const f of result.files) {
    const js = ts.transpileModule(f.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, basename(f.path).replace(/\.ts$/, ".js")), js.outputText);
  }
  return dir;
}

test("mutually importing files compile and type-check, with constants resolved across the cycle", async (t) => {
  const result = await compiled;
  t.deepEqual(result.diagnostics.map((d) => d.code), []);
  t.deepEqual(result.files.map((f) => basename(f.path)).sort(), ["left.ts", "right.ts"]);
  const left = result.files.find((f) => f.path.endsWith("left.ts"))!.contents;
  t.regex(left, /SIDE_LEFT: 41/);
});

for (const first of ["left", "right"] as const) {
  test(`the generated modules load and run when ${first}.js is imported first`, async (t) => {
    const dir = await emit(first);
    const load = (name: string) => import(pathToFileURL(join(dir, `${name}.js`)).href) as Promise<Module>;
    const firstModule = await load(first);
    const left = first === "left" ? firstModule : await load("left");
    const right = first === "right" ? firstModule : await load("right");
    const LeftThing = left["LeftThingStub"] as Stub;
    const RightThing = right["RightThingStub"] as Stub;
    t.is(LeftThing.coclass.interfaces[0]!.iid, right["IID_IRight"] as rt.Guid);
    t.is(RightThing.coclass.interfaces[0]!.iid, left["IID_ILeft"] as rt.Guid);

    class Impl extends (RightThing as unknown as new () => rt.ComObject & Record<string, unknown>) {
      Left(x: number) { return x * 2; }
      Right(_other: unknown) { return 7; }
    }
    const obj = new Impl();
    const disp = obj.QueryInterface<rt.IDispatch>(rt.IID_IDispatch);
    const [dispid] = disp.GetIDsOfNames(rt.IID_NULL, ["Left"], 0);
    t.is(disp.Invoke(dispid!, rt.IID_NULL, 0, rt.DISPATCH_METHOD, { rgvarg: [21] }), 42, "a member of the other module's base interface through Invoke");
    t.is(obj.QueryInterface(left["IID_ILeft"] as rt.Guid), obj);
    t.is(obj.QueryInterface(right["IID_IRight"] as rt.Guid), obj, "the base interface from the other module");
  });
}
