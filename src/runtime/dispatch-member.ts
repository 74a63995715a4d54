import { ComError } from "./com-error.js";
import type { FastInvoker } from "./dispatch-invoke.js";
import { E_INVALIDARG } from "./hresult.js";
import { PARAMFLAG } from "./param-flags.js";
import type { VARIANT } from "./variant.js";
import { VT, type VARTYPE } from "./vartype.js";

/** How a dispatch member is invoked: DISPATCH_METHOD, _PROPERTYGET, _PROPERTYPUT or _PROPERTYPUTREF. */
export type DispatchKind = "method" | "get" | "put" | "putref";

/**
 * How the implementation exposes the member in TypeScript: `"property"` is read or assigned
 * (`obj.Name`, `obj.Name = v`), `"method"` is called (`obj.Name(...)`, `obj.get_Item(i)`).
 */
export type DispatchAccess = "method" | "property";

/** One parameter of a dispatch member, in declaration order. */
export interface ParamInfo {
  readonly name: string;
  /** The parameter's VARTYPE; `| VT.BYREF` for `[out]` and `[in, out]` parameters. */
  readonly vt: VARTYPE;
  /** PARAMFLAG bits: FIN, FOUT, FLCID, FRETVAL, FOPT, FHASDEFAULT. */
  readonly flags: number;
  /** The `[defaultvalue]`, present when `flags` has FHASDEFAULT. */
  readonly defaultValue?: VARIANT;
}

/** One row of a dispatch table: a (DISPID, kind) pair and how to reach it on the implementation. */
export interface DispatchMemberInfo<I> {
  readonly dispid: number;
  /** The COM name, as GetIDsOfNames matches it (case-insensitively). */
  readonly name: string;
  /** The TypeScript member of the implementation: `Name`, or `get_Name`/`put_Name`/`putref_Name`. */
  readonly member: keyof I & string;
  readonly kind: DispatchKind;
  readonly access: DispatchAccess;
  /** Parameters without the `[retval]` one (which is `result`). */
  readonly params: readonly ParamInfo[];
  /** The VARTYPE of the `[retval]`, or null when the member has none. */
  readonly result: VARTYPE | null;
}

/**
 * The binding plan of one member, computed once when the table is built so that Invoke does no
 * searching and little allocation. "Call slots" are the arguments the implementation receives:
 * every declared parameter except `[retval]`, in declaration order.
 * @internal
 */
export class CompiledMember {
  readonly info: DispatchMemberInfo<unknown>;
  readonly member: string;
  readonly isProperty: boolean;
  readonly isPut: boolean;
  /** Number of call slots. */
  readonly callLength: number;
  /** Call slot of each positional argument, in natural order (for puts: without the value). */
  readonly positional: readonly number[];
  /** Call slot of the value of a put/putref, else -1. */
  readonly valueSlot: number;
  /** Call slot that receives the Invoke lcid (`[lcid]` parameter), else -1. */
  readonly lcidSlot: number;
  /** Per call slot: the declared parameter. */
  readonly slotParams: readonly ParamInfo[];
  /** Per call slot: the VARTYPE without VT.BYREF. */
  readonly slotVts: readonly VARTYPE[];
  /** Per call slot: whether the implementation receives a Ref. */
  readonly slotByRef: readonly boolean[];
  /** Declared parameter index (the DISPID GetIDsOfNames gives a parameter name) → call slot, or -1. */
  readonly declToSlot: readonly number[];
  /** True when Invoke may take the fast path: positional in-params only, none optional, no lcid. */
  readonly simple: boolean;
  /** The compiled invoker of a simple member, built on its first call (see dispatch-invoke). */
  fast: FastInvoker | undefined = undefined;

  constructor(info: DispatchMemberInfo<unknown>, tableName: string) {
    this.info = info;
    this.member = info.member;
    this.isProperty = info.access === "property";
    this.isPut = info.kind === "put" || info.kind === "putref";
    const slotParams: ParamInfo[] = [];
    const declToSlot: number[] = [];
    const argSlots: number[] = [];
    let lcidSlot = -1;
    for (const p of info.params) {
      if (p.flags & PARAMFLAG.FRETVAL) {
        declToSlot.push(-1);
        continue;
      }
      const slot = slotParams.length;
      slotParams.push(p);
      if (p.flags & PARAMFLAG.FLCID) {
        lcidSlot = slot;
        declToSlot.push(-1);
      } else {
        declToSlot.push(slot);
        argSlots.push(slot);
      }
    }
    const where = `${tableName}.${info.name} (${info.kind})`;
    if (this.isPut && argSlots.length === 0) throw new ComError(E_INVALIDARG, `${where}: a put needs a value parameter`);
    if (this.isProperty && info.kind === "get" && slotParams.length !== 0) {
      throw new ComError(E_INVALIDARG, `${where}: a property get with parameters must have access "method"`);
    }
    if (this.isProperty && this.isPut && slotParams.length !== 1) {
      throw new ComError(E_INVALIDARG, `${where}: a property put with index parameters must have access "method"`);
    }
    this.valueSlot = this.isPut ? argSlots.pop()! : -1;
    this.positional = argSlots;
    this.lcidSlot = lcidSlot;
    this.callLength = slotParams.length;
    this.slotParams = slotParams;
    this.slotVts = slotParams.map((p) => p.vt & ~VT.BYREF);
    this.slotByRef = slotParams.map((p) => (p.vt & VT.BYREF) !== 0 || (p.flags & PARAMFLAG.FOUT) !== 0);
    this.declToSlot = declToSlot;
    this.simple =
      !this.isPut &&
      lcidSlot === -1 &&
      slotParams.every((p, i) => !this.slotByRef[i] && (p.flags & (PARAMFLAG.FOPT | PARAMFLAG.FHASDEFAULT)) === 0);
  }
}
