/**
 * The invitation flow between two signed-in users (API.md §9): Invite, OnInvitation with
 * pfHandled, Accept with BeforeAppLaunch / OnReadyToLaunch and GetLaunchingSession, Decline,
 * Cancel, OnStateChanged on every transition, OnAppNotPresent, OnSendError and OnTermination.
 */
import test from "ava";
import { E_FAIL, E_INVALIDARG, type IDispatch } from "midl-ts/runtime";
import { IID_IMsgrSession, SESSION_FLAGS, SESSION_RESULT, SESSION_STATE, type IMsgrSession } from "../../generated/msgrpriv.js";
import { GAME, hr, invited, signinNameOf, names, newSession, openManager, readyManager, recordSession, world } from "./helpers.js";

const { SS_READY, SS_INVITATION, SS_ACCEPTED, SS_CONNECTED, SS_CANCELLED, SS_DECLINED, SS_TERMINATED } = SESSION_STATE;
const long = (hr: number) => hr | 0;

test("Invite: the inviter's OnStateChanged(SS_READY), then OnInvitation(session, bstrAppData, pfHandled = FALSE) on the invitee's unlocked managers", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  const order: string[] = [];
  const b = readyManager(w.bob, { OnInvitation: () => void order.push("bob OnInvitation") });
  const b2 = readyManager(w.bob);
  const lockedB = openManager(w.bob);
  const { session, events } = newSession(a.mgr);
  recordSession(session, { OnStateChanged: () => void order.push("alice OnStateChanged") });
  t.is(session.Invite(w.alice.getContact("bob@example.com"), "board=8x8"), undefined);
  t.deepEqual(order, ["alice OnStateChanged", "bob OnInvitation"]);
  t.deepEqual(events, [["OnStateChanged", SS_READY]]);
  t.is(session.State, SS_INVITATION);
  const [name, pSession, appData, handled] = b.events[0]!;
  t.deepEqual([name, appData, handled], ["OnInvitation", "board=8x8", false]);
  t.is(b2.events[0]![1], pSession, "every manager gets the same session object");
  t.deepEqual(lockedB.events.filter((e) => e[0] === "OnInvitation"), [], "a locked manager hears nothing");
  const theirs = (pSession as IDispatch).QueryInterface<IMsgrSession>(IID_IMsgrSession);
  t.is(theirs.State, SS_INVITATION);
  t.is(theirs.SessionID, session.SessionID, "one session, two sides");
});

test("pfHandled written back TRUE keeps Messenger's conversation window closed; left FALSE, the window opens", (t) => {
  const w = world();
  const { invitee } = invited(w); // the helper's sink sets pfHandled = TRUE
  t.deepEqual(w.bob.shell, []);
  t.is(invitee.session.State, SS_INVITATION);
  const x = world();
  const a = readyManager(x.alice);
  readyManager(x.bob);
  const { session } = newSession(a.mgr);
  session.Invite(x.alice.getContact("bob@example.com"), "");
  t.deepEqual(x.bob.shell, [{ kind: "conversation-window", sessionId: session.SessionID, from: "alice@example.com" }]);
});

test("the invitee's session: SF_INVITEE (plus SF_APP_INVITE_COMPATIBLE when both clients registered the application), ContextData = bstrAppData, the inviter's application", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w, "hello bob");
  t.is(invitee.session.Flags, SESSION_FLAGS.SF_INVITEE | SESSION_FLAGS.SF_APP_INVITE_COMPATIBLE);
  t.is(inviter.session.Flags, SESSION_FLAGS.SF_INVITER | SESSION_FLAGS.SF_APP_INVITE_COMPATIBLE);
  t.is(invitee.session.ContextData, "hello bob");
  t.is(invitee.session.Application, GAME);
  t.is(invitee.session.ApplicationName, "Game");
  t.is(invitee.session.ApplicationURL, "https://example.com/game");
  t.is(invitee.session.LocalAddress, "10.0.0.2");
  t.is(inviter.session.ContextData, "");
});

test("an invitee without an unlocked session manager cannot be reached: OnSendError(SR_INVITATION_SEND_FAILURE), then OnTermination and SS_TERMINATED", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  w.bob.signIn();
  openManager(w.bob); // locked
  const { session, events } = newSession(a.mgr);
  t.is(session.Invite(w.alice.getContact("bob@example.com"), "x"), undefined, "the send fails later, not the call");
  const failure = long(SESSION_RESULT.SR_INVITATION_SEND_FAILURE);
  t.deepEqual(events, [["OnStateChanged", SS_READY], ["OnSendError", failure], ["OnStateChanged", SS_INVITATION], ["OnTermination", failure, ""]]);
  t.is(session.State, SS_TERMINATED);
  t.is(signinNameOf(session.User), "bob@example.com");
});

