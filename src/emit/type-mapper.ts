/**
 * The COM → TypeScript type mapping, and the VARTYPE each type has in dispatch tables. This is the
 * one place that decides how an IDL type looks in generated code; the README's mapping table
 * documents it.
 */
import type * as Ir from "../model/ir.js";

/** What the mapper needs from the emitter: declarations by reference, and symbols to import. */
export interface TypeScope {
  lookup(ref: Ir.IrRef): Ir.IrDeclaration | undefined;
  /** The local name of a type declared in IDL (imports it when it lives in another module). */
  declared(ref: Ir.IrRef, kind: "type" | "value"): string;
  /** The local name of a runtime export. */
  runtime(name: string, kind: "type" | "value"): string;
  /** True when the declaration comes from the built-in base IDL (its typedefs have no TS alias to name). */
  isSystem(ref: Ir.IrRef): boolean;
  /** True when the runtime provides a declaration of this name (IUnknown, VARIANT, …). */
  isRuntimeName(name: string): boolean;
}

/** Where a type appears, which decides nullability and by-reference boxes. */
export type TypePosition = "in" | "out" | "value";

interface WellKnown {
  readonly ts: (scope: TypeScope) => string;
  readonly vt: string;
}

const str: WellKnown = { ts: () => "string", vt: "BSTR" };
const guid: WellKnown = { ts: (s) => s.runtime("Guid", "type"), vt: "RECORD" };

/**
 * Types mapped by name wherever they are declared (our base IDL, a real SDK's or Wine's): their C
 * definitions (BSTR is `OLECHAR*`, VARIANT_BOOL is `short`) say less than their meaning.
 */
const WELL_KNOWN: ReadonlyMap<string, WellKnown> = new Map(Object.entries({
  BSTR: str, LPWSTR: str, LPCWSTR: str, LPOLESTR: str, LPCOLESTR: str, LPSTR: str, LPCSTR: str,
  VARIANT_BOOL: { ts: () => "boolean", vt: "BOOL" },
  HSTRING: str,
  HRESULT: { ts: (s) => s.runtime("HRESULT", "type"), vt: "ERROR" },
  SCODE: { ts: (s) => s.runtime("HRESULT", "type"), vt: "ERROR" },
  DATE: { ts: () => "Date", vt: "DATE" },
  CY: { ts: () => "number", vt: "CY" },
  CURRENCY: { ts: () => "number", vt: "CY" },
  DECIMAL: { ts: () => "number", vt: "DECIMAL" },
  GUID: guid, IID: guid, CLSID: guid, REFGUID: guid, REFIID: guid, REFCLSID: guid,
  VARIANT: { ts: (s) => s.runtime("VARIANT", "type"), vt: "VARIANT" },
  IUnknown: { ts: (s) => s.runtime("IUnknown", "type"), vt: "UNKNOWN" },
  IDispatch: { ts: (s) => s.runtime("IDispatch", "type"), vt: "DISPATCH" },
} satisfies Record<string, WellKnown>));

/** Follows typedefs, stopping at a well-known name. */
function unwrap(t: Ir.IrType, scope: TypeScope): Ir.IrType {
  for (let i = 0; i < 64 && t.kind === "ref" && t.target === "typedef" && !WELL_KNOWN.has(t.ref.name); i++) {
    const d = scope.lookup(t.ref);
    if (!d || d.kind !== "typedef") break;
    t = d.type;
  }
  return t;
}

function isInterfaceType(t: Ir.IrType, scope: TypeScope): boolean {
  const u = unwrap(t, scope);
  return u.kind === "ref" && (u.target === "interface" || u.target === "dispinterface" || u.target === "coclass" || u.ref.name === "IUnknown" || u.ref.name === "IDispatch");
}

function isCharType(t: Ir.IrType): boolean {
  return t.kind === "base" && (t.name === "char" || t.name === "wchar_t");
}

/**
 * The TypeScript type of an IDL type in a given position. An interface reference is `I | null` at any
 * pointer level (`IFoo*` and `IFoo**` retvals alike): in TypeScript the interface value already is
 * the reference, and COM allows NULL.
 */
export function tsType(t: Ir.IrType, pos: TypePosition, scope: TypeScope, sized = false): string {
  const known = t.kind === "ref" ? WELL_KNOWN.get(t.ref.name) : undefined;
  if (known !== undefined) {
    const ts = known.ts(scope);
    return known.vt === "UNKNOWN" || known.vt === "DISPATCH" ? `${ts} | null` : ts;
  }
  switch (t.kind) {
    case "param":
      return t.name;
    case "base":
      if (t.name === "void") return "void";
      if (t.name === "hyper" || t.name === "__int64") return "bigint";
      if (t.name === "boolean") return "boolean";
      return "number";
    case "safearray":
      return `${elementType(t.of, scope)}[]`;
    case "array":
      return isCharType(t.of) ? "string" : `${elementType(t.of, scope)}[]`;
    case "function": {
      const params = t.params.map((p) => `${p.name}: ${tsType(p.type, "in", scope)}`).join(", ");
      return `(${params}) => ${tsType(t.returns, "value", scope)}`;
    }
    case "pointer": {
      const to = t.to;
      if (isCharType(to)) return "string";
      if (to.kind === "base" && to.name === "void") return "unknown";
      // A function pointer is the function type, nullable; the parentheses keep `| null` off its return type.
      if (to.kind === "function") return `(${tsType(to, "value", scope)}) | null`;
      if (sized) return `${elementType(to, scope)}[]`;
      if (isInterfaceType(to, scope)) return tsType(to, "value", scope);
      // A pointer to data in a value position (struct field) may be null; an [in] pointer is the value.
      return pos === "value" ? `${tsType(to, "value", scope)} | null` : tsType(to, pos, scope);
    }
    case "ref": {
      const d = scope.lookup(t.ref);
      // A struct tag or interface declared nowhere the run can see (widl tolerates them) has no shape here.
      if (!d && !scope.isRuntimeName(t.ref.name)) return "unknown";
      // Typedefs of the base IDL (LONG, DWORD, …) have no TS alias: use what they stand for.
      if (d?.kind === "typedef" && scope.isSystem(t.ref)) return tsType(d.type, pos, scope);
      if (t.target === "coclass") return `${scope.runtime("IUnknown", "type")} | null`;
      if (t.target === "interface" || t.target === "dispinterface") {
        // A parameterized interface keeps its arguments: IVector<HSTRING> is IVector<string>.
        const args = t.args ? `<${t.args.map((a) => tsType(a, "value", scope)).join(", ")}>` : "";
        return `${scope.declared(t.ref, "type")}${args} | null`;
      }
      // An incomplete struct (declared, never defined) has no shape to map.
      if (d && (d.kind === "struct" || d.kind === "union") && d.fields === null) return "unknown";
      return scope.declared(t.ref, "type");
    }
  }
}

