import test from "ava";
import {
  DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF, DISPID_PROPERTYPUT, DISP_E_UNKNOWNNAME,
  DISP_E_UNKNOWNINTERFACE, IID_IDispatch, IID_NULL, Variant, VT, ref, isMissing, type DISPPARAMS, type IDispatch, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { IID_IMsgrSession } from "./messenger-fixture.js";
import { MyManager, MySession } from "./messenger-impl.js";

function setup(): { obj: MyManager; disp: IDispatch } {
  const obj = new MyManager();
  return { obj, disp: obj.QueryInterface<IDispatch>(IID_IDispatch) };
}

/** Invoke with natural-order positional arguments. */
function call(disp: IDispatch, dispid: number, wFlags: number, args: readonly VARIANT[], named: readonly [number, VARIANT][] = []): VARIANT {
  const params: DISPPARAMS = {
    rgvarg: [...named.map(([, v]) => v), ...[...args].reverse()],
    rgdispidNamedArgs: named.map(([id]) => id),
  };
  return disp.Invoke(dispid, IID_NULL, 0, wFlags, params);
}

test("GetIDsOfNames is case-insensitive and maps parameter names to their positions", (t) => {
  const { disp } = setup();
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["Add"], 0), [23]);
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["aDD"], 0), [23]);
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["registerapplication", "ULFLAGS", "bstrAppName"], 0), [3, 4, 1]);
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["Item", "index", "value"], 0), [0, 0, 1]);
  t.deepEqual(disp.GetIDsOfNames(IID_NULL, ["Application", "bstrAppGUID"], 0), [10, 0]);
});

test("GetIDsOfNames fails with DISP_E_UNKNOWNNAME for unknown members or parameters, DISP_E_UNKNOWNINTERFACE for a non-null riid", (t) => {
  const { disp } = setup();
  throwsHr(t, () => disp.GetIDsOfNames(IID_NULL, ["Nope"], 0), DISP_E_UNKNOWNNAME);
  throwsHr(t, () => disp.GetIDsOfNames(IID_NULL, ["Add", "c"], 0), DISP_E_UNKNOWNNAME);
  throwsHr(t, () => disp.GetIDsOfNames(IID_IMsgrSession, ["Add"], 0), DISP_E_UNKNOWNINTERFACE);
});

test("Invoke a method by DISPID with positional arguments in COM (reverse) order", (t) => {
  const { obj, disp } = setup();
  t.is(disp.Invoke(23, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [2, 40] }), 42);
  t.is(call(disp, 3, DISPATCH_METHOD, ["guid", "name", "url", "path", 0]), undefined);
  t.deepEqual(obj.calls.at(-1), ["RegisterApplication", "guid", "name", "url", "path", 0]);
  const session = call(disp, 1, DISPATCH_METHOD, []);
  t.true(session instanceof MySession);
  t.is(call(disp, 2, DISPATCH_METHOD, [77]), null);
  t.deepEqual(obj.calls.at(-1), ["GetLaunchingSession", 77]);
});

test("Invoke writes the result to pVarResult too", (t) => {
  const { disp } = setup();
  const result = ref<VARIANT>(undefined);
  t.is(disp.Invoke(23, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [1, 1] }, result), 2);
  t.is(result.value, 2);
});

test("property get, put, read-only get and write-only put", (t) => {
  const { obj, disp } = setup();
  t.is(call(disp, 10, DISPATCH_PROPERTYGET, []), "none");
  t.is(call(disp, 10, DISPATCH_PROPERTYPUT, [], [[DISPID_PROPERTYPUT, "Chess"]]), undefined);
  t.is(obj.app, "Chess");
  t.is(call(disp, 10, DISPATCH_PROPERTYGET, []), "Chess");
  t.is(call(disp, 11, DISPATCH_PROPERTYGET, []), 3);
  call(disp, 5, DISPATCH_PROPERTYPUT, [], [[DISPID_PROPERTYPUT, [1, "two"]]]);
  t.deepEqual(obj.applications, [1, "two"]);
});

test("a put's value is also accepted positionally (as the last argument)", (t) => {
  const { obj, disp } = setup();
  call(disp, 10, DISPATCH_PROPERTYPUT, ["Positional"]);
  t.is(obj.app, "Positional");
  call(disp, 0, DISPATCH_PROPERTYPUT, [4, "four"]);
  t.is(obj.items.get(4), "four");
});

test("putref assigns an object property", (t) => {
  const { obj, disp } = setup();
  const owner = new MySession();
  call(disp, 12, DISPATCH_PROPERTYPUTREF, [], [[DISPID_PROPERTYPUT, owner]]);
  t.is(obj.owner, owner);
  t.is(call(disp, 12, DISPATCH_PROPERTYGET, []), owner);
});

test("parameterised property: get_Item / put_Item with the value last", (t) => {
  const { obj, disp } = setup();
  call(disp, 0, DISPATCH_PROPERTYPUT, [7], [[DISPID_PROPERTYPUT, "seven"]]);
  t.is(obj.items.get(7), "seven");
  t.is(call(disp, 0, DISPATCH_PROPERTYGET, ["7"]), "seven");
});

