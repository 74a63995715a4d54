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

/**
 * Builds a lookup from declaration references to IR declarations over all files. A file's
 * declarations are indexed when a reference first names it: an incremental run holds whole
 * imported files (mshtml.idl, objidl.idl) of which the checks consult a handful of typedefs.
 */
export function declarationIndex(files: readonly Ir.IrFile[]): (ref: Ir.IrRef) => Ir.IrDeclaration | undefined {
  const bySource = new Map<string, Ir.IrFile[]>();
  for (const f of files) {
    const list = bySource.get(f.source);
    if (list) list.push(f);
    else bySource.set(f.source, [f]);
  }
  const indices = new Map<string, Map<string, Ir.IrDeclaration>>();
  const add = (index: Map<string, Ir.IrDeclaration>, decls: readonly Ir.IrDeclaration[]) => {
    for (const d of decls) {
      if (d.kind === "library") add(index, d.declarations);
      else if (d.kind !== "cpp_quote") {
        const key = qualifiedName(d);
        const prev = index.get(key);
        if (!prev || ("forward" in prev && prev.forward)) index.set(key, d);
      }
    }
  };
  const indexOf = (source: string): Map<string, Ir.IrDeclaration> => {
    let index = indices.get(source);
    if (!index) {
      index = new Map();
      for (const f of bySource.get(source) ?? []) add(index, f.declarations);
      indices.set(source, index);
    }
    return index;
  };
  return (ref) => indexOf(ref.source).get(ref.name);
}
