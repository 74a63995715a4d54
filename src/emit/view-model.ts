/**
 * The view model of one generated module. Every decision about the output — names, imports, types,
 * order, escaping — is made here; templates only lay the strings out.
 */
import type * as Ir from "../model/ir.js";
import { allDeclarations, qualifiedName } from "../model/ir.js";
import { COM_OBJECT_METHODS } from "../runtime/com-object-members.js";
import { baseDeclarations } from "../runtime/symbols.js";
import { ImportCollector, type ImportView } from "./imports.js";
import { bindingName, declarationName, docText, memberKey, stringLiteral } from "./names.js";
import { paramType, paramVt, retvalType, tsType, vtOf, type TypeScope } from "./type-mapper.js";

export interface EmitContext {
  /** Every IR file of the run (for cross-module references). */
  readonly files: readonly Ir.IrFile[];
  /** Module specifier of the runtime in generated code. */
  readonly runtimeImport: string;
  readonly toolName: string;
  readonly toolVersion: string;
  /**
   * Interfaces used as `[source]` (`source\0name`) by coclasses of files that are not in `files`:
   * an incremental rebuild emits a module without loading every file that imports it.
   */
  readonly extraSources?: ReadonlySet<string>;
}

export interface ModuleView {
  readonly header: { readonly tool: string; readonly version: string; readonly source: string };
  readonly imports: readonly ImportView[];
  readonly guids: readonly { readonly name: string; readonly value: string; readonly doc: string }[];
  readonly enums: readonly { readonly name: string; readonly doc: string; readonly members: readonly { readonly key: string; readonly value: string }[] }[];
  readonly constants: readonly { readonly name: string; readonly doc: string; readonly value: string }[];
  readonly types: readonly { readonly doc: string; readonly text: string }[];
  readonly interfaces: readonly InterfaceView[];
  readonly tables: readonly TableView[];
  readonly sinks: readonly { readonly name: string; readonly doc: string; readonly create: string; readonly handlers: string; readonly table: string; readonly result: string }[];
  readonly stubs: readonly StubView[];
}

export interface InterfaceView {
  readonly name: string;
  readonly doc: string;
  readonly extends: string | null;
  readonly members: readonly { readonly doc: string; readonly signature: string }[];
}

export interface TableView {
  readonly name: string;
  readonly doc: string;
  readonly factory: string;
  readonly typeName: string;
  readonly iid: string;
  readonly idlName: string;
  readonly entries: readonly string[];
}

export interface StubView {
  readonly name: string;
  readonly doc: string;
  readonly base: string;
  readonly implements: string;
  readonly coclassType: string;
  readonly info: string;
  readonly members: readonly { readonly doc: string; readonly signature: string; readonly body: string }[];
  readonly fires: readonly { readonly doc: string; readonly signature: string; readonly body: string }[];
}

/**
 * Members of the runtime's ComObject that a COM member of a stub may legitimately share a name with;
 * such stub members are `override`s.
 */
const COM_OBJECT_MEMBERS: ReadonlySet<string> = new Set(
  [...COM_OBJECT_METHODS, ...Object.getOwnPropertyNames(Object.prototype)].filter((n) => n !== "constructor" && !n.startsWith("__")),
);

/** One TS member made from IDL methods: a method, or a property from propget/propput. */
interface Member {
  readonly doc: string;
  /** Interface signature (`CreateSession(): IDispatch | null`, `readonly State: SESSION_STATE`). */
  readonly signature: string;
  /** Class members that implement it, each with a body that fails with E_NOTIMPL. */
  readonly stub: readonly { readonly signature: string }[];
}

/** A method's TS parameter list and return type, as its members and stubs write them. */
interface Signature {
  readonly params: string;
  readonly returns: string;
}

/** Builds the view model of the module generated for `file`. */
export function buildModuleView(file: Ir.IrFile, ctx: EmitContext): ModuleView {
  return new ModuleBuilder(file, ctx).build();
}

/** The interfaces a coclass uses as `[source]`, as `source\0name` keys. */
export function sourcesOf(coclass: Ir.IrCoclass): string[] {
  return coclass.members.filter((m) => m.isSource).map((m) => `${m.ref.source}\u0000${m.ref.name}`);
}

/** What every module of a run looks up in the others: built once per run, not once per module. */
interface RunIndex {
  /** Source file → qualified name → declaration (two levels: no key string built per lookup). */
  readonly index: Map<string, Map<string, Ir.IrDeclaration>>;
  readonly sourceOf: Map<string, Ir.IrFile>;
  /** Dispinterfaces and interfaces used as [source] by any coclass of the run. */
  readonly sources: Set<string>;
  readonly declSource: Map<Ir.IrDeclaration, string>;
}

const runIndexes = new WeakMap<readonly Ir.IrFile[], RunIndex>();

