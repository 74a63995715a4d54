/**
 * Lock and Key (API.md §8) on MsgrSessionManager and MessengerPriv, through IMsgrLock and the
 * event connection points: the documented order, every LockError for a wrong order, and that no
 * wrong, replayed, late or foreign response ever unlocks.
 */
import test from "ava";
import { E_FAIL, E_INVALIDARG } from "midl-ts/runtime";
import { LockError, LockStatus, type IMsgrLock } from "../../generated/msgrpriv.js";
import { KeyStore, lockAndKeyResponse, verifyLockResponse } from "../../src/messenger/index.js";
import { APP_ID, APP_KEY, challengeOf, hr, md5, names, openManager, openPriv, unlock, world } from "./helpers.js";

const { LOCK_NOTINITIALIZED, LOCK_INITIALIZED, LOCK_PENDINGRESULT, LOCK_UNLOCKED, LOCK_UNLOCKFAILED, LOCK_DISABLED } = LockStatus;

test("objects start locked: LOCK_NOTINITIALIZED, and both IMsgrLock methods fail with MSGR_E_API_NOTINITIALIZED before OnLockEnable", (t) => {
  const w = world();
  for (const h of [openManager(w.alice), openPriv(w.alice)]) {
    t.is(h.lock.Status, LOCK_NOTINITIALIZED);
    t.is(hr(t, () => h.lock.RequestChallenge(1)), LockError.MSGR_E_API_NOTINITIALIZED);
    t.is(hr(t, () => h.lock.SendResponse(APP_ID, md5("x", APP_KEY), 1)), LockError.MSGR_E_API_NOTINITIALIZED);
    t.deepEqual(h.events, [], "no transaction, no event");
  }
});

test("sign-in: OnLockStatusChanged(LOCK_INITIALIZED) then OnLockEnable(TRUE) on the session manager; OnLockEnable(TRUE) on MessengerPriv", (t) => {
  const w = world();
  const m = openManager(w.alice);
  const p = openPriv(w.alice);
  w.alice.signIn();
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_INITIALIZED], ["OnLockEnable", true]]);
  t.deepEqual(p.events, [["OnLockEnable", true]], "DMessengerPrivateEvents has no OnLockStatusChanged");
  t.is(m.lock.Status, LOCK_INITIALIZED);
  t.is(p.lock.Status, LOCK_INITIALIZED);
});

test("RequestChallenge(cookie): OnLockStatusChanged(LOCK_PENDINGRESULT), then OnLockChallenge(cookie, a fresh challenge from the random source)", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  const m2 = openManager(w.alice);
  t.is(m.lock.RequestChallenge(77), undefined, "S_OK");
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_PENDINGRESULT], ["OnLockChallenge", 77, "000102030405060708090A0B0C0D0E0F"]]);
  t.is(m.lock.Status, LOCK_PENDINGRESULT);
  m2.lock.RequestChallenge(78);
  t.is(challengeOf(m2.events, 78), "101112131415161718191A1B1C1D1E1F", "each request gets a new challenge");
});

test("MessengerPriv runs the same transaction on DMessengerPrivateEvents: OnLockChallenge(cookie, challenge), then OnLockResult(cookie, TRUE)", (t) => {
  const w = world();
  w.alice.signIn();
  const p = openPriv(w.alice);
  p.lock.RequestChallenge(31);
  t.deepEqual(p.events, [["OnLockChallenge", 31, "000102030405060708090A0B0C0D0E0F"]]);
  p.lock.SendResponse(APP_ID, md5("000102030405060708090A0B0C0D0E0F", APP_KEY), 31);
  t.deepEqual(p.events.at(-1), ["OnLockResult", 31, true]);
  t.is(p.lock.Status, LOCK_UNLOCKED);
});

test("SendResponse(appId, MD5(challenge followed by key), cookie) unlocks: OnLockStatusChanged(LOCK_UNLOCKED), then OnLockResult(cookie, TRUE)", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  m.lock.RequestChallenge(5);
  const challenge = challengeOf(m.events, 5);
  const response = md5(challenge, APP_KEY);
  t.regex(response, /^[0-9a-f]{32}$/, "32 lower-case hex digits");
  t.is(lockAndKeyResponse(challenge, APP_KEY), response, "the helper computes the same digest");
  t.not(md5(APP_KEY + challenge, ""), response, "the order matters: challenge first, key appended");
  m.events.length = 0;
  m.lock.SendResponse(APP_ID, response, 5);
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_UNLOCKED], ["OnLockResult", 5, true]]);
  t.is(m.lock.Status, LOCK_UNLOCKED);
});