test("DISPATCH_METHOD | DISPATCH_PROPERTYGET reaches a method or a property get", (t) => {
  const { obj, disp } = setup();
  t.is(call(disp, 23, DISPATCH_METHOD | DISPATCH_PROPERTYGET, [20, 22]), 42);
  t.is(call(disp, 11, DISPATCH_METHOD | DISPATCH_PROPERTYGET, []), 3);
  obj.items.set(99, "ninety-nine");
  t.is(call(disp, 0, DISPATCH_METHOD | DISPATCH_PROPERTYGET, [99]), "ninety-nine", "parameterised get");
});

test("named arguments map by parameter position, in any order", (t) => {
  const { obj, disp } = setup();
  // RegisterApplication(bstrAppGUID=0, bstrAppName=1, bstrAppURL=2, bstrPath=3, ulFlags=4): two positional, three named.
  call(disp, 3, DISPATCH_METHOD, ["g", "n"], [[4, 0], [3, "p"], [2, "u"]]);
  t.deepEqual(obj.calls.at(-1), ["RegisterApplication", "g", "n", "u", "p", 0]);
  const ids = disp.GetIDsOfNames(IID_NULL, ["FormatValue", "lWidth", "dblValue"], 0);
  t.is(call(disp, ids[0]!, DISPATCH_METHOD, [], [[ids[1]!, 6], [ids[2]!, 1.5]]), "...1.5");
});

test("optional VARIANT parameters receive the missing marker; [defaultvalue] parameters their default", (t) => {
  const { obj, disp } = setup();
  t.is(call(disp, 22, DISPATCH_METHOD, [2]), ".......2");
  const [, , prefix, width] = obj.calls.at(-1)!;
  t.true(isMissing(prefix));
  t.is(width, 8);
  t.is(call(disp, 22, DISPATCH_METHOD, [2, "$"]), "......$2");
  t.is(call(disp, 22, DISPATCH_METHOD, [2, "$", 3]), ".$2");
  // A caller skipping an optional argument passes the missing marker positionally.
  t.is(call(disp, 22, DISPATCH_METHOD, [2, Variant.missing, Variant.missing]), ".......2");
  t.is(call(disp, 22, DISPATCH_METHOD, [2, Variant.missing, "4"]), "...2");
});

test("[lcid] parameters receive Invoke's lcid and take no argument", (t) => {
  const { disp } = setup();
  t.is(disp.Invoke(31, IID_NULL, 1033, DISPATCH_METHOD, { rgvarg: [] }), 1033);
  t.is(disp.Invoke(31, IID_NULL, 0x0407, DISPATCH_METHOD, { rgvarg: [] }), 0x0407);
});

test("[out] parameters are passed as Refs and written back", (t) => {
  const { disp } = setup();
  const remainder = ref<VARIANT>(undefined);
  t.is(call(disp, 20, DISPATCH_METHOD, [17, 5, remainder]), 3);
  t.is(remainder.value, 2);
});

test("[in, out] parameters: coerced in, the callee's writes come back", (t) => {
  const { obj, disp } = setup();
  const a = ref<VARIANT>("left");
  const b = ref<VARIANT>(42); // coerced to BSTR on the way in
  call(disp, 21, DISPATCH_METHOD, [a, b]);
  t.is(a.value, "42");
  t.is(b.value, "left");
  const ids = ref<VARIANT>(["1", 2]);
  call(disp, 30, DISPATCH_METHOD, [ids]);
  t.deepEqual(obj.siteIds, [1, 2]);
  t.deepEqual(ids.value, [10, 20]);
});

test("a by-value argument for a by-reference parameter works, without write-back", (t) => {
  const { disp } = setup();
  t.is(call(disp, 20, DISPATCH_METHOD, [17, 5, 0]), 3);
});

test("arguments are coerced to the parameter types", (t) => {
  const { obj, disp } = setup();
  t.is(call(disp, 23, DISPATCH_METHOD, ["40", 2]), 42, "string → I4");
  call(disp, 3, DISPATCH_METHOD, [1, 2.5, true, new Date(Date.UTC(2000, 0, 1)), "7"]);
  t.deepEqual(obj.calls.at(-1), ["RegisterApplication", "1", "2.5", "-1", "01/01/2000", 7], "numbers, booleans, dates → BSTR");
  call(disp, 27, DISPATCH_METHOD, [2]);
  t.is(obj.flag, true, "number → BOOL");
  call(disp, 27, DISPATCH_METHOD, [0]);
  t.is(obj.flag, false);
  call(disp, 26, DISPATCH_METHOD, [new Variant(VT.R8, -32768.4)]);
  t.is(obj.shortValue, -32768);
  call(disp, 26, DISPATCH_METHOD, [ref<VARIANT>("12")]);
  t.is(obj.shortValue, 12, "a by-reference argument to a by-value parameter is dereferenced");
});

test("methods returning S_FALSE succeed (HRESULT | void)", (t) => {
  const { disp } = setup();
  t.is(call(disp, 3, DISPATCH_METHOD, ["g", "n", "u", "p", 1]), undefined);
});

test("the dispatch table of the default interface serves Invoke for every interface pointer", (t) => {
  const session = new MySession();
  const disp = session.QueryInterface<IDispatch>(IID_IDispatch);
  call(disp, 10, DISPATCH_PROPERTYPUT, [], [[DISPID_PROPERTYPUT, "app"]]);
  t.is(session.Application, "app");
  const user = new MySession();
  call(disp, 12, DISPATCH_METHOD, [user, "data"]);
  t.deepEqual(session.invited, [[user, "data"]]);
  call(disp, 12, DISPATCH_METHOD, [null, "none"]);
  t.deepEqual(session.invited[1], [null, "none"]);
});
