import test from "ava";
import { E_INVALIDARG, Guid, PARAMFLAG, VT, dispatchTable, eventTable, type IDispatch } from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";
import { DMsgrSessionManagerEvents_events, IMsgrSessionManager_dispatch, type DMsgrSessionManagerEvents } from "./messenger-fixture.js";

interface IThing extends IDispatch {
  Go(): void;
  get_Value(i: number): number;
  Name: string;
}
const IID_IThing = Guid.parse("{11111111-2222-3333-4444-555555555555}");

test("tables index rows by DISPID and kind", (t) => {
  const table = IMsgrSessionManager_dispatch;
  t.is(table.name, "IMsgrSessionManager");
  t.is(table.find(10, "get")?.member, "Application");
  t.is(table.find(10, "put")?.params[0]?.name, "bstrAppGUID");
  t.is(table.find(10, "method"), undefined);
  t.is(table.find(0, "get")?.member, "get_Item");
  t.is(table.find(0, "put")?.member, "put_Item");
  t.is(table.dispidOf("APPLICATION"), 10);
  t.is(table.dispidOf("nothing"), undefined);
  t.is(table.members.length, 20);
});

test("sparse and negative DISPIDs work like small ones", (t) => {
  const table = dispatchTable<IThing>(IID_IThing, "IThing", [
    { dispid: 0x60020000, name: "Go", member: "Go", kind: "method", access: "method", params: [], result: null },
    { dispid: -4, name: "Value", member: "get_Value", kind: "get", access: "method", params: [{ name: "i", vt: VT.I4, flags: PARAMFLAG.FIN }], result: VT.I4 },
  ]);
  t.is(table.find(0x60020000, "method")?.name, "Go");
  t.is(table.find(-4, "get")?.member, "get_Value");
  t.deepEqual(table.getIDsOfNames(["value", "I"]), [-4, 0]);
});

test("inconsistent tables are rejected when built", (t) => {
  const row = { dispid: 1, name: "Go", member: "Go", kind: "method", access: "method", params: [], result: null } as const;
  throwsHr(t, () => dispatchTable<IThing>(IID_IThing, "IThing", [row, row]), E_INVALIDARG);
  throwsHr(t, () => dispatchTable<IThing>(IID_IThing, "IThing", [row, { ...row, dispid: 2 }]), E_INVALIDARG);
  throwsHr(t, () => dispatchTable<IThing>(IID_IThing, "IThing", [{ ...row, dispid: 1.5 }]), E_INVALIDARG);
  throwsHr(t, () => dispatchTable<IThing>(IID_IThing, "IThing", [{ dispid: 3, name: "Name", member: "Name", kind: "put", access: "property", params: [], result: null }]), E_INVALIDARG);
  throwsHr(t, () => dispatchTable<IThing>(IID_IThing, "IThing", [
    { dispid: 4, name: "Value", member: "get_Value", kind: "get", access: "property", params: [{ name: "i", vt: VT.I4, flags: PARAMFLAG.FIN }], result: VT.I4 },
  ]), E_INVALIDARG);
});

test("member names are checked against the interface at compile time", (t) => {
  const table = dispatchTable<IThing>(IID_IThing, "IThing", [
    // @ts-expect-error "Gone" is not a member of IThing
    { dispid: 1, name: "Gone", member: "Gone", kind: "method", access: "method", params: [], result: null },
  ]);
  t.is(table.members.length, 1);
  const events = eventTable<DMsgrSessionManagerEvents>(Guid.create(), "E", [
    // @ts-expect-error "OnNothing" is not a member of DMsgrSessionManagerEvents
    { dispid: 1, name: "OnNothing", member: "OnNothing", params: [] },
  ]);
  t.is(events.members.length, 1);
});

test("event tables find events by DISPID and describe them as a dispatch table", (t) => {
  const events = DMsgrSessionManagerEvents_events;
  t.is(events.member(4)?.member, "OnInvitation");
  t.is(events.member(3), undefined);
  t.is(events.dispatch.find(4, "method")?.params.length, 3);
  t.deepEqual(events.dispatch.getIDsOfNames(["oninvitation", "pfHandled"]), [4, 2]);
  throwsHr(t, () => eventTable(Guid.create(), "E", [{ dispid: 1, name: "A", member: "A", params: [] }, { dispid: 1, name: "B", member: "B", params: [] }]), E_INVALIDARG);
});

test("names differing only in case on two DISPIDs are allowed: the exact spelling wins, else the first declared", (t) => {
  // IDL can declare them (value/Value); the table must still build, or a generated module could not load.
  const row = (dispid: number, name: string) => ({ dispid, name, member: "Go", kind: "method", access: "method", params: [], result: null }) as const;
  const table = dispatchTable<IThing>(IID_IThing, "IThing", [row(1, "Area"), row(2, "area")]);
  t.is(table.dispidOf("Area"), 1);
  t.is(table.dispidOf("area"), 2);
  t.is(table.dispidOf("AREA"), 1);
});
