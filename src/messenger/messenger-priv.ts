/**
 * The MessengerPriv object (IMessengerPrivate, IMsgrLock, DMessengerPrivateEvents) on the
 * generated stub. "Locked by default" (API.md §1): AddContact returns MSGR_E_API_LOCKED and
 * EnableAlertEvents S_FALSE until the object is unlocked (§8.1 step 11).
 */
import { E_FAIL, E_INVALIDARG, E_OUTOFMEMORY, E_POINTER, Guid, S_FALSE, isMissing, type HRESULT, type Ref, type VARIANT } from "midl-ts/runtime";
import { LockError, MSGR_E_NOT_LOGGED_ON, MessengerPrivStub, type LockStatus } from "../../generated/msgrpriv.js";
import { readStringProperty } from "./contacts.js";
import { asLong, fail, MSGR_E_USER_NOT_FOUND } from "./errors.js";
import { isSigninName, MAX_ALERT_SITES, signinKey } from "./limits.js";
import type { LockAndKey } from "./lock-and-key.js";
import type { ClientObject, UserCore } from "./user.js";

/** The Messenger private object of one user's client. Created by CoCreateInstance on the user's class table. */
export class MessengerPriv extends MessengerPrivStub {
  readonly #user: UserCore;
  readonly #lock: LockAndKey;
  readonly #entry: ClientObject;
  #sites = new Set<number>();

  /** @internal */
  constructor(user: UserCore) {
    super();
    this.#user = user;
    this.#lock = user.createLock({
      statusChanged: () => {}, // DMessengerPrivateEvents has no OnLockStatusChanged
      enable: (enabled) => this.fireOnLockEnable(enabled),
      challenge: (cookie, challenge) => this.fireOnLockChallenge(cookie, challenge),
      result: (cookie, succeeded) => this.fireOnLockResult(cookie, succeeded),
    });
    this.#entry = {
      lock: this.#lock,
      alert: (siteId, text, popup) => {
        if (this.#sites.has(siteId)) this.fireOnAlertReceived(text, popup);
      },
      signedOut: () => void (this.#sites = new Set()),
    };
    user.objects.add(this.#entry);
  }

  protected override onFinalRelease(): void {
    this.#user.objects.delete(this.#entry);
    this.#lock.dispose();
  }

  /**
   * Checks, in order: client running (E_FAIL), a name (E_POINTER for NULL/""), signed in
   * (MSGR_E_NOT_LOGGED_ON), unlocked (MSGR_E_API_LOCKED), a sign-in name (E_INVALIDARG), vService
   * this service or omitted (E_INVALIDARG), not oneself (E_INVALIDARG). Then it "runs regardless":
   * OnContactListAdd(hr, contact) reports S_OK, MSGR_E_USER_NOT_FOUND, MSGR_E_ALREADY_IN_LIST or
   * MSGR_E_LIST_FULL.
   */
  override AddContact(bstrSiginName: string, vService: VARIANT): HRESULT | void {
    const user = this.#user;
    if (!user.running) fail(E_FAIL, "the Messenger client has shut down");
    if (typeof bstrSiginName !== "string" || bstrSiginName === "") fail(E_POINTER, "bstrSiginName is NULL");
    if (!user.signedIn) fail(MSGR_E_NOT_LOGGED_ON, "the service is not logged on");
    if (!this.#lock.unlocked) fail(LockError.MSGR_E_API_LOCKED, "AddContact: unlock MessengerPriv with IMsgrLock first");
    if (!isSigninName(bstrSiginName)) fail(E_INVALIDARG, `${JSON.stringify(bstrSiginName)} is not a sign-in name`);
    if (!this.#isThisService(vService)) fail(E_INVALIDARG, "vService is neither this service's ID nor its MessengerService object");
    if (signinKey(bstrSiginName) === user.key) fail(E_INVALIDARG, "a user cannot add themselves");
    const hr = user.service.findUser(bstrSiginName) === undefined ? MSGR_E_USER_NOT_FOUND : user.contacts.add(bstrSiginName);
    this.fireOnContactListAdd(asLong(hr), user.service.contact(bstrSiginName));
  }

  /**
   * Locked or signed out: S_FALSE, nothing changes. Otherwise more than 256 IDs is E_OUTOFMEMORY,
   * an ID that is not a positive 32-bit integer E_INVALIDARG; the IDs replace the object's
   * previous ones and are written back without duplicates ([in, out]); [] turns alerts off.
   */
  override EnableAlertEvents(ppsaSiteIds: Ref<number[]>): HRESULT | void {
    if (!this.#user.signedIn || !this.#lock.unlocked) return S_FALSE;
    const ids: unknown = ppsaSiteIds?.value;
    if (!Array.isArray(ids)) fail(E_INVALIDARG, "ppsaSiteIds must be an array of site IDs");
    if (ids.length > MAX_ALERT_SITES) fail(E_OUTOFMEMORY, `${ids.length} site IDs; at most ${MAX_ALERT_SITES}`);
    if (!ids.every((id) => Number.isInteger(id) && id > 0 && id <= 0x7fffffff)) fail(E_INVALIDARG, "site IDs are positive 32-bit integers");
    const unique = [...new Set(ids as number[])];
    this.#sites = new Set(unique);
    ppsaSiteIds.value = unique;
  }

  override RequestChallenge(lCookie: number): HRESULT | void {
    this.#lock.requestChallenge(lCookie);
  }

  override SendResponse(bstrAppStrId: string, bstrResponse: string, lCookie: number): HRESULT | void {
    this.#lock.sendResponse(bstrAppStrId, bstrResponse, lCookie);
  }

  override get Status(): LockStatus {
    return this.#lock.status;
  }

  /** vService: omitted, this service's ID (any GUID spelling) or an object whose ServiceID is. */
  #isThisService(vService: VARIANT): boolean {
    if (vService === undefined || vService === null || vService === "" || isMissing(vService)) return true;
    const id = typeof vService === "string" ? vService : readStringProperty(vService, "ServiceID");
    const guid = id === undefined ? undefined : Guid.tryParse(id);
    return guid !== undefined && guid.equals(Guid.tryParse(this.#user.service.serviceId));
  }
}
