/**
 * IMsgrSessionManager::RegisterApplication / UnRegisterApplication / Applications (API.md §2),
 * OnAppRegistered / OnAppUnRegistered, and the registry the host persists and reloads.
 */
import test from "ava";
import {
  DISPATCH_METHOD, DISPATCH_PROPERTYPUT, DISPID_PROPERTYPUT, E_FAIL, E_INVALIDARG, E_NOTIMPL, IID_NULL, REGDB_E_WRITEREGDB, invoke,
} from "midl-ts/runtime";
import { IMsgrSessionManager_dispatch, LockError, SESSION_RESULT } from "../../generated/msgrpriv.js";
import { AppRegistry, type RegisteredApplication } from "../../src/messenger/index.js";
import { GAME, OTHER, hr, newSession, openManager, readyManager, scode, unlock, world } from "./helpers.js";

const PATH = "C:\\Games\\game.exe";

test("RegisterApplication registers the application on the user's client and fires OnAppRegistered(guid) on its unlocked managers", (t) => {
  const w = world();
  const m = readyManager(w.alice);
  const locked = openManager(w.alice);
  const other = openManager(w.alice);
  unlock(other, 99);
  other.events.length = 0;
  t.is(m.mgr.RegisterApplication(OTHER, "Other", "https://example.com/other", PATH, 0), undefined, "S_OK");
  t.deepEqual(m.events, [["OnAppRegistered", OTHER]]);
  t.deepEqual(other.events, [["OnAppRegistered", OTHER]], "every unlocked manager of the client hears it");
  t.deepEqual(locked.events.filter((e) => e[0] === "OnAppRegistered"), [], "locked objects hear only Lock and Key events");
  t.deepEqual(w.alice.apps.get(OTHER), { guid: OTHER, name: "Other", url: "https://example.com/other", path: PATH, flags: 0 });
  t.false(w.bob.apps.has(OTHER), "another user's client has its own registry");
});

test("RegisterApplication: ulFlags other than 0 is E_INVALIDARG", (t) => {
  const m = readyManager(world().alice);
  for (const flags of [1, -1, 0x80]) t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", PATH, flags)), E_INVALIDARG);
  t.deepEqual(m.events, []);
});

test("RegisterApplication: the GUID must be {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}, upper case, at most 39 characters (E_INVALIDARG)", (t) => {
  const m = readyManager(world().alice);
  for (const guid of ["", OTHER.toLowerCase(), OTHER.slice(1, -1), `${OTHER} `, `{${OTHER}}`, "{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1FG}", "not a guid"]) {
    t.is(hr(t, () => m.mgr.RegisterApplication(guid, "n", "u", PATH, 0)), E_INVALIDARG, guid);
  }
});

test("RegisterApplication: name and URL at most 256 characters, path at most 260 (E_INVALIDARG); exactly at the limit is accepted", (t) => {
  const m = readyManager(world().alice);
  const longPath = "C:\\" + "p".repeat(258);
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n".repeat(257), "u", PATH, 0)), E_INVALIDARG);
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u".repeat(257), PATH, 0)), E_INVALIDARG);
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", longPath, 0)), E_INVALIDARG);
  m.mgr.RegisterApplication(OTHER, "n".repeat(256), "u".repeat(256), longPath.slice(0, 260), 0);
  t.is(m.events.length, 1);
});

test("RegisterApplication: a path that is not absolute cannot be resolved (E_FAIL); Windows and POSIX absolute paths are", (t) => {
  const m = readyManager(world().alice);
  for (const path of ["game.exe", ".\\game.exe", "", "games/game"]) t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", path, 0)), E_FAIL, path);
  m.mgr.RegisterApplication(OTHER, "n", "u", "\\\\server\\share\\game.exe", 0);
  m.mgr.RegisterApplication("{11111111-2222-3333-4444-555555555555}", "n", "u", "/opt/game/bin/game", 0);
  t.is(m.events.length, 2);
});

test("RegisterApplication: a registered GUID is SR_APP_ALREADY_REGISTERED; changing it needs UnRegisterApplication first; a different GUID needs none", (t) => {
  const w = world();
  const m = readyManager(w.alice); // registers GAME
  t.is(hr(t, () => m.mgr.RegisterApplication(GAME, "Game", "https://example.com/game", PATH, 0)), SESSION_RESULT.SR_APP_ALREADY_REGISTERED);
  t.is(hr(t, () => m.mgr.RegisterApplication(GAME, "Game v2", "https://example.com/game", PATH + " /s", 0)), SESSION_RESULT.SR_APP_ALREADY_REGISTERED);
  t.is(w.alice.apps.get(GAME)!.name, "Game");
  m.mgr.RegisterApplication(OTHER, "Other", "u", PATH, 0);
  m.mgr.UnRegisterApplication(GAME);
  m.mgr.RegisterApplication(GAME, "Game v2", "https://example.com/game", PATH + " /s", 0);
  t.is(w.alice.apps.get(GAME)!.name, "Game v2");
  t.deepEqual(m.events, [["OnAppRegistered", OTHER], ["OnAppUnRegistered", GAME], ["OnAppRegistered", GAME]]);
});

test("UnRegisterApplication: OnAppUnRegistered; SR_APP_NOT_REGISTERED for an unknown GUID; E_INVALIDARG for a malformed or over-long one", (t) => {
  const w = world();
  const m = readyManager(w.alice);
  t.is(m.mgr.UnRegisterApplication(GAME), undefined);
  t.deepEqual(m.events, [["OnAppUnRegistered", GAME]]);
  t.false(w.alice.apps.has(GAME));
  t.is(hr(t, () => m.mgr.UnRegisterApplication(GAME)), SESSION_RESULT.SR_APP_NOT_REGISTERED);
  t.is(hr(t, () => m.mgr.UnRegisterApplication(GAME.toLowerCase())), E_INVALIDARG);
  t.is(hr(t, () => m.mgr.UnRegisterApplication(GAME + "{}")), E_INVALIDARG);
  t.is(m.events.length, 1);
});