test("Accept: ACCEPTED on both sides, OnAccepted(data) on the inviter, BeforeAppLaunch and OnReadyToLaunch on the invitee, the launch, then CONNECTED", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  const all: string[] = [];
  recordSession(inviter.session, { OnStateChanged: (p) => void all.push(`alice OnStateChanged(${p})`), OnAccepted: () => void all.push("alice OnAccepted") });
  recordSession(invitee.session, {
    OnStateChanged: (p) => void all.push(`bob OnStateChanged(${p})`),
    BeforeAppLaunch: () => void all.push("bob BeforeAppLaunch"),
    OnReadyToLaunch: () => void all.push("bob OnReadyToLaunch"),
  });
  t.is(invitee.session.Accept("black"), undefined);
  t.deepEqual(all, [
    `bob OnStateChanged(${SS_INVITATION})`, `alice OnStateChanged(${SS_INVITATION})`, "alice OnAccepted",
    "bob BeforeAppLaunch", "bob OnReadyToLaunch", `bob OnStateChanged(${SS_ACCEPTED})`, `alice OnStateChanged(${SS_ACCEPTED})`,
  ]);
  t.deepEqual(inviter.events, [["OnStateChanged", SS_INVITATION], ["OnAccepted", "black"], ["OnStateChanged", SS_ACCEPTED]]);
  t.deepEqual(invitee.events, [["OnStateChanged", SS_INVITATION], ["BeforeAppLaunch", true], ["OnReadyToLaunch"], ["OnStateChanged", SS_ACCEPTED]]);
  t.is(inviter.session.State, SS_CONNECTED);
  t.is(invitee.session.State, SS_CONNECTED);
  t.is(inviter.session.ContextData, "black", "Accept's data arrives at the inviter");
  t.deepEqual(w.bob.shell, [{ kind: "launch", path: "C:\\Games\\game.exe", processId: 4000, sessionId: inviter.session.SessionID }]);
});

test("GetLaunchingSession(processId) gives the launched application its session; E_FAIL for another process, E_INVALIDARG for a bad ID", (t) => {
  const w = world();
  const { b, invitee } = invited(w);
  invitee.session.Accept("");
  const launched = b.mgr.GetLaunchingSession(4000)!;
  t.is(launched as unknown, invitee.session as unknown, "the same MsgrSession");
  const second = readyManager(w.bob); // the launched application's own session manager
  t.is(second.mgr.GetLaunchingSession(4000)!.QueryInterface<IMsgrSession>(IID_IMsgrSession).SessionID, invitee.session.SessionID);
  t.is(hr(t, () => b.mgr.GetLaunchingSession(4001)), E_FAIL);
  t.is(hr(t, () => b.mgr.GetLaunchingSession(0)), E_INVALIDARG);
  t.is(hr(t, () => b.mgr.GetLaunchingSession(-3)), E_INVALIDARG);
  t.is(hr(t, () => b.mgr.GetLaunchingSession(1.5)), E_INVALIDARG);
});

test("BeforeAppLaunch with pBoolfEnableDefault written back FALSE suppresses the launch: no OnReadyToLaunch, no process, still CONNECTED", (t) => {
  const w = world();
  const { b, inviter, invitee } = invited(w);
  const events = recordSession(invitee.session, { BeforeAppLaunch: (enable) => void (enable.value = false) });
  invitee.session.Accept("");
  t.deepEqual(names(events), ["OnStateChanged", "BeforeAppLaunch", "OnStateChanged"]);
  t.deepEqual(w.bob.shell, []);
  t.is(hr(t, () => b.mgr.GetLaunchingSession(4000)), E_FAIL);
  t.is(inviter.session.State, SS_CONNECTED);
});

test("Accept on a client without the application: OnAppNotPresent(name, URL), a browser to the URL, and Messenger declines for the invitee", (t) => {
  const w = world();
  const { b, inviter, invitee } = invited(w);
  b.mgr.UnRegisterApplication(GAME);
  invitee.session.Accept("");
  const failed = long(SESSION_RESULT.SR_APPLICATION_LAUNCH_FAILED);
  t.deepEqual(invitee.events, [["OnAppNotPresent", "Game", "https://example.com/game"], ["OnStateChanged", SS_INVITATION], ["OnTermination", failed, ""]]);
  t.deepEqual(inviter.events, [["OnStateChanged", SS_INVITATION], ["OnDeclined", ""], ["OnTermination", failed, ""]]);
  t.deepEqual(w.bob.shell, [{ kind: "browser", url: "https://example.com/game", sessionId: invitee.session.SessionID }]);
  t.is(invitee.session.State, SS_DECLINED);
  t.is(inviter.session.State, SS_DECLINED);
});