function runIndex(files: readonly Ir.IrFile[], extraSources: ReadonlySet<string> | undefined): RunIndex {
  let run = runIndexes.get(files);
  if (run) return run;
  run = { index: new Map(), sourceOf: new Map(), sources: new Set(extraSources), declSource: new Map() };
  for (const f of files) {
    run.sourceOf.set(f.source, f);
    for (const d of allDeclarations(f.declarations)) {
      run.declSource.set(d, f.source);
      if (d.kind === "cpp_quote") continue;
      let names = run.index.get(f.source);
      if (names === undefined) run.index.set(f.source, (names = new Map()));
      const name = qualifiedName(d);
      const prev = names.get(name);
      if (!prev || ("forward" in prev && prev.forward)) names.set(name, d);
      if (d.kind === "coclass") for (const key of sourcesOf(d)) run.sources.add(key);
    }
  }
  runIndexes.set(files, run);
  return run;
}

class ModuleBuilder implements TypeScope {
  readonly #index: ReadonlyMap<string, ReadonlyMap<string, Ir.IrDeclaration>>;
  readonly #sourceOf: ReadonlyMap<string, Ir.IrFile>;
  readonly #imports: ImportCollector;
  readonly #decls: Ir.IrDeclaration[];
  /** Dispinterfaces and interfaces used as [source] by any coclass of the run. */
  readonly #sources: ReadonlySet<string>;
  readonly #renames = new Map<Ir.IrMethod, string>();
  readonly #declSource: ReadonlyMap<Ir.IrDeclaration, string>;
  readonly #prepared = new Set<Ir.IrInterface>();
  // What the same module asks of the same method or interface many times over (an interface's
  // members again for each coclass implementing it, every signature again when its chain is
  // prepared): worked out once. Per module, and plain maps (see `sameName`).
  readonly #signatures = [new Map<Ir.IrMethod, Signature>(), new Map<Ir.IrMethod, Signature>()] as const;
  readonly #members = [new Map<readonly Ir.IrMethod[], Member[]>(), new Map<readonly Ir.IrMethod[], Member[]>()] as const;
  readonly #dispatchMembers = new Map<Ir.IrInterface, Ir.IrMethod[]>();
  // The list last indexed by `sameName`: callers ask about one list many times in a row.
  #indexedList: readonly Ir.IrMethod[] | undefined;
  #indexByName = new Map<string, Ir.IrMethod[]>();

  constructor(readonly file: Ir.IrFile, readonly ctx: EmitContext) {
    const run = runIndex(ctx.files, ctx.extraSources);
    this.#index = run.index;
    this.#sourceOf = run.sourceOf;
    this.#sources = run.sources;
    this.#declSource = run.declSource;
    this.#decls = [...allDeclarations(file.declarations)];
    const local = new Set<string>();
    for (const d of this.#decls) {
      if (d.kind === "cpp_quote") continue;
      local.add(declarationName(d.name));
      for (const n of this.valueNames(d)) local.add(n);
    }
    this.#imports = new ImportCollector(local);
  }

  // --- TypeScope -----------------------------------------------------------------------------

  lookup(ref: Ir.IrRef): Ir.IrDeclaration | undefined {
    return this.#index.get(ref.source)?.get(ref.name);
  }

  isRuntimeName(name: string): boolean {
    return baseDeclarations[name] !== undefined;
  }

  isSystem(ref: Ir.IrRef): boolean {
    return this.#sourceOf.get(ref.source)?.system ?? false;
  }

  runtime(name: string, kind: "type" | "value"): string {
    return this.#imports.use(this.ctx.runtimeImport, name, kind === "type");
  }

  declared(ref: Ir.IrRef, kind: "type" | "value"): string {
    return this.symbol(ref, this.short(ref), kind, "type");
  }

  /** The name a declaration has in TypeScript: its own, without the WinRT namespace. */
  short(ref: Ir.IrRef): string {
    const d = this.lookup(ref);
    return d && d.kind !== "cpp_quote" ? d.name : ref.name.slice(ref.name.lastIndexOf(".") + 1);
  }

  /**
   * True for the well-known COM declarations the runtime provides (IUnknown, IDispatch, VARIANT,
   * IConnectionPoint, …), wherever they are declared: our base IDL, or a real SDK's or Wine's oaidl.idl
   * put in front of it with -I. They are never emitted; references import the runtime's.
   */
  isRuntimeProvided(d: Ir.IrDeclaration | undefined, name: string): boolean {
    const base = baseDeclarations[name];
    if (!base) return false;
    if (!d) return true;
    if (d.kind === "interface") return base.iid !== undefined;
    if (d.kind === "const") return base.value !== undefined;
    return d.kind !== "cpp_quote" && base.type !== undefined;
  }

