/**
 * IMsgrSessionManager::CreateSession and the IMsgrSession properties and Invite checks
 * (API.md §3): every documented property, its values and its error codes.
 */
import test from "ava";
import { E_INVALIDARG, E_OUTOFMEMORY, IID_IDispatch, type IDispatch } from "midl-ts/runtime";
import { LockError, LockStatus, MSGR_E_NOT_LOGGED_ON, SESSION_FLAGS, SESSION_RESULT, SESSION_STATE, IID_IMsgrLock, IID_IMsgrSession, type IMsgrLock, type IMsgrSession } from "../../generated/msgrpriv.js";
import { MessengerContact } from "../../src/messenger/index.js";
import { GAME, OTHER, asContact, hr, invited, newSession, openManager, readyManager, signinNameOf, world } from "./helpers.js";

test("CreateSession: a new SS_READY session, SF_INVITER, SessionID a GUID from the random source, LocalAddress the user's address", (t) => {
  const w = world();
  const m = readyManager(w.alice); // the lock's challenge took random bytes 00…0F
  const { session } = newSession(m.mgr, null);
  t.is(session.State, SESSION_STATE.SS_READY);
  t.is(session.Flags, SESSION_FLAGS.SF_INVITER);
  t.is(session.SessionID, "{10111213-1415-4617-9819-1A1B1C1D1E1F}", "version-4 GUID from the next 16 random bytes");
  t.regex(session.SessionID, /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
  t.is(session.LocalAddress, "10.0.0.1");
  t.is(session.RemoteAddress, "");
  t.is(session.ContextData, "");
  t.not(newSession(m.mgr, null).session.SessionID, session.SessionID, "a new session for each invitation, with its own ID");
});

test("CreateSession: E_OUTOFMEMORY when the session object cannot be created (the host's maxSessions of live sessions per user)", (t) => {
  const w = world({ maxSessions: 2 });
  const m = readyManager(w.alice);
  const first = newSession(m.mgr).session;
  newSession(m.mgr);
  t.is(hr(t, () => m.mgr.CreateSession()), E_OUTOFMEMORY);
  while (first.Release() > 0);
  t.truthy(m.mgr.CreateSession(), "a released session frees its place");
});

test("a locked session manager refuses CreateSession and GetLaunchingSession with MSGR_E_API_LOCKED", (t) => {
  const w = world();
  const m = openManager(w.alice);
  t.is(hr(t, () => m.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
  w.alice.signIn();
  t.is(hr(t, () => m.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
  t.is(hr(t, () => m.mgr.GetLaunchingSession(4000)), LockError.MSGR_E_API_LOCKED);
});

test("Application: put a registered GUID, read it back with ApplicationName and ApplicationURL from the registration", (t) => {
  const m = readyManager(world().alice);
  const { session } = newSession(m.mgr, null);
  session.Application = GAME;
  t.is(session.Application, GAME);
  t.is(session.ApplicationName, "Game");
  t.is(session.ApplicationURL, "https://example.com/game");
});

test("Application, ApplicationName and ApplicationURL before an application is set: SR_APP_NOT_SPECIFIED", (t) => {
  const { session } = newSession(readyManager(world().alice).mgr, null);
  t.is(hr(t, () => session.Application), SESSION_RESULT.SR_APP_NOT_SPECIFIED);
  t.is(hr(t, () => session.ApplicationName), SESSION_RESULT.SR_APP_NOT_SPECIFIED);
  t.is(hr(t, () => session.ApplicationURL), SESSION_RESULT.SR_APP_NOT_SPECIFIED);
});

test("ApplicationName is \"\" for an application registered without a name", (t) => {
  const m = readyManager(world().alice);
  m.mgr.RegisterApplication(OTHER, "", "", "C:\\x.exe", 0);
  t.is(newSession(m.mgr, OTHER).session.ApplicationName, "");
});

test("put Application errors: \"\" SR_APP_NOT_SPECIFIED, over 39 characters E_OUTOFMEMORY, bad format E_INVALIDARG, unregistered SR_APP_NOT_REGISTERED", (t) => {
  const { session } = newSession(readyManager(world().alice).mgr, null);
  t.is(hr(t, () => { session.Application = ""; }), SESSION_RESULT.SR_APP_NOT_SPECIFIED);
  t.is(hr(t, () => { session.Application = GAME + "-EXTRA"; }), E_OUTOFMEMORY);
  t.is(hr(t, () => { session.Application = GAME.toLowerCase(); }), E_INVALIDARG);
  t.is(hr(t, () => { session.Application = GAME.slice(1, -1); }), E_INVALIDARG);
  t.is(hr(t, () => { session.Application = OTHER; }), SESSION_RESULT.SR_APP_NOT_REGISTERED);
  t.is(hr(t, () => session.Application), SESSION_RESULT.SR_APP_NOT_SPECIFIED, "nothing was set");
});

test("put Application after Invite, or on the invitee's session: SR_SESSION_NOT_READY", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  t.is(hr(t, () => { inviter.session.Application = GAME; }), SESSION_RESULT.SR_SESSION_NOT_READY);
  t.is(hr(t, () => { invitee.session.Application = GAME; }), SESSION_RESULT.SR_SESSION_NOT_READY);
});

test("LocalAddress: put an IP address of at most 30 characters; longer is E_OUTOFMEMORY, not an address E_INVALIDARG", (t) => {
  const { session } = newSession(readyManager(world().alice).mgr);
  session.LocalAddress = "192.168.1.20";
  t.is(session.LocalAddress, "192.168.1.20");
  session.LocalAddress = "fe80::1";
  t.is(session.LocalAddress, "fe80::1");
  t.is(hr(t, () => { session.LocalAddress = "2001:0db8:0000:0000:0000:ff00:0042:8329"; }), E_OUTOFMEMORY);
  t.is(hr(t, () => { session.LocalAddress = "not an address"; }), E_INVALIDARG);
  t.is(hr(t, () => { session.LocalAddress = ""; }), E_INVALIDARG);
  t.is(session.LocalAddress, "fe80::1");
});

test("LocalAddress set before Invite and before Accept is what the other side reads as RemoteAddress once SS_CONNECTED", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  let received: IDispatch | undefined;
  readyManager(w.bob, { OnInvitation: (s, _d, h) => { received = s!; h.value = true; } });
  const { session } = newSession(a.mgr);
  session.LocalAddress = "192.0.2.1";
  session.Invite(w.alice.getContact("bob@example.com"), "");
  session.LocalAddress = "192.0.2.99"; // after Invite: only the object's data member changes
  const bobSession = received!.QueryInterface<IMsgrSession>(IID_IMsgrSession);
  t.is(bobSession.RemoteAddress, "", "not before SS_CONNECTED");
  bobSession.LocalAddress = "198.51.100.7";
  bobSession.Accept("");
  t.is(session.RemoteAddress, "198.51.100.7");
  t.is(bobSession.RemoteAddress, "192.0.2.1");
  t.is(session.LocalAddress, "192.0.2.99");
});

test("User: SR_NO_USER_INVITED before Invite; then the other party's MessengerContact on both sides", (t) => {
  const w = world();
  const { session } = newSession(readyManager(w.alice).mgr);
  t.is(hr(t, () => session.User), SESSION_RESULT.SR_NO_USER_INVITED);
  const x = world();
  const { inviter, invitee } = invited(x);
  const bob = inviter.session.User!;
  t.true(bob instanceof MessengerContact);
  t.is(signinNameOf(bob), "bob@example.com");
  t.is(asContact(bob).FriendlyName, "Bob");
  t.is(signinNameOf(invitee.session.User), "alice@example.com");
});

test("Invite checks: E_INVALIDARG for no contact, an IDispatch that is not a contact, or bstrAppData over 512 bytes (256 characters)", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  readyManager(w.bob);
  const { session } = newSession(a.mgr);
  const bob = w.alice.getContact("bob@example.com");
  t.is(hr(t, () => session.Invite(null, "")), E_INVALIDARG);
  t.is(hr(t, () => session.Invite(a.mgr.QueryInterface<IDispatch>(IID_IDispatch), "")), E_INVALIDARG);
  t.is(hr(t, () => session.Invite(bob, "x".repeat(257))), E_INVALIDARG);
  t.is(session.State, SESSION_STATE.SS_READY);
  session.Invite(bob, "x".repeat(256));
  t.is(session.State, SESSION_STATE.SS_INVITATION, "exactly 512 bytes is accepted");
});

test("Invite checks: SR_APP_NOT_SPECIFIED without Application, SR_INVITED_SELF, SR_SESSION_NOT_READY on a used session", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  readyManager(w.bob);
  const bob = w.alice.getContact("bob@example.com");
  const { session } = newSession(a.mgr, null);
  t.is(hr(t, () => session.Invite(bob, "")), SESSION_RESULT.SR_APP_NOT_SPECIFIED);
  session.Application = GAME;
  t.is(hr(t, () => session.Invite(w.alice.getContact("ALICE@example.com"), "")), SESSION_RESULT.SR_INVITED_SELF);
  session.Invite(bob, "");
  t.is(hr(t, () => session.Invite(bob, "")), SESSION_RESULT.SR_SESSION_NOT_READY);
});

test("Invite checks: MSGR_E_NOT_LOGGED_ON for a user who is signed out or does not exist", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  const { session } = newSession(a.mgr);
  t.is(hr(t, () => session.Invite(w.alice.getContact("bob@example.com"), "")), MSGR_E_NOT_LOGGED_ON, "bob is signed out");
  t.is(hr(t, () => session.Invite(w.alice.getContact("nobody@example.com"), "")), MSGR_E_NOT_LOGGED_ON);
  t.is(session.State, SESSION_STATE.SS_READY);
});

