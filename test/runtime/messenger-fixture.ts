/**
 * A hand-written module in exactly the shape the compiler generates for a Messenger-like type
 * library, plus a user implementation extending the generated stub. The tests run the runtime
 * against it.
 */
import {
  ComObject, ComError, E_NOTIMPL, Guid, PARAMFLAG, VT, createSink, dispatchTable, eventTable,
  type CoclassInfo, type HRESULT, type IDispatch, type IUnknown, type Ref, type VARIANT,
} from "../../src/runtime/index.js";

// ---------------------------------------------------------------- generated part

export const IID_IMsgrSessionManager: Guid = Guid.parse("{305D86C6-6896-4099-91F5-CB7BA7733563}");
export const IID_IMsgrSession: Guid = Guid.parse("{42D7CA2E-0B4A-4D3E-9C77-5EB9C3B9D0E1}");
export const IID_IMsgrLock: Guid = Guid.parse("{5A1B8F0E-2D3C-4B5A-8E7F-6A5B4C3D2E1F}");
export const IID_IMsgrLockEx: Guid = Guid.parse("{5A1B8F0F-2D3C-4B5A-8E7F-6A5B4C3D2E1F}");
export const DIID_DMsgrSessionManagerEvents: Guid = Guid.parse("{52AC8B1B-8A8B-4F27-9D6B-2F0F8C2D1C00}");
export const DIID_DMsgrLockEvents: Guid = Guid.parse("{52AC8B1C-8A8B-4F27-9D6B-2F0F8C2D1C00}");
export const CLSID_MsgrSessionManager: Guid = Guid.parse("{E3A3B1D9-5675-43C0-BF04-37BE11939FB7}");
export const CLSID_MsgrSession: Guid = Guid.parse("{E3A3B1DA-5675-43C0-BF04-37BE11939FB7}");

export const LockStatus = { LOCK_NOTINITIALIZED: 1, LOCK_INITIALIZED: 2, LOCK_PENDINGRESULT: 3, LOCK_UNLOCKED: 4 } as const;
export type LockStatus = (typeof LockStatus)[keyof typeof LockStatus];

export interface IMsgrSessionManager extends IDispatch {
  CreateSession(): IDispatch | null;
  GetLaunchingSession(lProcessID: number): IDispatch | null;
  RegisterApplication(bstrAppGUID: string, bstrAppName: string, bstrAppURL: string, bstrPath: string, ulFlags: number): HRESULT | void;
  set Applications(value: VARIANT);
  Application: string;
  readonly State: number;
  get_Item(index: number): VARIANT;
  put_Item(index: number, value: VARIANT): HRESULT | void;
  get Owner(): IDispatch | null;
  set Owner(value: IDispatch | null);
  Divide(lNumerator: number, lDenominator: number, plRemainder: Ref<number>): number;
  Swap(pbstrA: Ref<string>, pbstrB: Ref<string>): HRESULT | void;
  FormatValue(dblValue: number, varPrefix: VARIANT, lWidth: number): string;
  Add(a: number, b: number): number;
  Fail(hrFailure: HRESULT): HRESULT | void;
  SetShort(sValue: number): HRESULT | void;
  SetFlag(fValue: boolean): HRESULT | void;
  EnableAlertEvents(ppsaSiteIds: Ref<number[]>): HRESULT | void;
  GetLocale(lcid: number): number;
}

export interface IMsgrSession extends IDispatch {
  Application: string;
  readonly State: number;
  Invite(pUser: IDispatch | null, bstrAppData: string): HRESULT | void;
}

export interface IMsgrLock extends IUnknown {
  RequestChallenge(lCookie: number): HRESULT | void;
  readonly Status: LockStatus;
}

export interface IMsgrLockEx extends IMsgrLock {
  SendResponse(bstrResponse: string): HRESULT | void;
}

export interface DMsgrSessionManagerEvents {
  OnAppRegistered(bstrAppGUID: string): void;
  OnAppUnRegistered(bstrAppGUID: string): void;
  OnInvitation(pSession: IDispatch | null, bstrAppData: string, pfHandled: Ref<boolean>): void;
}