test("the response's hex digits may be upper case; with hashEncoding utf16le the digest is over the BSTR's UTF-16LE bytes", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  m.lock.RequestChallenge(1);
  m.lock.SendResponse(APP_ID, md5(challengeOf(m.events, 1), APP_KEY).toUpperCase(), 1);
  t.is(m.lock.Status, LOCK_UNLOCKED);

  const u = world({ hashEncoding: "utf16le" });
  u.alice.signIn();
  const a = openManager(u.alice);
  const b = openManager(u.alice);
  a.lock.RequestChallenge(1);
  a.lock.SendResponse(APP_ID, md5(challengeOf(a.events, 1), APP_KEY, "utf8"), 1);
  t.is(a.lock.Status, LOCK_UNLOCKFAILED, "a UTF-8 digest is wrong when the service hashes UTF-16LE");
  b.lock.RequestChallenge(2);
  b.lock.SendResponse(APP_ID, md5(challengeOf(b.events, 2), APP_KEY, "utf16le"), 2);
  t.is(b.lock.Status, LOCK_UNLOCKED);
});

test("a wrong response never unlocks: S_OK, OnLockResult(cookie, FALSE), LOCK_UNLOCKFAILED, and every later attempt is MSGR_E_API_UNLOCK_FAILED", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  m.lock.RequestChallenge(9);
  const challenge = challengeOf(m.events, 9);
  m.events.length = 0;
  for (const wrong of [md5(challenge, "WrongKey")]) t.is(m.lock.SendResponse(APP_ID, wrong, 9), undefined);
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_UNLOCKFAILED], ["OnLockResult", 9, false]]);
  t.is(m.lock.Status, LOCK_UNLOCKFAILED);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, md5(challenge, APP_KEY), 9)), LockError.MSGR_E_API_UNLOCK_FAILED, "the right answer comes too late: a challenge answers once");
  t.is(hr(t, () => m.lock.RequestChallenge(10)), LockError.MSGR_E_API_UNLOCK_FAILED, "one transaction per sign-in");
  t.is(m.lock.Status, LOCK_UNLOCKFAILED);
  t.is(hr(t, () => m.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
});

test("malformed responses never unlock: not hex, too short, the challenge itself, the key itself, MD5 of the key alone", (t) => {
  const w = world();
  w.alice.signIn();
  const bad = (challenge: string) => ["not a digest", md5(challenge, APP_KEY).slice(0, 31), challenge, APP_KEY, md5("", APP_KEY), md5(challenge, APP_KEY) + "0"];
  for (let i = 0; i < 6; i++) {
    const m = openManager(w.alice);
    m.lock.RequestChallenge(i + 1);
    m.lock.SendResponse(APP_ID, bad(challengeOf(m.events, i + 1))[i]!, i + 1);
    t.is(m.lock.Status, LOCK_UNLOCKFAILED, `attempt ${i}`);
    t.deepEqual(m.events.at(-1), ["OnLockResult", i + 1, false]);
  }
});

test("a replayed response never unlocks: another object's answer, and an old answer for a new challenge after re-sign-in", (t) => {
  const w = world();
  w.alice.signIn();
  const first = openManager(w.alice);
  const second = openManager(w.alice);
  first.lock.RequestChallenge(1);
  const firstResponse = md5(challengeOf(first.events, 1), APP_KEY);
  first.lock.SendResponse(APP_ID, firstResponse, 1);
  t.is(first.lock.Status, LOCK_UNLOCKED);
  second.lock.RequestChallenge(1);
  second.lock.SendResponse(APP_ID, firstResponse, 1);
  t.is(second.lock.Status, LOCK_UNLOCKFAILED, "first's response replayed on second");

  w.alice.signOut();
  w.alice.signIn();
  first.lock.RequestChallenge(1);
  t.not(challengeOf(first.events, 1), first.events.find((e) => e[0] === "OnLockChallenge")![2]);
  first.lock.SendResponse(APP_ID, firstResponse, 1);
  t.is(first.lock.Status, LOCK_UNLOCKFAILED, "the previous sign-in's response replayed");
});

