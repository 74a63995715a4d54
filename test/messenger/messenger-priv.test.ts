/**
 * MessengerPriv (API.md §5): AddContact → OnContactListAdd, EnableAlertEvents → OnAlertReceived,
 * and what the object does while locked (MSGR_E_API_LOCKED, S_FALSE).
 */
import test from "ava";
import {
  DISPATCH_METHOD, E_FAIL, E_INVALIDARG, E_OUTOFMEMORY, E_POINTER, IID_NULL, S_FALSE, Variant, invoke, ref, type IDispatch,
} from "midl-ts/runtime";
import { IMessengerPrivate_dispatch, LockError, MSGR_E_NOT_LOGGED_ON } from "../../generated/msgrpriv.js";
import {
  IID_IMessengerService, MSGR_E_ALREADY_IN_LIST, MSGR_E_LIST_FULL, MSGR_E_USER_NOT_FOUND, MessengerService, type IMessengerService,
} from "../../src/messenger/index.js";
import { asContact, hr, openPriv, scode, signinNameOf, unlock, world, type PrivHandle, type World } from "./helpers.js";

function readyPriv(w: World): PrivHandle {
  w.alice.signIn();
  const p = openPriv(w.alice);
  unlock(p);
  p.events.length = 0;
  return p;
}

const contactEvents = (p: PrivHandle) => p.events.filter((e) => e[0] === "OnContactListAdd").map((e) => [e[1], signinNameOf(e[2])]);

test("AddContact adds without UI: S_OK, then OnContactListAdd(S_OK, the MessengerContact); the contact list has the name", (t) => {
  const w = world();
  const p = readyPriv(w);
  t.is(p.priv.AddContact("bob@example.com", undefined), undefined);
  t.deepEqual(contactEvents(p), [[0, "bob@example.com"]]);
  t.is(asContact(p.events[0]![2]).FriendlyName, "Bob");
  t.deepEqual(w.alice.contacts, ["bob@example.com"]);
});

test("AddContact runs regardless of whether the name is an account: OnContactListAdd reports MSGR_E_USER_NOT_FOUND, MSGR_E_ALREADY_IN_LIST, MSGR_E_LIST_FULL", (t) => {
  const w = world({ maxContacts: 1 });
  w.service.addUser("carol@example.com");
  const p = readyPriv(w);
  p.priv.AddContact("nobody@example.com", undefined);
  p.priv.AddContact("bob@example.com", undefined);
  p.priv.AddContact("BOB@example.com", undefined);
  p.priv.AddContact("carol@example.com", undefined);
  t.deepEqual(contactEvents(p), [
    [MSGR_E_USER_NOT_FOUND | 0, "nobody@example.com"],
    [0, "bob@example.com"],
    [MSGR_E_ALREADY_IN_LIST | 0, "BOB@example.com"],
    [MSGR_E_LIST_FULL | 0, "carol@example.com"],
  ]);
  t.is(MSGR_E_USER_NOT_FOUND, 0x8100030a, "MSGR_E(0x000A) = 0x81000300 + 0x0A");
  t.deepEqual(w.alice.contacts, ["bob@example.com"]);
});

test("AddContact errors: E_POINTER for a NULL (empty) name, E_INVALIDARG for a name that is not a sign-in name, for oneself, for another service", (t) => {
  const w = world();
  const p = readyPriv(w);
  t.is(hr(t, () => p.priv.AddContact("", undefined)), E_POINTER);
  for (const bad of ["bob", "bob@", "@example.com", "bob example@example.com"]) t.is(hr(t, () => p.priv.AddContact(bad, undefined)), E_INVALIDARG, bad);
  t.is(hr(t, () => p.priv.AddContact("alice@example.com", undefined)), E_INVALIDARG);
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", "{00000000-0000-0000-0000-000000000001}")), E_INVALIDARG);
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", 42)), E_INVALIDARG);
  const foreign = new MessengerService({ serviceId: "{00000000-0000-0000-0000-000000000002}" }).addUser("x@example.com").getService();
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", foreign)), E_INVALIDARG);
  t.deepEqual(p.events, []);
});

test("AddContact's vService: omitted, this service's ID (a BSTR, any case) or this service's MessengerService object", (t) => {
  const w = world();
  const carol = w.service.addUser("carol@example.com");
  const dave = w.service.addUser("dave@example.com");
  const p = readyPriv(w);
  const service = w.alice.getService();
  const id = service.QueryInterface<IMessengerService>(IID_IMessengerService).ServiceID;
  t.is(id, w.service.serviceId);
  p.priv.AddContact("bob@example.com", Variant.missing);
  p.priv.AddContact(carol.signinName, id.toLowerCase());
  p.priv.AddContact(dave.signinName, service);
  t.deepEqual(contactEvents(p).map((e) => e[0]), [0, 0, 0]);
});

