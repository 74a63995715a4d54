/**
 * Compares our IR of one IDL file with what widl wrote into that file's C header (`widl-header.ts`).
 *
 * Compared, both ways (present on one side only is a difference too):
 * - interfaces: object vs RPC interface, IID, base interface, and the vtable in order — method names
 *   (`get_X`/`put_X`/`putref_X` for property accessors, as widl names them) and parameter counts.
 *   Our IR lists an interface's own methods (those with a `vtableIndex`): they are compared with the
 *   last group of widl's vtable, then the whole vtable, rebuilt through the base chain over the IR of
 *   every file of the run, with widl's. A difference in the inherited part is reported at the base
 *   that has it, not again at each derived interface. When the vtables agree, each own method's
 *   `vtableIndex` must also be its position.
 * - dispinterfaces (DIID), coclasses (CLSID), libraries (LIBID);
 * - enum members (by member name, as C scopes them) and their values, modulo 2^32 (C enums are int;
 *   widl prints `0x80000000` where our IR may hold -2147483648);
 * - constants (`#define NAME (value)`): integers modulo 2^64 (widl's casts, `(ULONG)-1`, are not
 *   applied), floats to the 15 significant digits widl prints, strings and characters exactly.
 *
 * Not compared:
 * - which interfaces a coclass lists: no widl output has them in a readable form (`-h` writes only the
 *   CLSID, `-r` no interfaces, `-t` is a binary type library).
 * - DISPIDs, parameter types and directions, structs, typedefs (not in scope of issue 3).
 * - WinRT parameterized interface instances (`IIterable<HSTRING >`): widl instantiates them, our IR has
 *   no declaration for them. WinRT interfaces are matched by their C name or by the name in widl's
 *   banner comment; bases by their last `::` component.
 * - widl-side names defined by cpp_quote text (see `cpp-quote-names.ts`): C for a C compiler.
 */
import { allDeclarations, type IrDeclaration, type IrFile, type IrInterface, type IrMethod, type IrValue } from "../../src/index.js";
import type { CValue } from "./c-expr.js";
import type { WidlHeader, WidlInterface } from "./widl-header.js";

/** A vtable slot as compared: the IDL name (property accessors prefixed) and the parameter count. */
interface Slot {
  readonly name: string;
  readonly params: number;
}

/** What a difference is about. */
export type DifferenceKind =
  | "interface" | "iid" | "base" | "vtable" | "vtable-index"
  | "dispinterface" | "diid" | "coclass" | "clsid" | "library" | "libid"
  | "enum-member" | "const";

/** One disagreement between our IR and widl. `ours`/`widl` are short descriptions; "(none)" = absent. */
export interface Difference {
  /** The IDL file name (`oaidl.idl`). */
  readonly file: string;
  readonly kind: DifferenceKind;
  /** The interface, coclass, enum member, constant, … it is about. */
  readonly name: string;
  readonly ours: string;
  readonly widl: string;
}

const NONE = "(none)";

/** Interfaces of the whole run by source and name, to follow base chains across files. */
export type IrIndex = ReadonlyMap<string, ReadonlyMap<string, IrInterface>>;

/** What the comparison of one file needs to know about the whole run. */
export interface CompareContext {
  /** Our interfaces by source and name. */
  readonly interfaces: IrIndex;
  /** widl's interfaces of all headers, by C name and by banner name (for base chains). */
  readonly widlInterfaces: ReadonlyMap<string, WidlInterface>;
  /** Names cpp_quote text defines: left out of widl's side. */
  readonly cppQuote: ReadonlySet<string>;
  /** How many things of each kind were compared (both sides present), for the test's log. */
  readonly checked: Map<DifferenceKind, number>;
}

/** Builds the context from the IR of every file of the run and widl's headers of the compared files. */
export function compareContext(files: readonly IrFile[], headers: Iterable<WidlHeader>, cppQuote: ReadonlySet<string>): CompareContext {
  const interfaces = new Map<string, Map<string, IrInterface>>();
  for (const f of files) {
    const byName = new Map<string, IrInterface>();
    for (const d of allDeclarations(f.declarations)) if (d.kind === "interface" && !d.forward) byName.set(d.name, d);
    interfaces.set(f.source, byName);
  }
  const widlInterfaces = new Map<string, WidlInterface>();
  for (const h of headers) {
    for (const w of h.interfaces) {
      if (w.parameterized) continue;
      if (!widlInterfaces.has(w.name)) widlInterfaces.set(w.name, w);
      if (!widlInterfaces.has(w.displayName)) widlInterfaces.set(w.displayName, w);
    }
  }
  return { interfaces, widlInterfaces, cppQuote, checked: new Map() };
}