test("Decline: DECLINED on both sides, OnDeclined(data) on the inviter, OnTermination(SR_INVITATION_DECLINED, data) on both", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  t.is(invitee.session.Decline("busy"), undefined);
  const declined = long(SESSION_RESULT.SR_INVITATION_DECLINED);
  t.deepEqual(invitee.events, [["OnStateChanged", SS_INVITATION], ["OnTermination", declined, "busy"]]);
  t.deepEqual(inviter.events, [["OnStateChanged", SS_INVITATION], ["OnDeclined", "busy"], ["OnTermination", declined, "busy"]]);
  t.is(inviter.session.State, SS_DECLINED);
  t.is(inviter.session.ContextData, "busy");
  t.is(hr(t, () => invitee.session.Accept("")), SESSION_RESULT.SR_SESSION_STATE_INVALID);
});

test("Accept and Decline errors: SR_NOT_INVITEE for the inviter, SR_SESSION_STATE_INVALID once answered, E_INVALIDARG over 512 bytes", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  t.is(hr(t, () => inviter.session.Accept("")), SESSION_RESULT.SR_NOT_INVITEE);
  t.is(hr(t, () => inviter.session.Decline("")), SESSION_RESULT.SR_NOT_INVITEE);
  t.is(hr(t, () => invitee.session.Accept("y".repeat(257))), E_INVALIDARG);
  t.is(hr(t, () => invitee.session.Decline("y".repeat(257))), E_INVALIDARG);
  t.is(invitee.session.State, SS_INVITATION);
  invitee.session.Accept("y".repeat(256));
  t.is(hr(t, () => invitee.session.Accept("")), SESSION_RESULT.SR_SESSION_STATE_INVALID);
  t.is(hr(t, () => invitee.session.Decline("")), SESSION_RESULT.SR_SESSION_STATE_INVALID);
});

test("Cancel by the inviter during the invitation: CANCELLED on both sides, OnCancelled(data) on the invitee, OnTermination(hr, data) on both", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  t.is(inviter.session.Cancel(SESSION_RESULT.SR_SESSION_TIMEOUT, "too slow"), undefined);
  const reason = long(SESSION_RESULT.SR_SESSION_TIMEOUT);
  t.deepEqual(inviter.events, [["OnStateChanged", SS_INVITATION], ["OnTermination", reason, "too slow"]]);
  t.deepEqual(invitee.events, [["OnStateChanged", SS_INVITATION], ["OnCancelled", "too slow"], ["OnTermination", reason, "too slow"]]);
  t.is(invitee.session.State, SS_CANCELLED);
  t.is(invitee.session.ContextData, "too slow");
  t.is(hr(t, () => invitee.session.Accept("")), SESSION_RESULT.SR_SESSION_STATE_INVALID);
});

test("Cancel by the invitee (the dialog's cancel) reaches the inviter as OnCancelled; Cancel once connected ends the session as SS_TERMINATED", (t) => {
  const w = world();
  const first = invited(w);
  first.invitee.session.Cancel(0, "");
  t.deepEqual(names(first.inviter.events), ["OnStateChanged", "OnCancelled", "OnTermination"]);
  t.is(first.inviter.session.State, SS_CANCELLED);
  const x = world();
  const second = invited(x);
  second.invitee.session.Accept("");
  second.inviter.events.length = 0;
  second.invitee.events.length = 0;
  second.inviter.session.Cancel(0, "bye");
  t.deepEqual(second.inviter.events, [["OnStateChanged", SS_CONNECTED], ["OnTermination", 0, "bye"]]);
  t.deepEqual(second.invitee.events, [["OnStateChanged", SS_CONNECTED], ["OnCancelled", "bye"], ["OnTermination", 0, "bye"]]);
  t.is(second.invitee.session.State, SS_TERMINATED);
});

test("Cancel errors: E_FAIL once the session has ended, E_INVALIDARG for bstrAppData over 512 bytes or an hr that is not a long; a READY session can be abandoned", (t) => {
  const w = world();
  const { inviter } = invited(w);
  t.is(hr(t, () => inviter.session.Cancel(0, "z".repeat(257))), E_INVALIDARG);
  t.is(hr(t, () => inviter.session.Cancel(2 ** 33, "")), E_INVALIDARG);
  inviter.session.Cancel(0, "");
  t.is(hr(t, () => inviter.session.Cancel(0, "")), E_FAIL);
  const { session, events } = newSession(readyManager(w.alice).mgr);
  session.Cancel(0, "");
  t.deepEqual(events, [["OnStateChanged", SS_READY], ["OnTermination", 0, ""]]);
  t.is(session.State, SS_CANCELLED);
});

