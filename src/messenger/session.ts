/**
 * The MsgrSession object (IMsgrSession, IMsgrLock, DMsgrSessionEvents) on the generated stub.
 * This class checks arguments and states and returns the documented codes (API.md §3); the
 * transitions and their events are in session-link.ts.
 */
import { E_FAIL, E_INVALIDARG, E_OUTOFMEMORY, type HRESULT, type IDispatch } from "midl-ts/runtime";
import { LockError, LockStatus, MSGR_E_NOT_LOGGED_ON, MsgrSessionStub, SESSION_RESULT, SESSION_STATE } from "../../generated/msgrpriv.js";
import { handOut, readStringProperty } from "./contacts.js";
import { fail } from "./errors.js";
import {
  bstrBytes, isAppGuid, isIpAddress, isLong, MAX_APP_DATA_BYTES, MAX_CONTEXT_DATA_CALLS, MAX_CONTEXT_DATA_CHARS, MAX_GUID_CHARS,
  MAX_LOCAL_ADDRESS_CHARS, signinKey,
} from "./limits.js";
import { isFinal, SessionLink, type Endpoint } from "./session-link.js";
import type { UserCore } from "./user.js";

const { SS_READY, SS_INVITATION, SS_ACCEPTED, SS_CONNECTED } = SESSION_STATE;

/** One side of a Messenger session. Created by CreateSession (inviter) or by Invite (invitee). */
export class Session extends MsgrSessionStub {
  readonly #side: Endpoint;

  /** @internal */
  constructor(side: Endpoint) {
    super();
    this.#side = side;
    side.com = this;
    side.user.sessions.add(side);
  }

  /** A new inviter session for CreateSession: READY, with a fresh SessionID. @internal */
  static create(user: UserCore): Session {
    return new Session(new SessionLink(user.service.newSessionId(), user).inviter);
  }

  /** The last Release ends a live session for the other side (decision: as if this side left). */
  protected override onFinalRelease(): void {
    const side = this.#side;
    side.com = null;
    side.user.sessions.delete(side);
    side.link.drop(side);
  }

  /**
   * Checks, in order: arguments (E_INVALIDARG), READY inviter session (SR_SESSION_NOT_READY),
   * Application set (SR_APP_NOT_SPECIFIED) and still registered (SR_APP_NOT_REGISTERED), not
   * oneself (SR_INVITED_SELF), invitee signed in (MSGR_E_NOT_LOGGED_ON).
   */
  override Invite(pUser: IDispatch | null, bstrAppData: string): HRESULT | void {
    const side = this.#side;
    checkAppData(bstrAppData);
    const name = readStringProperty(pUser, "SigninName");
    if (name === undefined) fail(E_INVALIDARG, "pUser is not a MessengerContact (no SigninName)");
    if (side.role !== "inviter" || side.state !== SS_READY) fail(SESSION_RESULT.SR_SESSION_NOT_READY, "Invite needs a new session in SS_READY");
    const app = side.link.app;
    if (app === undefined) fail(SESSION_RESULT.SR_APP_NOT_SPECIFIED, "set Application before Invite");
    if (!side.user.apps.has(app.guid)) fail(SESSION_RESULT.SR_APP_NOT_REGISTERED, `${app.guid} is no longer registered`);
    if (signinKey(name) === side.user.key) fail(SESSION_RESULT.SR_INVITED_SELF, `${name} invited themselves`);
    const invitee = side.user.service.findUser(name);
    if (invitee === undefined || !invitee.signedIn) fail(MSGR_E_NOT_LOGGED_ON, `${name} is not signed in`);
    side.link.invite(invitee, bstrAppData, (remote) => new Session(remote));
  }

  override Accept(bstrAppData: string): HRESULT | void {
    const side = this.#answerable(bstrAppData);
    side.link.accept(side, bstrAppData);
  }

  override Decline(bstrAppData: string): HRESULT | void {
    const side = this.#answerable(bstrAppData);
    side.link.decline(side, bstrAppData);
  }

  /** Either side, in any state that is not final (E_FAIL there: nothing left to cancel). */
  override Cancel(hr: number, bstrAppData: string): HRESULT | void {
    const side = this.#side;
    if (typeof hr !== "number" || !isLong(hr)) fail(E_INVALIDARG, "hr must be a 32-bit code");
    checkAppData(bstrAppData);
    if (isFinal(side.state)) fail(E_FAIL, "the session has already ended");
    side.link.cancel(side, hr, bstrAppData);
  }

  override SendContextData(bstrData: string): HRESULT | void {
    const side = this.#side;
    if (typeof bstrData !== "string" || bstrData === "") fail(E_INVALIDARG, "bstrData is empty");
    if (bstrData.length > MAX_CONTEXT_DATA_CHARS) fail(SESSION_RESULT.SR_CONTEXT_DATA_OVER_LIMIT, `${bstrData.length} characters; the limit is ${MAX_CONTEXT_DATA_CHARS}`);
    if (side.state === SS_READY || side.state === SS_INVITATION) {
      fail(SESSION_RESULT.SR_NOT_VALID_FOR_APP_INVITE, "context data needs an accepted session; an invitation carries its data in Invite");
    }
    if (side.state !== SS_ACCEPTED && side.state !== SS_CONNECTED) fail(SESSION_RESULT.SR_SESSION_STATE_INVALID, "the session has ended");
    if (side.contextSends >= MAX_CONTEXT_DATA_CALLS) fail(SESSION_RESULT.SR_CONTEXT_DATA_OVER_LIMIT, `SendContextData was already called ${MAX_CONTEXT_DATA_CALLS} times`);
    side.link.sendContextData(side, bstrData);
  }

