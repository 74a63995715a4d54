/**
 * HRESULT values as the runtime represents them: unsigned 32-bit numbers, so that a value read
 * from a table, written in hex in IDL (`0x80004005`) and produced by `hr >>> 0` all compare equal
 * with `===`. Signed inputs are accepted everywhere and normalised with {@link toHresult}.
 */

/** A COM status code, always normalised to an unsigned 32-bit number by the runtime. */
export type HRESULT = number;

/** Success. */
export const S_OK: HRESULT = 0x00000000;
/** Success, with the "false"/"fewer" meaning (enumerators, optional work not done). */
export const S_FALSE: HRESULT = 0x00000001;

/** Not implemented. */
export const E_NOTIMPL: HRESULT = 0x80004001;
/** The object does not support the requested interface. */
export const E_NOINTERFACE: HRESULT = 0x80004002;
/** An invalid (null) pointer was passed. */
export const E_POINTER: HRESULT = 0x80004003;
/** The operation was aborted. */
export const E_ABORT: HRESULT = 0x80004004;
/** Unspecified failure. */
export const E_FAIL: HRESULT = 0x80004005;
/** Catastrophic failure: the object was used in a state it cannot be in. */
export const E_UNEXPECTED: HRESULT = 0x8000ffff;
/** General access denied. */
export const E_ACCESSDENIED: HRESULT = 0x80070005;
/** Invalid handle. */
export const E_HANDLE: HRESULT = 0x80070006;
/** Out of memory. */
export const E_OUTOFMEMORY: HRESULT = 0x8007000e;
/** One or more arguments are invalid. */
export const E_INVALIDARG: HRESULT = 0x80070057;

/** The class does not support aggregation. */
export const CLASS_E_NOAGGREGATION: HRESULT = 0x80040110;
/** The class factory cannot supply the requested class. */
export const CLASS_E_CLASSNOTAVAILABLE: HRESULT = 0x80040111;
/** The class is not registered. */
export const REGDB_E_CLASSNOTREG: HRESULT = 0x80040154;
/** The registration could not be written (the runtime uses it for a duplicate CLSID). */
export const REGDB_E_WRITEREGDB: HRESULT = 0x80040151;
/** The object is not connected to the server. */
export const CO_E_OBJNOTCONNECTED: HRESULT = 0x800401fd;
/** The object invoked has disconnected from its clients (used for calls on released objects). */
export const RPC_E_DISCONNECTED: HRESULT = 0x80010108;

/** No connection (unknown connection point or cookie). */
export const CONNECT_E_NOCONNECTION: HRESULT = 0x80040200;
/** The connection point cannot accept more connections. */
export const CONNECT_E_ADVISELIMIT: HRESULT = 0x80040201;
/** The sink does not support the interface the connection point needs. */
export const CONNECT_E_CANNOTCONNECT: HRESULT = 0x80040202;
/** The connection is overridden by another one. */
export const CONNECT_E_OVERRIDDEN: HRESULT = 0x80040203;