test("SendContextData: the other side's OnContextData(data) and ContextData, both ways", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  invitee.session.Accept("");
  inviter.events.length = 0;
  invitee.events.length = 0;
  t.is(inviter.session.SendContextData("tcp://10.0.0.1:6891"), undefined);
  invitee.session.SendContextData("tcp://10.0.0.2:6892");
  t.deepEqual(invitee.events, [["OnContextData", "tcp://10.0.0.1:6891"]]);
  t.deepEqual(inviter.events, [["OnContextData", "tcp://10.0.0.2:6892"]]);
  t.is(invitee.session.ContextData, "tcp://10.0.0.1:6891");
  t.is(inviter.session.ContextData, "tcp://10.0.0.2:6892");
});

test("SendContextData limits: 300 characters and five calls per side (SR_CONTEXT_DATA_OVER_LIMIT), \"\" E_INVALIDARG", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  invitee.session.Accept("");
  t.is(hr(t, () => inviter.session.SendContextData("d".repeat(301))), SESSION_RESULT.SR_CONTEXT_DATA_OVER_LIMIT);
  t.is(hr(t, () => inviter.session.SendContextData("")), E_INVALIDARG);
  invitee.events.length = 0;
  for (let i = 0; i < 5; i++) inviter.session.SendContextData(i === 0 ? "d".repeat(300) : `call ${i}`);
  t.is(hr(t, () => inviter.session.SendContextData("sixth")), SESSION_RESULT.SR_CONTEXT_DATA_OVER_LIMIT);
  t.is(invitee.events.length, 5);
  invitee.session.SendContextData("the other side has its own five");
  t.is(inviter.events.at(-1)![0], "OnContextData");
});

test("SendContextData in the wrong state: SR_NOT_VALID_FOR_APP_INVITE before acceptance, SR_SESSION_STATE_INVALID after the end", (t) => {
  const w = world();
  const { session } = newSession(readyManager(w.alice).mgr);
  t.is(hr(t, () => session.SendContextData("x")), SESSION_RESULT.SR_NOT_VALID_FOR_APP_INVITE);
  const { inviter, invitee } = invited(w);
  t.is(hr(t, () => inviter.session.SendContextData("x")), SESSION_RESULT.SR_NOT_VALID_FOR_APP_INVITE);
  t.is(hr(t, () => invitee.session.SendContextData("x")), SESSION_RESULT.SR_NOT_VALID_FOR_APP_INVITE);
  invitee.session.Decline("");
  t.is(hr(t, () => inviter.session.SendContextData("x")), SESSION_RESULT.SR_SESSION_STATE_INVALID);
});

test("the final Release of one side ends the session for the other: OnTermination(SR_SESSION_CANCELLED_REMOTE), SS_TERMINATED", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  invitee.session.Accept("");
  inviter.events.length = 0;
  invitee.events.length = 0;
  const session = inviter.session;
  while (session.Release() > 0);
  t.deepEqual(invitee.events, [["OnStateChanged", SS_CONNECTED], ["OnTermination", long(SESSION_RESULT.SR_SESSION_CANCELLED_REMOTE), ""]]);
  t.is(invitee.session.State, SS_TERMINATED);
  t.deepEqual(inviter.events, [], "the released side fires nothing");
});

test("a handler may call back into the session: Cancel inside OnAccepted stops the launch and the connection", (t) => {
  const w = world();
  const { inviter, invitee } = invited(w);
  recordSession(inviter.session, { OnAccepted: () => void inviter.session.Cancel(0, "changed my mind") });
  invitee.session.Accept("");
  t.is(inviter.session.State, SS_CANCELLED);
  t.is(invitee.session.State, SS_CANCELLED);
  t.false(names(invitee.events).includes("BeforeAppLaunch"));
  t.deepEqual(w.bob.shell, []);
});

test("a user can run several sessions with several users at once", (t) => {
  const w = world();
  const carol = w.service.addUser("carol@example.com", { friendlyName: "Carol" });
  const a = readyManager(w.alice);
  const got: string[] = [];
  readyManager(w.bob, { OnInvitation: (_s, d, h) => { got.push(`bob:${d}`); h.value = true; } });
  readyManager(carol, { OnInvitation: (_s, d, h) => { got.push(`carol:${d}`); h.value = true; } });
  const one = newSession(a.mgr).session;
  const two = newSession(a.mgr).session;
  one.Invite(w.alice.getContact("bob@example.com"), "1");
  two.Invite(w.alice.getContact("carol@example.com"), "2");
  t.deepEqual(got, ["bob:1", "carol:2"]);
  t.not(one.SessionID, two.SessionID);
});
