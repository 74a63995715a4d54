/**
 * The IDispatch::Invoke engine shared by ComObject and event sinks: binds DISPPARAMS to the
 * parameters of a dispatch-table row, coerces them, calls the TypeScript member and writes
 * by-reference arguments back, with the error behaviour of oleaut32's ITypeInfo::Invoke.
 */
import { changeType } from "./change-type.js";
import { ComError } from "./com-error.js";
import type { CompiledMember, ParamInfo } from "./dispatch-member.js";
import type { DispatchTable } from "./dispatch-table.js";
import { exception, notImplemented } from "./dispatch-exception.js";
import { DISPID_PROPERTYPUT, type DISPPARAMS, type EXCEPINFO } from "./dispatch.js";
import { IID_NULL, type Guid } from "./guid.js";
import {
  DISP_E_BADPARAMCOUNT, DISP_E_MEMBERNOTFOUND, DISP_E_PARAMNOTFOUND, DISP_E_PARAMNOTOPTIONAL, DISP_E_UNKNOWNINTERFACE, E_INVALIDARG,
  E_POINTER, FAILED,
} from "./hresult.js";
import { PARAMFLAG } from "./param-flags.js";
import { isRef, ref, type Ref } from "./ref.js";
import { isMissing, Variant, type VARIANT } from "./variant.js";
import { VT } from "./vartype.js";

type Target = Record<string, unknown>;

/** A simple member's compiled call: converts `rgvarg`, calls the implementation, converts the result. @internal */
export type FastInvoker = (target: Target, rgvarg: readonly VARIANT[]) => VARIANT;

// Marks call slots no argument has filled yet (undefined is a real argument: VT_EMPTY).
const UNSET: unique symbol = Symbol("unset");

const NO_NAMED: readonly number[] = [];

/**
 * IDispatch::Invoke against `target` as described by `table`. Returns the result (also stored
 * into `pVarResult`); on failure fills `pExcepInfo` / `puArgErr` and throws the ComError.
 *
 * - riid must be IID_NULL (DISP_E_UNKNOWNINTERFACE); the (DISPID, wFlags) pair must name a row,
 *   METHOD before PROPERTYGET when both flags are set (DISP_E_MEMBERNOTFOUND).
 * - Named arguments map by parameter position; DISPID_PROPERTYPUT names a put's value, which is
 *   also accepted as the last positional argument. Unknown or repeated names:
 *   DISP_E_PARAMNOTFOUND; too many arguments: DISP_E_BADPARAMCOUNT.
 * - A missing argument (absent, or `Variant.missing`): the `[defaultvalue]` if any; else for an
 *   `[optional]` VARIANT the `Variant.missing` marker itself (VT_ERROR / DISP_E_PARAMNOTFOUND,
 *   what COM passes), for another `[optional]` type `undefined`; else DISP_E_PARAMNOTOPTIONAL.
 *   `[lcid]` parameters receive `lcid`.
 * - Arguments are converted with `changeType`; a failure keeps its HRESULT (DISP_E_TYPEMISMATCH,
 *   DISP_E_OVERFLOW) and sets argErr to the argument's index in rgvarg.
 * - `[out]` / `[in, out]` parameters receive a Ref; when the caller passed a Ref, the callee's
 *   value is converted back into it after a successful call.
 * - Anything the implementation throws (or a failing HRESULT it returns) becomes
 *   DISP_E_EXCEPTION with EXCEPINFO.scode = the ComError's HRESULT, or E_FAIL.
 */
export function dispatchInvoke(
  table: DispatchTable,
  target: object,
  dispid: number,
  riid: Guid,
  lcid: number,
  wFlags: number,
  params: DISPPARAMS,
  pVarResult: Ref<VARIANT> | null | undefined,
  pExcepInfo: Ref<EXCEPINFO> | null | undefined,
  puArgErr: Ref<number> | null | undefined,
): VARIANT {
  // With EXCEPINFO / argErr out-parameters the call runs again below inside a try block, which
  // on this path would cost about as much as the whole call binding.
  if (pExcepInfo != null || puArgErr != null) return invokeReporting(table, target, dispid, riid, lcid, wFlags, params, pVarResult, pExcepInfo, puArgErr);
  if (riid == null || params == null) throw new ComError(E_POINTER);
  const rgvarg = params.rgvarg;
  const named = params.rgdispidNamedArgs;
  if (!Array.isArray(rgvarg) || (named !== undefined && !isDispidList(named))) throw malformed(params);
  if (riid !== IID_NULL && !riid.isNull) throw new ComError(DISP_E_UNKNOWNINTERFACE);
  const m = table.member(dispid, wFlags);
  if (m === undefined) throw new ComError(DISP_E_MEMBERNOTFOUND, `DISP_E_MEMBERNOTFOUND (0x80020003): ${table.name} has no DISPID ${dispid} for wFlags ${wFlags}`);
  // A simple member called with exactly its positional arguments goes through its compiled invoker.
  const result =
    m.simple && rgvarg.length === m.callLength && (named === undefined || named.length === 0)
      ? (m.fast ??= compileSimple(table, m))(target as Target, rgvarg)
      : callGeneral(table, m, target as Target, params, lcid);
  if (pVarResult != null) pVarResult.value = result;
  return result;
}

