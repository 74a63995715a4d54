/**
 * The MsgrSessionManager object (IMsgrSessionManager, IMsgrLock, DMsgrSessionManagerEvents) on
 * the generated stub. Locked until unlocked through IMsgrLock ("must first be unlocked", API.md §1);
 * while locked every IMsgrSessionManager method fails with MSGR_E_API_LOCKED (decision: the code
 * API.md §2 calls likely) and the object hears only Lock and Key events and OnAppShutdown.
 */
import { E_FAIL, E_INVALIDARG, E_OUTOFMEMORY, type HRESULT, type IDispatch } from "midl-ts/runtime";
import { LockError, MsgrSessionManagerStub, type LockStatus } from "../../generated/msgrpriv.js";
import { handOut } from "./contacts.js";
import { fail } from "./errors.js";
import type { LockAndKey } from "./lock-and-key.js";
import { createSession } from "./session.js";
import type { ClientObject, UserCore } from "./user.js";

/** A session manager of one user's Messenger client. Created by CoCreateInstance on the user's class table. */
export class SessionManager extends MsgrSessionManagerStub {
  readonly #user: UserCore;
  readonly #lock: LockAndKey;
  readonly #entry: ClientObject;
  readonly #unsubscribe: () => void;

  /** @internal */
  constructor(user: UserCore) {
    super();
    this.#user = user;
    this.#lock = user.createLock({
      statusChanged: (status) => this.fireOnLockStatusChanged(status),
      enable: (enabled) => this.fireOnLockEnable(enabled),
      challenge: (cookie, challenge) => this.fireOnLockChallenge(cookie, challenge),
      result: (cookie, succeeded) => this.fireOnLockResult(cookie, succeeded),
    });
    this.#entry = {
      lock: this.#lock,
      invitation: (session, appData, handled) => this.fireOnInvitation(session, appData, handled),
      appShutdown: () => this.fireOnAppShutdown(),
    };
    user.objects.add(this.#entry);
    // Registrations by anyone on this client (this object, another one, the host) are reported.
    this.#unsubscribe = user.apps.subscribe((change) => {
      if (!this.#lock.unlocked) return;
      if (change.kind === "registered") this.fireOnAppRegistered(change.guid);
      else this.fireOnAppUnRegistered(change.guid);
    });
  }

  protected override onFinalRelease(): void {
    this.#user.objects.delete(this.#entry);
    this.#unsubscribe();
    this.#lock.dispose();
  }

  #unlocked(member: string): void {
    if (!this.#lock.unlocked) fail(LockError.MSGR_E_API_LOCKED, `${member}: unlock the session manager with IMsgrLock first`);
  }

  /** A new READY inviter session; E_OUTOFMEMORY when the user already holds `maxSessions` live sessions. */
  override CreateSession(): IDispatch | null {
    this.#unlocked("CreateSession");
    const user = this.#user;
    if (user.sessions.size >= user.service.maxSessions) fail(E_OUTOFMEMORY, `the session object cannot be created (${user.sessions.size} live sessions)`);
    return createSession(user);
  }

  /**
   * The session whose launch started process `lProcessID` on this client (the invitee's side).
   * E_INVALIDARG for an ID that is not a positive integer; E_FAIL when no session launched it
   * (including launches suppressed by BeforeAppLaunch, and after sign-out).
   */
  override GetLaunchingSession(lProcessID: number): IDispatch | null {
    this.#unlocked("GetLaunchingSession");
    if (typeof lProcessID !== "number" || !Number.isInteger(lProcessID) || lProcessID <= 0) fail(E_INVALIDARG, "lProcessID must be a process ID");
    const side = this.#user.launches.get(lProcessID);
    const session = side?.com;
    if (session == null) fail(E_FAIL, `no session launched process ${lProcessID}`);
    return handOut(session);
  }

  /** See AppRegistry.register for the rules; OnAppRegistered follows on this client's unlocked managers. */
  override RegisterApplication(bstrAppGUID: string, bstrAppName: string, bstrAppURL: string, bstrPath: string, ulFlags: number): HRESULT | void {
    this.#unlocked("RegisterApplication");
    this.#user.apps.register(bstrAppGUID, bstrAppName, bstrAppURL, bstrPath, ulFlags);
  }

  override UnRegisterApplication(bstrAppGUID: string): HRESULT | void {
    this.#unlocked("UnRegisterApplication");
    this.#user.apps.unregister(bstrAppGUID);
  }

  // Applications: "This property is not implemented" — the generated stub's E_NOTIMPL stays.

  override RequestChallenge(lCookie: number): HRESULT | void {
    this.#lock.requestChallenge(lCookie);
  }

  override SendResponse(bstrAppStrId: string, bstrResponse: string, lCookie: number): HRESULT | void {
    this.#lock.sendResponse(bstrAppStrId, bstrResponse, lCookie);
  }

  override get Status(): LockStatus {
    return this.#lock.status;
  }
}
