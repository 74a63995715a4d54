/**
 * The names of runtime exports the code generator writes into generated modules, as data the
 * compiler imports. Every entry is checked against the actual exports of `./index.js` at compile
 * time, so renaming an export breaks the compiler's build instead of its users' builds.
 */
import type * as Runtime from "./index.js";

/** Names of the runtime's value exports (functions, classes, constants). */
type ValueExport = keyof typeof Runtime;

/**
 * The runtime's type-only exports that generated code or the built-in base IDL use. TypeScript
 * cannot enumerate a module's type exports, so each one is listed with its `Runtime.X` type:
 * a name that is not exported fails to resolve here.
 */
interface TypeExports {
  CoclassInfo: Runtime.CoclassInfo;
  HRESULT: Runtime.HRESULT;
  IUnknown: Runtime.IUnknown;
  IDispatch: Runtime.IDispatch;
  ITypeInfo: Runtime.ITypeInfo;
  IClassFactory: Runtime.IClassFactory;
  IEnumVARIANT: Runtime.IEnumVARIANT;
  IConnectionPointContainer: Runtime.IConnectionPointContainer;
  IConnectionPoint: Runtime.IConnectionPoint;
  IEnumConnections: Runtime.IEnumConnections;
  IEnumConnectionPoints: Runtime.IEnumConnectionPoints;
  Ref: Runtime.Ref<unknown>;
  VARIANT: Runtime.VARIANT;
  DISPPARAMS: Runtime.DISPPARAMS;
  EXCEPINFO: Runtime.EXCEPINFO;
  CONNECTDATA: Runtime.CONNECTDATA;
  DispatchTable: Runtime.DispatchTable;
  EventTable: Runtime.EventTable;
  ParamInfo: Runtime.ParamInfo;
  InterfaceInfo: Runtime.InterfaceInfo;
  SourceInfo: Runtime.SourceInfo;
}

/** Any name the runtime exports, as a value or as a type. */
type RuntimeExport = ValueExport | keyof TypeExports;

/** Each key must be a runtime export and each value its own key. */
type SymbolTable = { readonly [K in RuntimeExport]?: K };

/**
 * Every runtime export generated code refers to, by name: `runtimeSymbols.ComObject` is
 * `"ComObject"`. Types (`HRESULT`, `Ref`, …) are imported with `import type`.
 */
export const runtimeSymbols = {
  Guid: "Guid",
  ComObject: "ComObject",
  ComError: "ComError",
  S_OK: "S_OK",
  S_FALSE: "S_FALSE",
  E_NOTIMPL: "E_NOTIMPL",
  VT: "VT",
  PARAMFLAG: "PARAMFLAG",
  Variant: "Variant",
  dispatchTable: "dispatchTable",
  eventTable: "eventTable",
  createSink: "createSink",
  CoclassInfo: "CoclassInfo",
  HRESULT: "HRESULT",
  IUnknown: "IUnknown",
  IDispatch: "IDispatch",
  Ref: "Ref",
  VARIANT: "VARIANT",
  DispatchTable: "DispatchTable",
  EventTable: "EventTable",
} as const satisfies SymbolTable;

/** A declaration of the compiler's built-in base IDL and the runtime export standing for it. */
interface BaseDeclaration {
  /** The TypeScript type to use for the declaration. */
  readonly type?: RuntimeExport;
  /** The exported Guid constant of an interface's IID. */
  readonly iid?: ValueExport;
  /** The exported constant of a `const` declaration. */
  readonly value?: ValueExport;
}

const checkedBaseDeclarations = {
  IUnknown: { type: "IUnknown", iid: "IID_IUnknown" },
  IClassFactory: { type: "IClassFactory", iid: "IID_IClassFactory" },
  IDispatch: { type: "IDispatch", iid: "IID_IDispatch" },
  ITypeInfo: { type: "ITypeInfo", iid: "IID_ITypeInfo" },
  IEnumVARIANT: { type: "IEnumVARIANT", iid: "IID_IEnumVARIANT" },
  IConnectionPointContainer: { type: "IConnectionPointContainer", iid: "IID_IConnectionPointContainer" },
  IConnectionPoint: { type: "IConnectionPoint", iid: "IID_IConnectionPoint" },
  IEnumConnections: { type: "IEnumConnections", iid: "IID_IEnumConnections" },
  IEnumConnectionPoints: { type: "IEnumConnectionPoints", iid: "IID_IEnumConnectionPoints" },
  VARIANT: { type: "VARIANT" },
  DISPPARAMS: { type: "DISPPARAMS" },
  EXCEPINFO: { type: "EXCEPINFO" },
  CONNECTDATA: { type: "CONNECTDATA" },
  DISPID_VALUE: { value: "DISPID_VALUE" },
  DISPID_UNKNOWN: { value: "DISPID_UNKNOWN" },
  DISPID_PROPERTYPUT: { value: "DISPID_PROPERTYPUT" },
  DISPID_NEWENUM: { value: "DISPID_NEWENUM" },
} as const satisfies Readonly<Record<string, BaseDeclaration>>;

/**
 * Declarations of the built-in base IDL (IUnknown, IDispatch, VARIANT, DISPID_VALUE, …) → the
 * runtime export that stands for each: `type` for interfaces and structures, `iid` for the IID
 * constant of interfaces, `value` for constants.
 */
export const baseDeclarations: Readonly<Record<string, { readonly type?: string; readonly iid?: string; readonly value?: string }>> =
  // Without a prototype: it is indexed by IDL names, and `constructor` or `toString` must not be found.
  Object.freeze(Object.assign(Object.create(null) as Record<string, BaseDeclaration>, checkedBaseDeclarations));