/** dispatchInvoke, filling the caller's EXCEPINFO and argErr out-parameters from a ComError. */
function invokeReporting(...args: Parameters<typeof dispatchInvoke>): VARIANT {
  const [table, target, dispid, riid, lcid, wFlags, params, pVarResult, pExcepInfo, puArgErr] = args;
  try {
    return dispatchInvoke(table, target, dispid, riid, lcid, wFlags, params, pVarResult, null, null);
  } catch (e) {
    if (e instanceof ComError) {
      if (e.argErr !== undefined && puArgErr != null) puArgErr.value = e.argErr;
      if (e.excepInfo !== undefined && pExcepInfo != null) pExcepInfo.value = e.excepInfo;
    }
    throw e;
  }
}

/*
 * What a C caller could only pass by mistake (a null pointer, a DISPPARAMS that is not one) is
 * rejected with the HRESULT COM gives it before anything reads from it: E_POINTER for a missing
 * riid or pDispParams, E_INVALIDARG for a malformed DISPPARAMS. Callers from JavaScript reach
 * Invoke with untyped values (scripts, deserialised calls), so this is not only theory.
 */

function isDispidList(named: unknown): boolean {
  return Array.isArray(named) && named.every(Number.isInteger);
}

function malformed(params: DISPPARAMS): ComError {
  const what = typeof params !== "object" || !Array.isArray(params.rgvarg)
    ? "DISPPARAMS.rgvarg must be an array of arguments"
    : "DISPPARAMS.rgdispidNamedArgs must be an array of DISPIDs";
  return new ComError(E_INVALIDARG, `E_INVALIDARG (0x80070057): ${what}`);
}

/**
 * Builds the invoker of a simple member once, on its first call: one closure per arity with the
 * member name, each argument's conversion and the result's conversion chosen for its VARTYPE up
 * front, so a call costs a property load, a type test per argument and the call itself. V8
 * inlines the small per-type closures at a call site that always sees the same member.
 */
function compileSimple(table: DispatchTable, m: CompiledMember): FastInvoker {
  const member = m.member;
  const done = resultCoercer(table, m.info.result);
  if (m.isProperty) return (target) => done(readProperty(table, m, target));
  const c = m.slotVts.map(argCoercer);
  switch (m.callLength) {
    case 0:
      return (target) => {
        const fn = target[member];
        if (typeof fn !== "function") throw notImplemented(table, m);
        let raw: unknown;
        try { raw = fn.call(target); } catch (e) { throw exception(table, e); }
        return done(raw);
      };
    case 1: {
      const c0 = c[0]!;
      return (target, rgvarg) => {
        const fn = target[member];
        if (typeof fn !== "function") throw notImplemented(table, m);
        const a0 = c0(rgvarg[0], 0);
        let raw: unknown;
        try { raw = fn.call(target, a0); } catch (e) { throw exception(table, e); }
        return done(raw);
      };
    }
    case 2: {
      const c0 = c[0]!;
      const c1 = c[1]!;
      return (target, rgvarg) => {
        const fn = target[member];
        if (typeof fn !== "function") throw notImplemented(table, m);
        const a0 = c0(rgvarg[1], 1);
        const a1 = c1(rgvarg[0], 0);
        let raw: unknown;
        try { raw = fn.call(target, a0, a1); } catch (e) { throw exception(table, e); }
        return done(raw);
      };
    }
    case 3: {
      const c0 = c[0]!;
      const c1 = c[1]!;
      const c2 = c[2]!;
      return (target, rgvarg) => {
        const fn = target[member];
        if (typeof fn !== "function") throw notImplemented(table, m);
        const a0 = c0(rgvarg[2], 2);
        const a1 = c1(rgvarg[1], 1);
        const a2 = c2(rgvarg[0], 0);
        let raw: unknown;
        try { raw = fn.call(target, a0, a1, a2); } catch (e) { throw exception(table, e); }
        return done(raw);
      };
    }
    default: {
      const n = m.callLength;
      return (target, rgvarg) => {
        const fn = target[member];
        if (typeof fn !== "function") throw notImplemented(table, m);
        const args = new Array<unknown>(n);
        for (let i = 0; i < n; i++) args[i] = c[i]!(rgvarg[n - 1 - i], n - 1 - i);
        let raw: unknown;
        try { raw = fn.apply(target, args); } catch (e) { throw exception(table, e); }
        return done(raw);
      };
    }
  }
}

