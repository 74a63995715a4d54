import type * as A from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/index.js";
import type { InputFile } from "./input.js";
import { reach, visibleFrom, type ImportGraph } from "./visibility.js";

export type SymbolKind = "interface" | "dispinterface" | "coclass" | "typedef" | "struct" | "union" | "enum" | "const" | "library" | "module" | "apicontract";

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
  /** The WinRT namespace the declaration is in (its `name` is then qualified with it). */
  readonly namespace?: string;
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
  readonly #closures = new Map<InputFile, ReadonlySet<InputFile>>();
  /** Files that found a symbol through their importers (see selfContained). */
  readonly #throughImporters = new Set<InputFile>();

  /** The import graph of the run, for `visibleFrom`. */
  readonly #graph: ImportGraph<InputFile> = {
    imports: (f) => this.#imports.get(f) ?? [],
    importers: (f) => this.#importers.get(f) ?? [],
  };
  readonly #imports = new Map<InputFile, (InputFile | null)[]>();
  readonly #importers = new Map<InputFile, InputFile[]>();

  /** Records the import graph (who imports whom, in which order), for `visibleFrom`. */
  link(files: readonly InputFile[]): void {
    for (const f of files) {
      this.#imports.set(f, f.imports.map((imp) => imp.file));
      for (const imp of f.imports) {
        if (!imp.file) continue;
        const list = this.#importers.get(imp.file);
        if (list) list.push(f);
        else this.#importers.set(imp.file, [f]);
      }
    }
  }

  /** Files whose declarations `file` sees (see visibility.ts). */
  visibleFrom(file: InputFile): ReadonlySet<InputFile> {
    let set = this.#visible.get(file);
    if (set === undefined) {
      set = visibleFrom(this.#graph, file);
      this.#visible.set(file, set);
    }
    return set;
  }

  /**
   * True when nothing declared or looked up from `file` was found outside its own import closure
   * (through what its importers imported before it): resolving it then gives the same result in
   * any run that loads its closure, whoever imports it. (Any pick among visible symbols whose
   * winner lies in the closure is the same with fewer files visible: an earlier visible candidate
   * would have won in both.)
   */
  selfContained(file: InputFile): boolean {
    return !this.#throughImporters.has(file);
  }

  /** Notes a symbol found from `file`; returns it. */
  #found<S extends { readonly file: InputFile }>(file: InputFile, sym: S | undefined): S | undefined {
    if (sym !== undefined && sym.file !== file && !this.#throughImporters.has(file)) {
      let closure = this.#closures.get(file);
      if (closure === undefined) {
        closure = reach([file], this.#graph.imports);
        this.#closures.set(file, closure);
      }
      if (!closure.has(sym.file)) this.#throughImporters.add(file);
    }
    return sym;
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
    // C allows a typedef to be repeated (SDK and Wine headers do: UINT in dxgitype.idl), and widl accepts a
    // type defined again in another file (POINT in wtypes.idl and dcommon.idl): the first one stands.
    // The later definition is still recorded: files that only see it must find it.
    const isType = (k: SymbolKind) => k === "typedef" || k === "struct" || k === "union" || k === "enum";
    const tolerated = this.#found(sym.file, list.find((s) => visible.has(s.file) && ((sym.kind === "typedef" && s.kind === "typedef") || (isType(sym.kind) && isType(s.kind) && s.file !== sym.file))));
    if (tolerated) {
      list.push(sym);
      return;
    }
    const clash = this.#found(sym.file, list.find((s) => visible.has(s.file) && !s.forward && !sym.forward && !(s.file === sym.file && s.node === sym.node)));
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
    const sameKindForward = this.#found(sym.file, list.find((s) => visible.has(s.file) && s.kind === sym.kind && (s.forward || sym.forward)));
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

  /**
   * The visible declaration of `name` from `file`, preferring a definition over a forward declaration.
   * Inside a WinRT namespace a short name is tried in that namespace, then in each enclosing one.
   */
  lookup(name: string, file: InputFile, namespace?: string): Sym | undefined {
    const visible = this.visibleFrom(file);
    if (namespace) {
      for (let ns: string | undefined = namespace; ns; ns = ns.includes(".") ? ns.slice(0, ns.lastIndexOf(".")) : undefined) {
        const hit = pick(this.#byName.get(`${ns}.${name}`), visible);
        if (hit) return this.#found(file, hit);
      }
    }
    return this.#found(file, pick(this.#byName.get(name), visible));
  }

  /** The visible struct/union/enum with C tag `tag`. */
  lookupTag(tag: string, file: InputFile): Sym | undefined {
    return this.#found(file, pick(this.#tags.get(tag), this.visibleFrom(file))) ?? this.lookup(tag, file);
  }

  lookupEnumMember(name: string, file: InputFile): EnumMemberSym | undefined {
    const visible = this.visibleFrom(file);
    return this.#found(file, this.#members.get(name)?.find((m) => visible.has(m.file)));
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
