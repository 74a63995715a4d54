import { DispatchTable } from "./dispatch-table.js";
import type { ParamInfo } from "./dispatch-member.js";
import type { Guid } from "./guid.js";

/** One event (method) of a `[source]` dispinterface. */
export interface EventMemberInfo<S> {
  readonly dispid: number;
  /** The COM name. */
  readonly name: string;
  /** The handler's name in the sink interface `S`. */
  readonly member: keyof S & string;
  readonly params: readonly ParamInfo[];
}

/**
 * The description of a `[source]` dispinterface: its events by DISPID. Sources use it to fire
 * (`ComObject.fireEvent`), sinks to route IDispatch::Invoke to handlers (`createSink`).
 */
export class EventTable<S = any> {
  /** The DIID sinks are asked for when they are advised. */
  readonly iid: Guid;
  readonly name: string;
  readonly members: readonly EventMemberInfo<S>[];
  /** The same events as a dispatch table (every event a method without result), for Invoke. */
  readonly dispatch: DispatchTable<S>;
  readonly #byDispid = new Map<number, EventMemberInfo<S>>();

  /** Prefer {@link eventTable}. @throws ComError(E_INVALIDARG) for duplicate DISPIDs or names. */
  constructor(iid: Guid, name: string, members: readonly EventMemberInfo<S>[]) {
    this.iid = iid;
    this.name = name;
    this.members = Object.freeze([...members]);
    this.dispatch = new DispatchTable<S>(
      iid,
      name,
      this.members.map((m) => ({ dispid: m.dispid, name: m.name, member: m.member, kind: "method", access: "method", params: m.params, result: null })),
    );
    for (const m of this.members) this.#byDispid.set(m.dispid, m);
  }

  /** The event with this DISPID, or undefined. */
  member(dispid: number): EventMemberInfo<S> | undefined {
    return this.#byDispid.get(dispid);
  }
}

/**
 * Builds the event table of sink interface `S` (generated code calls this once per `[source]`
 * dispinterface). `member` of every row must name a member of `S`.
 */
export function eventTable<S>(iid: Guid, name: string, members: readonly EventMemberInfo<S>[]): EventTable<S> {
  return new EventTable<S>(iid, name, members);
}
