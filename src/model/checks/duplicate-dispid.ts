import type * as Ir from "../ir.js";
import { userDeclarations, type Check } from "./context.js";

/**
 * MTS3001: two members of one interface or dispinterface share a DISPID. A property's get/put/putref
 * share their id by design; anything else with the same id would make IDispatch::Invoke ambiguous.
 */
export const duplicateDispid: Check = (ctx) => {
  for (const d of userDeclarations(ctx)) {
    if (d.kind !== "interface" && d.kind !== "dispinterface") continue;
    const seen = new Map<number, { name: string; node: object }>();
    const members: { name: string; dispid: number | null; node: object }[] = [
      ...(d.kind === "dispinterface" ? d.properties.map((p) => ({ name: p.name, dispid: p.dispid, node: p })) : []),
      ...d.methods.map((m: Ir.IrMethod) => ({ name: m.name, dispid: m.dispid, node: m })),
    ];
    for (const m of members) {
      if (m.dispid === null) continue;
      const first = seen.get(m.dispid);
      if (!first) {
        seen.set(m.dispid, m);
      } else if (first.name !== m.name) {
        ctx.report("MTS3001", `DISPID ${m.dispid} of '${m.name}' is already used by '${first.name}' in ${d.kind} '${d.name}'`, m.node, {
          message: `'${first.name}' has DISPID ${m.dispid}`,
          node: first.node,
        });
      }
    }
  }
};
