/**
 * midl-ts/runtime: the COM runtime generated modules import and run on. Re-exports by name so
 * the public surface is exactly this list.
 */
export { Guid, GUID_NULL, IID_NULL } from "./guid.js";
export {
  S_OK, S_FALSE, E_NOTIMPL, E_NOINTERFACE, E_POINTER, E_ABORT, E_FAIL, E_UNEXPECTED, E_ACCESSDENIED, E_HANDLE,
  E_OUTOFMEMORY, E_INVALIDARG, CLASS_E_NOAGGREGATION, CLASS_E_CLASSNOTAVAILABLE, REGDB_E_CLASSNOTREG,
  REGDB_E_WRITEREGDB, CO_E_OBJNOTCONNECTED, RPC_E_DISCONNECTED, CONNECT_E_NOCONNECTION, CONNECT_E_ADVISELIMIT,
  CONNECT_E_CANNOTCONNECT, CONNECT_E_OVERRIDDEN, DISP_E_UNKNOWNINTERFACE, DISP_E_MEMBERNOTFOUND,
  DISP_E_PARAMNOTFOUND, DISP_E_TYPEMISMATCH, DISP_E_UNKNOWNNAME, DISP_E_NONAMEDARGS, DISP_E_BADVARTYPE,
  DISP_E_EXCEPTION, DISP_E_OVERFLOW, DISP_E_BADINDEX, DISP_E_UNKNOWNLCID, DISP_E_ARRAYISLOCKED,
  DISP_E_BADPARAMCOUNT, DISP_E_PARAMNOTOPTIONAL, DISP_E_BADCALLEE, DISP_E_NOTACOLLECTION, DISP_E_DIVBYZERO,
  DISP_E_BUFFERTOOSMALL, SUCCEEDED, FAILED, toHresult, hresultName, hresultHex,
} from "./hresult.js";
export type { HRESULT } from "./hresult.js";
export { ComError } from "./com-error.js";
export type { ComErrorOptions } from "./com-error.js";
export { ref, isRef } from "./ref.js";
export type { Ref } from "./ref.js";
export { VT, VT_TYPEMASK, vtName } from "./vartype.js";
export type { VARTYPE } from "./vartype.js";
export { PARAMFLAG } from "./param-flags.js";
export { Variant, vtOf, isMissing } from "./variant.js";
export type { VARIANT } from "./variant.js";
export { changeType } from "./change-type.js";
export { dateFromOle, oleFromDate } from "./ole-date.js";
export { IID_IUnknown, isUnknown } from "./unknown.js";
export type { IUnknown } from "./unknown.js";
export {
  DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF, DISPID_VALUE, DISPID_UNKNOWN,
  DISPID_PROPERTYPUT, DISPID_NEWENUM, IID_IDispatch, IID_ITypeInfo, isDispatch,
} from "./dispatch.js";
export type { IDispatch, ITypeInfo, DISPPARAMS, EXCEPINFO } from "./dispatch.js";
export { IID_IEnumVARIANT, createEnumVARIANT } from "./enum-variant.js";
export type { IEnumVARIANT } from "./enum-variant.js";
export { IID_IClassFactory } from "./class-factory.js";
export type { IClassFactory } from "./class-factory.js";
export {
  IID_IConnectionPointContainer, IID_IEnumConnectionPoints, IID_IConnectionPoint, IID_IEnumConnections,
} from "./connection-point.js";
export type {
  IConnectionPointContainer, IConnectionPoint, IEnumConnections, IEnumConnectionPoints, CONNECTDATA,
} from "./connection-point.js";
export { DispatchTable, dispatchTable } from "./dispatch-table.js";
export type { DispatchKind, DispatchAccess, DispatchMemberInfo, ParamInfo } from "./dispatch-member.js";
export { EventTable, eventTable } from "./event-table.js";
export type { EventMemberInfo } from "./event-table.js";
export type { CoclassInfo, InterfaceInfo, SourceInfo, ComClass } from "./coclass-info.js";
export { ComObject } from "./com-object.js";
export { Enumerator } from "./enumerator.js";
export type { EnumeratorItems } from "./enumerator.js";
export { createSink } from "./sink.js";
export { invoke } from "./invoke.js";
export { dispatchInvoke } from "./dispatch-invoke.js";
export { isDisconnected } from "./disconnect.js";
export type { InvokeOptions } from "./invoke.js";
export { ClassRegistry, defaultRegistry, registerClass, CoCreateInstance, CoGetClassObject } from "./class-registry.js";
export type { ObjectFactory } from "./class-registry.js";
export { runtimeSymbols, baseDeclarations } from "./symbols.js";