  /** The local name of `exportName` belonging to the declaration `ref` (its type, or its IID constant). */
  symbol(ref: Ir.IrRef, exportName: string, kind: "type" | "value", role: "type" | "iid"): string {
    const target = this.#sourceOf.get(ref.source);
    if (target?.system || this.isRuntimeProvided(this.lookup(ref), ref.name)) {
      const base = baseDeclarations[ref.name];
      const name = role === "iid" ? base?.iid : (base?.type ?? base?.value);
      return name ? this.runtime(name, kind) : "unknown";
    }
    if (ref.source === this.file.source) return declarationName(exportName);
    return this.#imports.use(`./${target?.module ?? ref.source}.js`, declarationName(exportName), kind === "type");
  }

  /** The `source` of the file that declares `d` (declarations are unique objects per file). */
  sourceOf(d: Ir.IrDeclaration): string {
    return this.#declSource.get(d) ?? this.file.source;
  }

  iidOf(ref: Ir.IrRef): string {
    const d = this.lookup(ref);
    const prefix = d?.kind === "dispinterface" ? "DIID_" : "IID_";
    return this.symbol(ref, `${prefix}${this.short(ref)}`, "value", "iid");
  }

  valueNames(d: Ir.IrDeclaration): string[] {
    switch (d.kind) {
      case "interface": return d.uuid ? [`IID_${d.name}`, `${d.name}_dispatch`] : [];
      case "dispinterface": return [`DIID_${d.name}`, `${d.name}_dispatch`, `${d.name}_events`, `${d.name}Sink`];
      case "coclass": return [`CLSID_${d.name}`, `${d.name}Stub`];
      case "library": return [`LIBID_${d.name}`];
      case "enum": return d.anonymous ? d.members.map((m) => declarationName(m.name)) : [];
      default: return [];
    }
  }

  // --- Module --------------------------------------------------------------------------------

  build(): ModuleView {
    const guids: ModuleView["guids"][number][] = [];
    const enums: ModuleView["enums"][number][] = [];
    const constants: ModuleView["constants"][number][] = [];
    const types: ModuleView["types"][number][] = [];
    const interfaces: InterfaceView[] = [];
    const tables: TableView[] = [];
    const sinks: ModuleView["sinks"][number][] = [];
    const stubs: StubView[] = [];
    const guid = (name: string, uuid: string, what: string) =>
      guids.push({ name, value: `${this.runtime("Guid", "value")}.parse(${stringLiteral(`{${uuid}}`)})`, doc: `${what} {${uuid}}` });

    const emitted = new Set<string>();
    for (const d of this.#decls) {
      if (d.kind !== "cpp_quote" && d.kind !== "library" && d.kind !== "module") {
        if (this.isRuntimeProvided(d, d.name)) continue;
        // One TS name per declaration: a later repeat (tolerated by the resolver, as widl does) is dropped.
        const key = `${d.kind === "coclass" ? "coclass" : "decl"}:${d.name}`;
        if (emitted.has(key)) continue;
        emitted.add(key);
      }
      switch (d.kind) {
        case "library":
          if (d.uuid) guid(`LIBID_${d.name}`, d.uuid, `LIBID of library ${d.name}`);
          break;
        case "enum":
          if (d.anonymous) {
            // Its members are plain constants in C; so they are here.
            for (const m of d.members) {
              if (emitted.has(`value:${m.name}`)) continue;
              emitted.add(`value:${m.name}`);
              constants.push({ name: declarationName(m.name), doc: `@generated from an anonymous enum`, value: numberText(m.value) });
            }
            break;
          }
          enums.push({
            name: declarationName(d.name),
            doc: `@generated from enum ${d.name}`,
            members: d.members.map((m) => ({ key: memberKey(m.name), value: numberText(m.value) })),
          });
          break;
        case "const":
          constants.push({ name: declarationName(d.name), doc: `@generated from const ${d.name}`, value: this.constValue(d) });
          break;
        case "struct":
        case "union":
          if (d.fields === null) {
            types.push({ doc: `@generated from incomplete ${d.kind} ${d.name}`, text: `export type ${declarationName(d.name)} = unknown;` });
          } else {
            const fields = d.fields.map((f) => {
              const sized = f.attributes.some((a) => a.name === "size_is" || a.name === "length_is");
              return `${memberKey(f.name)}${d.kind === "union" ? "?" : ""}: ${tsType(f.type, "value", this, sized)};`;
            });
            types.push({ doc: `@generated from ${d.kind} ${d.name}`, text: `export interface ${declarationName(d.name)} ${fields.length ? `{\n${fields.map((f) => `  ${f}`).join("\n")}\n}` : "{}"}` });
          }
          break;
        case "typedef":
          types.push({ doc: `@generated from typedef ${d.name}`, text: `export type ${declarationName(d.name)} = ${tsType(d.type, "value", this)};` });
          break;
        case "interface": {
          if (d.uuid) guid(`IID_${d.name}`, d.uuid, `IID of interface ${d.name}`);
          interfaces.push(this.interfaceView(d));
          if (d.dispatchable && d.uuid && !d.forward) tables.push(this.dispatchTable(d.name, `IID_${d.name}`, this.dispatchMembersOf(d), "interface"));
          // A vtable interface can be a coclass's [source] too: it gets an event table and a sink like a dispinterface.
          if (d.uuid && !d.forward && this.#sources.has(`${this.file.source}\u0000${d.name}`)) {
            tables.push(this.eventTable(d.name, `IID_${d.name}`, this.dispatchMembersOf(d)));
            sinks.push(this.sinkView(d.name));
          }
          break;
        }
        case "dispinterface": {
          if (d.uuid) guid(`DIID_${d.name}`, d.uuid, `DIID of dispinterface ${d.name}`);
          interfaces.push(this.dispinterfaceView(d));
          if (d.uuid) {
            tables.push(this.dispatchTable(d.name, `DIID_${d.name}`, this.dispMembers(d), "dispinterface"));
            if (this.#sources.has(`${this.file.source}\u0000${d.name}`)) {
              tables.push(this.eventTable(d.name, `DIID_${d.name}`, d.methods));
              sinks.push(this.sinkView(d.name));
            }
          }
          break;
        }
        case "apicontract":
          break;
        case "coclass":
          if (d.runtimeclass) {
            // Activated by name (RoActivateInstance), not by CLSID: the name, and its default interface as its type.
            const dflt = d.members.find((m) => !m.isSource && m.isDefault) ?? d.members.find((m) => !m.isSource);
            constants.push({ name: `RuntimeClass_${qualifiedName(d).replace(/\./g, "_")}`, doc: `Activatable class id of runtimeclass ${qualifiedName(d)}`, value: stringLiteral(qualifiedName(d)) });
            if (dflt && this.lookup(dflt.ref)) {
              const args = dflt.args ? `<${dflt.args.map((a) => tsType(a, "value", this)).join(", ")}>` : "";
              types.push({ doc: `@generated from runtimeclass ${qualifiedName(d)}: its default interface`, text: `export type ${declarationName(d.name)} = ${this.declared(dflt.ref, "type")}${args};` });
            }
            break;
          }
          if (d.uuid) {
            guid(`CLSID_${d.name}`, d.uuid, `CLSID of coclass ${d.name}`);
            stubs.push(this.stubView(d));
          }
          break;
        default:
          break;
      }
    }
    return {
      header: { tool: this.ctx.toolName, version: this.ctx.toolVersion, source: this.file.source },
      imports: this.#imports.views(),
      guids: guids.map((g) => ({ ...g, name: `${g.name}: ${this.runtime("Guid", "type")}` })),
      enums,
      constants,
      types,
      interfaces,
      tables,
      sinks,
      stubs,
    };
  }