test("Invite checks: SR_APP_NOT_REGISTERED when the application was unregistered after it was set", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  readyManager(w.bob);
  const { session } = newSession(a.mgr);
  a.mgr.UnRegisterApplication(GAME);
  t.is(hr(t, () => session.Invite(w.alice.getContact("bob@example.com"), "")), SESSION_RESULT.SR_APP_NOT_REGISTERED);
});

test("the session's IMsgrLock: Status LOCK_UNLOCKED while signed in (it came from an unlocked manager); no transaction of its own", (t) => {
  const w = world();
  const { session } = newSession(readyManager(w.alice).mgr);
  const lock = session.QueryInterface<IMsgrLock>(IID_IMsgrLock);
  t.is(lock.Status, LockStatus.LOCK_UNLOCKED);
  t.is(hr(t, () => lock.RequestChallenge(1)), LockError.MSGR_E_API_ALREADY_UNLOCKED);
  t.is(hr(t, () => lock.SendResponse("A", "B", 1)), LockError.MSGR_E_API_ALREADY_UNLOCKED);
  w.alice.signOut();
  t.is(lock.Status, LockStatus.LOCK_NOTINITIALIZED);
  t.is(hr(t, () => lock.RequestChallenge(1)), LockError.MSGR_E_API_NOTINITIALIZED);
});
