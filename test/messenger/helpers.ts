/**
 * Shared fixtures of the Messenger tests: a service with a fake clock and a predictable random
 * source, objects created through CoCreateInstance on a user's class table, event recorders
 * advised through IConnectionPointContainer::FindConnectionPoint, and an MD5 computed here with
 * node:crypto (not with the service's helper) so that the documented response format is checked.
 */
import { createHash } from "node:crypto";
import type { ExecutionContext } from "ava";
import {
  CoCreateInstance, ComError, IID_IConnectionPointContainer, IID_IDispatch, type EventTable, type IConnectionPoint,
  type IConnectionPointContainer, type IDispatch, type IUnknown, type Guid,
} from "midl-ts/runtime";
import {
  CLSID_MessengerPriv, CLSID_MsgrSessionManager, DIID_DMessengerPrivateEvents, DIID_DMsgrSessionEvents,
  DIID_DMsgrSessionManagerEvents, DMessengerPrivateEventsSink, DMessengerPrivateEvents_events, DMsgrSessionEventsSink,
  DMsgrSessionEvents_events, DMsgrSessionManagerEventsSink, DMsgrSessionManagerEvents_events, IID_IMessengerPrivate,
  IID_IMsgrLock, IID_IMsgrSession, IID_IMsgrSessionManager, type DMessengerPrivateEvents, type DMsgrSessionEvents,
  type DMsgrSessionManagerEvents, type IMessengerPrivate, type IMsgrLock, type IMsgrSession, type IMsgrSessionManager,
} from "../../generated/msgrpriv.js";
import {
  IID_IMessengerContact, ManualClock, MessengerService, type IMessengerContact, type MessengerServiceOptions, type MessengerUser,
  type UserOptions,
} from "../../src/messenger/index.js";

export const APP_ID = "TESTAPP01";
export const APP_KEY = "S3cretKey";
export const GAME = "{6A1F3C52-0B7D-4E8A-9C2D-5F4E3B2A1C0D}";
export const OTHER = "{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}";

/** Random bytes 00 01 02 … continuing across calls: challenges and session IDs are predictable. */
export function countingRandom(): (size: number) => Uint8Array {
  let next = 0;
  return (size) => Uint8Array.from({ length: size }, () => next++ & 0xff);
}

/** The MD5 response as API.md §8.1 step 6 describes it, computed independently of the service. */
export function md5(challenge: string, key: string, encoding: "utf8" | "utf16le" = "utf8"): string {
  return createHash("md5").update(Buffer.from(challenge + key, encoding)).digest("hex");
}

export interface World {
  readonly service: MessengerService;
  readonly clock: ManualClock;
  readonly alice: MessengerUser;
  readonly bob: MessengerUser;
}

/** A service with a fake clock, counting random bytes, key store {TESTAPP01: S3cretKey}, users alice and bob (signed out). */
export function world(options: MessengerServiceOptions = {}, users: { alice?: UserOptions; bob?: UserOptions } = {}): World {
  const clock = new ManualClock();
  const service = new MessengerService({ keys: { [APP_ID]: APP_KEY }, clock, randomBytes: countingRandom(), ...options });
  const alice = service.addUser("alice@example.com", { friendlyName: "Alice", localAddress: "10.0.0.1", ...users.alice });
  const bob = service.addUser("bob@example.com", { friendlyName: "Bob", localAddress: "10.0.0.2", ...users.bob });
  return { service, clock, alice, bob };
}

/** One recorded event: its name, then its arguments (a by-reference argument as its value on arrival). */
export type Recorded = [string, ...unknown[]];

/** Handlers that record every event of `events` into `log`; `overrides` run after recording. */
function recorder<S>(events: EventTable<S>, log: Recorded[], overrides: Partial<S>): Partial<S> {
  const handlers: Record<string, (...args: unknown[]) => void> = {};
  for (const m of events.members) {
    const override = (overrides as Record<string, ((...args: unknown[]) => void) | undefined>)[m.member];
    handlers[m.member] = (...args: unknown[]) => {
      log.push([m.member, ...args.map((a) => (typeof a === "object" && a !== null && "value" in a && !("QueryInterface" in a) ? (a as { value: unknown }).value : a))]);
      override?.(...args);
    };
  }
  return handlers as Partial<S>;
}

/** The connection point of `diid` on `obj`, found the COM way. */
export function connectionPoint(obj: IUnknown, diid: Guid): IConnectionPoint {
  return obj.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer).FindConnectionPoint(diid);
}

/** Advises a recording DMsgrSessionManagerEvents sink. */
export function recordManager(obj: IUnknown, overrides: Partial<DMsgrSessionManagerEvents> = {}): Recorded[] {
  const log: Recorded[] = [];
  connectionPoint(obj, DIID_DMsgrSessionManagerEvents).Advise(DMsgrSessionManagerEventsSink(recorder(DMsgrSessionManagerEvents_events, log, overrides)));
  return log;
}

/** Advises a recording DMsgrSessionEvents sink. */
export function recordSession(obj: IUnknown, overrides: Partial<DMsgrSessionEvents> = {}): Recorded[] {
  const log: Recorded[] = [];
  connectionPoint(obj, DIID_DMsgrSessionEvents).Advise(DMsgrSessionEventsSink(recorder(DMsgrSessionEvents_events, log, overrides)));
  return log;
}

