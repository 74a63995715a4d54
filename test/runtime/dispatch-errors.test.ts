import test from "ava";
import {
  ComError, DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF, DISPID_PROPERTYPUT,
  DISP_E_BADPARAMCOUNT, DISP_E_DIVBYZERO, DISP_E_EXCEPTION, DISP_E_MEMBERNOTFOUND, DISP_E_OVERFLOW, DISP_E_PARAMNOTFOUND,
  DISP_E_PARAMNOTOPTIONAL, DISP_E_TYPEMISMATCH, DISP_E_UNKNOWNINTERFACE, E_ACCESSDENIED, E_FAIL, E_NOTIMPL, IID_IDispatch,
  IID_NULL, Variant, dispatchInvoke, ref, type DISPPARAMS, type EXCEPINFO, type IDispatch, type VARIANT,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { IID_IMsgrSessionManager, IMsgrSessionManager_dispatch, MsgrSessionManagerStub } from "./messenger-fixture.js";
import { MyManager } from "./messenger-impl.js";

function disp(): IDispatch {
  return new MyManager().QueryInterface<IDispatch>(IID_IDispatch);
}

interface Outcome {
  readonly error: ComError;
  readonly argErr: number | undefined;
  readonly excepInfo: EXCEPINFO | undefined;
}

/** Invokes expecting a failure; returns the error and what Invoke stored in puArgErr / pExcepInfo. */
function fail(t: import("ava").ExecutionContext, d: IDispatch, dispid: number, wFlags: number, params: DISPPARAMS, hr: number, riid = IID_NULL): Outcome {
  const argErr = ref<number | undefined>(undefined);
  const excepInfo = ref<EXCEPINFO | undefined>(undefined);
  const error = throwsHr(t, () => d.Invoke(dispid, riid, 0, wFlags, params, null, excepInfo as never, argErr as never), hr);
  t.is(argErr.value, error.argErr, "puArgErr mirrors ComError.argErr");
  t.is(excepInfo.value, error.excepInfo, "pExcepInfo mirrors ComError.excepInfo");
  return { error, argErr: argErr.value, excepInfo: excepInfo.value };
}

test("DISP_E_UNKNOWNINTERFACE when riid is not IID_NULL", (t) => {
  fail(t, disp(), 23, DISPATCH_METHOD, { rgvarg: [1, 2] }, DISP_E_UNKNOWNINTERFACE, IID_IMsgrSessionManager);
});

test("DISP_E_MEMBERNOTFOUND for unknown DISPIDs and for kinds the member does not have", (t) => {
  const d = disp();
  fail(t, d, 999, DISPATCH_METHOD, { rgvarg: [] }, DISP_E_MEMBERNOTFOUND);
  fail(t, d, -4, DISPATCH_METHOD, { rgvarg: [] }, DISP_E_MEMBERNOTFOUND);
  fail(t, d, 11, DISPATCH_PROPERTYPUT, { rgvarg: [1], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_MEMBERNOTFOUND); // read-only
  fail(t, d, 5, DISPATCH_PROPERTYGET, { rgvarg: [] }, DISP_E_MEMBERNOTFOUND); // write-only
  fail(t, d, 10, DISPATCH_METHOD, { rgvarg: [] }, DISP_E_MEMBERNOTFOUND); // a property is not a method
  fail(t, d, 10, DISPATCH_PROPERTYPUTREF, { rgvarg: ["x"], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_MEMBERNOTFOUND);
  fail(t, d, 23, DISPATCH_PROPERTYGET, { rgvarg: [1, 2] }, DISP_E_MEMBERNOTFOUND);
  fail(t, d, 23, 0, { rgvarg: [1, 2] }, DISP_E_MEMBERNOTFOUND);
});

test("DISP_E_MEMBERNOTFOUND when the implementation lacks the method the table names", (t) => {
  const target = {};
  throwsHr(t, () => dispatchInvoke(IMsgrSessionManager_dispatch, target, 23, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [1, 2] }, null, null, null), DISP_E_MEMBERNOTFOUND);
});

test("DISP_E_PARAMNOTFOUND for an unknown named argument, with its index as argErr", (t) => {
  const d = disp();
  // RegisterApplication has 5 parameters: 5 is out of range. Named args come first in rgvarg.
  const { argErr } = fail(t, d, 3, DISPATCH_METHOD, { rgvarg: [0, "p", "a", "b", "c"], rgdispidNamedArgs: [4, 5] }, DISP_E_PARAMNOTFOUND);
  t.is(argErr, 1);
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1, 2], rgdispidNamedArgs: [-7] }, DISP_E_PARAMNOTFOUND).argErr, 0);
});