/** The differences between the IR of one file and widl's header of it. */
export function compareFile(file: string, ir: IrFile, header: WidlHeader, ctx: CompareContext): Difference[] {
  const out: Difference[] = [];
  const diff: Report = (kind, name, ours, widl) => {
    out.push({ file, kind, name, ours, widl });
  };
  diff.checked = (kind) => ctx.checked.set(kind, (ctx.checked.get(kind) ?? 0) + 1);
  const decls = [...allDeclarations(ir.declarations)];
  compareInterfaces(decls, header, ctx, diff);
  compareGuids("dispinterface", "diid", named(decls, "dispinterface"), header.dispinterfaces, diff);
  compareGuids("coclass", "clsid", named(decls, "coclass"), header.coclasses, diff);
  compareGuids("library", "libid", named(decls, "library"), header.libraries, diff);
  compareEnums(decls, header, ctx.cppQuote, diff);
  compareConstants(decls, header, ctx.cppQuote, diff);
  return out;
}

interface Report {
  (kind: DifferenceKind, name: string, ours: string, widl: string): void;
  /** Counts one comparison made (whatever its outcome). */
  checked?: (kind: DifferenceKind) => void;
}

function named(decls: readonly IrDeclaration[], kind: "dispinterface" | "coclass" | "library"): { name: string; uuid: string | null }[] {
  // A WinRT runtimeclass has no CLSID: widl writes it as a class name string, not as a coclass.
  return decls.filter((d) => d.kind === kind && !("forward" in d && d.forward) && !(d.kind === "coclass" && d.runtimeclass)) as { name: string; uuid: string | null }[];
}

/**
 * The C name widl gives a declaration inside a WinRT namespace (with `#pragma winrt ns_prefix`):
 * `__x_ABI_C` + the namespace parts joined by `_C` + `_C` + the name; delegates get an `I` prefix.
 */
function winrtCName(namespace: string, name: string): string {
  return `__x_ABI_C${namespace.split(".").join("_C")}_C${name}`;
}

function compareGuids(
  kind: DifferenceKind, guidKind: DifferenceKind, ours: readonly { name: string; uuid: string | null }[],
  widl: readonly { name: string; guid: string }[], diff: Report,
): void {
  const theirs = new Map(widl.map((w) => [w.name, w]));
  for (const o of ours) {
    const w = theirs.get(o.name);
    theirs.delete(o.name);
    if (!w) {
      diff(kind, o.name, "defined", NONE);
      continue;
    }
    diff.checked?.(guidKind);
    if (guid(o.uuid) !== guid(w.guid)) diff(guidKind, o.name, guid(o.uuid), guid(w.guid));
  }
  for (const w of theirs.values()) diff(kind, w.name, NONE, "defined");
}

function guid(g: string | null): string {
  return g === null ? NONE : g.toLowerCase();
}

// --- interfaces -------------------------------------------------------------------------------------

function compareInterfaces(decls: readonly IrDeclaration[], header: WidlHeader, ctx: CompareContext, diff: Report): void {
  const widl = header.interfaces.filter((w) => !w.parameterized);
  const byName = new Map(widl.map((w) => [w.name, w]));
  const byDisplay = uniqueBy(widl, (w) => w.displayName);
  const matched = new Set<WidlInterface>();
  for (const d of decls) {
    // Generic definitions (IVector<T>) are not in widl's header: only their instances are.
    if (d.kind !== "interface" || d.forward || d.typeParams) continue;
    const cName = d.namespace ? winrtCName(d.namespace, d.delegate ? `I${d.name}` : d.name) : d.name;
    const w = byName.get(cName) ?? byName.get(d.name) ?? byDisplay.get(d.name);
    if (!w) {
      diff("interface", d.name, describe(isObject(d)), NONE);
      continue;
    }
    matched.add(w);
    if (isObject(d) !== w.object) {
      diff("interface", d.name, describe(isObject(d)), describe(w.object));
      continue;
    }
    diff.checked?.("interface");
    if (!w.object) continue; // an RPC interface: widl's header has no IID nor vtable to compare
    diff.checked?.("iid");
    diff.checked?.("base");
    diff.checked?.("vtable");
    if (guid(d.uuid) !== guid(w.iid)) diff("iid", d.name, guid(d.uuid), guid(w.iid));
    const ourBase = d.base ? lastSegment(d.base.name) : NONE;
    const widlBase = w.base ? lastSegment(w.base) : NONE;
    if (ourBase !== widlBase) diff("base", d.name, ourBase, widlBase);
    compareVtable(d, w, ctx, ourBase !== widlBase, diff);
  }
  for (const w of widl) if (!matched.has(w)) diff("interface", w.name, NONE, describe(w.object));
}