/** Advises a recording DMessengerPrivateEvents sink. */
export function recordPriv(obj: IUnknown, overrides: Partial<DMessengerPrivateEvents> = {}): Recorded[] {
  const log: Recorded[] = [];
  connectionPoint(obj, DIID_DMessengerPrivateEvents).Advise(DMessengerPrivateEventsSink(recorder(DMessengerPrivateEvents_events, log, overrides)));
  return log;
}

export interface ManagerHandle {
  readonly mgr: IMsgrSessionManager;
  readonly lock: IMsgrLock;
  readonly disp: IDispatch;
  readonly events: Recorded[];
}

/** CoCreateInstance(CLSID_MsgrSessionManager) on the user's class table, with a recording sink. */
export function openManager(user: MessengerUser, overrides: Partial<DMsgrSessionManagerEvents> = {}): ManagerHandle {
  const mgr = CoCreateInstance<IMsgrSessionManager>(CLSID_MsgrSessionManager, IID_IMsgrSessionManager, user.classes);
  const events = recordManager(mgr, overrides);
  return { mgr, lock: mgr.QueryInterface<IMsgrLock>(IID_IMsgrLock), disp: mgr.QueryInterface<IDispatch>(IID_IDispatch), events };
}

export interface PrivHandle {
  readonly priv: IMessengerPrivate;
  readonly lock: IMsgrLock;
  readonly disp: IDispatch;
  readonly events: Recorded[];
}

/** CoCreateInstance(CLSID_MessengerPriv) on the user's class table, with a recording sink. */
export function openPriv(user: MessengerUser, overrides: Partial<DMessengerPrivateEvents> = {}): PrivHandle {
  const priv = CoCreateInstance<IMessengerPrivate>(CLSID_MessengerPriv, IID_IMessengerPrivate, user.classes);
  const events = recordPriv(priv, overrides);
  return { priv, lock: priv.QueryInterface<IMsgrLock>(IID_IMsgrLock), disp: priv.QueryInterface<IDispatch>(IID_IDispatch), events };
}

/** The challenge of the latest OnLockChallenge in `events` for `cookie`. */
export function challengeOf(events: readonly Recorded[], cookie: number): string {
  const hit = events.filter((e) => e[0] === "OnLockChallenge" && e[1] === cookie).at(-1);
  if (hit === undefined) throw new Error(`no OnLockChallenge for cookie ${cookie}`);
  return hit[2] as string;
}

/** Runs Lock and Key on an object whose user is signed in: RequestChallenge, then SendResponse(MD5(challenge + key)). */
export function unlock(handle: { lock: IMsgrLock; events: Recorded[] }, cookie = 4242): void {
  handle.lock.RequestChallenge(cookie);
  handle.lock.SendResponse(APP_ID, md5(challengeOf(handle.events, cookie), APP_KEY), cookie);
}

/** A signed-in user's unlocked session manager, with GAME registered on their client. */
export function readyManager(user: MessengerUser, overrides: Partial<DMsgrSessionManagerEvents> = {}): ManagerHandle {
  if (!user.signedIn) user.signIn();
  const handle = openManager(user, overrides);
  unlock(handle);
  if (!user.apps.has(GAME)) handle.mgr.RegisterApplication(GAME, "Game", "https://example.com/game", "C:\\Games\\game.exe", 0);
  handle.events.length = 0;
  return handle;
}

/** CreateSession, as IMsgrSession, with a recording sink. */
export function newSession(mgr: IMsgrSessionManager, app: string | null = GAME): { session: IMsgrSession; events: Recorded[] } {
  const session = mgr.CreateSession()!.QueryInterface<IMsgrSession>(IID_IMsgrSession);
  if (app !== null) session.Application = app;
  return { session, events: recordSession(session) };
}

/**
 * Alice (inviter) and Bob (invitee), both unlocked with GAME registered; Alice's session invited
 * Bob and Bob's manager kept the session it received in OnInvitation (pfHandled = TRUE).
 */
export function invited(w: World, appData = "invite data") {
  const a = readyManager(w.alice);
  let received: IMsgrSession | undefined;
  const b = readyManager(w.bob, {
    OnInvitation(session, _data, handled) {
      received = session!.QueryInterface<IMsgrSession>(IID_IMsgrSession);
      handled.value = true;
    },
  });
  const inviter = newSession(a.mgr);
  inviter.session.Invite(w.alice.getContact("bob@example.com"), appData);
  if (received === undefined) throw new Error("Bob received no invitation");
  const invitee = { session: received, events: recordSession(received) };
  inviter.events.length = 0;
  return { a, b, inviter, invitee };
}

/** The HRESULT of the ComError `fn` throws (unsigned), failing the test when it does not throw one. */
export function hr(t: ExecutionContext, fn: () => unknown): number {
  const error = t.throws(fn, { instanceOf: ComError });
  return error === undefined ? -1 : error.hresult;
}

/** EXCEPINFO.scode of the DISP_E_EXCEPTION an IDispatch::Invoke throws. */
export function scode(t: ExecutionContext, fn: () => unknown): number {
  const error = t.throws(fn, { instanceOf: ComError });
  return error?.excepInfo?.scode ?? -1;
}

/** The names of the recorded events. */
export const names = (events: readonly Recorded[]): string[] => events.map((e) => e[0]);

/** A MessengerContact (Invite's pUser, IMsgrSession::User, OnContactListAdd's pMContact) as IMessengerContact. */
export function asContact(contact: unknown): IMessengerContact {
  return (contact as IUnknown).QueryInterface<IMessengerContact>(IID_IMessengerContact);
}

/** A contact's SigninName, through IMessengerContact. */
export function signinNameOf(contact: unknown): string {
  return asContact(contact).SigninName;
}