test("AddContact while locked is MSGR_E_API_LOCKED; signed out MSGR_E_NOT_LOGGED_ON; after shutdown E_FAIL — and nothing is added", (t) => {
  const w = world();
  const p = openPriv(w.alice);
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", undefined)), MSGR_E_NOT_LOGGED_ON);
  w.alice.signIn();
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", undefined)), LockError.MSGR_E_API_LOCKED);
  p.lock.RequestChallenge(1);
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", undefined)), LockError.MSGR_E_API_LOCKED, "pending is still locked");
  p.lock.SendResponse("TESTAPP01", "0".repeat(32), 1);
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", undefined)), LockError.MSGR_E_API_LOCKED, "a failed unlock is still locked");
  w.alice.shutdown();
  t.is(hr(t, () => p.priv.AddContact("bob@example.com", undefined)), E_FAIL);
  t.deepEqual(w.alice.contacts, []);
  t.deepEqual(p.events.filter((e) => e[0] === "OnContactListAdd"), []);
});

test("EnableAlertEvents while locked or signed out returns S_FALSE and enables nothing", (t) => {
  const w = world();
  const p = openPriv(w.alice);
  const sites = ref([7]);
  t.is(p.priv.EnableAlertEvents(sites), S_FALSE);
  w.alice.signIn();
  t.is(p.priv.EnableAlertEvents(sites), S_FALSE);
  t.true(w.alice.receiveAlert(7, "news"), "Messenger shows the popup itself");
  t.deepEqual(p.events.filter((e) => e[0] === "OnAlertReceived"), []);
});

test("EnableAlertEvents: alerts from the enabled sites arrive as OnAlertReceived(text, TRUE); writing FALSE back suppresses Messenger's popup", (t) => {
  const w = world();
  let suppress = false;
  w.alice.signIn();
  const p = openPriv(w.alice, { OnAlertReceived: (_text, enable) => void (enable.value = !suppress) });
  unlock(p);
  p.events.length = 0;
  const sites = ref([7, 9, 7]);
  t.is(p.priv.EnableAlertEvents(sites), undefined);
  t.deepEqual(sites.value, [7, 9], "[in, out]: the enabled IDs come back without duplicates");
  t.true(w.alice.receiveAlert(7, "stock alert"));
  t.true(w.alice.receiveAlert(8, "not enabled"), "no object asked for site 8: the popup shows");
  suppress = true;
  t.false(w.alice.receiveAlert(9, "quiet alert"));
  t.deepEqual(p.events, [["OnAlertReceived", "stock alert", true], ["OnAlertReceived", "quiet alert", true]]);
  t.deepEqual(w.alice.shell.map((r) => (r.kind === "alert-popup" ? r.text : r.kind)), ["stock alert", "not enabled"]);
  p.priv.EnableAlertEvents(ref([]));
  w.alice.receiveAlert(7, "after []");
  t.is(p.events.length, 2, "[] turns alerts off");
});

test("EnableAlertEvents errors: E_INVALIDARG for IDs that are not positive 32-bit integers, E_OUTOFMEMORY for more than 256 IDs", (t) => {
  const w = world();
  const p = readyPriv(w);
  for (const bad of [[0], [-1], [1.5], [2 ** 31]]) t.is(hr(t, () => p.priv.EnableAlertEvents(ref(bad))), E_INVALIDARG, String(bad));
  t.is(hr(t, () => p.priv.EnableAlertEvents(ref(Array.from({ length: 257 }, (_, i) => i + 1)))), E_OUTOFMEMORY);
  t.is(p.priv.EnableAlertEvents(ref(Array.from({ length: 256 }, (_, i) => i + 1))), undefined);
});

test("sign-out forgets the enabled sites: after signing in again and unlocking, EnableAlertEvents is needed again", (t) => {
  const w = world();
  const p = readyPriv(w);
  p.priv.EnableAlertEvents(ref([7]));
  w.alice.signOut();
  t.false(w.alice.receiveAlert(7, "offline"), "a signed-out user gets no alerts");
  w.alice.signIn();
  unlock(p, 5);
  p.events.length = 0;
  w.alice.receiveAlert(7, "again");
  t.deepEqual(p.events, []);
});

test("through IDispatch: AddContact by name with a VARIANT service, EnableAlertEvents by DISPID with the SAFEARRAY written back", (t) => {
  const w = world();
  const p = readyPriv(w);
  t.is(invoke(p.disp, "AddContact", ["bob@example.com", w.service.serviceId]), undefined);
  t.deepEqual(contactEvents(p), [[0, "bob@example.com"]]);
  t.is(scode(t, () => invoke(p.disp, "AddContact", ["", undefined])), E_POINTER);
  const dispid = IMessengerPrivate_dispatch.dispidOf("EnableAlertEvents")!;
  const sites = ref([3, 3, 4]);
  p.disp.Invoke(dispid, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [sites] });
  t.deepEqual(sites.value, [3, 4]);
  w.alice.receiveAlert(4, "via dispatch");
  t.deepEqual(p.events.at(-1), ["OnAlertReceived", "via dispatch", true]);
  const locked = openPriv(w.alice);
  t.is(invoke(locked.disp as IDispatch, "EnableAlertEvents", [ref([1])]), undefined, "S_FALSE is a success: Invoke returns normally");
});