/** Converts rgvarg[argIndex] to one parameter's VARTYPE (see coerceArg), values already of that type first. */
type ArgCoercer = (value: unknown, argIndex: number) => unknown;

const passThrough: ArgCoercer = (value) => value;

function argCoercer(vt: number): ArgCoercer {
  if (vt === VT.VARIANT) return passThrough;
  const isAlready = typeTest(vt);
  return (v, i) => (isAlready(v) ? v : coerceArg(v, vt, i));
}

/**
 * Converts the implementation's return value to the result VARTYPE, chosen once: the retval; for
 * methods without one, nothing, or a failing HRESULT they return, which counts as thrown.
 */
function resultCoercer(table: DispatchTable, resultVt: number | null): (raw: unknown) => VARIANT {
  if (resultVt === null) {
    return (raw) => {
      if (typeof raw === "number" && FAILED(raw)) throw exception(table, new ComError(raw));
      return undefined;
    };
  }
  if (resultVt === VT.VARIANT) return (raw) => raw as VARIANT;
  const isAlready = typeTest(resultVt);
  return (raw) => {
    if (isAlready(raw)) return raw as VARIANT;
    try {
      return changeType(raw, resultVt);
    } catch (e) {
      throw exception(table, e);
    }
  };
}

const never = (): boolean => false;
const isI4 = (v: unknown): boolean => typeof v === "number" && (v | 0) === v;
const isNumber = (v: unknown): boolean => typeof v === "number";
const isString = (v: unknown): boolean => typeof v === "string";
const isBoolean = (v: unknown): boolean => typeof v === "boolean";
// null is what changeType makes of null for an interface pointer: no need to call it.
const isNull = (v: unknown): boolean => v === null;

/**
 * True for a value that already has the representation of `vt` (not VT_VARIANT, which takes
 * anything), as a predicate chosen once: same-type values, the usual case, then cost a type test
 * instead of a changeType call.
 */
function typeTest(vt: number): (value: unknown) => boolean {
  switch (vt) {
    case VT.I4: return isI4;
    case VT.R8: return isNumber;
    case VT.BSTR: return isString;
    case VT.BOOL: return isBoolean;
    case VT.DISPATCH: case VT.UNKNOWN: return isNull;
    default: return never;
  }
}

interface WriteBack {
  readonly outer: Ref<unknown>;
  readonly inner: Ref<unknown>;
  readonly vt: number;
  readonly argIndex: number;
}

