/**
 * The service in the process: users with their own Messenger clients and objects, sign-in and
 * sign-out, shutdown (OnAppShutdown), contacts handed out to applications.
 */
import test from "ava";
import { CoCreateInstance, IID_IDispatch, IID_IUnknown, REGDB_E_CLASSNOTREG, invoke } from "midl-ts/runtime";
import {
  CLSID_MessengerPriv, CLSID_MsgrSession, CLSID_MsgrSessionManager, IID_IMsgrSession, IID_IMsgrSessionManager, LockError,
  LockStatus, SESSION_RESULT, SESSION_STATE, type IMsgrSession,
} from "../../generated/msgrpriv.js";
import { MessengerContact, MessengerService, SessionManager } from "../../src/messenger/index.js";
import { hr, invited, names, openManager, openPriv, readyManager, world } from "./helpers.js";

test("each user has their own Messenger client: CoCreateInstance on their class table gives objects bound to that user", (t) => {
  const w = world();
  const a = openManager(w.alice);
  const b = openManager(w.bob);
  t.true(a.mgr instanceof SessionManager);
  t.not(a.mgr as unknown, b.mgr as unknown);
  w.alice.signIn();
  t.deepEqual(names(a.events), ["OnLockStatusChanged", "OnLockEnable"]);
  t.deepEqual(b.events, [], "bob is still signed out");
  t.is(b.lock.Status, LockStatus.LOCK_NOTINITIALIZED);
  t.deepEqual(w.service.users.map((u) => u.signinName), ["alice@example.com", "bob@example.com"]);
  t.is(w.service.user("ALICE@EXAMPLE.COM"), w.alice, "sign-in names are case-insensitive");
});

test("MsgrSession is not creatable: sessions come only from CreateSession, GetLaunchingSession and OnInvitation", (t) => {
  const w = world();
  t.is(hr(t, () => CoCreateInstance(CLSID_MsgrSession, IID_IMsgrSession, w.alice.classes)), REGDB_E_CLASSNOTREG);
});

test("objects created while the user is signed in start LOCK_INITIALIZED, without an event (OnLockEnable already fired for this sign-in)", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  const p = openPriv(w.alice);
  t.is(m.lock.Status, LockStatus.LOCK_INITIALIZED);
  t.is(p.lock.Status, LockStatus.LOCK_INITIALIZED);
  t.deepEqual(m.events, []);
});

