import { ComError } from "./com-error.js";
import { CompiledMember, type DispatchKind, type DispatchMemberInfo } from "./dispatch-member.js";
import { DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF } from "./dispatch.js";
import type { Guid } from "./guid.js";
import { DISP_E_UNKNOWNNAME, E_INVALIDARG, E_POINTER } from "./hresult.js";

/** The members sharing one DISPID, one per kind, plus the parameter names GetIDsOfNames knows. @internal */
export interface DispatchSlot {
  method: CompiledMember | undefined;
  get: CompiledMember | undefined;
  put: CompiledMember | undefined;
  putref: CompiledMember | undefined;
  /** Lower-cased parameter name → declared index (first kind that declares it: method, get, put, putref). */
  readonly paramIds: Map<string, number>;
  /**
   * The member Invoke calls for each combination of the four DISPATCH_* flags (`wFlags & 15`),
   * resolved once: METHOD before PROPERTYGET before PROPERTYPUT before PROPERTYPUTREF.
   */
  byFlags: readonly (CompiledMember | undefined)[];
}

// VB sends METHOD|PROPERTYGET for `x = obj.Name`: whichever of the two exists is taken.
function memberForFlags(slot: DispatchSlot, flags: number): CompiledMember | undefined {
  let m: CompiledMember | undefined;
  if (flags & DISPATCH_METHOD) m = slot.method;
  if (m === undefined && flags & DISPATCH_PROPERTYGET) m = slot.get;
  if (m === undefined && flags & DISPATCH_PROPERTYPUT) m = slot.put;
  if (m === undefined && flags & DISPATCH_PROPERTYPUTREF) m = slot.putref;
  return m;
}

// DISPIDs below this bound live in an array (one indexed load at Invoke time); others, such as the
// 0x60020000-style ids MIDL assigns, in a Map.
const DENSE_LIMIT = 1024;

/**
 * The IDispatch description of one interface: every member by DISPID and kind, indexed once at
 * construction so that Invoke never searches, with a case-insensitive name map for GetIDsOfNames.
 * `I` is the TypeScript interface the table describes; `member` fields are checked against it.
 */
export class DispatchTable<I = any> {
  /** The interface the table describes. */
  readonly iid: Guid;
  /** The interface name, used as EXCEPINFO source and in messages. */
  readonly name: string;
  /** The rows, as given. */
  readonly members: readonly DispatchMemberInfo<I>[];
  readonly #dense: (DispatchSlot | undefined)[] = [];
  readonly #sparse = new Map<number, DispatchSlot>();
  readonly #names = new Map<string, number>();
  readonly #exact = new Map<string, number>();

