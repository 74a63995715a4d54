/**
 * The widgets fixture's generated modules, transpiled and executed: parameterised properties,
 * optional and default arguments, [out] and [in, out] parameters through Invoke, inheritance across
 * modules, and events of a vtable [source] interface.
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { compile } from "../src/compiler/compile.js";
import * as rt from "../src/runtime/index.js";

type Module = Record<string, unknown>;

/** Compiles the fixture and loads its modules from a directory inside the package (for `midl-ts/runtime`). */
async function load(): Promise<{ widgets: Module; shapes: Module }> {
  const outDir = resolve(`scratch/exec-${process.pid}`);
  const result = await compile({ inputs: ["test/fixtures/valid/widgets.idl"], outDir, verify: false, format: false });
  mkdirSync(outDir, { recursive: true });
  for (const f of result.files) {
    const js = ts.transpileModule(f.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(outDir, basename(f.path).replace(/\.ts$/, ".js")), js.outputText);
  }
  const widgets = (await import(pathToFileURL(join(outDir, "widgets.js")).href)) as Module;
  const shapes = (await import(pathToFileURL(join(outDir, "shapes-base.js")).href)) as Module;
  return { widgets, shapes };
}

const loaded = load();

test("a subclass of a generated stub answers Invoke for inherited, parameterised and by-reference members", async (t) => {
  const { widgets, shapes } = await loaded;
  const WidgetStub = widgets["WidgetStub"] as new () => rt.ComObject;
  const items = new Map<number, rt.VARIANT>();
  const calls: unknown[] = [];
  class Widget extends (WidgetStub as unknown as new () => rt.ComObject & Record<string, unknown>) {
    Move(to: { x: number; y: number }) {
      calls.push(["Move", to.x, to.y]);
    }
    get Units() {
      return (shapes["Units"] as Record<string, number>)["UNITS_INCHES"];
    }
    Spin(turns: number, speed?: rt.VARIANT, times?: number) {
      calls.push(["Spin", turns, rt.isMissing(speed) ? "missing" : speed, times]);
    }
    Measure(width: rt.Ref<number>, height: rt.Ref<number>) {
      width.value = 3;
      height.value = 4;
    }
    Swap(text: rt.Ref<string>) {
      text.value = text.value.split("").reverse().join("");
    }
    get_Item(index: number) {
      return items.get(index);
    }
    put_Item(index: number, item: rt.VARIANT) {
      items.set(index, item);
    }
  }
  const w = new Widget();
  const disp = w.QueryInterface<rt.IDispatch>(rt.IID_IDispatch);
  t.is(w.QueryInterface(shapes["IID_IShape"] as rt.Guid), w as unknown as rt.IUnknown, "a base interface from another module answers QueryInterface");

  // Structs (VT_RECORD) travel as plain objects; VARIANT has no record member type yet.
  rt.invoke(disp, "Move", [{ x: 1, y: 2 } as unknown as rt.VARIANT]);
  t.is(rt.invoke(disp, "Units", [], { kind: "get" }), 0x10);
  rt.invoke(disp, "Spin", [2.5]);
  rt.invoke(disp, "Spin", [1, "fast", 7]);
  t.deepEqual(calls, [["Move", 1, 2], ["Spin", 2.5, "missing", 1], ["Spin", 1, "fast", 7]], "optional VARIANT and [defaultvalue(1)]");

  const width = rt.ref<rt.VARIANT>(0);
  const height = rt.ref<rt.VARIANT>(0);
  rt.invoke(disp, "Measure", [width, height]);
  t.deepEqual([width.value, height.value], [3, 4], "[out] parameters written back through Invoke");
  const text = rt.ref<rt.VARIANT>("abc");
  rt.invoke(disp, "Swap", [text]);
  t.is(text.value, "cba", "[in, out] BSTR");

  rt.invoke(disp, "Item", [5, "five"], { kind: "put" });
  t.is(items.get(5), "five");
  t.is(rt.invoke(disp, "Item", [5], { kind: "get" }), "five", "a parameterised property reaches get_Item/put_Item");
  const e = t.throws(() => rt.invoke(disp, "Name", [], { kind: "get" }), { instanceOf: rt.ComError });
  t.is(e.hresult, rt.DISP_E_EXCEPTION);
  t.is(e.excepInfo?.scode, rt.E_NOTIMPL, "members not overridden fail with E_NOTIMPL");
});

test("a vtable [source] interface delivers events through its generated event table", async (t) => {
  const { widgets } = await loaded;
  const WidgetHostStub = widgets["WidgetHostStub"] as new () => rt.ComObject & { fireOnChanged(what: number, w: unknown): void };
  const Sink = widgets["IWidgetObserverSink"] as (h: { OnChanged(what: number, w: unknown): void }) => rt.IUnknown;
  const host = new WidgetHostStub();
  const seen: number[] = [];
  const cp = host.QueryInterface<rt.IConnectionPointContainer>(rt.IID_IConnectionPointContainer).FindConnectionPoint(widgets["IID_IWidgetObserver"] as rt.Guid);
  cp.Advise(Sink({ OnChanged: (what) => void seen.push(what) }));
  host.fireOnChanged(7, null);
  host.fireOnChanged(9, null);
  t.deepEqual(seen, [7, 9]);
});
