import { userDeclarations, type Check } from "./context.js";
import { declarationIndex, isPointerLike } from "./type-shape.js";

/**
 * MTS3002, MTS3003, MTS3004: direction rules of parameters. `[retval]` must be the last parameter
 * and an `[out]` pointer; every `[out]` parameter must be a pointer (or array), because the callee
 * writes through it.
 */
export const paramRules: Check = (ctx) => {
  const lookup = declarationIndex(ctx.files);
  for (const d of userDeclarations(ctx)) {
    if (d.kind !== "interface" && d.kind !== "dispinterface" && d.kind !== "module") continue;
    for (const m of d.methods) {
      m.params.forEach((p, i) => {
        if (p.retval && i !== m.params.length - 1) {
          ctx.report("MTS3002", `[retval] parameter '${p.name}' of '${m.name}' must be the last parameter`, p);
        }
        if (p.retval && (p.direction !== "out" || !isPointerLike(p.type, lookup))) {
          ctx.report("MTS3003", `[retval] parameter '${p.name}' of '${m.name}' must be an [out] pointer`, p);
        } else if (p.direction !== "in" && !isPointerLike(p.type, lookup)) {
          ctx.report("MTS3004", `[out] parameter '${p.name}' of '${m.name}' must be a pointer`, p);
        }
      });
    }
  }
};