function callGeneral(table: DispatchTable, m: CompiledMember, target: Target, params: DISPPARAMS, lcid: number): VARIANT {
  const rgvarg = params.rgvarg;
  const named = params.rgdispidNamedArgs ?? NO_NAMED;
  const cArgs = rgvarg.length;
  const cNamed = named.length;
  if (cNamed > cArgs) throw new ComError(DISP_E_BADPARAMCOUNT, `DISP_E_BADPARAMCOUNT (0x8002000E): ${cNamed} names for ${cArgs} arguments`);

  // source[slot] = index in rgvarg that fills the slot.
  const source = new Array<number | typeof UNSET>(m.callLength).fill(UNSET);
  let cPositional = cArgs - cNamed;
  let firstPositional = cNamed; // rgvarg index of the LAST positional argument
  for (let i = 0; i < cNamed; i++) {
    const id = named[i]!;
    let slot: number;
    if (id === DISPID_PROPERTYPUT) slot = m.isPut ? m.valueSlot : -1;
    else slot = Number.isInteger(id) && id >= 0 && id < m.declToSlot.length ? m.declToSlot[id]! : -1;
    if (slot < 0 || source[slot] !== UNSET) {
      throw new ComError(DISP_E_PARAMNOTFOUND, `DISP_E_PARAMNOTFOUND (0x80020004): named argument ${id} of ${table.name}.${m.info.name}`, { argErr: i });
    }
    source[slot] = i;
  }
  // COM sends a put's value as the named DISPID_PROPERTYPUT argument; accept it positionally
  // too (the last argument), as callers that skip the name expect.
  if (m.isPut && source[m.valueSlot] === UNSET && cPositional > 0) {
    source[m.valueSlot] = firstPositional;
    firstPositional++;
    cPositional--;
  }
  if (cPositional > m.positional.length) {
    throw new ComError(DISP_E_BADPARAMCOUNT, `DISP_E_BADPARAMCOUNT (0x8002000E): ${table.name}.${m.info.name} takes at most ${m.positional.length + (m.isPut ? 1 : 0)} arguments`);
  }
  for (let p = 0; p < cPositional; p++) {
    const slot = m.positional[p]!;
    const argIndex = cArgs - 1 - p;
    if (source[slot] !== UNSET) {
      throw new ComError(DISP_E_PARAMNOTFOUND, `DISP_E_PARAMNOTFOUND (0x80020004): parameter "${m.slotParams[slot]!.name}" given twice`, { argErr: source[slot] as number });
    }
    source[slot] = argIndex;
  }

  const args = new Array<unknown>(m.callLength);
  let writeBacks: WriteBack[] | undefined;
  for (let slot = 0; slot < m.callLength; slot++) {
    const param = m.slotParams[slot]!;
    const vt = m.slotVts[slot]!;
    const byRef = m.slotByRef[slot]!;
    const argIndex = source[slot]!;
    if (slot === m.lcidSlot) {
      args[slot] = lcid;
      continue;
    }
    const arg: unknown = argIndex === UNSET ? Variant.missing : rgvarg[argIndex];
    if (isMissing(arg)) {
      const value = missingValue(table, m, param, vt);
      args[slot] = byRef ? ref(value) : value;
      continue;
    }
    const index = argIndex as number;
    if (!byRef) {
      args[slot] = coerceArg(arg, vt, index);
    } else if (isRef(arg)) {
      // A VARIANT* parameter can share the caller's box; typed ones get a coerced copy written back.
      if (vt === VT.VARIANT) args[slot] = arg;
      else {
        const isOutOnly = (param.flags & (PARAMFLAG.FIN | PARAMFLAG.FOUT)) === PARAMFLAG.FOUT;
        const inner = ref(isOutOnly ? initialOutValue(arg.value, vt) : coerceArg(arg.value, vt, index));
        args[slot] = inner;
        (writeBacks ??= []).push({ outer: arg, inner, vt, argIndex: index });
      }
    } else {
      // Passed by value to a by-reference parameter: the callee gets a private box.
      args[slot] = ref(coerceArg(arg, vt, index));
    }
  }

  const raw = m.isProperty
    ? m.isPut ? writeProperty(table, m, target, args[0]) : readProperty(table, m, target)
    : callMethod(table, m, target, args);
  const result = resultCoercer(table, m.info.result)(raw);
  if (writeBacks !== undefined) {
    for (const w of writeBacks) w.outer.value = coerceArg(w.inner.value, w.vt, w.argIndex);
  }
  return result;
}

function missingValue(table: DispatchTable, m: CompiledMember, param: ParamInfo, vt: number): unknown {
  if (param.flags & PARAMFLAG.FHASDEFAULT) return changeType(param.defaultValue, vt);
  if (param.flags & PARAMFLAG.FOPT) return vt === VT.VARIANT ? Variant.missing : undefined;
  throw new ComError(DISP_E_PARAMNOTOPTIONAL, `DISP_E_PARAMNOTOPTIONAL (0x8002000F): ${table.name}.${m.info.name} needs "${param.name}"`);
}

/** The value an [out]-only box starts with: the caller's value if it fits, else the type's zero. */
function initialOutValue(value: unknown, vt: number): unknown {
  try {
    return changeType(value, vt);
  } catch {
    return vt & VT.ARRAY ? [] : vt === VT.DISPATCH || vt === VT.UNKNOWN ? null : changeType(undefined, vt);
  }
}

/** changeType, with a failure (DISP_E_TYPEMISMATCH, DISP_E_OVERFLOW) blamed on rgvarg[argIndex]. */
function coerceArg(value: unknown, vt: number, argIndex: number): unknown {
  // Reaches here only for parameters that are neither optional nor defaulted.
  if (isMissing(value)) throw new ComError(DISP_E_PARAMNOTOPTIONAL, `DISP_E_PARAMNOTOPTIONAL (0x8002000F): argument ${argIndex} in rgvarg is missing`);
  try {
    return changeType(value, vt);
  } catch (e) {
    if (e instanceof ComError) throw new ComError(e.hresult, `${e.message} (argument ${argIndex} in rgvarg)`, { argErr: argIndex, cause: e });
    throw e;
  }
}

function callMethod(table: DispatchTable, m: CompiledMember, target: Target, args: unknown[]): unknown {
  const fn = target[m.member];
  if (typeof fn !== "function") throw notImplemented(table, m);
  try {
    return (fn as (...a: unknown[]) => unknown).apply(target, args);
  } catch (e) {
    throw exception(table, e);
  }
}

function readProperty(table: DispatchTable, m: CompiledMember, target: Target): unknown {
  try {
    return target[m.member];
  } catch (e) {
    throw exception(table, e);
  }
}

function writeProperty(table: DispatchTable, m: CompiledMember, target: Target, value: unknown): undefined {
  try {
    target[m.member] = value;
    return undefined;
  } catch (e) {
    throw exception(table, e);
  }
}