/** widl's is_object(): an `[object]` or `[odl]` interface, or one with a base. */
function isObject(d: IrInterface): boolean {
  return d.base !== null || d.attributes.some((a) => a.name === "object" || a.name === "odl");
}

function describe(object: boolean): string {
  return object ? "object interface" : "RPC interface";
}

function lastSegment(name: string): string {
  return name.split(/::|\./).pop()!.trim();
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  const dup = new Set<string>();
  for (const t of items) {
    const k = key(t);
    if (out.has(k)) dup.add(k);
    out.set(k, t);
  }
  for (const k of dup) out.delete(k);
  return out;
}

/**
 * Compares the methods the interface declares itself, then the whole vtable. A difference in the
 * inherited part is reported at the base that has it, not again at every interface deriving from it
 * (one `[call_as]` slot of IDispatch would otherwise make hundreds of differences).
 */
function compareVtable(d: IrInterface, w: WidlInterface, ctx: CompareContext, baseDiffers: boolean, diff: Report): void {
  const ours = fullVtable(d, ctx.interfaces, new Set());
  if (typeof ours === "string") {
    diff("vtable", d.name, ours, `${w.vtable!.length} methods`);
    return;
  }
  const theirs = w.vtable!;
  const ownOurs = ownSlots(d);
  const ownTheirs = widlOwnSlots(w);
  const at = firstMismatch(ownOurs, ownTheirs);
  if (at >= 0) {
    diff("vtable", d.name, showSlots(ownOurs, at, ours.length - ownOurs.length, "own "), showSlots(ownTheirs, at, theirs.length - ownTheirs.length, "own "));
    return;
  }
  const whole = firstMismatch(ours, theirs);
  if (whole >= 0) {
    if (!baseDiffers && !baseReports(d, ctx)) diff("vtable", d.name, showSlots(ours, whole, 0, ""), showSlots(theirs, whole, 0, ""));
    return;
  }
  ownMethods(d).forEach((m, i) => {
    const position = ours.length - ownOurs.length + i;
    if (m.vtableIndex !== position) diff("vtable-index", `${d.name}::${vtableName(m)}`, String(m.vtableIndex), String(position));
  });
}

function showSlots(list: readonly Slot[], at: number, offset: number, what: string): string {
  const slot = list[at];
  return `${list.length} ${what}methods; [${offset + at}] ${slot ? `${slot.name}/${slot.params}` : NONE}`;
}

/** True when an interface of the base chain has its own difference with widl (so it is reported there). */
function baseReports(d: IrInterface, ctx: CompareContext): boolean {
  const seen = new Set<IrInterface>();
  for (let ref = d.base; ref; ) {
    const base = ctx.interfaces.get(ref.source)?.get(ref.name);
    if (!base || seen.has(base)) return false;
    seen.add(base);
    const w = ctx.widlInterfaces.get(base.name);
    if (!w || !w.vtable || firstMismatch(ownSlots(base), widlOwnSlots(w)) >= 0) return true;
    if ((base.base ? lastSegment(base.base.name) : NONE) !== (w.base ? lastSegment(w.base) : NONE)) return true;
    ref = base.base;
  }
  return false;
}

/** The slots widl's vtable gives to methods the interface declares itself (the last group). */
function widlOwnSlots(w: WidlInterface): Slot[] {
  const vtable = w.vtable ?? [];
  let start = vtable.length;
  while (start > 0 && vtable[start - 1]!.declaredIn === w.displayName) start--;
  return vtable.slice(start);
}

function ownSlots(d: IrInterface): Slot[] {
  return ownMethods(d).map((m) => ({ name: vtableName(m), params: m.params.length }));
}