test("DISP_E_PARAMNOTFOUND for DISPID_PROPERTYPUT on a method and for a parameter given twice", (t) => {
  const d = disp();
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1, 2], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_PARAMNOTFOUND).argErr, 0);
  // `a` (index 0) named and also positional.
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [5, 1], rgdispidNamedArgs: [0] }, DISP_E_PARAMNOTFOUND).argErr, 0);
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [5, 6], rgdispidNamedArgs: [1, 1] }, DISP_E_PARAMNOTFOUND).argErr, 1);
});

test("DISP_E_BADPARAMCOUNT for too many arguments", (t) => {
  const d = disp();
  fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1, 2, 3] }, DISP_E_BADPARAMCOUNT);
  fail(t, d, 11, DISPATCH_PROPERTYGET, { rgvarg: [1] }, DISP_E_BADPARAMCOUNT);
  fail(t, d, 10, DISPATCH_PROPERTYPUT, { rgvarg: ["v", "extra"], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_BADPARAMCOUNT);
  fail(t, d, 31, DISPATCH_METHOD, { rgvarg: [1033] }, DISP_E_BADPARAMCOUNT); // [lcid] takes no argument
  fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1], rgdispidNamedArgs: [0, 1] }, DISP_E_BADPARAMCOUNT);
});

test("DISP_E_PARAMNOTOPTIONAL for a missing required argument", (t) => {
  const d = disp();
  fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1] }, DISP_E_PARAMNOTOPTIONAL);
  fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [Variant.missing, 1] }, DISP_E_PARAMNOTOPTIONAL);
  fail(t, d, 22, DISPATCH_METHOD, { rgvarg: [] }, DISP_E_PARAMNOTOPTIONAL);
  fail(t, d, 20, DISPATCH_METHOD, { rgvarg: [5, 17] }, DISP_E_PARAMNOTOPTIONAL); // the [out] argument is required
  fail(t, d, 10, DISPATCH_PROPERTYPUT, { rgvarg: [] }, DISP_E_PARAMNOTOPTIONAL);
  const { argErr } = fail(t, d, 3, DISPATCH_METHOD, { rgvarg: [0, "p"], rgdispidNamedArgs: [4, 3] }, DISP_E_PARAMNOTOPTIONAL);
  t.is(argErr, undefined);
});

test("DISP_E_TYPEMISMATCH names the offending argument by its rgvarg index", (t) => {
  const d = disp();
  // Add(a, b): a is rgvarg[1].
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1, "abc"] }, DISP_E_TYPEMISMATCH).argErr, 1);
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: ["abc", 1] }, DISP_E_TYPEMISMATCH).argErr, 0);
  // RegisterApplication(bstrAppGUID, …): null cannot become a BSTR; the first parameter is the last in rgvarg.
  t.is(fail(t, d, 3, DISPATCH_METHOD, { rgvarg: [0, "p", "u", "n", null] }, DISP_E_TYPEMISMATCH).argErr, 4);
  // A named argument: its position among the named ones.
  t.is(fail(t, d, 3, DISPATCH_METHOD, { rgvarg: ["p", "flags", "u", "n", "g"], rgdispidNamedArgs: [3, 4] }, DISP_E_TYPEMISMATCH).argErr, 1);
  // The put value of a property.
  t.is(fail(t, d, 12, DISPATCH_PROPERTYPUTREF, { rgvarg: ["not an object"], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_TYPEMISMATCH).argErr, 0);
  // [in, out] SAFEARRAY(LONG) with a bad element.
  t.is(fail(t, d, 30, DISPATCH_METHOD, { rgvarg: [ref<VARIANT>(["x"])] }, DISP_E_TYPEMISMATCH).argErr, 0);
});

