import test from "ava";
import {
  DISP_E_BADVARTYPE, DISP_E_OVERFLOW, DISP_E_PARAMNOTFOUND, DISP_E_TYPEMISMATCH, VT, Variant, changeType, dateFromOle,
  isMissing, isRef, oleFromDate, ref, vtOf,
} from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { MyManager } from "./messenger-impl.js";

test("vtOf maps JS values to their VARTYPE", (t) => {
  const obj = new MyManager();
  t.is(vtOf(undefined), VT.EMPTY);
  t.is(vtOf(null), VT.NULL);
  t.is(vtOf(true), VT.BOOL);
  t.is(vtOf(42), VT.I4);
  t.is(vtOf(-2147483648), VT.I4);
  t.is(vtOf(2147483648), VT.R8);
  t.is(vtOf(1.5), VT.R8);
  t.is(vtOf(-0), VT.R8);
  t.is(vtOf(5n), VT.I8);
  t.is(vtOf(2n ** 64n - 1n), VT.UI8);
  t.is(vtOf("s"), VT.BSTR);
  t.is(vtOf(new Date()), VT.DATE);
  t.is(vtOf([1, 2]), VT.ARRAY | VT.VARIANT);
  t.is(vtOf(obj), VT.DISPATCH);
  t.is(vtOf({ QueryInterface() {}, AddRef() {}, Release() {} }), VT.UNKNOWN);
  t.is(vtOf(ref(1)), VT.BYREF | VT.VARIANT);
  t.is(vtOf(new Variant(VT.I2, 5)), VT.I2);
  t.is(vtOf({ x: 1 }), VT.RECORD);
  throwsHr(t, () => vtOf(() => 1), DISP_E_BADVARTYPE);
  throwsHr(t, () => vtOf(Symbol("s")), DISP_E_BADVARTYPE);
});

test("Variant converts its value to its vt, is frozen, and marks missing arguments", (t) => {
  const v = new Variant(VT.I2, "12");
  t.is(v.vt, VT.I2);
  t.is(v.value, 12);
  t.true(Object.isFrozen(v));
  throwsHr(t, () => new Variant(VT.I2, 70000), DISP_E_OVERFLOW);
  throwsHr(t, () => new Variant(VT.I4 | VT.BYREF, 1), DISP_E_BADVARTYPE);
  throwsHr(t, () => new Variant(VT.VARIANT, 1), DISP_E_BADVARTYPE);
  throwsHr(t, () => new Variant(VT.DISPATCH, "x"), DISP_E_TYPEMISMATCH);
  t.deepEqual(new Variant(VT.ARRAY | VT.I2, ["1", 2]).value, [1, 2]);
  t.is(Variant.missing.vt, VT.ERROR);
  t.is(Variant.missing.value, DISP_E_PARAMNOTFOUND);
  t.true(isMissing(Variant.missing));
  t.true(isMissing(new Variant(VT.ERROR, DISP_E_PARAMNOTFOUND)));
  t.false(isMissing(new Variant(VT.ERROR, 0x80004005)));
  t.false(isMissing(undefined));
});

test("ref boxes; isRef recognises boxes and plain { value } literals only", (t) => {
  const r = ref(1);
  r.value = 2;
  t.is(r.value, 2);
  t.true(isRef(r));
  t.true(isRef({ value: 3 }));
  t.false(isRef({ value: 3, QueryInterface() {} }));
  t.false(isRef(new Variant(VT.I4, 1)));
  t.false(isRef(new (class { value = 1; })()));
  t.false(isRef(null));
  t.false(isRef(1));
  t.false(isRef({ other: 1 }));
});