/** The vtable of an IR interface, inherited methods first; a message when the chain is broken. */
function fullVtable(d: IrInterface, index: IrIndex, seen: Set<IrInterface>): Slot[] | string {
  if (seen.has(d)) return `circular base chain at ${d.name}`;
  seen.add(d);
  let inherited: Slot[] = [];
  if (d.base) {
    const base = index.get(d.base.source)?.get(d.base.name);
    if (!base) return `base ${d.base.name} (${d.base.source}) not in the IR`;
    const chain = fullVtable(base, index, seen);
    if (typeof chain === "string") return chain;
    inherited = chain;
  }
  return [...inherited, ...ownSlots(d)];
}

/** The methods our IR puts in the vtable (a vtable index), in vtable order. */
function ownMethods(d: IrInterface): IrMethod[] {
  return d.methods.filter((m) => m.vtableIndex !== null).sort((a, b) => a.vtableIndex! - b.vtableIndex!);
}

/** The C name of a method: widl prefixes property accessors. */
function vtableName(m: IrMethod): string {
  switch (m.kind) {
    case "propget": return `get_${m.name}`;
    case "propput": return `put_${m.name}`;
    case "propputref": return `putref_${m.name}`;
    case "eventadd": return `add_${m.name}`;
    case "eventremove": return `remove_${m.name}`;
    default: return m.name;
  }
}

function firstMismatch(a: readonly Slot[], b: readonly Slot[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i]?.name !== b[i]?.name || a[i]?.params !== b[i]?.params) return i;
  return -1;
}

// --- enums and constants ----------------------------------------------------------------------------

function compareEnums(decls: readonly IrDeclaration[], header: WidlHeader, cppQuote: ReadonlySet<string>, diff: Report): void {
  const theirs = new Map<string, bigint | null>();
  for (const e of header.enums) for (const m of e.members) if (!theirs.has(m.name)) theirs.set(m.name, m.value);
  const ours = new Map<string, number>();
  // In C, the members of a WinRT enum are prefixed with the enum's name (PropertyType_Empty).
  for (const d of decls) if (d.kind === "enum") for (const m of d.members) ours.set(d.namespace ? `${d.name}_${m.name}` : m.name, m.value);
  for (const [name, value] of ours) {
    if (!theirs.has(name)) {
      diff("enum-member", name, String(value), NONE);
      continue;
    }
    const w = theirs.get(name)!;
    diff.checked?.("enum-member");
    if (w === null || BigInt.asIntN(32, BigInt(value)) !== BigInt.asIntN(32, w)) diff("enum-member", name, String(value), w === null ? "(not evaluated)" : String(w));
  }
  for (const [name, w] of theirs) if (!ours.has(name) && !cppQuote.has(name)) diff("enum-member", name, NONE, w === null ? "(not evaluated)" : String(w));
}

function compareConstants(decls: readonly IrDeclaration[], header: WidlHeader, cppQuote: ReadonlySet<string>, diff: Report): void {
  const theirs = new Map(header.constants.map((c) => [c.name, c]));
  for (const d of decls) {
    if (d.kind !== "const") continue;
    const w = theirs.get(d.name);
    theirs.delete(d.name);
    if (w) diff.checked?.("const");
    if (!w) diff("const", d.name, showIr(d.value), NONE);
    else if (!w.value) diff("const", d.name, showIr(d.value), `(not evaluated) ${w.text}`);
    else if (!sameValue(d.value, w.value)) diff("const", d.name, showIr(d.value), showC(w.value));
  }
  for (const w of theirs.values()) if (!cppQuote.has(w.name)) diff("const", w.name, NONE, w.value ? showC(w.value) : w.text);
}

function sameValue(ours: IrValue, theirs: CValue): boolean {
  switch (ours.type) {
    case "int":
    case "char": {
      if (theirs.type !== "int") return false;
      const a = BigInt(ours.value);
      return BigInt.asUintN(64, a) === BigInt.asUintN(64, theirs.value);
    }
    case "float":
      // widl prints %.15g-like text; compare at that precision.
      return (theirs.type === "float" || theirs.type === "int") && Number(ours.value).toPrecision(15) === Number(theirs.value).toPrecision(15);
    case "string":
      return theirs.type === "string" && theirs.value === ours.value;
  }
}

function showIr(v: IrValue): string {
  return v.type === "string" ? JSON.stringify(v.value) : `${v.value}${v.type === "float" ? " (float)" : v.type === "char" ? " (char)" : ""}`;
}

function showC(v: CValue): string {
  return v.type === "string" ? JSON.stringify(v.value) : `${v.value}${v.type === "float" ? " (float)" : ""}`;
}