  /** Prefer {@link dispatchTable}. @throws ComError(E_INVALIDARG) for duplicate or inconsistent rows. */
  constructor(iid: Guid, name: string, members: readonly DispatchMemberInfo<I>[]) {
    this.iid = iid;
    this.name = name;
    this.members = Object.freeze([...members]);
    for (const info of this.members) {
      const slot = this.#slotForBuild(info.dispid);
      const kind: DispatchKind = info.kind;
      if (slot[kind] !== undefined) {
        throw new ComError(E_INVALIDARG, `${name}: DISPID ${info.dispid} has two "${kind}" members`);
      }
      slot[kind] = new CompiledMember(info as DispatchMemberInfo<unknown>, name);
      // Names are looked up case-insensitively (IDispatch's contract). IDL can still declare names that
      // differ only in case (value/Value): the exact spelling wins, else the first one declared.
      const exact = this.#exact.get(info.name);
      if (exact !== undefined && exact !== info.dispid) {
        throw new ComError(E_INVALIDARG, `${name}: "${info.name}" names DISPIDs ${exact} and ${info.dispid}`);
      }
      this.#exact.set(info.name, info.dispid);
      const lower = info.name.toLowerCase();
      if (!this.#names.has(lower)) this.#names.set(lower, info.dispid);
    }
    // Parameter names are resolved in kind order so that a method's names win over a put's.
    for (const slot of [...this.#dense, ...this.#sparse.values()]) {
      if (slot === undefined) continue;
      slot.byFlags = Array.from({ length: 16 }, (_, flags) => memberForFlags(slot, flags));
      for (const m of [slot.method, slot.get, slot.put, slot.putref]) {
        m?.info.params.forEach((p, index) => {
          const key = p.name.toLowerCase();
          if (!slot.paramIds.has(key)) slot.paramIds.set(key, index);
        });
      }
    }
  }

  #slotForBuild(dispid: number): DispatchSlot {
    if (!Number.isInteger(dispid)) throw new ComError(E_INVALIDARG, `${this.name}: DISPID ${dispid} is not an integer`);
    let slot = this.slot(dispid);
    if (slot === undefined) {
      slot = { method: undefined, get: undefined, put: undefined, putref: undefined, paramIds: new Map(), byFlags: [] };
      if (dispid >= 0 && dispid < DENSE_LIMIT) this.#dense[dispid] = slot;
      else this.#sparse.set(dispid, slot);
    }
    return slot;
  }

  /** The members of a DISPID, or undefined. @internal (the Invoke engine's lookup) */
  slot(dispid: number): DispatchSlot | undefined {
    return dispid >= 0 && dispid < DENSE_LIMIT ? this.#dense[dispid] : this.#sparse.get(dispid);
  }

  /** The member Invoke calls for (DISPID, wFlags), or undefined. @internal */
  member(dispid: number, wFlags: number): CompiledMember | undefined {
    const slot = dispid >= 0 && dispid < DENSE_LIMIT ? this.#dense[dispid] : this.#sparse.get(dispid);
    return slot === undefined ? undefined : slot.byFlags[wFlags & 15];
  }

  /** The DISPID of a member name (case-insensitive; an exact spelling first), or undefined. */
  dispidOf(name: string): number | undefined {
    return this.#exact.get(name) ?? this.#names.get(name.toLowerCase());
  }

  /** The row for (dispid, kind), or undefined. */
  find(dispid: number, kind: DispatchKind): DispatchMemberInfo<I> | undefined {
    return this.slot(dispid)?.[kind]?.info as DispatchMemberInfo<I> | undefined;
  }

  /**
   * IDispatch::GetIDsOfNames: the DISPID of `names[0]`, then for each further name the index of
   * the member's parameter of that name (case-insensitive), usable as a named-argument DISPID.
   * @throws ComError(DISP_E_UNKNOWNNAME) when any name is unknown.
   */
  getIDsOfNames(names: readonly string[]): number[] {
    if (names == null) throw new ComError(E_POINTER);
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
      throw new ComError(E_INVALIDARG, "E_INVALIDARG (0x80070057): GetIDsOfNames takes an array of names");
    }
    const [memberName, ...paramNames] = names;
    if (memberName === undefined) throw new ComError(E_INVALIDARG, "GetIDsOfNames needs at least one name");
    const dispid = this.dispidOf(memberName);
    if (dispid === undefined) throw new ComError(DISP_E_UNKNOWNNAME, `DISP_E_UNKNOWNNAME (0x80020006): ${this.name} has no member "${memberName}"`);
    const paramIds = this.slot(dispid)!.paramIds;
    const ids = [dispid];
    for (const p of paramNames) {
      const id = paramIds.get(p.toLowerCase());
      if (id === undefined) throw new ComError(DISP_E_UNKNOWNNAME, `DISP_E_UNKNOWNNAME (0x80020006): ${this.name}.${memberName} has no parameter "${p}"`);
      ids.push(id);
    }
    return ids;
  }
}

/**
 * Builds the dispatch table of interface `I` (generated code calls this once per dispatch
 * interface). `member` of every row must name a member of `I`.
 */
export function dispatchTable<I>(iid: Guid, name: string, members: readonly DispatchMemberInfo<I>[]): DispatchTable<I> {
  return new DispatchTable<I>(iid, name, members);
}