test("an unknown application ID never unlocks, even when the digest uses a key; another ID's key does not fit", (t) => {
  const keys = new KeyStore({ [APP_ID]: APP_KEY, OTHERAPP: "OtherKey" });
  const w = world({ keys });
  w.alice.signIn();
  const m = openManager(w.alice);
  m.lock.RequestChallenge(3);
  m.lock.SendResponse("NOSUCHAPP", md5(challengeOf(m.events, 3), APP_KEY), 3);
  t.is(m.lock.Status, LOCK_UNLOCKFAILED);
  const n = openManager(w.alice);
  n.lock.RequestChallenge(4);
  n.lock.SendResponse("OTHERAPP", md5(challengeOf(n.events, 4), APP_KEY), 4);
  t.is(n.lock.Status, LOCK_UNLOCKFAILED);
  t.false(verifyLockResponse(keys, "NOSUCHAPP", "C", md5("C", ""), "utf8"));
  t.true(verifyLockResponse(keys, "OTHERAPP", "C", md5("C", "OtherKey"), "utf8"));
  t.false(verifyLockResponse({ keyOf: () => { throw new Error("store down"); } }, APP_ID, "C", md5("C", APP_KEY), "utf8"), "a failing key store fails closed");
});

test("each object unlocks separately: unlocking one session manager leaves the other and MessengerPriv locked", (t) => {
  const w = world();
  w.alice.signIn();
  const one = openManager(w.alice);
  const two = openManager(w.alice);
  const priv = openPriv(w.alice);
  unlock(one, 11);
  t.is(one.lock.Status, LOCK_UNLOCKED);
  t.is(two.lock.Status, LOCK_INITIALIZED);
  t.is(priv.lock.Status, LOCK_INITIALIZED);
  t.is(hr(t, () => two.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
  t.is(hr(t, () => priv.priv.AddContact("bob@example.com", undefined)), LockError.MSGR_E_API_LOCKED);
  unlock(priv, 12);
  t.is(priv.lock.Status, LOCK_UNLOCKED);
  t.is(two.lock.Status, LOCK_INITIALIZED);
  t.deepEqual(names(two.events), [], "no event reached the other object");
});

test("wrong order: MSGR_E_API_PENDING_UNLOCK while a challenge waits, MSGR_E_API_LOCKED for a response without challenge, MSGR_E_API_ALREADY_UNLOCKED after", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, md5("", APP_KEY), 1)), LockError.MSGR_E_API_LOCKED, "nothing to answer yet");
  m.lock.RequestChallenge(1);
  t.is(hr(t, () => m.lock.RequestChallenge(2)), LockError.MSGR_E_API_PENDING_UNLOCK);
  t.is(m.lock.Status, LOCK_PENDINGRESULT);
  m.lock.SendResponse(APP_ID, md5(challengeOf(m.events, 1), APP_KEY), 1);
  m.events.length = 0;
  t.is(hr(t, () => m.lock.RequestChallenge(3)), LockError.MSGR_E_API_ALREADY_UNLOCKED);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, "0".repeat(32), 3)), LockError.MSGR_E_API_ALREADY_UNLOCKED);
  t.deepEqual(m.events, [], "there is no resulting transaction");
  t.is(m.lock.Status, LOCK_UNLOCKED);
});

test("E_INVALIDARG: a cookie that is not the pending one (the challenge stays pending), an empty ID or response, a cookie that is not a long", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  t.is(hr(t, () => m.lock.RequestChallenge(1.5)), E_INVALIDARG);
  t.is(hr(t, () => m.lock.RequestChallenge(2 ** 40)), E_INVALIDARG);
  m.lock.RequestChallenge(8);
  const response = md5(challengeOf(m.events, 8), APP_KEY);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, response, 9)), E_INVALIDARG);
  t.is(hr(t, () => m.lock.SendResponse("", response, 8)), E_INVALIDARG);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, "", 8)), E_INVALIDARG);
  t.is(m.lock.Status, LOCK_PENDINGRESULT);
  m.lock.SendResponse(APP_ID, response, 8);
  t.is(m.lock.Status, LOCK_UNLOCKED, "the right cookie still answers the challenge");
});

test("Lock and Key disabled for a user: OnLockEnable(FALSE), LOCK_DISABLED, MSGR_E_API_DISABLED, and the object stays locked", (t) => {
  const w = world({}, { alice: { lockAndKey: false } });
  const m = openManager(w.alice);
  const p = openPriv(w.alice);
  w.alice.signIn();
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_DISABLED], ["OnLockEnable", false]]);
  t.deepEqual(p.events, [["OnLockEnable", false]]);
  for (const lock of [m.lock, p.lock]) {
    t.is(lock.Status, LOCK_DISABLED);
    t.is(hr(t, () => lock.RequestChallenge(1)), LockError.MSGR_E_API_DISABLED);
    t.is(hr(t, () => lock.SendResponse(APP_ID, md5("", APP_KEY), 1)), LockError.MSGR_E_API_DISABLED);
  }
  t.is(hr(t, () => m.mgr.CreateSession()), LockError.MSGR_E_API_LOCKED);
});

