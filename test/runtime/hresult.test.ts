import test from "ava";
import {
  ComError, CONNECT_E_CANNOTCONNECT, CONNECT_E_NOCONNECTION, DISP_E_BADPARAMCOUNT, DISP_E_BUFFERTOOSMALL, DISP_E_EXCEPTION,
  DISP_E_MEMBERNOTFOUND, DISP_E_PARAMNOTFOUND, DISP_E_TYPEMISMATCH, DISP_E_UNKNOWNINTERFACE, E_FAIL, E_INVALIDARG, E_NOTIMPL,
  FAILED, REGDB_E_WRITEREGDB, RPC_E_DISCONNECTED, S_FALSE, S_OK, SUCCEEDED, hresultName, toHresult,
} from "../../src/runtime/index.js";

test("HRESULT constants are unsigned and have the SDK values", (t) => {
  t.is(E_FAIL, 0x80004005);
  t.is(E_NOTIMPL, 0x80004001);
  t.is(E_INVALIDARG, 0x80070057);
  t.is(RPC_E_DISCONNECTED, 0x80010108);
  t.is(REGDB_E_WRITEREGDB, 0x80040151);
  t.is(CONNECT_E_NOCONNECTION, 0x80040200);
  t.is(CONNECT_E_CANNOTCONNECT, 0x80040202);
  t.is(DISP_E_UNKNOWNINTERFACE, 0x80020001);
  t.is(DISP_E_MEMBERNOTFOUND, 0x80020003);
  t.is(DISP_E_PARAMNOTFOUND, 0x80020004);
  t.is(DISP_E_TYPEMISMATCH, 0x80020005);
  t.is(DISP_E_EXCEPTION, 0x80020009);
  t.is(DISP_E_BADPARAMCOUNT, 0x8002000e);
  t.is(DISP_E_BUFFERTOOSMALL, 0x80020013);
  t.true(E_FAIL > 0);
});

test("SUCCEEDED / FAILED look at the severity bit, signed or unsigned", (t) => {
  t.true(SUCCEEDED(S_OK));
  t.true(SUCCEEDED(S_FALSE));
  t.false(FAILED(S_FALSE));
  t.true(FAILED(E_FAIL));
  t.true(FAILED(-2147467259)); // E_FAIL as a signed int
  t.false(SUCCEEDED(-2147467259));
  t.is(toHresult(-2147467259), E_FAIL);
});

test("hresultName names known codes and spells unknown ones in hex", (t) => {
  t.is(hresultName(DISP_E_BADPARAMCOUNT), "DISP_E_BADPARAMCOUNT");
  t.is(hresultName(-2147352562), "DISP_E_BADPARAMCOUNT");
  t.is(hresultName(S_OK), "S_OK");
  t.is(hresultName(0x80001234), "0x80001234");
});

test("ComError normalises the HRESULT and builds the default message", (t) => {
  const e = new ComError(-2147352562);
  t.is(e.hresult, 0x8002000e);
  t.is(e.message, "DISP_E_BADPARAMCOUNT (0x8002000E)");
  t.is(e.name, "ComError");
  t.true(e instanceof Error);
  t.false("argErr" in e && e.argErr !== undefined);
  const withArg = new ComError(DISP_E_TYPEMISMATCH, undefined, { argErr: 2 });
  t.is(withArg.argErr, 2);
  t.is(new ComError(0x80001234).message, "0x80001234");
  t.is(new ComError(E_FAIL, "custom").message, "custom");
});

test("ComError carries EXCEPINFO and mentions its description", (t) => {
  const excepInfo = { wCode: 0, bstrSource: "Src", bstrDescription: "it broke", bstrHelpFile: "", dwHelpContext: 0, scode: E_NOTIMPL };
  const e = new ComError(DISP_E_EXCEPTION, undefined, { excepInfo });
  t.is(e.excepInfo, excepInfo);
  t.is(e.message, "DISP_E_EXCEPTION (0x80020009): it broke");
});

test("ComError.from keeps ComErrors and wraps anything else as E_FAIL", (t) => {
  const original = new ComError(E_NOTIMPL);
  t.is(ComError.from(original), original);
  const plain = new TypeError("bad thing");
  const fromError = ComError.from(plain);
  t.is(fromError.hresult, E_FAIL);
  t.is(fromError.message, "bad thing");
  t.is(fromError.cause, plain);
  const fromString = ComError.from("oops");
  t.is(fromString.hresult, E_FAIL);
  t.regex(fromString.message, /oops/);
});
