import { userDeclarations, type Check } from "./context.js";
import { declarationIndex, isPointerLike } from "./type-shape.js";

/**
 * MTS3002, MTS3003, MTS3004: direction rules of parameters. `[retval]` must be an `[out]` pointer
 * (an error) and should be the last parameter (a warning: widl accepts it elsewhere); an `[out]` parameter that is not a pointer (or array) cannot carry
 * a value back (a warning: widl accepts it, and real IDL has it).
 */
export const paramRules: Check = (ctx) => {
  const lookup = declarationIndex(ctx.files);
  for (const d of userDeclarations(ctx)) {
    if (d.kind !== "interface" && d.kind !== "dispinterface" && d.kind !== "module") continue;
    for (const m of d.methods) {
      m.params.forEach((p, i) => {
        if (p.retval && i !== m.params.length - 1) {
          // MIDL rejects this; widl accepts it (Wine's wmp.idl has one): a warning.
          ctx.report("MTS3002", `[retval] parameter '${p.name}' of '${m.name}' is not the last parameter`, p, undefined, "warning");
        }
        if (p.retval && (p.direction !== "out" || !isPointerLike(p.type, lookup))) {
          ctx.report("MTS3003", `[retval] parameter '${p.name}' of '${m.name}' must be an [out] pointer`, p);
        } else if (p.direction !== "in" && !isPointerLike(p.type, lookup)) {
          // MIDL rejects this; widl accepts it (Wine's msctf.idl has one), so it is a warning here.
          ctx.report("MTS3004", `[out] parameter '${p.name}' of '${m.name}' is not a pointer, so no value can come back through it`, p, undefined, "warning");
        }
      });
    }
  }
};