export interface DMsgrLockEvents {
  OnChallenge(lCookie: number): void;
}

const IN = PARAMFLAG.FIN;
const OUT = PARAMFLAG.FOUT;

export const IMsgrSessionManager_dispatch = dispatchTable<IMsgrSessionManager>(IID_IMsgrSessionManager, "IMsgrSessionManager", [
  { dispid: 1, name: "CreateSession", member: "CreateSession", kind: "method", access: "method", params: [], result: VT.DISPATCH },
  { dispid: 2, name: "GetLaunchingSession", member: "GetLaunchingSession", kind: "method", access: "method", params: [{ name: "lProcessID", vt: VT.I4, flags: IN }], result: VT.DISPATCH },
  {
    dispid: 3, name: "RegisterApplication", member: "RegisterApplication", kind: "method", access: "method",
    params: [
      { name: "bstrAppGUID", vt: VT.BSTR, flags: IN }, { name: "bstrAppName", vt: VT.BSTR, flags: IN },
      { name: "bstrAppURL", vt: VT.BSTR, flags: IN }, { name: "bstrPath", vt: VT.BSTR, flags: IN },
      { name: "ulFlags", vt: VT.I4, flags: IN },
    ],
    result: null,
  },
  { dispid: 5, name: "Applications", member: "Applications", kind: "put", access: "property", params: [{ name: "value", vt: VT.VARIANT, flags: IN }], result: null },
  { dispid: 10, name: "Application", member: "Application", kind: "get", access: "property", params: [], result: VT.BSTR },
  { dispid: 10, name: "Application", member: "Application", kind: "put", access: "property", params: [{ name: "bstrAppGUID", vt: VT.BSTR, flags: IN }], result: null },
  { dispid: 11, name: "State", member: "State", kind: "get", access: "property", params: [], result: VT.I4 },
  { dispid: 0, name: "Item", member: "get_Item", kind: "get", access: "method", params: [{ name: "index", vt: VT.I4, flags: IN }], result: VT.VARIANT },
  { dispid: 0, name: "Item", member: "put_Item", kind: "put", access: "method", params: [{ name: "index", vt: VT.I4, flags: IN }, { name: "value", vt: VT.VARIANT, flags: IN }], result: null },
  { dispid: 12, name: "Owner", member: "Owner", kind: "get", access: "property", params: [], result: VT.DISPATCH },
  { dispid: 12, name: "Owner", member: "Owner", kind: "putref", access: "property", params: [{ name: "pOwner", vt: VT.DISPATCH, flags: IN }], result: null },
  {
    dispid: 20, name: "Divide", member: "Divide", kind: "method", access: "method",
    params: [{ name: "lNumerator", vt: VT.I4, flags: IN }, { name: "lDenominator", vt: VT.I4, flags: IN }, { name: "plRemainder", vt: VT.I4 | VT.BYREF, flags: OUT }],
    result: VT.I4,
  },
  {
    dispid: 21, name: "Swap", member: "Swap", kind: "method", access: "method",
    params: [{ name: "pbstrA", vt: VT.BSTR | VT.BYREF, flags: IN | OUT }, { name: "pbstrB", vt: VT.BSTR | VT.BYREF, flags: IN | OUT }],
    result: null,
  },
  {
    dispid: 22, name: "FormatValue", member: "FormatValue", kind: "method", access: "method",
    params: [
      { name: "dblValue", vt: VT.R8, flags: IN },
      { name: "varPrefix", vt: VT.VARIANT, flags: IN | PARAMFLAG.FOPT },
      { name: "lWidth", vt: VT.I4, flags: IN | PARAMFLAG.FOPT | PARAMFLAG.FHASDEFAULT, defaultValue: 8 },
    ],
    result: VT.BSTR,
  },
  { dispid: 23, name: "Add", member: "Add", kind: "method", access: "method", params: [{ name: "a", vt: VT.I4, flags: IN }, { name: "b", vt: VT.I4, flags: IN }], result: VT.I4 },
  { dispid: 24, name: "Fail", member: "Fail", kind: "method", access: "method", params: [{ name: "hrFailure", vt: VT.ERROR, flags: IN }], result: null },
  { dispid: 26, name: "SetShort", member: "SetShort", kind: "method", access: "method", params: [{ name: "sValue", vt: VT.I2, flags: IN }], result: null },
  { dispid: 27, name: "SetFlag", member: "SetFlag", kind: "method", access: "method", params: [{ name: "fValue", vt: VT.BOOL, flags: IN }], result: null },
  {
    dispid: 30, name: "EnableAlertEvents", member: "EnableAlertEvents", kind: "method", access: "method",
    params: [{ name: "ppsaSiteIds", vt: VT.ARRAY | VT.I4 | VT.BYREF, flags: IN | OUT }], result: null,
  },
  { dispid: 31, name: "GetLocale", member: "GetLocale", kind: "method", access: "method", params: [{ name: "lcid", vt: VT.I4, flags: IN | PARAMFLAG.FLCID }], result: VT.I4 },
]);