/** The type of an array element: interface pointers are nullable. */
function elementType(t: Ir.IrType, scope: TypeScope): string {
  const s = tsType(t, "value", scope);
  return s.includes(" | ") || s.includes("=>") ? `(${s})` : s;
}

/** The TypeScript type of a parameter, with `Ref<>` boxes for [out] and [in, out]. */
export function paramType(p: Ir.IrParam, scope: TypeScope): string {
  const sized = p.attributes.some((a) => a.name === "size_is" || a.name === "length_is");
  if (p.direction === "in") return tsType(p.type, "in", scope, sized);
  const pointee = p.type.kind === "pointer" ? p.type.to : p.type;
  const inner = tsType(pointee, "value", scope, sized);
  return `${scope.runtime("Ref", "type")}<${inner}>`;
}

/** The TypeScript type of a method's [out, retval] value. */
export function retvalType(p: Ir.IrParam, scope: TypeScope): string {
  const pointee = p.type.kind === "pointer" ? p.type.to : p.type;
  return tsType(pointee, "value", scope);
}

/**
 * The VARTYPE of a type as text for generated code (`VT.BSTR`, `VT.ARRAY | VT.I4`), which the
 * runtime's Invoke uses to coerce arguments.
 */
export function vtOf(t: Ir.IrType, scope: TypeScope): string {
  const vt = scope.runtime("VT", "value");
  const name = vtName(t, scope);
  return name.split("|").map((n) => `${vt}.${n}`).join(" | ");
}

function vtName(t: Ir.IrType, scope: TypeScope): string {
  const known = t.kind === "ref" ? WELL_KNOWN.get(t.ref.name) : undefined;
  if (known !== undefined) return known.vt;
  switch (t.kind) {
    case "param": return "VARIANT";
    case "base": {
      const u = t.unsigned;
      switch (t.name) {
        case "void": return "VOID";
        case "boolean": case "byte": return "UI1";
        case "char": case "small": case "__int8": return u ? "UI1" : "I1";
        case "wchar_t": return "UI2";
        case "short": case "__int16": return u ? "UI2" : "I2";
        case "int": return u ? "UINT" : "INT";
        case "long": case "__int32": case "__int3264": return u ? "UI4" : "I4";
        case "hyper": case "__int64": return u ? "UI8" : "I8";
        case "float": return "R4";
        case "double": return "R8";
      }
      return "VARIANT";
    }
    case "safearray": return `ARRAY|${vtName(t.of, scope)}`;
    case "array": return `ARRAY|${vtName(t.of, scope)}`;
    case "function": return "VARIANT";
    case "pointer": {
      if (isCharType(t.to)) return "BSTR";
      const u = unwrap(t.to, scope);
      if (u.kind === "ref" && (u.target === "interface" || u.target === "dispinterface" || u.target === "coclass")) {
        const d = scope.lookup(u.ref);
        return d?.kind === "dispinterface" || (d?.kind === "interface" && d.dispatchable) ? "DISPATCH" : "UNKNOWN";
      }
      return vtName(t.to, scope);
    }
    case "ref": {
      const d = scope.lookup(t.ref);
      // A struct tag or interface declared nowhere the run can see (widl tolerates them) has no shape here.
      if (!d && !scope.isRuntimeName(t.ref.name)) return "unknown";
      if (!d) return "VARIANT";
      if (d.kind === "typedef") return vtName(d.type, scope);
      if (d.kind === "enum") return "I4";
      if (d.kind === "struct" || d.kind === "union") return "RECORD";
      if (d.kind === "interface") return d.dispatchable ? "DISPATCH" : "UNKNOWN";
      if (d.kind === "dispinterface") return "DISPATCH";
      return "VARIANT";
    }
  }
}

/** The VARTYPE of a parameter: by-reference ([out], [in, out]) adds VT_BYREF to the pointee's type. */
export function paramVt(p: Ir.IrParam, scope: TypeScope): string {
  if (p.direction === "in") return vtOf(p.type, scope);
  const pointee = p.type.kind === "pointer" ? p.type.to : p.type;
  return `${vtOf(pointee, scope)} | ${scope.runtime("VT", "value")}.BYREF`;
}
