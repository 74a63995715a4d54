import type * as Ir from "../ir.js";
import { userDeclarations, type Check } from "./context.js";

/**
 * MTS3005: property accessors that cannot form one property. A propget returns its value through a
 * last `[out]` parameter and a propput/propputref takes it as a last `[in]` parameter (errors); the
 * accessors of one property should share a DISPID and agree on the value's type (warnings: real IDL,
 * such as xmldom's `dataType`, differs on purpose).
 */
export const propertyAccessors: Check = (ctx) => {
  for (const d of userDeclarations(ctx)) {
    if (d.kind !== "interface" && d.kind !== "dispinterface") continue;
    const byName = new Map<string, Ir.IrMethod[]>();
    for (const m of d.methods) {
      if (m.kind === "method" || m.kind === "eventadd" || m.kind === "eventremove") continue;
      const last = m.params[m.params.length - 1];
      // In a dispinterface a getter may return its value directly (`[propget] BSTR fontFamily();`).
      const returnsValue = !isVoidOrHresult(m.returnType);
      if (m.kind === "propget" && !returnsValue && !(last && last.direction !== "in")) {
        ctx.report("MTS3005", `[propget] '${m.name}' must return its value through a last [out] parameter`, m);
        continue;
      }
      if (m.kind !== "propget" && !(last && last.direction === "in")) {
        ctx.report("MTS3005", `[${m.kind}] '${m.name}' must take its value as a last [in] parameter`, m);
        continue;
      }
      const list = byName.get(m.name);
      if (list) list.push(m);
      else byName.set(m.name, [m]);
    }
    for (const list of byName.values()) {
      const get = list.find((m) => m.kind === "propget");
      for (const other of list) {
        if (other === get || !get) continue;
        if (other.dispid !== get.dispid) {
          ctx.report("MTS3005", `[${other.kind}] '${other.name}' has DISPID ${other.dispid} but its [propget] has ${get.dispid}`, other, { message: "the [propget] is here", node: get }, "warning");
          continue;
        }
        const getLast = get.params[get.params.length - 1];
        const getType = getLast && getLast.direction !== "in" ? valueType(getLast.type, true) : typeText(get.returnType);
        const putLast = other.params[other.params.length - 1];
        if (!putLast) continue;
        const putType = valueType(putLast.type, false);
        if (getType !== putType) {
          // Legal (xmldom's dataType: get VARIANT, put BSTR) but usually a mistake: a warning.
          ctx.report("MTS3005", `[${other.kind}] '${other.name}' takes ${putType} but its [propget] returns ${getType}`, other, { message: "the [propget] is here", node: get }, "warning");
        }
      }
    }
  }
};

function isVoidOrHresult(t: Ir.IrType): boolean {
  return (t.kind === "base" && t.name === "void") || (t.kind === "ref" && (t.ref.name === "HRESULT" || t.ref.name === "SCODE"));
}

/** A comparable text of a property's value type (the retval's pointee for a getter). */
function valueType(t: Ir.IrType, deref: boolean): string {
  const v = deref && t.kind === "pointer" ? t.to : t;
  return typeText(v);
}

function typeText(t: Ir.IrType): string {
  switch (t.kind) {
    case "param": return t.name;
    case "base": return `${t.unsigned ? "unsigned " : ""}${t.name}`;
    case "ref": return t.ref.name;
    case "pointer": return `${typeText(t.to)}*`;
    case "array": return `${typeText(t.of)}[${t.size ?? ""}]`;
    case "safearray": return `SAFEARRAY(${typeText(t.of)})`;
    case "function": return "function";
  }
}
