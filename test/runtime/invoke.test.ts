import test from "ava";
import {
  DISP_E_BADPARAMCOUNT, DISP_E_EXCEPTION, DISP_E_MEMBERNOTFOUND, DISP_E_UNKNOWNNAME, IID_IDispatch, Variant, invoke, isMissing, ref,
  type IDispatch, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { MyManager, MySession } from "./messenger-impl.js";

function setup(): { obj: MyManager; disp: IDispatch } {
  const obj = new MyManager();
  return { obj, disp: obj.QueryInterface<IDispatch>(IID_IDispatch) };
}

test("invoke calls methods by name or DISPID with natural-order arguments", (t) => {
  const { obj, disp } = setup();
  t.is(invoke(disp, "Add", [40, 2]), 42);
  t.is(invoke(disp, "add", ["40", "2"]), 42);
  t.is(invoke(disp, 23, [1, 2]), 3);
  invoke(disp, "RegisterApplication", ["g", "n", "u", "p", 0]);
  t.deepEqual(obj.calls.at(-1), ["RegisterApplication", "g", "n", "u", "p", 0]);
  t.true(invoke(disp, "CreateSession") instanceof MySession);
});

test("invoke without kind reads properties too (METHOD | PROPERTYGET)", (t) => {
  const { obj, disp } = setup();
  t.is(invoke(disp, "Application"), "none");
  t.is(invoke(disp, "State"), 3);
  obj.items.set(1, "one");
  t.is(invoke(disp, "Item", [1]), "one");
});

test("invoke with kind get/put/putref", (t) => {
  const { obj, disp } = setup();
  invoke(disp, "Application", ["Chess"], { kind: "put" });
  t.is(obj.app, "Chess");
  t.is(invoke(disp, "Application", [], { kind: "get" }), "Chess");
  invoke(disp, "Item", [5, "five"], { kind: "put" });
  t.is(obj.items.get(5), "five");
  const owner = new MySession();
  invoke(disp, "Owner", [owner], { kind: "putref" });
  t.is(obj.owner, owner);
  throwsHr(t, () => invoke(disp, "Add", [1, 2], { kind: "get" }), DISP_E_MEMBERNOTFOUND);
  throwsHr(t, () => invoke(disp, "Application", [], { kind: "put" }), DISP_E_BADPARAMCOUNT);
});

test("invoke resolves named arguments through GetIDsOfNames", (t) => {
  const { obj, disp } = setup();
  t.is(invoke(disp, "FormatValue", [1.5], { named: { lWidth: 5 } }), "..1.5");
  const [, , prefix] = obj.calls.at(-1)!;
  t.true(isMissing(prefix));
  t.is(invoke(disp, "FormatValue", [], { named: { varPrefix: "#", dblValue: 2, LWIDTH: 3 } }), ".#2");
  invoke(disp, "RegisterApplication", ["g", "n"], { named: { ulFlags: 0, bstrPath: "p", bstrAppURL: "u" } });
  t.deepEqual(obj.calls.at(-1), ["RegisterApplication", "g", "n", "u", "p", 0]);
  t.is(invoke(disp, 22, [3], { named: { "2": 4 } }), "...3", "numeric keys are parameter DISPIDs");
  throwsHr(t, () => invoke(disp, "FormatValue", [1], { named: { nope: 1 } }), DISP_E_UNKNOWNNAME);
  throwsHr(t, () => invoke(disp, 22, [1], { named: { lWidth: 1 } }), DISP_E_UNKNOWNNAME);
});

test("invoke passes Refs by reference and Variant.missing as an omitted argument", (t) => {
  const { disp } = setup();
  const a = ref<VARIANT>("x");
  const b = ref<VARIANT>("y");
  invoke(disp, "Swap", [a, b]);
  t.deepEqual([a.value, b.value], ["y", "x"]);
  const remainder = ref<VARIANT>(undefined);
  t.is(invoke(disp, "Divide", [7, 2, remainder]), 3);
  t.is(remainder.value, 1);
  t.is(invoke(disp, "FormatValue", [1, Variant.missing, 2]), ".1");
});

test("invoke reports unknown names and implementation failures", (t) => {
  const { disp } = setup();
  throwsHr(t, () => invoke(disp, "Nope"), DISP_E_UNKNOWNNAME);
  const error = throwsHr(t, () => invoke(disp, "Fail", [0x80004001]), DISP_E_EXCEPTION);
  t.is(error.excepInfo?.scode, 0x80004001);
});
