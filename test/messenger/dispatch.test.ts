/**
 * Late binding: a representative set of calls through IDispatch::Invoke, by name (invoke) and by
 * DISPID (GetIDsOfNames + Invoke), properties included, and events reaching a sink that only
 * speaks IDispatch (so they travel through Invoke with VARIANT coercion).
 */
import test from "ava";
import {
  ComObject, DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPID_PROPERTYPUT, E_INVALIDARG, Guid,
  IID_NULL, invoke, type CoclassInfo, type IDispatch, type VARIANT,
} from "midl-ts/runtime";
import {
  DIID_DMsgrSessionEvents, DMsgrSessionEvents_events, IMsgrSession_dispatch, IMsgrSessionManager_dispatch, SESSION_RESULT,
  SESSION_STATE,
} from "../../generated/msgrpriv.js";
import { GAME, connectionPoint, readyManager, scode, signinNameOf, world } from "./helpers.js";

test("CreateSession by DISPID, the session's properties by name and by DISPID (get and put with DISPID_PROPERTYPUT)", (t) => {
  const w = world();
  const m = readyManager(w.alice);
  const create = m.disp.GetIDsOfNames(IID_NULL, ["CreateSession"], 0)[0]!;
  t.is(create, IMsgrSessionManager_dispatch.dispidOf("CreateSession")!);
  const session = m.disp.Invoke(create, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: [] }) as IDispatch;
  t.is(invoke(session, "State", [], { kind: "get" }), SESSION_STATE.SS_READY);
  const application = IMsgrSession_dispatch.dispidOf("Application")!;
  session.Invoke(application, IID_NULL, 0, DISPATCH_PROPERTYPUT, { rgvarg: [GAME], rgdispidNamedArgs: [DISPID_PROPERTYPUT] });
  t.is(session.Invoke(application, IID_NULL, 0, DISPATCH_PROPERTYGET, { rgvarg: [] }), GAME);
  t.is(invoke(session, "ApplicationName", [], { kind: "get" }), "Game");
  t.is(invoke(session, "ApplicationURL"), "https://example.com/game", "METHOD|PROPERTYGET, as VB calls it");
  t.is(invoke(session, "Flags"), 1);
  t.regex(invoke(session, "SessionID") as string, /^\{[0-9A-F-]{36}\}$/);
  invoke(session, "LocalAddress", ["192.0.2.5"], { kind: "put" });
  t.is(invoke(session, "LocalAddress"), "192.0.2.5");
  t.is(invoke(session, "RemoteAddress"), "");
  t.is(invoke(session, "ContextData"), "");
  t.is(scode(t, () => invoke(session, "User")), SESSION_RESULT.SR_NO_USER_INVITED);
  t.is(scode(t, () => invoke(session, "Application", ["lower-case {6a1f3c52-0b7d-4e8a-9c2d-5f4e3b2a1c0d}"], { kind: "put" })), 0x8007000e);
  t.is(scode(t, () => invoke(session, "Application", [GAME.toLowerCase()], { kind: "put" })), E_INVALIDARG);
});

/** A sink that answers only IDispatch: the source must call it through Invoke. */
class DispatchOnlySink extends ComObject {
  static readonly coclass: CoclassInfo = {
    clsid: Guid.parse("{073D376A-4817-42FB-8C64-31BA9FA9CA28}"),
    name: "DispatchOnlySink",
    // Its own IID, so QueryInterface(DIID_DMsgrSessionEvents) fails and Advise falls back to IDispatch.
    interfaces: [{ iid: Guid.parse("{5B2C7E10-8A4D-4F6B-9E3A-2C1D0F9B8A71}"), name: "ISinkOnly", bases: [], dispatch: DMsgrSessionEvents_events.dispatch, isDefault: true }],
  };
  readonly calls: [string, ...VARIANT[]][] = [];
  OnStateChanged(prev: number): void { this.calls.push(["OnStateChanged", prev]); }
  OnAccepted(data: string): void { this.calls.push(["OnAccepted", data]); }
  OnCancelled(data: string): void { this.calls.push(["OnCancelled", data]); }
  OnContextData(data: string): void { this.calls.push(["OnContextData", data]); }
  OnTermination(hr: number, data: string): void { this.calls.push(["OnTermination", hr, data]); }
  OnDeclined(): void {}
  OnAppNotPresent(): void {}
  OnReadyToLaunch(): void {}
  OnSendError(): void {}
  BeforeAppLaunch(): void {}
}

test("the whole invitation through IDispatch, by name and by DISPID, with events delivered to an IDispatch-only sink (HRESULTs as VT_I4 longs)", (t) => {
  const w = world();
  const a = readyManager(w.alice);
  let received: IDispatch | null = null;
  readyManager(w.bob, { OnInvitation: (s, _d, handled) => { received = s; handled.value = true; } });
  const session = invoke(a.disp, "CreateSession") as IDispatch;
  const sink = new DispatchOnlySink();
  connectionPoint(session, DIID_DMsgrSessionEvents).Advise(sink);
  invoke(session, "Application", [GAME], { kind: "put" });
  const [inviteId, pUser, appData] = session.GetIDsOfNames(IID_NULL, ["Invite", "pUser", "bstrAppData"], 0);
  session.Invoke(inviteId!, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["by name", w.alice.getContact("bob@example.com")], rgdispidNamedArgs: [appData!, pUser!] });
  t.not(received, null);
  const bobs = received!;
  t.is(signinNameOf(invoke(bobs, "User")), "alice@example.com");
  t.is(invoke(bobs, "ContextData"), "by name");
  t.is(scode(t, () => invoke(session, "Accept", [""])), SESSION_RESULT.SR_NOT_INVITEE);
  bobs.Invoke(IMsgrSession_dispatch.dispidOf("Accept")!, IID_NULL, 0, DISPATCH_METHOD, { rgvarg: ["ok"] });
  t.is(invoke(session, "State"), SESSION_STATE.SS_CONNECTED);
  t.is(invoke(session, "RemoteAddress"), "10.0.0.2");
  invoke(bobs, "SendContextData", ["port 6891"]);
  t.is(scode(t, () => invoke(session, "SendContextData", ["x".repeat(301)])), SESSION_RESULT.SR_CONTEXT_DATA_OVER_LIMIT);
  invoke(bobs, "Cancel", [SESSION_RESULT.SR_SESSION_PROTOCOL_ERROR | 0, "bye"]);
  t.deepEqual(sink.calls, [
    ["OnStateChanged", SESSION_STATE.SS_READY],
    ["OnStateChanged", SESSION_STATE.SS_INVITATION],
    ["OnAccepted", "ok"],
    ["OnStateChanged", SESSION_STATE.SS_ACCEPTED],
    ["OnContextData", "port 6891"],
    ["OnStateChanged", SESSION_STATE.SS_CONNECTED],
    ["OnCancelled", "bye"],
    ["OnTermination", SESSION_RESULT.SR_SESSION_PROTOCOL_ERROR | 0, "bye"],
  ]);
  t.is(((sink.calls.at(-1)![1] as number) >>> 0), SESSION_RESULT.SR_SESSION_PROTOCOL_ERROR);
});