export const IMsgrSession_dispatch = dispatchTable<IMsgrSession>(IID_IMsgrSession, "IMsgrSession", [
  { dispid: 10, name: "Application", member: "Application", kind: "get", access: "property", params: [], result: VT.BSTR },
  { dispid: 10, name: "Application", member: "Application", kind: "put", access: "property", params: [{ name: "bstrAppGUID", vt: VT.BSTR, flags: IN }], result: null },
  { dispid: 11, name: "State", member: "State", kind: "get", access: "property", params: [], result: VT.I4 },
  {
    dispid: 12, name: "Invite", member: "Invite", kind: "method", access: "method",
    params: [{ name: "pUser", vt: VT.DISPATCH, flags: IN }, { name: "bstrAppData", vt: VT.BSTR, flags: IN }], result: null,
  },
]);

export const DMsgrSessionManagerEvents_events = eventTable<DMsgrSessionManagerEvents>(DIID_DMsgrSessionManagerEvents, "DMsgrSessionManagerEvents", [
  { dispid: 1, name: "OnAppRegistered", member: "OnAppRegistered", params: [{ name: "bstrAppGUID", vt: VT.BSTR, flags: IN }] },
  { dispid: 2, name: "OnAppUnRegistered", member: "OnAppUnRegistered", params: [{ name: "bstrAppGUID", vt: VT.BSTR, flags: IN }] },
  {
    dispid: 4, name: "OnInvitation", member: "OnInvitation",
    params: [{ name: "pSession", vt: VT.DISPATCH, flags: IN }, { name: "bstrAppData", vt: VT.BSTR, flags: IN }, { name: "pfHandled", vt: VT.BOOL | VT.BYREF, flags: IN | OUT }],
  },
]);

export const DMsgrLockEvents_events = eventTable<DMsgrLockEvents>(DIID_DMsgrLockEvents, "DMsgrLockEvents", [
  { dispid: 1, name: "OnChallenge", member: "OnChallenge", params: [{ name: "lCookie", vt: VT.I4, flags: IN }] },
]);

/** Typed sink factory, one per [source] dispinterface */
export function DMsgrSessionManagerEventsSink(handlers: Partial<DMsgrSessionManagerEvents>): IUnknown {
  return createSink(DMsgrSessionManagerEvents_events, handlers);
}

/** Typed sink factory, one per [source] dispinterface */
export function DMsgrLockEventsSink(handlers: Partial<DMsgrLockEvents>): IUnknown {
  return createSink(DMsgrLockEvents_events, handlers);
}

