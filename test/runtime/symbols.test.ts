import test from "ava";
import * as runtime from "../../src/runtime/index.js";
import { Guid, baseDeclarations, runtimeSymbols } from "../../src/runtime/index.js";

// Names that are type-only exports: they exist for the compiler, not at run time.
const TYPE_ONLY = new Set([
  "CoclassInfo", "HRESULT", "IUnknown", "IDispatch", "Ref", "VARIANT", "ITypeInfo", "IClassFactory", "IEnumVARIANT",
  "IConnectionPointContainer", "IConnectionPoint", "IEnumConnections", "IEnumConnectionPoints", "DISPPARAMS", "EXCEPINFO", "CONNECTDATA",
]);
const exports = runtime as unknown as Record<string, unknown>;

test("runtimeSymbols maps each name to itself and every value name is a runtime export", (t) => {
  for (const [key, name] of Object.entries(runtimeSymbols)) {
    t.is(key, name);
    if (!TYPE_ONLY.has(name)) t.not(exports[name], undefined, name);
  }
  for (const name of ["Guid", "ComObject", "ComError", "E_NOTIMPL", "VT", "PARAMFLAG", "dispatchTable", "eventTable", "createSink",
    "CoclassInfo", "HRESULT", "IUnknown", "IDispatch", "Ref", "VARIANT", "DispatchTable", "EventTable"]) {
    t.true(name in runtimeSymbols, name);
  }
});

test("baseDeclarations cover the built-in base IDL and point at real exports with the right IIDs", (t) => {
  const iids: Record<string, string> = {
    IUnknown: "{00000000-0000-0000-C000-000000000046}",
    IClassFactory: "{00000001-0000-0000-C000-000000000046}",
    IDispatch: "{00020400-0000-0000-C000-000000000046}",
    ITypeInfo: "{00020401-0000-0000-C000-000000000046}",
    IEnumVARIANT: "{00020404-0000-0000-C000-000000000046}",
    IConnectionPointContainer: "{B196B284-BAB4-101A-B69C-00AA00341D07}",
    IEnumConnectionPoints: "{B196B285-BAB4-101A-B69C-00AA00341D07}",
    IConnectionPoint: "{B196B286-BAB4-101A-B69C-00AA00341D07}",
    IEnumConnections: "{B196B287-BAB4-101A-B69C-00AA00341D07}",
  };
  for (const [name, iid] of Object.entries(iids)) {
    const decl = baseDeclarations[name];
    t.is(decl?.type, name);
    const value = exports[decl?.iid ?? ""];
    t.true(value instanceof Guid, name);
    t.is(String(value), iid, name);
  }
  for (const name of ["VARIANT", "DISPPARAMS", "EXCEPINFO", "CONNECTDATA"]) {
    t.is(baseDeclarations[name]?.type, name);
    t.true(TYPE_ONLY.has(name));
  }
  const values: Record<string, number> = { DISPID_VALUE: 0, DISPID_UNKNOWN: -1, DISPID_PROPERTYPUT: -3, DISPID_NEWENUM: -4 };
  for (const [name, value] of Object.entries(values)) {
    t.is(exports[baseDeclarations[name]?.value ?? ""], value, name);
  }
  t.is(Object.keys(baseDeclarations).length, 17);
});