  constValue(d: Ir.IrConst): string {
    const v = d.value;
    switch (v.type) {
      case "int": {
        const big = BigInt(v.value);
        const t = tsType(d.type, "value", this);
        if (t === "bigint") return `${big}n`;
        return numberText(Number(big));
      }
      case "float": return floatText(v.value);
      case "string": return stringLiteral(v.value);
      case "char": return String(v.value);
    }
  }

  // --- interfaces ----------------------------------------------------------------------------

  interfaceView(d: Ir.IrInterface): InterfaceView {
    this.prepareChain(d);
    const ext = d.base ? this.declared(d.base, "type") : d.name === "IUnknown" ? null : this.runtime("IUnknown", "type");
    return {
      name: `${declarationName(d.name)}${d.typeParams ? `<${d.typeParams.join(", ")}>` : ""}`,
      doc: docLines([`@generated from ${d.delegate ? "delegate" : "interface"} ${qualifiedName(d)}${d.uuid ? ` {${d.uuid}}` : ""}`, d.helpstring]),
      extends: ext,
      members: this.membersOf(callableMethods(d)).map((m) => ({ doc: m.doc, signature: m.signature })),
    };
  }

  dispinterfaceView(d: Ir.IrDispinterface): InterfaceView {
    const props: Member[] = d.properties.map((p) => {
      const t = tsType(p.type, "value", this);
      return {
        doc: inlineDoc([p.helpstring, `[id(${dispidText(p.dispid)})]`]),
        signature: `${p.readonly ? "readonly " : ""}${memberKey(p.name)}: ${t};`,
        stub: [],
      };
    });
    return {
      name: declarationName(d.name),
      doc: docLines([`@generated from dispinterface ${d.name}${d.uuid ? ` {${d.uuid}}` : ""}`, d.helpstring]),
      extends: null,
      members: [...props, ...this.membersOf(d.methods, true)].map((m) => ({ doc: m.doc, signature: m.signature })),
    };
  }