/** The interface identifier passed to IDispatch::Invoke is not IID_NULL. */
export const DISP_E_UNKNOWNINTERFACE: HRESULT = 0x80020001;
/** The member does not exist, or not with the requested invoke kind. */
export const DISP_E_MEMBERNOTFOUND: HRESULT = 0x80020003;
/** A named argument does not correspond to a parameter. */
export const DISP_E_PARAMNOTFOUND: HRESULT = 0x80020004;
/** An argument could not be coerced to the parameter type. */
export const DISP_E_TYPEMISMATCH: HRESULT = 0x80020005;
/** A name is not known to GetIDsOfNames. */
export const DISP_E_UNKNOWNNAME: HRESULT = 0x80020006;
/** The member does not accept named arguments. */
export const DISP_E_NONAMEDARGS: HRESULT = 0x80020007;
/** The VARTYPE is not valid. */
export const DISP_E_BADVARTYPE: HRESULT = 0x80020008;
/** The member raised an exception; details are in the EXCEPINFO. */
export const DISP_E_EXCEPTION: HRESULT = 0x80020009;
/** A value does not fit the target type. */
export const DISP_E_OVERFLOW: HRESULT = 0x8002000a;
/** An index is out of range. */
export const DISP_E_BADINDEX: HRESULT = 0x8002000b;
/** The locale identifier is not recognised. */
export const DISP_E_UNKNOWNLCID: HRESULT = 0x8002000c;
/** The array is locked. */
export const DISP_E_ARRAYISLOCKED: HRESULT = 0x8002000d;
/** The number of arguments differs from the number of parameters. */
export const DISP_E_BADPARAMCOUNT: HRESULT = 0x8002000e;
/** A required argument was omitted. */
export const DISP_E_PARAMNOTOPTIONAL: HRESULT = 0x8002000f;
/** The callee is not valid. */
export const DISP_E_BADCALLEE: HRESULT = 0x80020010;
/** The object is not a collection. */
export const DISP_E_NOTACOLLECTION: HRESULT = 0x80020011;
/** Division by zero. */
export const DISP_E_DIVBYZERO: HRESULT = 0x80020012;
/** The buffer is too small. */
export const DISP_E_BUFFERTOOSMALL: HRESULT = 0x80020013;

/** Normalises any 32-bit HRESULT (signed, as C# and `int` APIs produce it) to the unsigned form. */
export function toHresult(hr: number): HRESULT {
  return hr >>> 0;
}

/** True for success codes (severity bit clear). */
export function SUCCEEDED(hr: HRESULT): boolean {
  return (hr >>> 0) < 0x80000000;
}

/** True for failure codes (severity bit set). */
export function FAILED(hr: HRESULT): boolean {
  return (hr >>> 0) >= 0x80000000;
}

// Built once from the constants above so that names and values can never drift apart.
const names = new Map<number, string>(
  Object.entries({
    S_OK, S_FALSE, E_NOTIMPL, E_NOINTERFACE, E_POINTER, E_ABORT, E_FAIL, E_UNEXPECTED, E_ACCESSDENIED,
    E_HANDLE, E_OUTOFMEMORY, E_INVALIDARG, CLASS_E_NOAGGREGATION, CLASS_E_CLASSNOTAVAILABLE,
    REGDB_E_CLASSNOTREG, REGDB_E_WRITEREGDB, CO_E_OBJNOTCONNECTED, RPC_E_DISCONNECTED,
    CONNECT_E_NOCONNECTION, CONNECT_E_ADVISELIMIT, CONNECT_E_CANNOTCONNECT, CONNECT_E_OVERRIDDEN,
    DISP_E_UNKNOWNINTERFACE, DISP_E_MEMBERNOTFOUND, DISP_E_PARAMNOTFOUND, DISP_E_TYPEMISMATCH,
    DISP_E_UNKNOWNNAME, DISP_E_NONAMEDARGS, DISP_E_BADVARTYPE, DISP_E_EXCEPTION, DISP_E_OVERFLOW,
    DISP_E_BADINDEX, DISP_E_UNKNOWNLCID, DISP_E_ARRAYISLOCKED, DISP_E_BADPARAMCOUNT,
    DISP_E_PARAMNOTOPTIONAL, DISP_E_BADCALLEE, DISP_E_NOTACOLLECTION, DISP_E_DIVBYZERO,
    DISP_E_BUFFERTOOSMALL,
  }).map(([name, value]) => [value, name] as const),
);

/** Formats an HRESULT as `0x8002000E` (upper case, eight digits), the way SDK headers spell them. */
export function hresultHex(hr: HRESULT): string {
  return "0x" + (hr >>> 0).toString(16).toUpperCase().padStart(8, "0");
}

/**
 * The symbolic name of a known HRESULT (`"DISP_E_BADPARAMCOUNT"`), or its hex form for unknown
 * values, for messages and diagnostics.
 */
export function hresultName(hr: HRESULT): string {
  return names.get(hr >>> 0) ?? hresultHex(hr);
}
