/**
 * `npm run demo`: two users play the private session API through, printing every call (→) and
 * every event (←) as it happens; events that fire inside a call are indented under it.
 * Sign-in, Lock and Key, application registration, an accepted invitation, context data both
 * ways, termination, sign-out and shutdown.
 */
import { randomInt } from "node:crypto";
import {
  CoCreateInstance, IID_IConnectionPointContainer, type IConnectionPointContainer, type IDispatch, type IUnknown,
} from "midl-ts/runtime";
import {
  CLSID_MsgrSessionManager, DIID_DMsgrSessionEvents, DIID_DMsgrSessionManagerEvents, DMsgrSessionEventsSink,
  DMsgrSessionManagerEventsSink, IID_IMsgrLock, IID_IMsgrSession, IID_IMsgrSessionManager, LockStatus, SESSION_STATE,
  type IMsgrLock, type IMsgrSession, type IMsgrSessionManager,
} from "../../generated/msgrpriv.js";
import { IID_IMessengerContact, type IMessengerContact } from "./contacts.js";
import { messengerHresultName } from "./errors.js";
import { lockAndKeyResponse } from "./lock-and-key.js";
import { MessengerService } from "./service.js";
import type { MessengerUser } from "./user.js";

const APP_ID = "MSGRDEMO01";
const APP_KEY = "D3moKey42";
const CHECKERS = "{6A1F3C52-0B7D-4E8A-9C2D-5F4E3B2A1C0D}";

let depth = 0;
const print = (text: string): void => console.log("  ".repeat(depth) + text);
const name = (table: Record<string, number>, value: number): string => Object.keys(table).find((k) => table[k] === value) ?? String(value);
const state = (s: number): string => name(SESSION_STATE, s);
const lockStatus = (s: number): string => name(LockStatus, s);
const str = (s: string): string => JSON.stringify(s);

/** Prints a call, runs it with the events it fires indented below, and prints its result. */
function call<T>(who: string, what: string, fn: () => T, show?: (result: T) => string): T {
  print(`→ ${who}: ${what}`);
  depth++;
  try {
    const result = fn();
    if (show !== undefined) print(`= ${show(result)}`);
    return result;
  } finally {
    depth--;
  }
}

const event = (who: string, what: string): void => print(`← ${who}: ${what}`);

function advise(obj: IUnknown, diid: Parameters<IConnectionPointContainer["FindConnectionPoint"]>[0], sink: IUnknown): void {
  obj.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer).FindConnectionPoint(diid).Advise(sink);
}

/** The session events of one side, traced. */
function traceSession(who: string, session: IMsgrSession): void {
  advise(session, DIID_DMsgrSessionEvents, DMsgrSessionEventsSink({
    OnStateChanged: (prev) => event(who, `OnStateChanged(${state(prev)}) — State is now ${state(session.State)}`),
    OnAccepted: (data) => event(who, `OnAccepted(${str(data)})`),
    OnDeclined: (data) => event(who, `OnDeclined(${str(data)})`),
    OnCancelled: (data) => event(who, `OnCancelled(${str(data)})`),
    OnContextData: (data) => event(who, `OnContextData(${str(data)})`),
    BeforeAppLaunch: (enable) => event(who, `BeforeAppLaunch(${enable.value}) — left TRUE: Messenger may launch the application`),
    OnReadyToLaunch: () => event(who, "OnReadyToLaunch()"),
    OnAppNotPresent: (app, url) => event(who, `OnAppNotPresent(${str(app)}, ${str(url)})`),
    OnSendError: (hr) => event(who, `OnSendError(${messengerHresultName(hr)})`),
    OnTermination: (hr, data) => event(who, `OnTermination(${messengerHresultName(hr)}, ${str(data)})`),
  }));
}

interface Client {
  readonly user: MessengerUser;
  readonly who: string;
  readonly mgr: IMsgrSessionManager;
  readonly lock: IMsgrLock;
  invited?: IMsgrSession;
}

/** An application's session manager: it unlocks itself as API.md §8 describes, and traces every event. */
function openClient(user: MessengerUser, who: string): Client {
  const mgr = call(who, "CoCreateInstance(CLSID_MsgrSessionManager, IID_IMsgrSessionManager)", () =>
    CoCreateInstance<IMsgrSessionManager>(CLSID_MsgrSessionManager, IID_IMsgrSessionManager, user.classes));
  const lock = mgr.QueryInterface<IMsgrLock>(IID_IMsgrLock);
  const client: Client = { user, who, mgr, lock };
  const cookie = randomInt(1, 0x7fffffff); // "a random number, different for each request and each object"
  advise(mgr, DIID_DMsgrSessionManagerEvents, DMsgrSessionManagerEventsSink({
    OnLockStatusChanged: (status) => event(who, `OnLockStatusChanged(${lockStatus(status)})`),
    OnLockEnable(enabled) {
      event(who, `OnLockEnable(${enabled})`);
      if (enabled) call(who, `IMsgrLock::RequestChallenge(${cookie})`, () => lock.RequestChallenge(cookie));
    },
    OnLockChallenge(c, challenge) {
      event(who, `OnLockChallenge(${c}, ${str(challenge)})`);
      if (c !== cookie) return;
      const response = lockAndKeyResponse(challenge, APP_KEY); // MD5(challenge ‖ key), hex
      call(who, `IMsgrLock::SendResponse(${str(APP_ID)}, ${str(response)}, ${c})`, () => lock.SendResponse(APP_ID, response, c));
    },
    OnLockResult: (c, ok) => event(who, `OnLockResult(${c}, ${ok})`),
    OnAppRegistered: (guid) => event(who, `OnAppRegistered(${guid})`),
    OnAppUnRegistered: (guid) => event(who, `OnAppUnRegistered(${guid})`),
    OnAppShutdown: () => event(who, "OnAppShutdown()"),
    OnInvitation(session, appData, handled) {
      event(who, `OnInvitation(session, ${str(appData)}, pfHandled=${handled.value})`);
      const s = session!.QueryInterface<IMsgrSession>(IID_IMsgrSession); // keeps a reference
      traceSession(`${who} session`, s);
      client.invited = s;
      handled.value = true; // the application shows the invitation itself: no conversation window
      print(`  (${who} keeps the session and sets pfHandled = TRUE)`);
    },
  }));
  call(who, "IMsgrLock::Status", () => lock.Status, lockStatus);
  return client;
}