export class MsgrSessionManagerStub extends ComObject implements IMsgrSessionManager, IMsgrLockEx {
  static readonly coclass: CoclassInfo = {
    clsid: CLSID_MsgrSessionManager,
    name: "MsgrSessionManager",
    interfaces: [
      { iid: IID_IMsgrSessionManager, name: "IMsgrSessionManager", bases: [], dispatch: IMsgrSessionManager_dispatch, isDefault: true },
      { iid: IID_IMsgrLockEx, name: "IMsgrLockEx", bases: [IID_IMsgrLock] },
    ],
    sources: [
      { iid: DIID_DMsgrSessionManagerEvents, name: "DMsgrSessionManagerEvents", events: DMsgrSessionManagerEvents_events, isDefault: true },
      { iid: DIID_DMsgrLockEvents, name: "DMsgrLockEvents", events: DMsgrLockEvents_events },
    ],
  };
  CreateSession(): IDispatch | null { throw new ComError(E_NOTIMPL); }
  GetLaunchingSession(_lProcessID: number): IDispatch | null { throw new ComError(E_NOTIMPL); }
  RegisterApplication(_bstrAppGUID: string, _bstrAppName: string, _bstrAppURL: string, _bstrPath: string, _ulFlags: number): HRESULT | void { throw new ComError(E_NOTIMPL); }
  set Applications(_value: VARIANT) { throw new ComError(E_NOTIMPL); }
  get Application(): string { throw new ComError(E_NOTIMPL); }
  set Application(_value: string) { throw new ComError(E_NOTIMPL); }
  get State(): number { throw new ComError(E_NOTIMPL); }
  get_Item(_index: number): VARIANT { throw new ComError(E_NOTIMPL); }
  put_Item(_index: number, _value: VARIANT): HRESULT | void { throw new ComError(E_NOTIMPL); }
  get Owner(): IDispatch | null { throw new ComError(E_NOTIMPL); }
  set Owner(_value: IDispatch | null) { throw new ComError(E_NOTIMPL); }
  Divide(_lNumerator: number, _lDenominator: number, _plRemainder: Ref<number>): number { throw new ComError(E_NOTIMPL); }
  Swap(_pbstrA: Ref<string>, _pbstrB: Ref<string>): HRESULT | void { throw new ComError(E_NOTIMPL); }
  FormatValue(_dblValue: number, _varPrefix: VARIANT, _lWidth: number): string { throw new ComError(E_NOTIMPL); }
  Add(_a: number, _b: number): number { throw new ComError(E_NOTIMPL); }
  Fail(_hrFailure: HRESULT): HRESULT | void { throw new ComError(E_NOTIMPL); }
  SetShort(_sValue: number): HRESULT | void { throw new ComError(E_NOTIMPL); }
  SetFlag(_fValue: boolean): HRESULT | void { throw new ComError(E_NOTIMPL); }
  EnableAlertEvents(_ppsaSiteIds: Ref<number[]>): HRESULT | void { throw new ComError(E_NOTIMPL); }
  GetLocale(_lcid: number): number { throw new ComError(E_NOTIMPL); }
  RequestChallenge(_lCookie: number): HRESULT | void { throw new ComError(E_NOTIMPL); }
  get Status(): LockStatus { throw new ComError(E_NOTIMPL); }
  SendResponse(_bstrResponse: string): HRESULT | void { throw new ComError(E_NOTIMPL); }
  fireOnAppRegistered(bstrAppGUID: string): void {
    ComObject.fireEvent(this, DMsgrSessionManagerEvents_events, 1, [bstrAppGUID]);
  }
  fireOnAppUnRegistered(bstrAppGUID: string): void {
    ComObject.fireEvent(this, DMsgrSessionManagerEvents_events, 2, [bstrAppGUID]);
  }
  fireOnInvitation(pSession: IDispatch | null, bstrAppData: string, pfHandled: Ref<boolean>): void {
    ComObject.fireEvent(this, DMsgrSessionManagerEvents_events, 4, [pSession, bstrAppData, pfHandled]);
  }
  fireOnChallenge(lCookie: number): void {
    ComObject.fireEvent(this, DMsgrLockEvents_events, 1, [lCookie]);
  }
}

export class MsgrSessionStub extends ComObject implements IMsgrSession {
  static readonly coclass: CoclassInfo = {
    clsid: CLSID_MsgrSession,
    name: "MsgrSession",
    interfaces: [{ iid: IID_IMsgrSession, name: "IMsgrSession", bases: [], dispatch: IMsgrSession_dispatch, isDefault: true }],
    sources: [],
  };
  get Application(): string { throw new ComError(E_NOTIMPL); }
  set Application(_value: string) { throw new ComError(E_NOTIMPL); }
  get State(): number { throw new ComError(E_NOTIMPL); }
  Invite(_pUser: IDispatch | null, _bstrAppData: string): HRESULT | void { throw new ComError(E_NOTIMPL); }
}
