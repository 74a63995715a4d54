/**
 * A simple member called with exactly its positional arguments goes through an invoker compiled
 * for its arity and types (dispatch-invoke's compileSimple); any other call shape goes through the
 * general binder. Both must bind the same way: these tests call every arity both ways.
 */
import test from "ava";
import {
  DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISP_E_EXCEPTION, DISP_E_OVERFLOW, DISP_E_TYPEMISMATCH, E_ACCESSDENIED, Guid, IID_NULL,
  PARAMFLAG, VT, dispatchInvoke, dispatchTable, ref, type ComError, type DISPPARAMS, type DispatchMemberInfo, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";

const IID_IShapes = Guid.parse("{0badf00d-1111-2222-3333-444455556666}");

// Parameter i of every member has type TYPES[i]; member m<n> takes the first n and returns them
// joined as a BSTR, so the result shows what each argument was converted to.
const TYPES = [VT.I4, VT.BSTR, VT.BOOL, VT.R8, VT.VARIANT, VT.I2];
const members: DispatchMemberInfo<Record<string, unknown>>[] = TYPES.map((_, n) => ({
  dispid: n + 1,
  name: `m${n}`,
  member: `m${n}`,
  kind: "method",
  access: "method",
  params: TYPES.slice(0, n).map((vt, i) => ({ name: `p${i}`, vt, flags: PARAMFLAG.FIN })),
  result: VT.BSTR,
}));
members.push(
  { dispid: 20, name: "Count", member: "Count", kind: "get", access: "property", params: [], result: VT.I4 },
  { dispid: 21, name: "Fail", member: "Fail", kind: "method", access: "method", params: [], result: null },
  { dispid: 22, name: "Throw", member: "Throw", kind: "method", access: "method", params: [{ name: "x", vt: VT.I4, flags: PARAMFLAG.FIN }], result: VT.I4 },
  { dispid: 23, name: "Wide", member: "Wide", kind: "method", access: "method", params: [], result: VT.UI1 },
);
const table = dispatchTable<Record<string, unknown>>(IID_IShapes, "IShapes", members);

const show = (...a: unknown[]): string => a.map((x) => `${typeof x}:${String(x)}`).join("|");
const target: Record<string, unknown> = {
  Count: "12",
  Fail: () => E_ACCESSDENIED,
  Throw: (x: number) => { throw new Error(`bad ${x}`); },
  Wide: () => 300,
};
for (let n = 0; n < TYPES.length; n++) target[`m${n}`] = show;

// Natural-order arguments that all need converting, except the VARIANT one.
const NATURAL: VARIANT[] = ["7", 8, 1, "2.5", 9n, 3.6];

function call(dispid: number, params: DISPPARAMS, wFlags = DISPATCH_METHOD): VARIANT {
  return dispatchInvoke(table, target, dispid, IID_NULL, 0, wFlags, params, null, null, null);
}
/** Positional: rgvarg holds the arguments last first. Takes the compiled invoker. */
const positional = (args: readonly VARIANT[]): DISPPARAMS => ({ rgvarg: [...args].reverse() });
/** The same arguments all named: takes the general binder. */
const named = (args: readonly VARIANT[]): DISPPARAMS => ({ rgvarg: [...args], rgdispidNamedArgs: args.map((_, i) => i) });

test("every arity converts its arguments the same through the compiled invoker and the general binder", (t) => {
  for (let n = 0; n < TYPES.length; n++) {
    const args = NATURAL.slice(0, n);
    const expected = show(7, "8", true, 2.5, 9n, 4).split("|").slice(0, n).join("|");
    t.is(call(n + 1, positional(args)), expected, `m${n} positional`);
    t.is(call(n + 1, named(args)), expected, `m${n} named`);
    // Second call: the invoker compiled by the first one.
    t.is(call(n + 1, positional(args)), expected, `m${n} positional again`);
  }
});

test("a failed conversion names the same rgvarg index on both paths", (t) => {
  for (let n = 1; n < TYPES.length; n++) {
    for (let bad = 0; bad < n; bad++) {
      if (TYPES[bad] === VT.VARIANT) continue;
      const args = NATURAL.slice(0, n).map((v, i) => (i === bad ? "not a number" : v));
      if (TYPES[bad] === VT.BSTR) args[bad] = Symbol("no string") as unknown as VARIANT;
      const fast = throwsHr(t, () => call(n + 1, positional(args)), DISP_E_TYPEMISMATCH);
      t.is(fast.argErr, n - 1 - bad, `m${n}, argument ${bad}: positional index`);
      const general = throwsHr(t, () => call(n + 1, named(args)), DISP_E_TYPEMISMATCH);
      t.is(general.argErr, bad, `m${n}, argument ${bad}: named index`);
    }
  }
  const argErr = ref<number | undefined>(undefined);
  throwsHr(t, () => dispatchInvoke(table, target, 2, IID_NULL, 0, DISPATCH_METHOD, positional(["x"]), null, null, argErr as never), DISP_E_TYPEMISMATCH);
  t.is(argErr.value, 0, "puArgErr is filled when the caller passes it");
});

test("results are converted, failing HRESULTs and exceptions become DISP_E_EXCEPTION", (t) => {
  t.is(call(20, { rgvarg: [] }, DISPATCH_PROPERTYGET), 12);
  const failed: ComError = throwsHr(t, () => call(21, { rgvarg: [] }), DISP_E_EXCEPTION);
  t.is(failed.excepInfo?.scode, E_ACCESSDENIED);
  const thrown: ComError = throwsHr(t, () => call(22, positional([5])), DISP_E_EXCEPTION);
  t.is(thrown.excepInfo?.bstrDescription, "bad 5");
  t.is(thrown.excepInfo?.bstrSource, "IShapes");
  const wide: ComError = throwsHr(t, () => call(23, { rgvarg: [] }), DISP_E_EXCEPTION);
  t.is(wide.excepInfo?.scode, DISP_E_OVERFLOW, "a retval that does not fit its type");
});