test("a pending challenge times out after challengeTimeoutMs on the injected clock: LOCK_UNLOCKFAILED, OnLockResult(FALSE); a late response fails", (t) => {
  const w = world({ challengeTimeoutMs: 30_000 });
  w.alice.signIn();
  const m = openManager(w.alice);
  m.lock.RequestChallenge(6);
  const response = md5(challengeOf(m.events, 6), APP_KEY);
  m.events.length = 0;
  w.clock.advance(29_999);
  t.is(m.lock.Status, LOCK_PENDINGRESULT);
  w.clock.advance(1);
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_UNLOCKFAILED], ["OnLockResult", 6, false]]);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, response, 6)), LockError.MSGR_E_API_UNLOCK_FAILED);
  t.is(m.lock.Status, LOCK_UNLOCKFAILED);
});

test("the default timeout is 60 s; an answered challenge leaves no timer behind", (t) => {
  const w = world();
  w.alice.signIn();
  const slow = openManager(w.alice);
  const quick = openManager(w.alice);
  slow.lock.RequestChallenge(1);
  unlock(quick, 2);
  t.is(w.clock.pendingTimers, 1, "only the unanswered challenge waits");
  w.clock.advance(59_999);
  t.is(slow.lock.Status, LOCK_PENDINGRESULT);
  w.clock.advance(1);
  t.is(slow.lock.Status, LOCK_UNLOCKFAILED);
  t.is(quick.lock.Status, LOCK_UNLOCKED);
});

test("the application may answer inside its OnLockChallenge handler, and request inside OnLockEnable (the documented flow)", (t) => {
  const w = world();
  let lock: IMsgrLock | undefined;
  const m = openManager(w.alice, {
    OnLockEnable: (enabled) => void (enabled && lock!.RequestChallenge(100)),
    OnLockChallenge: (cookie, challenge) => void lock!.SendResponse(APP_ID, md5(challenge, APP_KEY), cookie),
  });
  lock = m.lock;
  w.alice.signIn();
  t.deepEqual(names(m.events), ["OnLockStatusChanged", "OnLockEnable", "OnLockStatusChanged", "OnLockChallenge", "OnLockStatusChanged", "OnLockResult"]);
  t.deepEqual(m.events.filter((e) => e[0] === "OnLockStatusChanged").map((e) => e[1]), [LOCK_INITIALIZED, LOCK_PENDINGRESULT, LOCK_UNLOCKED], "status events in order");
  t.is(m.lock.Status, LOCK_UNLOCKED);
});

test("sign-out re-locks (LOCK_NOTINITIALIZED, pending challenge dropped); the next sign-in allows one new transaction (re-authenticate after going offline)", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  const p = openPriv(w.alice);
  unlock(m, 1);
  p.lock.RequestChallenge(2);
  const stale = md5(challengeOf(p.events, 2), APP_KEY);
  m.events.length = 0;
  w.alice.signOut();
  t.deepEqual(m.events, [["OnLockStatusChanged", LOCK_NOTINITIALIZED]]);
  t.is(m.lock.Status, LOCK_NOTINITIALIZED);
  t.is(p.lock.Status, LOCK_NOTINITIALIZED);
  t.is(w.clock.pendingTimers, 0);
  t.is(hr(t, () => p.lock.SendResponse(APP_ID, stale, 2)), LockError.MSGR_E_API_NOTINITIALIZED);
  w.alice.signIn();
  unlock(m, 3);
  t.is(m.lock.Status, LOCK_UNLOCKED);
});

test("after the client shuts down, RequestChallenge and SendResponse fail with E_FAIL and Status stays LOCK_NOTINITIALIZED", (t) => {
  const w = world();
  w.alice.signIn();
  const m = openManager(w.alice);
  w.alice.shutdown();
  t.is(m.lock.Status, LOCK_NOTINITIALIZED);
  t.is(hr(t, () => m.lock.RequestChallenge(1)), E_FAIL);
  t.is(hr(t, () => m.lock.SendResponse(APP_ID, md5("", APP_KEY), 1)), E_FAIL);
});