  /**
   * Groups IDL methods into TS members: methods, and properties from non-parameterised accessors.
   * The same list gives the same members (callers do not change them): the overload renames they
   * depend on are decided for a whole chain before any of its lists is asked for.
   */
  membersOf(methods: readonly Ir.IrMethod[], dispatchOnly = false): readonly Member[] {
    const memo = this.#members[dispatchOnly ? 1 : 0];
    let out = memo.get(methods);
    if (out === undefined) memo.set(methods, (out = this.#membersOf(methods, dispatchOnly)));
    return out;
  }

  #membersOf(methods: readonly Ir.IrMethod[], dispatchOnly: boolean): Member[] {
    const out: Member[] = [];
    const done = new Set<string>();
    for (const m of methods) {
      const form = this.memberName(methods, m);
      if (form.access === "method") {
        out.push(this.methodMember(m, memberKey(form.name), dispatchOnly));
        continue;
      }
      if (done.has(m.name)) continue;
      done.add(m.name);
      const same = this.sameName(methods, m.name);
      const get = same.find((x) => x.kind === "propget");
      const setter = same.find((x) => (x.kind === "propput" || x.kind === "propputref") && this.memberName(methods, x).access === "property");
      const type = get ? retvalType(get.params[0]!, this) : paramType(setter!.params[0]!, this);
      const key = memberKey(form.name);
      const first = (get ?? setter)!;
      const doc = inlineDoc([first.helpstring, `[id(${dispidText(first.dispid)})]${get && !setter ? " read-only" : ""}${setter && !get ? " write-only" : ""} property`]);
      const stub: { signature: string }[] = [];
      if (get) stub.push({ signature: `get ${key}(): ${type}` });
      if (setter) stub.push({ signature: `set ${key}(value: ${type})` });
      const signature = get && setter ? `${key}: ${type};` : get ? `readonly ${key}: ${type};` : `set ${key}(value: ${type});`;
      out.push({ doc, signature, stub });
    }
    return out;
  }

  /**
   * The methods of `all` named `name`. Indexed once per list: deciding each accessor's form looks
   * at its namesakes, which a scan of the list made quadratic (mshtml's interfaces have hundreds).
   * (A one-list memo, not a WeakMap of lists: weak tables are costly for the garbage collector.)
   */
  sameName(all: readonly Ir.IrMethod[], name: string): readonly Ir.IrMethod[] {
    if (all !== this.#indexedList) {
      this.#indexByName = new Map();
      for (const m of all) {
        const list = this.#indexByName.get(m.name);
        if (list) list.push(m);
        else this.#indexByName.set(m.name, [m]);
      }
      this.#indexedList = all;
    }
    return this.#indexByName.get(name) ?? [];
  }

  /**
   * The TS member an IDL method becomes, decided in one place for interfaces, stubs and dispatch
   * tables. Non-parameterised accessors form a property; parameterised ones, and accessors whose
   * name a plain method also has (cdosys's HTMLBody), become `get_X`/`put_X`/`putref_X` methods
   * (`putref_X` too when X also has a propput). A method that redeclares an inherited one with
   * another signature (C++-style overloads, d2d1's CreateGradientStopCollection) is `X_IFace`.
   */
  memberName(all: readonly Ir.IrMethod[], m: Ir.IrMethod): { name: string; access: "property" | "method" } {
    const renamed = this.#renames.get(m);
    if (renamed) return { name: renamed, access: "method" };
    if (m.kind === "method") return { name: m.name, access: "method" };
    if (m.kind === "eventadd" || m.kind === "eventremove") return { name: `${m.kind === "eventadd" ? "add" : "remove"}_${m.name}`, access: "method" };
    const prefix = m.kind === "propget" ? "get" : m.kind === "propput" ? "put" : "putref";
    const same = this.sameName(all, m.name);
    const get = same.find((x) => x.kind === "propget");
    const put = same.find((x) => x.kind === "propput");
    const putref = same.find((x) => x.kind === "propputref");
    const simpleGet = !get || (get.params.length === 1 && get.params[0]!.direction !== "in");
    const simpleSet = [put, putref].every((x) => !x || (x.params.length === 1 && x.params[0]!.direction === "in"));
    const asProperty = simpleGet && simpleSet && !same.some((x) => x.kind === "method");
    if (!asProperty || (m.kind === "propputref" && put)) return { name: `${prefix}_${m.name}`, access: "method" };
    return { name: m.name, access: "property" };
  }

  /** Decides the overload renames of an interface chain (base first), once per interface. */
  prepareChain(d: Ir.IrInterface): void {
    if (this.#prepared.has(d)) return;
    this.#prepared.add(d);
    const seen = new Map<string, string>();
    for (const iface of this.interfaceChain(d)) {
      for (const m of callableMethods(iface)) {
        if (m.kind !== "method") continue;
        const { params, returns } = this.signatureParts(m, false);
        const sig = `(${params}): ${returns}`;
        const prev = seen.get(m.name);
        if (prev !== undefined && prev !== sig && !this.#renames.has(m)) this.#renames.set(m, `${m.name}_${iface.name}`);
        if (prev === undefined) seen.set(m.name, sig);
      }
    }
  }

  /** The user-declared interfaces of a chain, base first, IUnknown and IDispatch excluded. */
  interfaceChain(d: Ir.IrInterface): Ir.IrInterface[] {
    const chain: Ir.IrInterface[] = [];
    let cur: Ir.IrDeclaration | undefined = d;
    while (cur?.kind === "interface" && cur.name !== "IDispatch" && cur.name !== "IUnknown" && chain.length < 64 && !this.isRuntimeProvided(cur, cur.name)) {
      chain.unshift(cur);
      cur = cur.base ? this.lookup(cur.base) : undefined;
    }
    return chain;
  }

  methodMember(m: Ir.IrMethod, key: string, dispatchOnly: boolean): Member {
    const { params, returns } = this.signatureParts(m, dispatchOnly);
    const doc = inlineDoc([m.helpstring, m.dispid !== null ? `[id(${dispidText(m.dispid)})]${m.kind !== "method" ? ` ${m.kind}` : ""}` : null]);
    return { doc, signature: `${key}(${params}): ${returns};`, stub: [{ signature: `${key}(${params}): ${returns}` }] };
  }

  signatureParts(m: Ir.IrMethod, dispatchOnly: boolean): Signature {
    const memo = this.#signatures[dispatchOnly ? 1 : 0];
    let signature = memo.get(m);
    if (signature === undefined) memo.set(m, (signature = this.#signatureParts(m, dispatchOnly)));
    return signature;
  }

  #signatureParts(m: Ir.IrMethod, dispatchOnly: boolean): Signature {
    const retval = m.params.find((p) => p.retval);
    const visible = m.params.filter((p) => !p.retval);
    // TS allows `?` only on trailing parameters; a required one after an optional keeps both required.
    let optionalFrom = visible.length;
    for (let i = visible.length - 1; i >= 0; i--) {
      const p = visible[i]!;
      if (p.optional || p.defaultValue) optionalFrom = i;
      else break;
    }
    const params = visible.map((p, i) => `${bindingName(p.name)}${i >= optionalFrom ? "?" : ""}: ${paramType(p, this)}`).join(", ");
    let returns: string;
    if (retval) returns = retvalType(retval, this);
    else if (isHresult(m.returnType)) returns = dispatchOnly ? "void" : `${this.runtime("HRESULT", "type")} | void`;
    else returns = tsType(m.returnType, "value", this);
    return { params, returns };
  }

  // --- dispatch tables -----------------------------------------------------------------------

  /**
   * Methods reachable through IDispatch on an interface: its own and its bases', after IDispatch,
   * base first. One list per interface (see `membersOf`).
   */
  dispatchMembersOf(d: Ir.IrInterface): readonly Ir.IrMethod[] {
    let methods = this.#dispatchMembers.get(d);
    if (methods === undefined) {
      this.prepareChain(d);
      this.#dispatchMembers.set(d, (methods = this.interfaceChain(d).flatMap((i) => callableMethods(i))));
    }
    return methods;
  }

  dispMembers(d: Ir.IrDispinterface): (Ir.IrMethod | Ir.IrDispProperty)[] {
    return [...d.properties, ...d.methods];
  }

  dispatchTable(name: string, iid: string, members: readonly (Ir.IrMethod | Ir.IrDispProperty)[], what: string): TableView {
    const tsMembers = new Set<string>();
    const entries: string[] = [];
    const all = members.filter((m): m is Ir.IrMethod => "kind" in m);
    for (const m of members) {
      if (!("kind" in m)) {
        // a dispinterface property: get, and put unless readonly
        const entry = (kind: string) => `{ dispid: ${dispidText(m.dispid ?? 0)}, name: ${stringLiteral(m.name)}, member: ${stringLiteral(m.name)}, kind: "${kind}", access: "property", params: ${kind === "get" ? "[]" : `[{ name: "value", vt: ${vtOf(m.type, this)}, flags: ${this.runtime("PARAMFLAG", "value")}.FIN }]`}, result: ${kind === "get" ? vtOf(m.type, this) : "null"} }`;
        entries.push(entry("get"));
        if (!m.readonly) entries.push(entry("put"));
        continue;
      }
      if (m.dispid === null) continue;
      const kind = m.kind === "method" || m.kind === "eventadd" || m.kind === "eventremove" ? "method" : m.kind === "propget" ? "get" : m.kind === "propput" ? "put" : "putref";
      const form = this.memberName(all, m);
      const member = form.name;
      const asProperty = form.access === "property";
      const retval = m.params.find((p) => p.retval);
      const params = m.params.filter((p) => !p.retval).map((p) => this.paramInfo(p));
      const result = retval ? vtOf(retval.type.kind === "pointer" ? retval.type.to : retval.type, this) : "null";
      entries.push(`{ dispid: ${dispidText(m.dispid)}, name: ${stringLiteral(m.name)}, member: ${stringLiteral(member)}, kind: "${kind}", access: "${asProperty ? "property" : "method"}", params: [${params.join(", ")}], result: ${result} }`);
      tsMembers.add(member);
    }
    return {
      name: `${name}_dispatch`,
      doc: `Dispatch table of ${what} ${name}: DISPID → member, for IDispatch::GetIDsOfNames and Invoke.`,
      factory: this.runtime("dispatchTable", "value"),
      typeName: declarationName(name),
      iid,
      idlName: stringLiteral(name),
      entries,
    };
  }

  paramInfo(p: Ir.IrParam): string {
    const PF = this.runtime("PARAMFLAG", "value");
    const flags = [
      p.direction !== "out" ? `${PF}.FIN` : null,
      p.direction !== "in" ? `${PF}.FOUT` : null,
      p.lcid ? `${PF}.FLCID` : null,
      p.optional ? `${PF}.FOPT` : null,
      p.defaultValue ? `${PF}.FHASDEFAULT` : null,
    ].filter(Boolean).join(" | ") || "0";
    const def = p.defaultValue ? `, defaultValue: ${irValueText(p.defaultValue)}` : "";
    return `{ name: ${stringLiteral(p.name)}, vt: ${paramVt(p, this)}, flags: ${flags}${def} }`;
  }

  eventTable(name: string, iid: string, methods: readonly Ir.IrMethod[]): TableView {
    const entries = methods.filter((m) => m.kind === "method" && m.dispid !== null).map((m) =>
      `{ dispid: ${dispidText(m.dispid!)}, name: ${stringLiteral(m.name)}, member: ${stringLiteral(m.name)}, params: [${m.params.map((p) => this.paramInfo(p)).join(", ")}] }`);
    return {
      name: `${name}_events`,
      doc: `Event table of ${name}: DISPID → event, used to deliver events to sinks.`,
      factory: this.runtime("eventTable", "value"),
      typeName: declarationName(name),
      iid,
      idlName: stringLiteral(name),
      entries,
    };
  }

  sinkView(name: string): ModuleView["sinks"][number] {
    return {
      name: `${name}Sink`,
      doc: `Creates an event sink for ${name} from handlers; pass it to IConnectionPoint::Advise.`,
      create: this.runtime("createSink", "value"),
      handlers: `Partial<${declarationName(name)}>`,
      table: `${name}_events`,
      result: this.runtime("IUnknown", "type"),
    };
  }

  // --- stubs ---------------------------------------------------------------------------------

  stubView(d: Ir.IrCoclass): StubView {
    const ComError = () => this.runtime("ComError", "value");
    const notImpl = () => `throw new ${ComError()}(${this.runtime("E_NOTIMPL", "value")});`;
    const infos: string[] = [];
    const sources: string[] = [];
    const implemented: string[] = [];
    const members: StubView["members"][number][] = [];
    const fires: StubView["fires"][number][] = [];
    const memberNames = new Set<string>();
    const memberSignatures = new Map<string, string>();
    const conflicted = new Set<string>();
    const hasDefaultIface = d.members.some((m) => !m.isSource && m.isDefault);
    const hasDefaultSource = d.members.some((m) => m.isSource && m.isDefault);
    let firstIface = true;
    let firstSource = true;
    for (const m of d.members) {
      const target = this.lookup(m.ref);
      if (!target || (target.kind !== "interface" && target.kind !== "dispinterface")) continue;
      // IUnknown, IDispatch, IConnectionPointContainer…: ComObject implements them already.
      if (this.isRuntimeProvided(target, target.name)) continue;
      const typeName = this.declared(m.ref, "type");
      const iid = this.iidOf(m.ref);
      if (m.isSource) {
        const table = this.symbol(m.ref, `${this.short(m.ref)}_events`, "value", "type");
        const isDefault = m.isDefault || (!hasDefaultSource && firstSource);
        firstSource = false;
        sources.push(`{ iid: ${iid}, name: ${stringLiteral(m.ref.name)}, events: ${table}${isDefault ? ", isDefault: true" : ""} }`);
        const methods = target.kind === "dispinterface" ? target.methods : this.dispatchMembersOf(target);
        for (const e of methods) {
          if (e.kind !== "method" || e.dispid === null) continue;
          let fireName = `fire${e.name}`;
          if (memberNames.has(fireName)) fireName = `fire${m.ref.name}_${e.name}`;
          memberNames.add(fireName);
          // Every parameter an argument (a one-off copy: not worth remembering).
          const { params } = this.#signatureParts({ ...e, params: e.params.map((p) => ({ ...p, retval: false })) }, true);
          const args = e.params.map((p) => bindingName(p.name)).join(", ");
          fires.push({
            doc: `Fires ${m.ref.name}::${e.name} [id(${dispidText(e.dispid)})] to every advised sink, in advise order.`,
            signature: `${fireName}(${params}): void`,
            body: `${this.runtime("ComObject", "value")}.fireEvent(this, ${table}, ${dispidText(e.dispid)}, [${args}]);`,
          });
        }
        continue;
      }
      implemented.push(typeName);
      const isDefault = m.isDefault || (!hasDefaultIface && firstIface);
      firstIface = false;
      const bases: string[] = [];
      let methods: readonly Ir.IrMethod[] = [];
      let dispatch: string | null = null;
      if (target.kind === "interface") {
        for (const b of this.interfaceChain(target).slice(0, -1).reverse()) bases.push(this.iidOf({ name: b.name, source: this.sourceOf(b) }));
        methods = this.dispatchMembersOf(target);
        if (target.dispatchable && target.uuid) dispatch = this.symbol(m.ref, `${this.short(m.ref)}_dispatch`, "value", "type");
      } else {
        methods = target.methods;
        dispatch = this.symbol(m.ref, `${this.short(m.ref)}_dispatch`, "value", "type");
        for (const p of target.properties) {
          if (memberNames.has(p.name)) continue;
          memberNames.add(p.name);
          const t = tsType(p.type, "value", this);
          members.push({ doc: `[id(${dispidText(p.dispid)})] property of ${m.ref.name}`, signature: `get ${memberKey(p.name)}(): ${t}`, body: notImpl() });
          if (!p.readonly) members.push({ doc: "", signature: `set ${memberKey(p.name)}(value: ${t})`, body: notImpl() });
        }
      }
      infos.push(`{ iid: ${iid}, name: ${stringLiteral(m.ref.name)}, bases: [${bases.join(", ")}]${dispatch ? `, dispatch: ${dispatch}` : ""}${isDefault ? ", isDefault: true" : ""} }`);
      for (const member of this.membersOf(methods, target.kind === "dispinterface")) {
        for (const s of member.stub) {
          const key = s.signature.replace(/^(get |set )/, "").split(/[(:]/)[0]!;
          const id = `${s.signature.startsWith("set ") ? "set " : ""}${key}`;
          if (memberNames.has(id)) {
            // Two interfaces of the coclass declare this member differently: the class cannot implement both.
            if (memberSignatures.get(id) !== s.signature) conflicted.add(typeName);
            continue;
          }
          memberNames.add(id);
          memberSignatures.set(id, s.signature);
          const override = COM_OBJECT_MEMBERS.has(key) || key === '["constructor"]' ? "override " : "";
          members.push({ doc: member.doc, signature: `${override}${s.signature}`, body: notImpl() });
        }
      }
    }
    const CoclassInfo = this.runtime("CoclassInfo", "type");
    return {
      name: `${d.name}Stub`,
      doc: docLines([
        `@generated from coclass ${d.name} {${d.uuid}}`,
        d.helpstring,
        "Every member throws E_NOTIMPL until a subclass overrides it; register the class to create it with CoCreateInstance.",
      ]),
      base: this.runtime("ComObject", "value"),
      implements: implemented.filter((n) => !conflicted.has(n)).join(", "),
      coclassType: CoclassInfo,
      info: `{ clsid: CLSID_${d.name}, name: ${stringLiteral(d.name)}, interfaces: [${infos.join(", ")}], sources: [${sources.join(", ")}] }`,
      members,
      fires,
    };
  }
}

/** An interface's methods as callers see them: `[call_as]` remote stand-ins are marshalling details. */
function callableMethods(d: Ir.IrInterface): readonly Ir.IrMethod[] {
  return d.methods.some((m) => m.vtableIndex === null) ? d.methods.filter((m) => m.vtableIndex !== null) : d.methods;
}

function isHresult(t: Ir.IrType): boolean {
  return t.kind === "ref" && (t.ref.name === "HRESULT" || t.ref.name === "SCODE");
}

/** Integer text as prettier would print it: hex for values past 16 bits (HRESULTs, flags), lower case. */
function numberText(n: number): string {
  return n > 0xffff ? `0x${n.toString(16)}` : String(n);
}

/** A float as prettier prints it: JavaScript's shortest form without the exponent's `+` (`3.4e38`). */
function floatText(n: number): string {
  return String(n).replace("e+", "e");
}

/** A DISPID as MIDL writes it: automatic ids (0x6002…) in hex, small and negative ids in decimal. */
function dispidText(id: number | null): string {
  return id === null ? "null" : id > 0xffff ? `0x${id.toString(16)}` : String(id);
}

function irValueText(v: Ir.IrValue): string {
  switch (v.type) {
    case "int": return numberText(Number(v.value));
    case "float": return floatText(v.value);
    case "string": return stringLiteral(v.value);
    case "char": return String(v.value);
  }
}

/** A one-line JSDoc body for members: the helpstring, then the IDL facts (`[id(3)] propget`). */
function inlineDoc(parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).map((p) => docText(p).replace(/\.?$/, (m) => (p.startsWith("[") ? "" : "."))).join(" ");
}

/** JSDoc body lines (without the comment markers), empty parts dropped. */
function docLines(parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).map(docText).join("\n * ");
}