test("DISP_E_OVERFLOW names the offending argument too", (t) => {
  const d = disp();
  t.is(fail(t, d, 26, DISPATCH_METHOD, { rgvarg: [70000] }, DISP_E_OVERFLOW).argErr, 0);
  t.is(fail(t, d, 3, DISPATCH_METHOD, { rgvarg: [2 ** 40, "p", "u", "n", "g"] }, DISP_E_OVERFLOW).argErr, 0);
  t.is(fail(t, d, 20, DISPATCH_METHOD, { rgvarg: [ref(0), 5, 2 ** 31] }, DISP_E_OVERFLOW).argErr, 2);
});

test("a ComError thrown by the implementation becomes DISP_E_EXCEPTION with EXCEPINFO.scode = its HRESULT", (t) => {
  const d = disp();
  const { error, excepInfo } = fail(t, d, 24, DISPATCH_METHOD, { rgvarg: [0x80020012] }, DISP_E_EXCEPTION);
  t.is(excepInfo?.scode, DISP_E_DIVBYZERO);
  t.is(excepInfo?.bstrDescription, "asked to fail");
  t.is(excepInfo?.bstrSource, "IMsgrSessionManager");
  t.true(error.cause instanceof ComError);
  t.is(fail(t, d, 20, DISPATCH_METHOD, { rgvarg: [ref(0), 0, 1] }, DISP_E_EXCEPTION).excepInfo?.scode, DISP_E_DIVBYZERO);
});

test("another exception becomes DISP_E_EXCEPTION with scode E_FAIL and the message as description", (t) => {
  const { excepInfo } = fail(t, disp(), 24, DISPATCH_METHOD, { rgvarg: [E_FAIL] }, DISP_E_EXCEPTION);
  t.is(excepInfo?.scode, E_FAIL);
  t.is(excepInfo?.bstrDescription, "plain failure");
});

test("a failing HRESULT returned instead of thrown counts as an exception", (t) => {
  const { excepInfo } = fail(t, disp(), 24, DISPATCH_METHOD, { rgvarg: [E_ACCESSDENIED] }, DISP_E_EXCEPTION);
  t.is(excepInfo?.scode, E_ACCESSDENIED);
});

test("a stub member (E_NOTIMPL), a throwing getter and a throwing setter surface as DISP_E_EXCEPTION", (t) => {
  const stub = new MsgrSessionManagerStub().QueryInterface<IDispatch>(IID_IDispatch);
  t.is(fail(t, stub, 1, DISPATCH_METHOD, { rgvarg: [] }, DISP_E_EXCEPTION).excepInfo?.scode, E_NOTIMPL);
  t.is(fail(t, stub, 10, DISPATCH_PROPERTYGET, { rgvarg: [] }, DISP_E_EXCEPTION).excepInfo?.scode, E_NOTIMPL);
  t.is(fail(t, stub, 10, DISPATCH_PROPERTYPUT, { rgvarg: ["x"], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_EXCEPTION).excepInfo?.scode, E_NOTIMPL);
  t.is(fail(t, stub, 0, DISPATCH_PROPERTYPUT, { rgvarg: ["x", 1], rgdispidNamedArgs: [DISPID_PROPERTYPUT] }, DISP_E_EXCEPTION).excepInfo?.scode, E_NOTIMPL);
});

test("a result of the wrong type surfaces as DISP_E_EXCEPTION carrying the conversion failure", (t) => {
  class Liar extends MyManager {
    override Add(): number {
      return "not a number" as unknown as number;
    }
  }
  const d = new Liar().QueryInterface<IDispatch>(IID_IDispatch);
  t.is(fail(t, d, 23, DISPATCH_METHOD, { rgvarg: [1, 2] }, DISP_E_EXCEPTION).excepInfo?.scode, DISP_E_TYPEMISMATCH);
});

test("by-reference arguments are not written back when the call fails", (t) => {
  const remainder = ref<VARIANT>(-1);
  fail(t, disp(), 20, DISPATCH_METHOD, { rgvarg: [remainder, 0, 10] }, DISP_E_EXCEPTION);
  t.is(remainder.value, -1);
});