test("changeType: strings to numbers, with oleaut32's parsing and rounding", (t) => {
  t.is(changeType("42", VT.I4), 42);
  t.is(changeType("  -7 ", VT.I2), -7);
  t.is(changeType("1,234", VT.I4), 1234);
  t.is(changeType("&H1F", VT.I4), 31);
  t.is(changeType("&O17", VT.UI1), 15);
  t.is(changeType("2.5", VT.I4), 2); // ties to even
  t.is(changeType("3.5", VT.I4), 4);
  t.is(changeType(-2.5, VT.I4), -2);
  t.is(changeType("1e3", VT.R8), 1000);
  t.is(changeType("9223372036854775807", VT.I8), 9223372036854775807n);
  t.is(changeType("1.25", VT.CY), 1.25);
  t.is(changeType(1.23456, VT.CY), 1.2346);
  throwsHr(t, () => changeType("abc", VT.I4), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType("", VT.I4), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType("&O19", VT.I4), DISP_E_TYPEMISMATCH);
});

test("changeType: range checks overflow", (t) => {
  t.is(changeType(32767, VT.I2), 32767);
  throwsHr(t, () => changeType(32768, VT.I2), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(-129, VT.I1), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(256, VT.UI1), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(-1, VT.UI4), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(2 ** 31, VT.I4), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(Number.NaN, VT.I4), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(Infinity, VT.I4), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(2n ** 63n, VT.I8), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(-1n, VT.UI8), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(2 ** 64, VT.UI8), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(1e39, VT.R4), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(1e16, VT.CY), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(1e30, VT.DECIMAL), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(1e7, VT.DATE), DISP_E_OVERFLOW);
  t.is(changeType(2 ** 32 - 1, VT.UI4), 4294967295);
  t.is(changeType(2n ** 64n - 1n, VT.UI8), 18446744073709551615n);
  t.is(changeType(0.1, VT.R4), Math.fround(0.1));
});

test("changeType: booleans follow VARIANT_BOOL (-1) rules", (t) => {
  t.is(changeType(5, VT.BOOL), true);
  t.is(changeType(0, VT.BOOL), false);
  t.is(changeType(0n, VT.BOOL), false);
  t.is(changeType("True", VT.BOOL), true);
  t.is(changeType("false", VT.BOOL), false);
  t.is(changeType("0", VT.BOOL), false);
  t.is(changeType("2", VT.BOOL), true);
  throwsHr(t, () => changeType("maybe", VT.BOOL), DISP_E_TYPEMISMATCH);
  t.is(changeType(true, VT.I4), -1);
  t.is(changeType(true, VT.I2), -1);
  t.is(changeType(true, VT.UI1), 255);
  t.is(changeType(false, VT.I4), 0);
  t.is(changeType(true, VT.BSTR), "-1");
  t.is(changeType(false, VT.BSTR), "0");
  t.is(changeType(true, VT.I8), -1n);
});

test("changeType: numbers and others to BSTR", (t) => {
  t.is(changeType(42, VT.BSTR), "42");
  t.is(changeType(-0, VT.BSTR), "0");
  t.is(changeType(0.1 + 0.2, VT.BSTR), "0.3");
  t.is(changeType(1e21, VT.BSTR), "1E+21");
  t.is(changeType(new Variant(VT.R4, 0.1), VT.BSTR), "0.1");
  t.is(changeType(12345678901234567890n, VT.BSTR), "12345678901234567890");
  t.is(changeType(undefined, VT.BSTR), "");
  t.is(changeType(new Date(Date.UTC(2024, 0, 2)), VT.BSTR), "01/02/2024");
  t.is(changeType(new Date(Date.UTC(2024, 0, 2, 13, 4, 5)), VT.BSTR), "01/02/2024 13:04:05");
  throwsHr(t, () => changeType(null, VT.BSTR), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType([1], VT.BSTR), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType({ a: 1 }, VT.BSTR), DISP_E_TYPEMISMATCH);
});

test("changeType: dates are OLE dates in UTC", (t) => {
  const d = new Date(Date.UTC(2024, 0, 2, 12));
  t.is(oleFromDate(d), 45293.5);
  t.is(changeType(d, VT.R8), 45293.5);
  t.deepEqual(changeType(45293.5, VT.DATE), d);
  t.deepEqual(changeType("2024-01-02T12:00:00", VT.DATE), d);
  t.deepEqual(changeType("01/02/2024 12:00:00 PM", VT.DATE), d);
  t.deepEqual(changeType("45293.5", VT.DATE), d);
  t.deepEqual(dateFromOle(-1.25), new Date(Date.UTC(1899, 11, 29, 6)));
  t.is(oleFromDate(new Date(Date.UTC(1899, 11, 29, 6))), -1.25);
  t.deepEqual(dateFromOle(0), new Date(Date.UTC(1899, 11, 30)));
  t.is(changeType(d, VT.I4), 45294); // 45293.5 rounds to even
  throwsHr(t, () => changeType("02/30/2024", VT.DATE), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType("not a date", VT.DATE), DISP_E_TYPEMISMATCH);
});

