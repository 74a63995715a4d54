import { ComError } from "./com-error.js";
import {
  DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF, DISPID_PROPERTYPUT, type IDispatch,
} from "./dispatch.js";
import type { DispatchKind } from "./dispatch-member.js";
import { IID_NULL } from "./guid.js";
import { DISP_E_BADPARAMCOUNT, DISP_E_UNKNOWNNAME } from "./hresult.js";
import type { VARIANT } from "./variant.js";

/** Options of {@link invoke}. */
export interface InvokeOptions {
  /**
   * What to do: call a method, get, put or putref a property. Without it the call is
   * DISPATCH_METHOD | DISPATCH_PROPERTYGET, as VB issues `x = obj.Name(args)`.
   */
  readonly kind?: DispatchKind;
  /** Named arguments by parameter name (numeric keys are taken as parameter DISPIDs). */
  readonly named?: Readonly<Record<string, VARIANT>>;
  /** The locale passed to GetIDsOfNames and Invoke. */
  readonly lcid?: number;
}

const FLAGS: Readonly<Record<DispatchKind, number>> = {
  method: DISPATCH_METHOD,
  get: DISPATCH_PROPERTYGET,
  put: DISPATCH_PROPERTYPUT,
  putref: DISPATCH_PROPERTYPUTREF,
};

/**
 * Late-bound call through IDispatch, the way a scripting client makes it: resolves names with
 * GetIDsOfNames, lays the arguments out in COM order and calls Invoke.
 *
 * @param member a DISPID or a member name.
 * @param args positional arguments in natural (declaration) order; for put/putref the value is
 *   the last one and travels as the named DISPID_PROPERTYPUT argument. Pass `Ref`s for by-reference
 *   arguments and `Variant.missing` to skip an optional one.
 * @returns the result VARIANT (undefined for members without one).
 * @throws ComError as Invoke and GetIDsOfNames do (DISP_E_UNKNOWNNAME for unknown names).
 */
export function invoke(disp: IDispatch, member: number | string, args: readonly VARIANT[] = [], options: InvokeOptions = {}): VARIANT {
  const lcid = options.lcid ?? 0;
  const namedEntries = Object.entries(options.named ?? {});
  let dispid: number;
  const namedIds: number[] = [];
  const symbolicNames = namedEntries.filter(([name]) => !/^\d+$/.test(name)).map(([name]) => name);
  if (typeof member === "string") {
    const ids = disp.GetIDsOfNames(IID_NULL, [member, ...symbolicNames], lcid);
    dispid = ids[0]!;
    let next = 1;
    for (const [name] of namedEntries) namedIds.push(/^\d+$/.test(name) ? Number(name) : ids[next++]!);
  } else {
    if (symbolicNames.length > 0) {
      throw new ComError(DISP_E_UNKNOWNNAME, "DISP_E_UNKNOWNNAME (0x80020006): named arguments by name need the member by name too");
    }
    dispid = member;
    for (const [name] of namedEntries) namedIds.push(Number(name));
  }

  const kind = options.kind;
  const wFlags = kind === undefined ? DISPATCH_METHOD | DISPATCH_PROPERTYGET : FLAGS[kind];
  const isPut = kind === "put" || kind === "putref";
  const positional = isPut ? args.slice(0, -1) : args;
  // rgvarg: named arguments first (the put value leading), then positional ones last-to-first.
  const rgvarg: VARIANT[] = [];
  const rgdispidNamedArgs: number[] = [];
  if (isPut) {
    if (args.length === 0) throw new ComError(DISP_E_BADPARAMCOUNT, "DISP_E_BADPARAMCOUNT (0x8002000E): a put needs its value as the last argument");
    rgvarg.push(args[args.length - 1]);
    rgdispidNamedArgs.push(DISPID_PROPERTYPUT);
  }
  namedEntries.forEach(([, value], i) => {
    rgvarg.push(value);
    rgdispidNamedArgs.push(namedIds[i]!);
  });
  for (let i = positional.length - 1; i >= 0; i--) rgvarg.push(positional[i]);
  return disp.Invoke(dispid, IID_NULL, lcid, wFlags, { rgvarg, rgdispidNamedArgs });
}
