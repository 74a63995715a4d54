/**
 * Lock and Key (API.md §8): the key store, the response digest, and the per-object state
 * machine behind IMsgrLock. Every object has its own {@link LockAndKey}: "each object instance is
 * unlocked separately" (§8.1 step 1).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { E_FAIL, E_INVALIDARG, type HRESULT } from "midl-ts/runtime";
import { LockError, LockStatus } from "../../generated/msgrpriv.js";
import type { Clock, Timer } from "./clock.js";
import { fail } from "./errors.js";
import { isLong } from "./limits.js";

/** Where the service finds an application's key by its ID (the ID/key pair, §8.1 step 1). */
export interface KeyLookup {
  /** The key of application `appId`, or undefined when the ID is unknown. */
  keyOf(appId: string): string | undefined;
}

/** An in-memory key store: application ID → key, configured by the host. */
export class KeyStore implements KeyLookup {
  readonly #keys = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]> | Readonly<Record<string, string>> = []) {
    const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
    for (const [id, key] of pairs as Iterable<readonly [string, string]>) this.set(id, key);
  }

  /** Adds or replaces the key of `appId`. @throws TypeError for an empty ID or key. */
  set(appId: string, key: string): this {
    if (appId === "" || key === "") throw new TypeError("An application ID and its key must not be empty");
    this.#keys.set(appId, key);
    return this;
  }

  delete(appId: string): boolean {
    return this.#keys.delete(appId);
  }

  has(appId: string): boolean {
    return this.#keys.has(appId);
  }

  keyOf(appId: string): string | undefined {
    return this.#keys.get(appId);
  }
}

/**
 * The bytes hashed for a response: the challenge string followed by the key (§8.1 step 6),
 * encoded as UTF-8 by default (decision: identical to ASCII/ANSI for the documented alphanumeric
 * IDs, keys and challenges, so any "MD5 of the string" routine agrees) or as UTF-16LE (the BSTR's
 * own bytes) when the host chooses it.
 */
export type HashEncoding = "utf8" | "utf16le";

/**
 * What an application sends as SendResponse's bstrResponse: MD5(challenge ‖ key) as 32
 * lower-case hex digits (decision: the form md5sum and RFC 1321 print; the service accepts
 * either case).
 */
export function lockAndKeyResponse(challenge: string, key: string, encoding: HashEncoding = "utf8"): string {
  return createHash("md5").update(Buffer.from(challenge + key, encoding)).digest("hex");
}

/**
 * Checks a response in constant time. An unknown ID is checked against a throw-away random key,
 * and a malformed response against zero bytes, so that neither is answered faster than a wrong
 * digest for a known ID.
 */
export function verifyLockResponse(keys: KeyLookup, appId: string, challenge: string, response: string, encoding: HashEncoding): boolean {
  let key: string | undefined;
  try {
    key = keys.keyOf(appId);
  } catch {
    key = undefined; // a failing key store fails closed
  }
  const secret = key ?? randomBytes(16).toString("hex");
  const expected = createHash("md5").update(Buffer.from(challenge + secret, encoding)).digest();
  const wellFormed = /^[0-9a-fA-F]{32}$/.test(response);
  const given = wellFormed ? Buffer.from(response, "hex") : Buffer.alloc(expected.length);
  const same = timingSafeEqual(expected, given);
  return same && wellFormed && key !== undefined;
}

/** The events a lock reports; the object fires them on its connection point. */
export interface LockEvents {
  /** DMsgrSessionManagerEvents::OnLockStatusChanged (the session manager only). */
  statusChanged(status: LockStatus): void;
  enable(enabled: boolean): void;
  challenge(cookie: number, challenge: string): void;
  result(cookie: number, succeeded: boolean): void;
}

/** What a lock needs from the service. */
export interface LockEnvironment {
  readonly clock: Clock;
  /** How long a challenge waits for its response (decision: default 60 s, a host option). */
  readonly timeoutMs: number;
  newChallenge(): string;
  verify(appId: string, challenge: string, response: string): boolean;
}

interface Transaction {
  readonly cookie: number;
  readonly challenge: string;
  readonly timer: Timer;
}

/**
 * The Lock and Key state of one object. Status follows the mapping of API.md §8.2:
 * NOTINITIALIZED → (sign-in, OnLockEnable) INITIALIZED or DISABLED → (RequestChallenge)
 * PENDINGRESULT → (SendResponse or timeout) UNLOCKED or UNLOCKFAILED; sign-out goes back to
 * NOTINITIALIZED. One transaction per sign-in ("RequestChallenge may be called only once per
 * client session", §8.1 step 9). OnLockStatusChanged fires as soon as Status changes, before
 * the event that reports the step (OnLockEnable, OnLockChallenge, OnLockResult), so a handler
 * that answers synchronously never sees status events out of order.
 */
export class LockAndKey {
  readonly #env: LockEnvironment;
  #events: LockEvents | undefined;
  #status: LockStatus = LockStatus.LOCK_NOTINITIALIZED;
  #pending: Transaction | undefined;
  #closed = false;

  constructor(env: LockEnvironment, events: LockEvents) {
    this.#env = env;
    this.#events = events;
  }

  /** IMsgrLock::Status. */
  get status(): LockStatus {
    return this.#status;
  }

  /** True when the object's service API may be used. */
  get unlocked(): boolean {
    return this.#status === LockStatus.LOCK_UNLOCKED;
  }