  override get Application(): string {
    return this.#app().guid;
  }

  /**
   * The inviter sets it on a READY session. Checks: a string (E_INVALIDARG), not empty
   * (SR_APP_NOT_SPECIFIED), at most 39 characters (E_OUTOFMEMORY, "too long"), the upper-case
   * GUID format (E_INVALIDARG), READY inviter session (SR_SESSION_NOT_READY), registered
   * (SR_APP_NOT_REGISTERED; the docs say only "will cause an error").
   */
  override set Application(value: string) {
    const side = this.#side;
    if (typeof value !== "string") fail(E_INVALIDARG, "Application must be a GUID string");
    if (value === "") fail(SESSION_RESULT.SR_APP_NOT_SPECIFIED, "Application is empty");
    if (value.length > MAX_GUID_CHARS) fail(E_OUTOFMEMORY, `the application ID is longer than ${MAX_GUID_CHARS} characters`);
    if (!isAppGuid(value)) fail(E_INVALIDARG, `${JSON.stringify(value)} is not {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} in upper case`);
    if (side.role !== "inviter" || side.state !== SS_READY) fail(SESSION_RESULT.SR_SESSION_NOT_READY, "Application can only be set before Invite");
    const app = side.user.apps.get(value);
    if (app === undefined) fail(SESSION_RESULT.SR_APP_NOT_REGISTERED, `${value} is not registered with RegisterApplication`);
    side.link.app = { guid: app.guid, name: app.name, url: app.url };
  }

  override get ApplicationName(): string {
    return this.#app().name;
  }

  override get ApplicationURL(): string {
    return this.#app().url;
  }

  override get ContextData(): string {
    return this.#side.contextData;
  }

  override get Flags(): number {
    return this.#side.flags;
  }

  override get LocalAddress(): string {
    return this.#side.localAddress;
  }

  /**
   * Only the object's data member changes (the docs); the other side sees the value this side had
   * when it sent Invite or Accept.
   */
  override set LocalAddress(value: string) {
    if (typeof value !== "string") fail(E_INVALIDARG, "LocalAddress must be a string");
    if (value.length > MAX_LOCAL_ADDRESS_CHARS) fail(E_OUTOFMEMORY, `the local address is longer than ${MAX_LOCAL_ADDRESS_CHARS} characters`);
    if (!isIpAddress(value)) fail(E_INVALIDARG, `${JSON.stringify(value)} is not an IP address`);
    this.#side.localAddress = value;
  }

  /** "" until the session is SS_CONNECTED (the S_FALSE "not retrieved" case), then the other side's address. */
  override get RemoteAddress(): string {
    return this.#side.remoteAddress;
  }

  override get SessionID(): string {
    return this.#side.link.id;
  }

  override get State(): SESSION_STATE {
    return this.#side.state;
  }

  /** The other party's MessengerContact; SR_NO_USER_INVITED on an inviter session before Invite. */
  override get User(): IDispatch | null {
    const name = this.#side.peerName;
    if (name === undefined) fail(SESSION_RESULT.SR_NO_USER_INVITED, "no user has been invited to this session");
    return this.#side.user.service.contact(name);
  }

  /**
   * Sessions are not unlocked themselves (decision): they come only from unlocked session
   * managers, so Status is UNLOCKED while the user is signed in and NOTINITIALIZED after; the
   * transaction methods answer accordingly and start nothing.
   */
  override get Status(): LockStatus {
    return this.#side.user.signedIn ? LockStatus.LOCK_UNLOCKED : LockStatus.LOCK_NOTINITIALIZED;
  }

  override RequestChallenge(_lCookie: number): HRESULT | void {
    this.#noTransaction("RequestChallenge");
  }

  override SendResponse(_bstrAppStrId: string, _bstrResponse: string, _lCookie: number): HRESULT | void {
    this.#noTransaction("SendResponse");
  }

  #noTransaction(member: string): never {
    const user = this.#side.user;
    if (!user.running) fail(E_FAIL, "the Messenger client has shut down");
    if (user.signedIn) fail(LockError.MSGR_E_API_ALREADY_UNLOCKED, `${member}: a session is unlocked through its session manager`);
    fail(LockError.MSGR_E_API_NOTINITIALIZED, `${member}: the user is signed out`);
  }

  #app(): { guid: string; name: string; url: string } {
    const app = this.#side.link.app;
    if (app === undefined) fail(SESSION_RESULT.SR_APP_NOT_SPECIFIED, "no application is set on this session");
    return app;
  }

  /** Accept and Decline: data, then the invitee's side (SR_NOT_INVITEE), then SS_INVITATION (SR_SESSION_STATE_INVALID). */
  #answerable(bstrAppData: string): Endpoint {
    const side = this.#side;
    checkAppData(bstrAppData);
    if (side.role !== "invitee") fail(SESSION_RESULT.SR_NOT_INVITEE, "only the invitee answers an invitation");
    if (side.state !== SS_INVITATION) fail(SESSION_RESULT.SR_SESSION_STATE_INVALID, "the invitation is no longer pending");
    return side;
  }
}

function checkAppData(data: unknown): asserts data is string {
  if (typeof data !== "string") fail(E_INVALIDARG, "bstrAppData must be a string");
  if (bstrBytes(data) > MAX_APP_DATA_BYTES) fail(E_INVALIDARG, `bstrAppData is ${bstrBytes(data)} bytes; the limit is ${MAX_APP_DATA_BYTES}`);
}

/** CreateSession's result: the new session's IDispatch, holding the caller's reference. @internal */
export function createSession(user: UserCore): IDispatch {
  return handOut(Session.create(user));
}
