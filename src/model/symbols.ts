import type * as A from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/index.js";
import type { InputFile } from "./input.js";

export type SymbolKind = "interface" | "dispinterface" | "coclass" | "typedef" | "struct" | "union" | "enum" | "const" | "library" | "module";

/** A declared name: what it is, where, and the AST node that declares it. */
export interface Sym {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly file: InputFile;
  readonly loc: A.Loc;
  readonly forward: boolean;
  /** interface/dispinterface/coclass/library/module/const declarations; typedef declarator owners. */
  readonly node: A.Declaration | A.StructTypeSpec | A.EnumTypeSpec;
  /** For typedefs: the declarator this name comes from. */
  readonly declarator?: A.Declarator;
  /** For struct/union/enum named through a typedef: the C tag. */
  readonly tag?: string;
}

/** An enum member, visible as a constant. */
export interface EnumMemberSym {
  readonly name: string;
  readonly file: InputFile;
  readonly enumNode: A.EnumTypeSpec;
  readonly index: number;
}

/**
 * The one symbol table of a run, across the whole import graph. A file sees its own declarations
 * and those of every file it imports, directly or not (imports are transitive in MIDL).
 */
export class SymbolTable {
  readonly #byName = new Map<string, Sym[]>();
  readonly #tags = new Map<string, Sym[]>();
  readonly #members = new Map<string, EnumMemberSym[]>();
  readonly #visible = new Map<InputFile, ReadonlySet<InputFile>>();

  /** Files visible from `file`: itself and its transitive imports. */
  visibleFrom(file: InputFile): ReadonlySet<InputFile> {
    let set = this.#visible.get(file);
    if (!set) {
      const seen = new Set<InputFile>([file]);
      const stack = [file];
      while (stack.length > 0) {
        for (const imp of stack.pop()!.imports) {
          if (imp.file && !seen.has(imp.file)) {
            seen.add(imp.file);
            stack.push(imp.file);
          }
        }
      }
      set = seen;
      this.#visible.set(file, set);
    }
    return set;
  }

  /**
   * Declares a name. A second definition visible to the first is a redefinition (MIDL2003);
   * forward declarations may precede or repeat a definition.
   */
  declare(sym: Sym, report: (d: Diagnostic) => void, rangeOf: (file: InputFile, loc: A.Loc) => Diagnostic["range"]): void {
    const list = this.#byName.get(sym.name);
    if (!list) {
      this.#byName.set(sym.name, [sym]);
      return;
    }
    const visible = this.visibleFrom(sym.file);
    const clash = list.find((s) => visible.has(s.file) && !s.forward && !sym.forward && !(s.file === sym.file && s.node === sym.node));
    if (clash) {
      const range = rangeOf(sym.file, sym.loc);
      const first = rangeOf(clash.file, clash.loc);
      report({
        code: "MIDL2003",
        severity: "error",
        message: `redefinition of '${sym.name}'`,
        ...(range ? { range } : {}),
        ...(first ? { related: [{ message: `'${sym.name}' was first declared here`, range: first }] } : {}),
      });
      return;
    }
    const sameKindForward = list.find((s) => visible.has(s.file) && s.kind === sym.kind && (s.forward || sym.forward));
    if (sameKindForward && sym.forward) return; // a forward declaration adds nothing once the name exists
    list.push(sym);
  }

  declareTag(sym: Sym & { tag: string }): void {
    const list = this.#tags.get(sym.tag);
    if (list) list.push(sym);
    else this.#tags.set(sym.tag, [sym]);
  }

  declareEnumMember(m: EnumMemberSym): void {
    const list = this.#members.get(m.name);
    if (list) list.push(m);
    else this.#members.set(m.name, [m]);
  }

  /** The visible declaration of `name` from `file`, preferring a definition over a forward declaration. */
  lookup(name: string, file: InputFile): Sym | undefined {
    return pick(this.#byName.get(name), this.visibleFrom(file));
  }

  /** The visible struct/union/enum with C tag `tag`. */
  lookupTag(tag: string, file: InputFile): Sym | undefined {
    return pick(this.#tags.get(tag), this.visibleFrom(file)) ?? this.lookup(tag, file);
  }

  lookupEnumMember(name: string, file: InputFile): EnumMemberSym | undefined {
    const visible = this.visibleFrom(file);
    return this.#members.get(name)?.find((m) => visible.has(m.file));
  }

  /** Every declared name (for "did you mean" suggestions). */
  names(): IterableIterator<string> {
    return this.#byName.keys();
  }
}

function pick(list: readonly Sym[] | undefined, visible: ReadonlySet<InputFile>): Sym | undefined {
  if (!list) return undefined;
  let forward: Sym | undefined;
  for (const s of list) {
    if (!visible.has(s.file)) continue;
    if (!s.forward) return s;
    forward ??= s;
  }
  return forward;
}