  /**
   * Sign-in: INITIALIZED (or DISABLED), with OnLockStatusChanged and OnLockEnable when `notify`
   * (objects created while their user is already signed in start INITIALIZED, without events).
   */
  enable(enabled: boolean, notify: boolean): void {
    if (this.#closed) return;
    this.#cancelPending();
    this.#status = enabled ? LockStatus.LOCK_INITIALIZED : LockStatus.LOCK_DISABLED;
    if (!notify) return;
    this.#events?.statusChanged(this.#status);
    this.#events?.enable(enabled);
  }

  /** Sign-out: back to NOTINITIALIZED (locked); a pending challenge is dropped. */
  reset(): void {
    this.#cancelPending();
    if (this.#status === LockStatus.LOCK_NOTINITIALIZED) return;
    this.#status = LockStatus.LOCK_NOTINITIALIZED;
    this.#events?.statusChanged(this.#status);
  }

  /** The client shut down: locked for good; the IMsgrLock methods fail with E_FAIL. */
  close(): void {
    this.reset();
    this.#closed = true;
  }

  /** The object was released: no more events, no timer. */
  dispose(): void {
    this.#cancelPending();
    this.#events = undefined;
    this.#closed = true;
  }

  /** IMsgrLock::RequestChallenge (§8.1 steps 4–5). */
  requestChallenge(cookie: number): HRESULT | void {
    if (this.#closed) fail(E_FAIL, "the Messenger client has shut down");
    if (typeof cookie !== "number" || !isLong(cookie)) fail(E_INVALIDARG, "lCookie must be a 32-bit integer");
    this.#refuseUnless(LockStatus.LOCK_INITIALIZED, "RequestChallenge");
    const challenge = this.#env.newChallenge();
    const timer = this.#env.clock.schedule(this.#env.timeoutMs, () => this.#expire(transaction));
    const transaction: Transaction = { cookie, challenge, timer };
    this.#pending = transaction;
    this.#status = LockStatus.LOCK_PENDINGRESULT;
    this.#events?.statusChanged(this.#status);
    this.#events?.challenge(cookie, challenge);
  }

  /**
   * IMsgrLock::SendResponse (§8.1 steps 7–8). The pending challenge is consumed by the first
   * response with its cookie, right or wrong: a challenge answers once only. A wrong response
   * returns S_OK and reports OnLockResult(cookie, FALSE); the object stays locked (UNLOCKFAILED).
   */
  sendResponse(appId: string, response: string, cookie: number): HRESULT | void {
    if (this.#closed) fail(E_FAIL, "the Messenger client has shut down");
    if (typeof appId !== "string" || appId === "") fail(E_INVALIDARG, "bstrAppStrId is empty");
    if (typeof response !== "string" || response === "") fail(E_INVALIDARG, "bstrResponse is empty");
    if (typeof cookie !== "number" || !isLong(cookie)) fail(E_INVALIDARG, "lCookie must be a 32-bit integer");
    if (this.#status === LockStatus.LOCK_INITIALIZED) fail(LockError.MSGR_E_API_LOCKED, "no challenge was requested; call RequestChallenge first");
    this.#refuseUnless(LockStatus.LOCK_PENDINGRESULT, "SendResponse");
    const transaction = this.#pending!;
    if (transaction.cookie !== cookie) fail(E_INVALIDARG, `lCookie ${cookie} is not the cookie of the pending challenge`);
    this.#pending = undefined;
    transaction.timer.cancel();
    const ok = this.#env.verify(appId, transaction.challenge, response);
    this.#finish(transaction, ok);
  }

  #refuseUnless(wanted: LockStatus, member: string): void {
    switch (this.#status) {
      case wanted:
        return;
      case LockStatus.LOCK_NOTINITIALIZED:
        fail(LockError.MSGR_E_API_NOTINITIALIZED, `${member}: Lock and Key is not initialized (no OnLockEnable since sign-in)`);
      case LockStatus.LOCK_PENDINGRESULT:
        fail(LockError.MSGR_E_API_PENDING_UNLOCK, `${member}: a challenge is awaiting its response`);
      case LockStatus.LOCK_UNLOCKED:
        fail(LockError.MSGR_E_API_ALREADY_UNLOCKED, `${member}: the object is already unlocked`);
      case LockStatus.LOCK_UNLOCKFAILED:
        fail(LockError.MSGR_E_API_UNLOCK_FAILED, `${member}: the response to this sign-in's challenge failed`);
      case LockStatus.LOCK_DISABLED:
        fail(LockError.MSGR_E_API_DISABLED, `${member}: Lock and Key is disabled for this user`);
      default:
        fail(LockError.MSGR_E_API_LOCKED, `${member}: the object is locked`);
    }
  }

  #expire(transaction: Transaction): void {
    if (this.#pending !== transaction) return;
    this.#pending = undefined;
    this.#finish(transaction, false);
  }

  #finish(transaction: Transaction, ok: boolean): void {
    this.#status = ok ? LockStatus.LOCK_UNLOCKED : LockStatus.LOCK_UNLOCKFAILED;
    this.#events?.statusChanged(this.#status);
    this.#events?.result(transaction.cookie, ok);
  }

  #cancelPending(): void {
    this.#pending?.timer.cancel();
    this.#pending = undefined;
  }
}
