/**
 * What a list of declarations puts into MIDL's one scope: names (with their kind and the node that
 * declares them), C tags and enum members. One walk, so that the resolver, which declares them, and
 * an incremental rebuild, which asks which names an edit touched, cannot disagree.
 */
import type * as A from "../ast/nodes.js";
import type { SymbolKind } from "./symbols.js";

/** What the walk reports; `ns` is the enclosing WinRT namespace (undefined outside one), names are unqualified. */
export interface DeclarationVisitor {
  /** Every declaration met (namespaces, libraries and interfaces are entered too). */
  declaration?(d: A.Declaration | A.InterfaceMember, ns: string | undefined): void;
  name(name: string, kind: SymbolKind, node: A.Declaration | A.StructTypeSpec | A.EnumTypeSpec, loc: A.Loc, forward: boolean, ns: string | undefined, extra: { readonly declarator?: A.Declarator; readonly tag?: string }): void;
  /** A struct/union/enum definition with a C tag (it is also reported by `name`). */
  tag(name: string, kind: "struct" | "union" | "enum", spec: A.StructTypeSpec | A.EnumTypeSpec, loc: A.Loc, tag: string): void;
  /** An enum member: a constant in the one scope. */
  enumMember(name: string, spec: A.EnumTypeSpec, index: number): void;
}

/** Walks `decls` in order, reporting what each declares. */
export function walkDeclarations(decls: readonly (A.Declaration | A.InterfaceMember)[], visitor: DeclarationVisitor, ns?: string): void {
  for (const d of decls) {
    visitor.declaration?.(d, ns);
    switch (d.kind) {
      case "namespace":
        walkDeclarations(d.declarations, visitor, ns ? `${ns}.${d.name.text}` : d.name.text);
        break;
      case "delegate":
        visitor.name(d.name.text, "interface", d, d.name.loc, false, ns, {});
        break;
      case "apicontract":
        visitor.name(d.name.text, "apicontract", d, d.name.loc, false, ns, {});
        break;
      case "interface":
        visitor.name(d.name.text, "interface", d, d.name.loc, d.members === null, ns, {});
        if (d.members) walkDeclarations(d.members, visitor, ns);
        break;
      case "dispinterface":
        visitor.name(d.name.text, "dispinterface", d, d.name.loc, d.body === null, ns, {});
        break;
      case "coclass":
        visitor.name(d.name.text, "coclass", d, d.name.loc, d.members === null, ns, {});
        break;
      // Library and module names are not types: `library X` and `coclass X` may share a name (bits.idl).
      case "library":
        walkDeclarations(d.declarations, visitor, ns);
        break;
      case "module":
        walkDeclarations(d.members, visitor, ns);
        break;
      case "const":
        visitor.name(d.name.text, "const", d, d.name.loc, false, ns, {});
        break;
      case "typedecl":
        walkType(d.type, null, visitor, ns);
        break;
      case "typedef": {
        const primary = primaryDeclarator(d);
        walkType(d.type, primary, visitor, ns);
        for (const decl of d.declarators) {
          if (!decl.name) continue;
          if (decl === primary && definesType(d.type)) continue; // the type itself carries this name
          if (isSelfAlias(d.type, decl)) continue; // `typedef struct X X;` names the struct itself
          visitor.name(decl.name.text, "typedef", d, decl.name.loc, false, ns, { declarator: decl });
        }
        break;
      }
      default:
        break;
    }
  }
}

/** A struct/union/enum definition (named by its typedef's primary declarator, else its tag), its members and nested types. */
function walkType(spec: A.TypeSpec, primary: A.Declarator | null, visitor: DeclarationVisitor, ns: string | undefined): void {
  if (spec.kind === "enum" && spec.members) spec.members.forEach((m, index) => visitor.enumMember(m.name.text, spec, index));
  if ((spec.kind === "struct" || spec.kind === "union") && spec.fields) {
    for (const f of spec.fields) walkType(f.type, null, visitor, ns);
  }
  if (!definesType(spec)) return;
  const s = spec as A.StructTypeSpec | A.EnumTypeSpec;
  const name = primary?.name?.text ?? s.tag?.text;
  if (!name) return; // anonymous nested type: resolved inline
  const tag = s.tag?.text;
  const loc = primary?.name?.loc ?? s.tag?.loc ?? s.loc;
  visitor.name(name, s.kind, s, loc, false, ns, tag ? { tag } : {});
  if (tag) visitor.tag(name, s.kind, s, loc, tag);
}

/** `typedef struct X X;` — a typedef giving a struct/union/enum its own tag as name. */
export function isSelfAlias(spec: A.TypeSpec, decl: A.Declarator): boolean {
  return (spec.kind === "struct" || spec.kind === "union" || spec.kind === "enum") && !definesType(spec)
    && spec.tag?.text === decl.name?.text && decl.pointers.length === 0 && decl.arrays.length === 0;
}

/** Whether a type spec defines a struct/union/enum (has a body) rather than naming one. */
export function definesType(spec: A.TypeSpec): boolean {
  return ((spec.kind === "struct" || spec.kind === "union") && spec.fields !== null) || (spec.kind === "enum" && spec.members !== null);
}

/** The declarator that names a typedef'd struct/enum: the first one without pointers or arrays. */
export function primaryDeclarator(d: A.TypedefDecl): A.Declarator | null {
  return d.declarators.find((x) => x.name && x.pointers.length === 0 && x.arrays.length === 0 && !x.params) ?? null;
}
