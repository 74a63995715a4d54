/**
 * The HRESULTs the Messenger service returns, and how it throws them. The Lock and Key codes
 * (LockError), the session codes (SESSION_RESULT) and MSGR_E_NOT_LOGGED_ON come from the
 * generated module; the few other MSGRConstants values used here are declared below from the
 * documentation of the public Messenger API (API.md §7, docs/im-msgrconstants.md).
 */
import { ComError, hresultHex, hresultName, type HRESULT } from "midl-ts/runtime";
import { LockError, MSGR_E_NOT_LOGGED_ON, SESSION_RESULT } from "../../generated/msgrpriv.js";

/**
 * MSGR_E(x): the facility macro of MSGRConstants. Its definition is not documented; the
 * documented pair MSGR_E_NOT_LOGGED_ON = MSGR_E(0x001E) = 0x8100031E implies 0x81000300 + x
 * (API.md §0). Decision recorded in the README.
 */
export function MSGR_E(code: number): HRESULT {
  return (0x81000300 + code) >>> 0;
}

/** MSGR_E(0x0007): the contact list is full (OnContactListAdd). */
export const MSGR_E_LIST_FULL: HRESULT = MSGR_E(0x0007);
/** MSGR_E(0x000A): no account has this sign-in name (OnContactListAdd). */
export const MSGR_E_USER_NOT_FOUND: HRESULT = MSGR_E(0x000a);
/** MSGR_E(0x000B): the contact is already in the list (OnContactListAdd). */
export const MSGR_E_ALREADY_IN_LIST: HRESULT = MSGR_E(0x000b);

const NAMES = new Map<number, string>([
  ...Object.entries(LockError).map(([name, value]) => [value >>> 0, name] as const),
  ...Object.entries(SESSION_RESULT).map(([name, value]) => [value >>> 0, name] as const),
  [MSGR_E_NOT_LOGGED_ON >>> 0, "MSGR_E_NOT_LOGGED_ON"],
  [MSGR_E_LIST_FULL, "MSGR_E_LIST_FULL"],
  [MSGR_E_USER_NOT_FOUND, "MSGR_E_USER_NOT_FOUND"],
  [MSGR_E_ALREADY_IN_LIST, "MSGR_E_ALREADY_IN_LIST"],
]);

/** The symbolic name of an HRESULT: Messenger codes first, then the runtime's table, else hex. */
export function messengerHresultName(hr: number): string {
  const unsigned = hr >>> 0;
  return NAMES.get(unsigned) ?? hresultName(unsigned);
}

/** Throws ComError(hr) with a message naming the code and the reason. */
export function fail(hr: HRESULT, reason: string): never {
  throw new ComError(hr, `${messengerHresultName(hr)} (${hresultHex(hr >>> 0)}): ${reason}`);
}

/**
 * An HRESULT as the `long` the event signatures declare (OnTermination, OnSendError,
 * OnContactListAdd): signed 32-bit, so that it also survives VT_I4 coercion when a sink is
 * reached through IDispatch::Invoke. `hr >>> 0` turns it back into the unsigned HRESULT.
 */
export function asLong(hr: HRESULT): number {
  return hr | 0;
}
