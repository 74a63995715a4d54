/**
 * Hostile names (constructor, __proto__, prototype, toString, reserved words, names differing only in
 * case) give code that type-checks and runs, and dispatch tables that cannot be polluted.
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { compile } from "../src/compiler/compile.js";
import * as rt from "../src/runtime/index.js";

const loaded = (async () => {
  const r = await compile({ inputs: ["test/fixtures/hostile/hostile.idl"], outDir: "scratch/hostile", emit: ["ts"] });
  const dir = resolve(`scratch/hostile-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const js = ts.transpileModule(r.files[0]!.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(join(dir, "hostile.js"), js.outputText);
  return { diagnostics: r.diagnostics, text: r.files[0]!.contents, mod: (await import(pathToFileURL(join(dir, "hostile.js")).href)) as Record<string, unknown> };
})();

test("the output type-checks under strict (verification on) with no diagnostics", async (t) => {
  t.deepEqual((await loaded).diagnostics, []);
});

test("reserved words and special names are escaped where they must be and kept where they may", async (t) => {
  const { mod } = await loaded;
  t.deepEqual(mod["class_"], { delete: 1, in: 2, constructor: 3, __proto__: 4 }, "an enum named 'class' becomes class_, its members stay");
  t.is(Object.getPrototypeOf(mod["class_"]), Object.prototype, "a member named __proto__ is an own property, not the prototype");
});

test("types named like Object.prototype members are ordinary typedefs, not the mapper's well-known types", async (t) => {
  const { text } = await loaded;
  t.regex(text, /\bTyped\(a: toLocaleString, b: isPrototypeOf\): toLocaleString;/);
  t.regex(text, /export type toLocaleString = number;/);
});

test("dispatch tables answer the declared names only: nothing from Object.prototype leaks in", async (t) => {
  const { mod } = await loaded;
  const Stub = mod["HostileStub"] as new () => rt.ComObject & Record<string, unknown>;
  class Impl extends Stub {
    override ["constructor"](n: number, d: number): number {
      return n + d;
    }
    override toString(): string {
      return "hostile";
    }
  }
  const disp = new Impl().QueryInterface<rt.IDispatch>(rt.IID_IDispatch);
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["constructor"], 0), [1]);
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["__PROTO__"], 0), [2]);
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["tostring"], 0), [3]);
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["hasOwnProperty"], 0), [7]);
  for (const name of ["isPrototypeOf", "valueOf", "__defineGetter__", "propertyIsEnumerable"]) {
    const e = t.throws(() => disp.GetIDsOfNames(rt.IID_NULL, [name], 0), { instanceOf: rt.ComError });
    t.is(e.hresult, rt.DISP_E_UNKNOWNNAME, name);
  }
  t.is(rt.invoke(disp, "constructor", [2, 3]), 5, "a COM method named constructor is callable through Invoke");
  t.is(rt.invoke(disp, "toString"), "hostile");
  const notImpl = t.throws(() => rt.invoke(disp, "__proto__", ["x"]), { instanceOf: rt.ComError });
  t.is(notImpl.excepInfo?.scode, rt.E_NOTIMPL, "__proto__ is an ordinary stub member");
  t.is(Object.getPrototypeOf(disp), Impl.prototype, "and the object's prototype is untouched");
});

test("names differing only in case: both members exist; lookup takes the exact spelling, else the first declared", async (t) => {
  const { mod } = await loaded;
  const Stub = mod["HostileStub"] as new () => rt.ComObject;
  class Impl extends Stub {
    get value(): number {
      return 1;
    }
    get Value(): number {
      return 2;
    }
  }
  const disp = new Impl().QueryInterface<rt.IDispatch>(rt.IID_IDispatch);
  t.is(disp.Invoke(5, rt.IID_NULL, 0, rt.DISPATCH_PROPERTYGET, { rgvarg: [] }), 1);
  t.is(disp.Invoke(6, rt.IID_NULL, 0, rt.DISPATCH_PROPERTYGET, { rgvarg: [] }), 2);
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["VALUE"], 0), [5], "no exact match: the first declared");
  t.deepEqual(disp.GetIDsOfNames(rt.IID_NULL, ["Value"], 0), [6], "an exact spelling wins");
});
