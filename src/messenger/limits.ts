/**
 * The documented limits and formats, in one place (API.md §2, §3, §9), and the small checks
 * built on them. Where the docs leave a unit or format open, the decision is noted here and in
 * the README's decision table.
 */
import { isIP } from "node:net";
import { posix, win32 } from "node:path";

/** RegisterApplication / UnRegisterApplication / Application: "Maximum character length is 39" (38 + NUL). */
export const MAX_GUID_CHARS = 39;
/** RegisterApplication bstrAppName. */
export const MAX_APP_NAME_CHARS = 256;
/** RegisterApplication bstrAppURL. */
export const MAX_APP_URL_CHARS = 256;
/** RegisterApplication bstrPath (MAX_PATH). */
export const MAX_APP_PATH_CHARS = 260;
/**
 * bstrAppData of Invite, Accept, Decline and Cancel: "a limit of 512 bytes". Decision: the
 * BSTR's byte length, UTF-16 code units × 2, so at most 256 characters (a BSTR's length prefix
 * counts bytes; it is the only byte length a BSTR has).
 */
export const MAX_APP_DATA_BYTES = 512;
/** SendContextData: "a limit of 300 characters" (UTF-16 code units). */
export const MAX_CONTEXT_DATA_CHARS = 300;
/** SendContextData: "can be called up to five times" (per side of a session; decision). */
export const MAX_CONTEXT_DATA_CALLS = 5;
/** LocalAddress: "no longer than 30 characters". */
export const MAX_LOCAL_ADDRESS_CHARS = 30;
/** EnableAlertEvents: E_OUTOFMEMORY "array too large"; the size is n/d. Decision: 256 site IDs. */
export const MAX_ALERT_SITES = 256;

/**
 * `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` with upper-case hex digits, as the Application page and
 * the overview's glossary require ("Letters must be uppercase").
 */
const APP_GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

/** True for an application GUID in the documented format. */
export function isAppGuid(text: string): boolean {
  return APP_GUID.test(text);
}

/** The byte length of a BSTR holding `text`. */
export function bstrBytes(text: string): number {
  return text.length * 2;
}

/** True for a value a `long` parameter can hold. */
export function isLong(n: number): boolean {
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0xffffffff;
}

/** True for an IPv4 or IPv6 address in text form (LocalAddress). */
export function isIpAddress(text: string): boolean {
  return isIP(text) !== 0;
}

/**
 * RegisterApplication's bstrPath must be "the absolute path to the application's executable";
 * E_FAIL "the absolute path … cannot be resolved". Windows (`C:\…`, `\\server\share\…`) and POSIX
 * absolute paths are accepted.
 */
export function isAbsolutePath(path: string): boolean {
  return win32.isAbsolute(path) || posix.isAbsolute(path);
}

/**
 * A sign-in name: an e-mail style `name@domain.tld` (.NET Passport sign-in names were e-mail
 * addresses). AddContact's E_INVALIDARG "not valid for this method" uses this test.
 */
export function isSigninName(text: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(text) && text.length <= 129;
}

/** Sign-in names compare case-insensitively (they are e-mail addresses). */
export function signinKey(name: string): string {
  return name.toLowerCase();
}