test("signing out ends live sessions on both sides (SR_SESSION_CANCELLED_LOCAL / _REMOTE) and re-locks the user's objects", (t) => {
  const w = world();
  const { a, b, inviter, invitee } = invited(w);
  invitee.session.Accept("");
  inviter.events.length = 0;
  invitee.events.length = 0;
  b.events.length = 0;
  w.bob.signOut();
  t.deepEqual(invitee.events, [["OnStateChanged", SESSION_STATE.SS_CONNECTED], ["OnTermination", SESSION_RESULT.SR_SESSION_CANCELLED_LOCAL | 0, ""]]);
  t.deepEqual(inviter.events, [["OnStateChanged", SESSION_STATE.SS_CONNECTED], ["OnTermination", SESSION_RESULT.SR_SESSION_CANCELLED_REMOTE | 0, ""]]);
  t.deepEqual(b.events, [["OnLockStatusChanged", LockStatus.LOCK_NOTINITIALIZED]]);
  t.is(b.lock.Status, LockStatus.LOCK_NOTINITIALIZED);
  t.is(hr(t, () => b.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
  t.is(a.lock.Status, LockStatus.LOCK_UNLOCKED, "alice is still signed in and unlocked");
  t.is(hr(t, () => b.mgr.GetLaunchingSession(4000)), LockError.MSGR_E_API_LOCKED);
  t.false(w.bob.signedIn);
});

test("a pending invitation also ends when the invitee signs out; a READY session of a signed-out inviter ends too", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  w.bob.signOut();
  t.is(inviter.session.State, SESSION_STATE.SS_TERMINATED);
  t.is(invitee.session.State, SESSION_STATE.SS_TERMINATED);
  const m = readyManager(w.alice);
  const session = m.mgr.CreateSession()!.QueryInterface<IMsgrSession>(IID_IMsgrSession);
  w.alice.signOut();
  t.is(session.State, SESSION_STATE.SS_TERMINATED);
});

test("shutdown: OnAppShutdown on every session manager (locked ones too), then sign-out; the client cannot be used or restarted", (t) => {
  const w = world();
  const unlocked = readyManager(w.alice);
  const locked = openManager(w.alice);
  const bobs = openManager(w.bob);
  w.service.shutdown();
  t.deepEqual(unlocked.events, [["OnAppShutdown"], ["OnLockStatusChanged", LockStatus.LOCK_NOTINITIALIZED]]);
  t.deepEqual(locked.events, [["OnAppShutdown"], ["OnLockStatusChanged", LockStatus.LOCK_NOTINITIALIZED]]);
  t.is(locked.lock.Status, LockStatus.LOCK_NOTINITIALIZED);
  t.deepEqual(bobs.events, [["OnAppShutdown"]], "a signed-out client shuts down too");
  t.false(w.service.running);
  t.false(w.alice.running);
  t.throws(() => w.alice.signIn());
  t.is(hr(t, () => CoCreateInstance(CLSID_MsgrSessionManager, IID_IMsgrSessionManager, w.alice.classes)), REGDB_E_CLASSNOTREG);
  t.is(hr(t, () => CoCreateInstance(CLSID_MessengerPriv, IID_IUnknown, w.alice.classes)), REGDB_E_CLASSNOTREG);
  t.throws(() => w.service.addUser("late@example.com"));
});

test("one user's shutdown leaves the others running", (t) => {
  const w = world();
  const a = openManager(w.alice);
  const b = openManager(w.bob);
  w.alice.shutdown();
  t.deepEqual(names(a.events), ["OnAppShutdown"]);
  t.deepEqual(b.events, []);
  w.bob.signIn();
  t.true(w.bob.signedIn);
});

test("a released session manager leaves its client: no more events, and the user's other objects carry on", (t) => {
  const w = world();
  const gone = openManager(w.alice);
  const kept = openManager(w.alice);
  gone.lock.Release();
  gone.disp.Release();
  while (gone.mgr.Release() > 0);
  w.alice.signIn();
  t.deepEqual(gone.events, []);
  t.deepEqual(names(kept.events), ["OnLockStatusChanged", "OnLockEnable"]);
});

test("getContact hands out a MessengerContact whose SigninName and FriendlyName are read through IDispatch", (t) => {
  const w = world();
  const contact = w.alice.getContact("bob@example.com");
  t.true(contact instanceof MessengerContact);
  t.is(invoke(contact, "SigninName", [], { kind: "get" }), "bob@example.com");
  t.is(invoke(contact, "FriendlyName", [], { kind: "get" }), "Bob");
  t.is(invoke(contact, "ServiceID", [], { kind: "get" }), w.service.serviceId);
  const stranger = w.alice.getContact("stranger@example.com");
  t.is(invoke(stranger, "FriendlyName", [], { kind: "get" }), "stranger@example.com", "no account: the sign-in name");
  t.is(contact.QueryInterface(IID_IDispatch), contact);
  t.is(contact.Release(), 1);
});

test("addUser rejects malformed, duplicate (case-insensitively) names and bad local addresses; signing in twice is an error", (t) => {
  const service = new MessengerService();
  service.addUser("alice@example.com");
  t.throws(() => service.addUser("alice"), { instanceOf: TypeError });
  t.throws(() => service.addUser("Alice@Example.com"), { instanceOf: TypeError });
  t.throws(() => service.addUser("carol@example.com", { localAddress: "here" }), { instanceOf: TypeError });
  const alice = service.user("alice@example.com")!;
  alice.signIn();
  t.throws(() => alice.signIn());
  alice.signOut();
  alice.signOut();
  t.false(alice.signedIn);
});

test("the production defaults: crypto challenges (32 hex digits, never repeating) and session IDs, the system clock", (t) => {
  const service = new MessengerService({ keys: { A: "K" } });
  const user = service.addUser("u@example.com");
  user.signIn();
  const challenges = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const m = openManager(user);
    m.lock.RequestChallenge(i);
    challenges.add(m.events.at(-1)![2] as string);
    m.lock.SendResponse("A", "0".repeat(32), i); // answered: no timer stays behind
  }
  t.is(challenges.size, 20);
  for (const c of challenges) t.regex(c, /^[0-9A-F]{32}$/);
});