function main(): void {
  console.log("Windows Messenger private API — in-process walkthrough (midl-ts)\n");
  const service = new MessengerService({ keys: { [APP_ID]: APP_KEY } });
  const alice = service.addUser("alice@example.com", { friendlyName: "Alice", localAddress: "10.0.0.1" });
  const bob = service.addUser("bob@example.com", { friendlyName: "Bob", localAddress: "10.0.0.2" });
  print(`service: key store ${APP_ID} → ••••; users alice@example.com, bob@example.com (signed out)`);

  print("\n# 1. Each application creates its session manager (locked until Lock and Key)");
  const a = openClient(alice, "alice");
  const b = openClient(bob, "bob");

  print("\n# 2. Sign-in fires OnLockEnable; each application answers the challenge with MD5(challenge + key)");
  call("host", "alice signs in", () => alice.signIn());
  call("host", "bob signs in", () => bob.signIn());
  call("alice", "IMsgrLock::Status", () => a.lock.Status, lockStatus);

  print("\n# 3. Application registration (each client has its own registry)");
  for (const c of [a, b]) {
    call(c.who, `RegisterApplication(${CHECKERS}, "Checkers", "https://example.com/checkers", "C:\\Games\\checkers.exe", 0)`, () =>
      c.mgr.RegisterApplication(CHECKERS, "Checkers", "https://example.com/checkers", "C:\\Games\\checkers.exe", 0));
  }

  print("\n# 4. Alice invites Bob");
  const session = call("alice", "CreateSession()", () => a.mgr.CreateSession()!.QueryInterface<IMsgrSession>(IID_IMsgrSession));
  traceSession("alice session", session);
  call("alice", "session.SessionID, State", () => `${session.SessionID} ${state(session.State)}`, (r) => r);
  call("alice", `session.Application = ${CHECKERS}`, () => void (session.Application = CHECKERS));
  call("alice", 'session.LocalAddress = "10.0.0.1"', () => void (session.LocalAddress = "10.0.0.1"));
  const bobContact: IDispatch = alice.getContact("bob@example.com");
  call("alice", 'session.Invite(<contact bob@example.com>, "board=8x8;colour=red")', () => session.Invite(bobContact, "board=8x8;colour=red"));
  const invited = b.invited!;
  call("bob", "invitation: User.FriendlyName, ApplicationName, ContextData, State", () => {
    const user = invited.User!.QueryInterface<IMessengerContact>(IID_IMessengerContact);
    return `${str(user.FriendlyName)}, ${str(invited.ApplicationName)}, ${str(invited.ContextData)}, ${state(invited.State)}`;
  }, (r) => r);

  print("\n# 5. Bob accepts; Messenger launches Checkers on Bob's machine, which finds its session");
  call("bob", 'session.Accept("colour=black")', () => invited.Accept("colour=black"));
  const launch = bob.shell.find((r) => r.kind === "launch");
  const pid = launch?.kind === "launch" ? launch.processId : 0;
  print(`(Messenger started ${launch?.kind === "launch" ? launch.path : "?"} as process ${pid})`);
  const launched = call("bob", `GetLaunchingSession(${pid})`, () => b.mgr.GetLaunchingSession(pid)!.QueryInterface<IMsgrSession>(IID_IMsgrSession),
    (s) => `the session ${s.SessionID} (${state(s.State)})`);
  call("alice", "session.RemoteAddress", () => session.RemoteAddress, str);
  call("bob", "session.RemoteAddress", () => launched.RemoteAddress, str);

  print("\n# 6. Context data both ways (at most 300 characters, five calls per side)");
  call("alice", 'session.SendContextData("tcp://10.0.0.1:6891")', () => session.SendContextData("tcp://10.0.0.1:6891"));
  call("bob", 'session.SendContextData("tcp://10.0.0.2:6892")', () => launched.SendContextData("tcp://10.0.0.2:6892"));
  call("alice", "session.ContextData", () => session.ContextData, str);

  print("\n# 7. Alice ends the session");
  call("alice", 'session.Cancel(0, "good game")', () => session.Cancel(0, "good game"));
  call("bob", "session.State", () => launched.State, state);

  print("\n# 8. Sign-out locks the objects again; shutdown fires OnAppShutdown");
  call("host", "alice signs out", () => alice.signOut());
  call("host", "service shuts down", () => service.shutdown());
  for (const obj of [launched, invited, session, a.lock, b.lock, a.mgr, b.mgr] as IUnknown[]) obj.Release();
  bobContact.Release();
  print("\ndone.");
}

main();