test("a failed registry write is REGDB_E_WRITEREGDB and changes nothing (register and unregister)", (t) => {
  let broken = false;
  const saved: RegisteredApplication[][] = [];
  const apps = new AppRegistry([], { persist: (list) => { if (broken) throw new Error("disk full"); saved.push([...list]); } });
  const w = world({}, { alice: { apps } });
  const m = readyManager(w.alice);
  broken = true;
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", PATH, 0)), REGDB_E_WRITEREGDB);
  t.false(apps.has(OTHER));
  t.is(hr(t, () => m.mgr.UnRegisterApplication(GAME)), REGDB_E_WRITEREGDB);
  t.true(apps.has(GAME));
  t.deepEqual(m.events, [], "no event for a change that did not happen");
  t.deepEqual(saved.map((s) => s.map((a) => a.guid)), [[GAME]]);
});

test("the registry is persisted as JSON and reloaded: a new client with the reloaded registry knows the application", (t) => {
  let stored = "";
  const apps = new AppRegistry([], { persist: () => void (stored = JSON.stringify(apps)) });
  const first = world({}, { alice: { apps } });
  readyManager(first.alice).mgr.RegisterApplication(OTHER, "Other", "https://example.com/other", PATH, 0);
  t.true(stored.includes(OTHER));
  const reloaded = AppRegistry.fromJSON(stored);
  t.deepEqual(reloaded.applications.map((a) => a.guid), [GAME, OTHER]);
  const second = world({}, { alice: { apps: reloaded } });
  const m = readyManager(second.alice);
  const { session } = newSession(m.mgr, OTHER);
  t.is(session.ApplicationName, "Other");
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "Other", "u", PATH, 0)), SESSION_RESULT.SR_APP_ALREADY_REGISTERED);
  t.throws(() => AppRegistry.fromJSON("{}"), { instanceOf: TypeError });
  t.is(hr(t, () => AppRegistry.fromJSON(JSON.stringify([{ guid: "x", name: "", url: "", path: "", flags: 0 }]))), E_INVALIDARG);
});

test("users on one machine share a registry: a registration by one client reaches the other's unlocked managers", (t) => {
  const apps = new AppRegistry();
  const w = world({}, { alice: { apps }, bob: { apps } });
  const a = readyManager(w.alice);
  const b = readyManager(w.bob); // GAME was registered by alice's readyManager already
  a.mgr.RegisterApplication(OTHER, "Other", "u", PATH, 0);
  t.deepEqual(b.events, [["OnAppRegistered", OTHER]]);
  apps.unregister(OTHER); // the host (an installer) removes it
  t.deepEqual(a.events.at(-1), ["OnAppUnRegistered", OTHER]);
  t.deepEqual(b.events.at(-1), ["OnAppUnRegistered", OTHER]);
});

test("a locked session manager refuses RegisterApplication and UnRegisterApplication with MSGR_E_API_LOCKED and registers nothing", (t) => {
  const w = world();
  const m = openManager(w.alice);
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", PATH, 0)), LockError.MSGR_E_API_LOCKED);
  w.alice.signIn();
  t.is(hr(t, () => m.mgr.RegisterApplication(OTHER, "n", "u", PATH, 0)), LockError.MSGR_E_API_LOCKED);
  t.is(hr(t, () => m.mgr.UnRegisterApplication(OTHER)), LockError.MSGR_E_API_LOCKED);
  t.false(w.alice.apps.has(OTHER));
});

test("Applications is not implemented: putting it is E_NOTIMPL, directly and through IDispatch", (t) => {
  const m = readyManager(world().alice);
  t.is(hr(t, () => { m.mgr.Applications = "anything"; }), E_NOTIMPL);
  t.is(scode(t, () => invoke(m.disp, "Applications", [1], { kind: "put" })), E_NOTIMPL);
});

test("through IDispatch: RegisterApplication by name, UnRegisterApplication by DISPID; errors arrive in EXCEPINFO.scode", (t) => {
  const w = world();
  const m = readyManager(w.alice);
  t.is(invoke(m.disp, "RegisterApplication", [OTHER, "Other", "u", PATH, 0]), undefined);
  t.deepEqual(m.events, [["OnAppRegistered", OTHER]]);
  t.is(scode(t, () => invoke(m.disp, "registerapplication", [OTHER, "Other", "u", PATH, 0])), SESSION_RESULT.SR_APP_ALREADY_REGISTERED);
  t.is(scode(t, () => invoke(m.disp, "RegisterApplication", [OTHER, "Other", "u", PATH, 7])), E_INVALIDARG);
  const dispid = IMsgrSessionManager_dispatch.dispidOf("UnRegisterApplication")!;
  t.is(m.disp.GetIDsOfNames(IID_NULL, ["UnRegisterApplication"], 0)[0], dispid);
  m.disp.Invoke(dispid, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [OTHER] });
  t.false(w.alice.apps.has(OTHER));
  t.is(scode(t, () => m.disp.Invoke(dispid, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [OTHER] })), SESSION_RESULT.SR_APP_NOT_REGISTERED);
  const applications = IMsgrSessionManager_dispatch.dispidOf("Applications")!;
  t.is(scode(t, () => m.disp.Invoke(applications, IID_NULL, 0, DISPATCH_PROPERTYPUT, { rgvarg: [1], rgdispidNamedArgs: [DISPID_PROPERTYPUT] })), E_NOTIMPL);
});
