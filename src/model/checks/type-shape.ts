import type * as Ir from "../ir.js";
import { qualifiedName } from "../ir.js";

/** Follows typedefs until a non-typedef type, so `LPWSTR` is seen as a pointer. Bounded against cycles. */
export function resolveTypedefs(t: Ir.IrType, lookup: (ref: Ir.IrRef) => Ir.IrDeclaration | undefined): Ir.IrType {
  for (let i = 0; i < 64 && t.kind === "ref" && t.target === "typedef"; i++) {
    const d = lookup(t.ref);
    if (!d || d.kind !== "typedef") break;
    t = d.type;
  }
  return t;
}

/** True when a parameter type can carry an [out] value: a pointer or an array. */
export function isPointerLike(t: Ir.IrType, lookup: (ref: Ir.IrRef) => Ir.IrDeclaration | undefined): boolean {
  const r = resolveTypedefs(t, lookup);
  return r.kind === "pointer" || r.kind === "array";
}

/** Builds a lookup from declaration references to IR declarations over all files. */
export function declarationIndex(files: readonly Ir.IrFile[]): (ref: Ir.IrRef) => Ir.IrDeclaration | undefined {
  const index = new Map<string, Ir.IrDeclaration>();
  const add = (source: string, decls: readonly Ir.IrDeclaration[]) => {
    for (const d of decls) {
      if (d.kind === "library") add(source, d.declarations);
      else if (d.kind !== "cpp_quote") {
        const key = `${source}\u0000${qualifiedName(d)}`;
        const prev = index.get(key);
        if (!prev || ("forward" in prev && prev.forward)) index.set(key, d);
      }
    }
  };
  for (const f of files) add(f.source, f.declarations);
  return (ref) => index.get(`${ref.source}\u0000${ref.name}`);
}