test("changeType: VARIANT, RECORD, DISPATCH, UNKNOWN, EMPTY and NULL", (t) => {
  const obj = new MyManager();
  const record = { x: 1 };
  t.is<unknown, unknown>(changeType(record, VT.VARIANT), record);
  t.is<unknown, unknown>(changeType(record, VT.RECORD), record);
  t.is(changeType(obj, VT.DISPATCH), obj);
  t.is(changeType(obj, VT.UNKNOWN), obj);
  t.is(changeType(null, VT.DISPATCH), null);
  t.is(changeType(undefined, VT.UNKNOWN), null);
  throwsHr(t, () => changeType(record, VT.UNKNOWN), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType(5, VT.DISPATCH), DISP_E_TYPEMISMATCH);
  t.is(changeType(undefined, VT.I4), 0);
  t.is(changeType(undefined, VT.BOOL), false);
  t.is(changeType(5, VT.EMPTY), undefined);
  t.is(changeType(5, VT.NULL), null);
  throwsHr(t, () => changeType(null, VT.I4), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType(1, 99), DISP_E_BADVARTYPE);
  throwsHr(t, () => changeType(1, VT.I4 | VT.BYREF), DISP_E_BADVARTYPE);
});

test("changeType: Refs are dereferenced, Variants unwrapped, VT_ERROR only to 32-bit integers", (t) => {
  t.is(changeType(ref("7"), VT.I4), 7);
  t.is(changeType(new Variant(VT.I2, 5), VT.BSTR), "5");
  t.is(changeType(new Variant(VT.ERROR, 0x80004005), VT.ERROR), 0x80004005);
  t.is(changeType(new Variant(VT.ERROR, 0x80004005), VT.UI4), 0x80004005);
  throwsHr(t, () => changeType(Variant.missing, VT.BSTR), DISP_E_TYPEMISMATCH);
  t.is(changeType(-2147467259, VT.ERROR), 0x80004005);
  throwsHr(t, () => changeType("x", VT.ERROR), DISP_E_TYPEMISMATCH);
});

test("changeType: VT.ARRAY | vt converts each element, nested arrays as dimensions", (t) => {
  const input = ["1", 2, true];
  const out = changeType(input, VT.ARRAY | VT.I4);
  t.deepEqual(out, [1, 2, -1]);
  t.not(out, input);
  t.deepEqual(changeType([["1", "2"], ["3", "4"]], VT.ARRAY | VT.I2), [[1, 2], [3, 4]]);
  t.is(changeType(input, VT.ARRAY | VT.VARIANT), input);
  throwsHr(t, () => changeType(["x"], VT.ARRAY | VT.I4), DISP_E_TYPEMISMATCH);
  throwsHr(t, () => changeType([70000], VT.ARRAY | VT.I2), DISP_E_OVERFLOW);
  throwsHr(t, () => changeType(5, VT.ARRAY | VT.I4), DISP_E_TYPEMISMATCH);
});

test("changeType: an IDispatch converts to a scalar through its default member", (t) => {
  const obj = new MyManager();
  obj.items.set(0, "from default"); // DISPID_VALUE is Item(index) here: it needs an index, so conversion fails
  throwsHr(t, () => changeType(obj, VT.BSTR), DISP_E_TYPEMISMATCH);
  const withDefault = {
    QueryInterface() { return this; }, AddRef() { return 1; }, Release() { return 0; },
    Invoke(dispid: number) { return dispid === 0 ? "99" : undefined; },
  };
  t.is(changeType(withDefault, VT.I4), 99);
});
