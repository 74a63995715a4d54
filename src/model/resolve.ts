/**
 * Resolution: the ASTs of a whole import graph become the IR. One symbol table spans every file
 * (each parsed once), names resolve through typedef chains and tags, interfaces get their vtable
 * layout and DISPIDs, constant expressions are evaluated. Problems are reported, never thrown;
 * whatever can be resolved still is, so that checks and emitters see as much as possible.
 */
import type * as A from "../ast/nodes.js";
import type { Diagnostic, SourceRange } from "../diagnostics/index.js";
import { exprText, findAttribute, hasAttribute, irAttributes } from "./attributes.js";
import { evaluate, toInt32Number, toIrValue, type ConstValue } from "./const-eval.js";
import type { InputFile } from "./input.js";
import * as Ir from "./ir.js";
import { definesType, isSelfAlias, primaryDeclarator, walkDeclarations } from "./declarations.js";
import { NodeLocations } from "./node-locations.js";
import { suggest } from "./suggest.js";
import { SymbolTable, type Sym } from "./symbols.js";

/** The resolved program: one IR file per input, the problems found, and where each IR node came from. */
export interface Model {
  readonly files: readonly Ir.IrFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Source locations of IR nodes (declarations, methods, params, members), for located checks. */
  readonly locations: NodeLocations;
  readonly symbols: SymbolTable;
}

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** MIDL's automatic DISPIDs: 0x60000000 + (inheritance depth << 16) + member index. */
const AUTO_DISPID_BASE = 0x60000000;

interface InterfaceLayout {
  readonly ir: Ir.IrInterface;
  readonly depth: number;
  readonly totalMethods: number;
}

/** Resolves files given in dependency order (every file after the files it imports). */
export function resolve(files: readonly InputFile[]): Model {
  return new Resolver(files).run();
}

class Resolver {
  readonly symbols = new SymbolTable();
  readonly diagnostics: Diagnostic[] = [];
  readonly locations = new NodeLocations();
  readonly #built = new Map<object, Ir.IrDeclaration>();
  readonly #layouts = new Map<A.InterfaceDecl, InterfaceLayout | null>();
  readonly #constValues = new Map<object, ConstValue | null>();
  readonly #enumValues = new Map<A.EnumTypeSpec, number[]>();
  readonly #hoisted: Ir.IrDeclaration[][] = [];
  readonly #implicitStructs = new Set<string>();
  readonly #anonNames = new Map<A.TypeSpec, string>();
  readonly #anonymousEnums = new Map<InputFile, number>();
  /** The WinRT namespace being declared or built (undefined outside namespaces). */
  #ns: string | undefined;
  readonly #nsOf = new Map<object, string | undefined>();
  readonly #typeParams: Set<string>[] = [];

  constructor(readonly files: readonly InputFile[]) {}

  run(): Model {
    this.symbols.link(this.files);
    for (const f of this.files) this.declareAll(f, f.parsed.document.declarations);
    const out: Ir.IrFile[] = this.files.map((f) => ({
      irVersion: Ir.IR_VERSION,
      source: f.source,
      module: f.module,
      system: f.system,
      imports: f.imports.filter((i) => i.file).map((i) => ({ path: i.path, source: i.file!.source })),
      declarations: this.buildList(f, f.parsed.document.declarations),
    }));
    return { files: out, diagnostics: this.diagnostics, locations: this.locations, symbols: this.symbols };
  }

  // -------------------------------------------------------------------------------------------
  // Scope: the WinRT namespace and type parameters of what is being built

  /** A name as the current scope sees it (through the enclosing WinRT namespaces). */
  lookupName(name: string, file: InputFile): Sym | undefined {
    return this.symbols.lookup(name, file, this.#ns);
  }

  /** Runs `fn` in the namespace `node` was declared in (declarations are built lazily, out of order). */
  inScopeOf<T>(node: object, fn: () => T): T {
    const saved = this.#ns;
    this.#ns = this.#nsOf.get(node);
    try {
      return fn();
    } finally {
      this.#ns = saved;
    }
  }

  /** Runs `fn` with type parameters in scope (`T` of `IVector<T>` resolves to a type parameter). */
  withTypeParams<T>(params: readonly A.Ident[] | null, fn: () => T): T {
    if (!params || params.length === 0) return fn();
    this.#typeParams.push(new Set(params.map((p) => p.text)));
    try {
      return fn();
    } finally {
      this.#typeParams.pop();
    }
  }

  isTypeParam(name: string): boolean {
    return this.#typeParams.some((s) => s.has(name));
  }

  // -------------------------------------------------------------------------------------------
  // Reporting

  range(file: InputFile, loc: A.Loc): SourceRange {
    return file.parsed.unit.range(loc);
  }

  report(code: string, message: string, file: InputFile, loc: A.Loc): void {
    this.diagnostics.push({ code, severity: "error", message, range: this.range(file, loc) });
  }

  at<T extends object>(node: T, file: InputFile, loc: A.Loc): T {
    this.locations.set(node, file.parsed.unit, loc);
    return node;
  }

  // -------------------------------------------------------------------------------------------
  // Pass 1: declare every name

  declareAll(file: InputFile, decls: readonly (A.Declaration | A.InterfaceMember)[]): void {
    const rangeOf = (f: InputFile, loc: A.Loc) => this.range(f, loc);
    const report = (d: Diagnostic) => this.diagnostics.push(d);
    walkDeclarations(decls, {
      // Declarations are built lazily, out of order: each remembers its namespace.
      declaration: (d, ns) => this.#nsOf.set(d, ns),
      name: (name, kind, node, loc, forward, ns, extra) => {
        this.#nsOf.set(node, ns);
        this.symbols.declare({ name: ns ? `${ns}.${name}` : name, kind, file, loc, forward, node, ...(ns ? { namespace: ns } : {}), ...extra }, report, rangeOf);
      },
      tag: (name, kind, node, loc, tag) => this.symbols.declareTag({ name, kind, file, loc, forward: false, node, tag }),
      enumMember: (name, enumNode, index) => this.symbols.declareEnumMember({ name, file, enumNode, index }),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Pass 2: build IR

  buildList(file: InputFile, decls: readonly (A.Declaration | A.InterfaceMember)[]): Ir.IrDeclaration[] {
    const out: Ir.IrDeclaration[] = [];
    this.#hoisted.push(out);
    for (const d of decls) {
      const built = this.buildDecl(file, d);
      for (const b of built) out.push(b);
    }
    this.#hoisted.pop();
    return out;
  }

  buildDecl(file: InputFile, d: A.Declaration | A.InterfaceMember): Ir.IrDeclaration[] {
    return this.inScopeOf(d, () => this.buildDeclInScope(file, d));
  }

  buildDeclInScope(file: InputFile, d: A.Declaration | A.InterfaceMember): Ir.IrDeclaration[] {
    switch (d.kind) {
      case "namespace": return d.declarations.flatMap((x) => this.buildDecl(file, x));
      case "delegate": return [this.buildDelegate(file, d)];
      case "apicontract":
        return [this.at<Ir.IrApiContract>({ kind: "apicontract", name: d.name.text, namespace: this.#ns ?? null, attributes: irAttributes(d.attributes) }, file, d.name.loc)];
      case "declare": return []; // instantiations: TypeScript generics need none (widl's computed IIDs are not modelled yet)
      case "interface": {
        if (d.members === null) {
          const def = this.lookupName(d.name.text, file);
          if (def && !def.forward) return []; // the definition will be emitted where it stands
          if (this.#built.has(d)) return [];
          const fwd: Ir.IrInterface = this.at({
            kind: "interface", name: d.name.text, namespace: this.#ns ?? null, typeParams: d.typeParams?.map((p) => p.text) ?? null,
            requires: [], delegate: false, uuid: this.uuidOf(file, d.attributes), base: null, dispatchable: false, dual: false,
            inheritedMethodCount: 3, methods: [], helpstring: null, attributes: irAttributes(d.attributes), forward: true,
          }, file, d.name.loc);
          this.#built.set(d, fwd);
          return [fwd];
        }
        // Declarations inside the interface body are C-global: hoist them before the interface.
        const nested = d.members.filter((m) => m.kind !== "method");
        const hoisted = nested.flatMap((m) => this.buildDecl(file, m));
        const layout = this.layout(d, file);
        return layout ? [...hoisted, layout.ir] : hoisted;
      }
      case "dispinterface": return d.body === null ? [] : [this.buildDispinterface(file, d)];
      case "coclass": return d.members === null ? [] : [this.buildCoclass(file, d)];
      case "library": return [this.buildLibrary(file, d)];
      case "module": return [this.buildModule(file, d)];
      case "const": return [this.buildConst(file, d)];
      case "typedecl": {
        // `enum { A = 1 };` declares constants only; the enum gets a per-file name (`AnonymousEnum1`).
        if (d.type.kind === "enum" && !d.type.tag && d.type.members) {
          const n = (this.#anonymousEnums.get(file) ?? 0) + 1;
          this.#anonymousEnums.set(file, n);
          return this.buildTypeDefinition(file, d.type, null, d.attributes, `AnonymousEnum${n}`, true);
        }
        return this.buildTypeDefinition(file, d.type, null, d.attributes);
      }
      case "typedef": return this.buildTypedef(file, d);
      case "cpp_quote": return [this.at({ kind: "cpp_quote", text: d.text }, file, d.loc)];
      case "import":
      case "importlib":
      case "pragma":
      case "method":
      case "extern": // defined in C code; there is no IDL value to model
        return [];
    }
  }

  uuidOf(file: InputFile, attrs: readonly A.Attribute[]): string | null {
    const a = findAttribute(attrs, "uuid");
    if (!a) return null;
    const arg = a.args?.[0];
    let text: string | undefined;
    if (arg?.kind === "uuid") text = arg.text;
    else if (arg?.kind === "expr" && arg.expr.kind === "string") text = arg.expr.value.replace(/^\{(.*)\}$/, "$1");
    if (text === undefined || !UUID_RE.test(text) || (a.args?.length ?? 0) !== 1) {
      this.report("MTS3006", "uuid must have the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hexadecimal digits)", file, arg?.loc ?? a.loc);
      return null;
    }
    return text.toUpperCase();
  }

  helpstring(file: InputFile, attrs: readonly A.Attribute[]): string | null {
    const arg = findAttribute(attrs, "helpstring")?.args?.[0];
    return arg?.kind === "expr" && arg.expr.kind === "string" ? arg.expr.value : null;
  }

  // --- interfaces -----------------------------------------------------------------------------

  /** The IR and vtable layout of an interface, built once (bases first). Null for an inheritance cycle. */
  layout(d: A.InterfaceDecl, file: InputFile): InterfaceLayout | null {
    if (this.#layouts.has(d)) return this.#layouts.get(d) ?? null;
    return this.inScopeOf(d, () => this.withTypeParams(d.typeParams, () => this.layoutInScope(d, file)));
  }

  layoutInScope(d: A.InterfaceDecl, file: InputFile): InterfaceLayout | null {
    this.#layouts.set(d, null); // cycle guard
    let base: Ir.IrRef | null = null;
    let depth = 0;
    let inherited = 0;
    let dispatchable = d.name.text === "IDispatch";
    if (d.base) {
      const sym = this.lookupName(d.base.text, file);
      if (!sym || sym.kind !== "interface") {
        this.unresolved(file, d.base, sym ? `'${d.base.text}' is a ${sym.kind}, not an interface` : undefined, "base interface");
      } else {
        base = { name: sym.name, source: sym.file.source };
        const baseDecl = sym.node as A.InterfaceDecl;
        if (baseDecl.kind !== "interface") {
          // A delegate used as a base: no vtable layout to inherit beyond IUnknown's.
          depth = 1;
          inherited = 3;
        } else {
        const baseLayout = baseDecl.members ? this.layout(baseDecl, sym.file) : null;
        if (baseLayout) {
          depth = baseLayout.depth + 1;
          inherited = baseLayout.totalMethods;
          dispatchable ||= baseLayout.ir.dispatchable;
        } else if (baseDecl.members) {
          this.report("MTS3010", `interface '${d.name.text}' inherits from itself`, file, d.base.loc);
        } else {
          this.report("MIDL2011", `base interface '${d.base.text}' is only forward-declared`, file, d.base.loc);
        }
        }
      }
    }
    const dual = hasAttribute(d.attributes, "dual");
    // A [call_as(x)] method is the remote stand-in of the [local] method x: it has no vtable slot
    // of its own (widl's headers agree), so it gets no vtable index.
    let slot = inherited;
    const methods = d.members!.filter((m): m is A.MethodDecl => m.kind === "method")
      .map((m) => this.buildMethod(file, m, hasAttribute(m.attributes, "call_as") ? null : slot++));
    // Type libraries give every member a memid, dispatchable or not; events of a vtable [source]
    // interface are identified by them too.
    const withIds = this.assignDispids(methods, AUTO_DISPID_BASE + (depth << 16));
    const ir: Ir.IrInterface = this.at({
      kind: "interface", name: d.name.text, namespace: this.#ns ?? null, typeParams: d.typeParams?.map((p) => p.text) ?? null,
      requires: d.requires.map((r) => this.typeOf(file, r)), delegate: false,
      uuid: this.uuidOf(file, d.attributes), base, dispatchable, dual,
      inheritedMethodCount: inherited, methods: withIds, helpstring: this.helpstring(file, d.attributes),
      attributes: irAttributes(d.attributes), forward: false,
    }, file, d.name.loc);
    const layout = { ir, depth, totalMethods: slot };
    this.#layouts.set(d, layout);
    this.#built.set(d, ir);
    return layout;
  }

  /**
   * Gives members without an explicit `[id]` MIDL's automatic DISPID: `base + n`, where n counts
   * distinct member names in order (a property's get and put share one id). Copies keep their location.
   */
  assignDispids(methods: Ir.IrMethod[], base: number): Ir.IrMethod[] {
    const byName = new Map<string, number>();
    let next = 0;
    return methods.map((m) => {
      if (m.dispid !== null) return m;
      let id = byName.get(m.name);
      if (id === undefined) {
        id = base + next++;
        byName.set(m.name, id);
      }
      const copy = { ...m, dispid: id };
      this.locations.copy(m, copy);
      return copy;
    });
  }

  buildMethod(file: InputFile, m: A.MethodDecl, vtableIndex: number | null): Ir.IrMethod {
    const kind: Ir.IrMethodKind = hasAttribute(m.attributes, "propget") ? "propget"
      : hasAttribute(m.attributes, "propput") ? "propput"
      : hasAttribute(m.attributes, "propputref") ? "propputref"
      : hasAttribute(m.attributes, "eventadd") ? "eventadd"
      : hasAttribute(m.attributes, "eventremove") ? "eventremove" : "method";
    const params = m.params.map((p, i) => this.buildParam(file, p, i));
    const ret = this.pointerWrap(this.typeOf(file, m.returnType), m.returnPointers);
    const method: Ir.IrMethod = {
      name: m.name.text, kind, dispid: this.dispidOf(file, m.attributes), vtableIndex, returnType: ret, params,
      helpstring: this.helpstring(file, m.attributes), attributes: irAttributes(m.attributes),
    };
    return this.at(method, file, m.name.loc);
  }

  dispidOf(file: InputFile, attrs: readonly A.Attribute[]): number | null {
    const a = findAttribute(attrs, "id");
    const arg = a?.args?.[0];
    if (!a || !arg || arg.kind !== "expr") return null;
    const v = this.constant(file, arg.expr);
    return typeof v === "bigint" ? toInt32Number(v) : null;
  }

  buildParam(file: InputFile, p: A.Param, index: number): Ir.IrParam {
    const has = (n: string) => hasAttribute(p.attributes, n);
    const out = has("out");
    const inn = has("in") || !out;
    const defaultArg = findAttribute(p.attributes, "defaultvalue")?.args?.[0];
    let defaultValue: Ir.IrValue | null = null;
    if (defaultArg?.kind === "expr") {
      const v = this.constant(file, defaultArg.expr);
      if (v !== undefined) defaultValue = toIrValue(v);
    }
    const param: Ir.IrParam = {
      name: p.declarator.name?.text ?? `p${index}`,
      type: this.declaratorType(file, p.type, p.declarator),
      direction: inn && out ? "inout" : out ? "out" : "in",
      retval: has("retval"),
      optional: has("optional"),
      lcid: has("lcid"),
      defaultValue,
      attributes: irAttributes(p.attributes),
    };
    return this.at(param, file, p.declarator.name?.loc ?? p.loc);
  }

  /** A WinRT delegate: an IUnknown-based interface with one method, `Invoke`. */
  buildDelegate(file: InputFile, d: A.DelegateDecl): Ir.IrInterface {
    return this.withTypeParams(d.typeParams, () => {
      const unknown = this.lookupName("IUnknown", file);
      const invoke = this.buildMethod(file, {
        kind: "method", attributes: [], returnType: d.returnType, returnConst: false, returnPointers: 0,
        name: { text: "Invoke", loc: d.name.loc }, params: d.params, loc: d.loc,
      }, 3);
      const ir: Ir.IrInterface = {
        kind: "interface", name: d.name.text, namespace: this.#ns ?? null, typeParams: d.typeParams?.map((p) => p.text) ?? null,
        requires: [], delegate: true, uuid: this.uuidOf(file, d.attributes),
        base: unknown ? { name: unknown.name, source: unknown.file.source } : null, dispatchable: false, dual: false,
        inheritedMethodCount: 3, methods: this.assignDispids([invoke], AUTO_DISPID_BASE + (1 << 16)),
        helpstring: this.helpstring(file, d.attributes), attributes: irAttributes(d.attributes), forward: false,
      };
      return this.at(ir, file, d.name.loc);
    });
  }

  // --- dispinterfaces, coclasses, libraries, modules -----------------------------------------

  buildDispinterface(file: InputFile, d: A.DispinterfaceDecl): Ir.IrDispinterface {
    const body = d.body!;
    let properties: Ir.IrDispProperty[] = [];
    let methods: Ir.IrMethod[] = [];
    let fromInterface: Ir.IrRef | null = null;
    if (body.form === "members") {
      properties = body.properties.flatMap((f) => f.declarators.filter((x) => x.name).map((x) => this.at<Ir.IrDispProperty>({
        name: x.name!.text, type: this.declaratorType(file, f.type, x), dispid: this.dispidOf(file, f.attributes),
        readonly: hasAttribute(f.attributes, "readonly"), helpstring: this.helpstring(file, f.attributes), attributes: irAttributes(f.attributes),
      }, file, x.name!.loc)));
      methods = body.methods.map((m) => this.buildMethod(file, m, null));
    } else {
      const sym = this.lookupName(body.interface.text, file);
      if (!sym || sym.kind !== "interface" || !(sym.node as A.InterfaceDecl).members) {
        this.unresolved(file, body.interface, undefined, "interface");
      } else {
        fromInterface = { name: sym.name, source: sym.file.source };
        methods = this.dispatchMethodsOf(sym.node as A.InterfaceDecl, sym.file);
      }
    }
    const ir: Ir.IrDispinterface = {
      kind: "dispinterface", name: d.name.text, uuid: this.uuidOf(file, d.attributes), properties,
      methods: this.assignDispids(methods, AUTO_DISPID_BASE + (2 << 16)), fromInterface,
      helpstring: this.helpstring(file, d.attributes), attributes: irAttributes(d.attributes), forward: false,
    };
    this.#built.set(d, ir);
    return this.at(ir, file, d.name.loc);
  }

  /** The methods an interface exposes through IDispatch: its own and its bases', after IDispatch. */
  dispatchMethodsOf(d: A.InterfaceDecl, file: InputFile): Ir.IrMethod[] {
    const chain: Ir.IrInterface[] = [];
    let cur: A.InterfaceDecl | undefined = d;
    let curFile = file;
    while (cur && cur.members && chain.length < 64) {
      const l = this.layout(cur, curFile);
      if (!l || l.ir.name === "IDispatch" || l.ir.name === "IUnknown") break;
      chain.unshift(l.ir);
      const b = l.ir.base ? this.lookupName(l.ir.base.name, curFile) : undefined;
      cur = b?.node as A.InterfaceDecl | undefined;
      curFile = b?.file ?? curFile;
    }
    return chain.flatMap((i) => i.methods);
  }

  buildCoclass(file: InputFile, d: A.CoclassDecl): Ir.IrCoclass {
    const members: Ir.IrCoclassMember[] = [];
    for (const m of d.members!) {
      const sym = this.lookupName(m.name.text, file);
      if (!sym) {
        // As widl does, a coclass may name an interface declared nowhere in the import graph: it
        // stands as an implicit forward declaration (the interface's IID is unknown here).
        members.push(this.at<Ir.IrCoclassMember>({
          ref: { name: m.name.text, source: file.source }, kind: m.keyword,
          isDefault: hasAttribute(m.attributes, "default"), isSource: hasAttribute(m.attributes, "source"),
          restricted: hasAttribute(m.attributes, "restricted"),
        }, file, m.name.loc));
        continue;
      }
      if (sym.kind !== "interface" && sym.kind !== "dispinterface") {
        this.report("MTS3009", `'${m.name.text}' is a ${sym.kind}, not an interface or dispinterface`, file, m.name.loc);
        continue;
      }
      members.push(this.at<Ir.IrCoclassMember>({
        ref: { name: sym.name, source: sym.file.source }, kind: sym.kind,
        ...(m.args ? { args: m.args.map((a) => this.pointerWrap(this.typeOf(file, a.spec), a.pointers)) } : {}),
        isDefault: hasAttribute(m.attributes, "default"), isSource: hasAttribute(m.attributes, "source"),
        restricted: hasAttribute(m.attributes, "restricted"),
      }, file, m.name.loc));
    }
    return this.at<Ir.IrCoclass>({
      kind: "coclass", name: d.name.text, namespace: this.#ns ?? null, runtimeclass: d.keyword === "runtimeclass",
      uuid: this.uuidOf(file, d.attributes), members,
      helpstring: this.helpstring(file, d.attributes), attributes: irAttributes(d.attributes), forward: false,
    }, file, d.name.loc);
  }

  buildLibrary(file: InputFile, d: A.LibraryDecl): Ir.IrLibrary {
    const versionArg = findAttribute(d.attributes, "version")?.args?.[0];
    const version = versionArg?.kind === "expr" ? exprText(versionArg.expr) : null;
    return this.at<Ir.IrLibrary>({
      kind: "library", name: d.name.text, uuid: this.uuidOf(file, d.attributes), version,
      helpstring: this.helpstring(file, d.attributes), attributes: irAttributes(d.attributes),
      importlibs: d.declarations.filter((x): x is A.ImportLibDecl => x.kind === "importlib").map((x) => x.path),
      declarations: this.buildList(file, d.declarations),
    }, file, d.name.loc);
  }

  buildModule(file: InputFile, d: A.ModuleDecl): Ir.IrModule {
    const hoist = this.#hoisted[this.#hoisted.length - 1];
    for (const m of d.members) if (m.kind !== "method") hoist?.push(...this.buildDecl(file, m));
    return this.at<Ir.IrModule>({
      kind: "module", name: d.name.text, uuid: this.uuidOf(file, d.attributes),
      methods: d.members.filter((m): m is A.MethodDecl => m.kind === "method").map((m) => this.buildMethod(file, m, null)),
      attributes: irAttributes(d.attributes),
    }, file, d.name.loc);
  }

  // --- constants, enums, structs, typedefs ----------------------------------------------------

  buildConst(file: InputFile, d: A.ConstDecl): Ir.IrConst {
    const v = this.constValueOf(d, file);
    return this.at<Ir.IrConst>({
      kind: "const", name: d.name.text, type: this.pointerWrap(this.typeOf(file, d.type), d.pointers),
      value: toIrValue(v ?? 0n),
    }, file, d.name.loc);
  }

  constValueOf(d: A.ConstDecl, file: InputFile): ConstValue | undefined {
    if (this.#constValues.has(d)) return this.#constValues.get(d) ?? undefined;
    this.#constValues.set(d, null); // cycle guard: a self-referencing constant is undefined
    const v = this.constant(file, d.value);
    this.#constValues.set(d, v ?? null);
    return v;
  }

  /** Evaluates a constant expression in `file`'s scope, reporting failures. */
  constant(file: InputFile, expr: A.Expr): ConstValue | undefined {
    const r = evaluate(expr, (name) => this.valueOfName(name, file));
    if (r.ok) return r.value;
    this.report(r.code, r.message, file, r.expr.loc);
    return undefined;
  }

  valueOfName(name: string, file: InputFile): ConstValue | undefined {
    const member = this.symbols.lookupEnumMember(name, file);
    if (member) return BigInt(this.enumValues(member.enumNode, member.file)[member.index] ?? 0);
    const sym = this.lookupName(name, file);
    if (sym?.kind === "const") return this.constValueOf(sym.node as A.ConstDecl, sym.file);
    return undefined;
  }

  enumValues(e: A.EnumTypeSpec, file: InputFile): number[] {
    let values = this.#enumValues.get(e);
    if (values) return values;
    values = [];
    this.#enumValues.set(e, values); // members may refer to earlier members
    let next = 0n;
    for (const m of e.members ?? []) {
      if (m.value) {
        const v = this.constant(file, m.value);
        if (typeof v === "bigint") next = v;
      }
      values.push(toInt32Number(next));
      next += 1n;
    }
    return values;
  }

  buildTypedef(file: InputFile, d: A.TypedefDecl): Ir.IrDeclaration[] {
    const primary = primaryDeclarator(d);
    const out = this.buildTypeDefinition(file, d.type, primary, d.attributes);
    for (const decl of d.declarators) {
      if (!decl.name || (decl === primary && definesType(d.type)) || isSelfAlias(d.type, decl)) continue;
      out.push(this.at<Ir.IrTypedef>({
        kind: "typedef", name: decl.name.text, namespace: this.#ns ?? null, type: this.declaratorType(file, d.type, decl), attributes: irAttributes(d.attributes),
      }, file, decl.name.loc));
    }
    return out;
  }

  /** IR for a struct/union/enum definition (or an incomplete struct named by a typedef). */
  buildTypeDefinition(file: InputFile, spec: A.TypeSpec, primary: A.Declarator | null, attrs: readonly A.Attribute[], nameOverride?: string, anonymous = false): Ir.IrDeclaration[] {
    if (spec.kind !== "struct" && spec.kind !== "union" && spec.kind !== "enum") return [];
    const out: Ir.IrDeclaration[] = [];
    const outer = nameOverride ?? primary?.name?.text ?? spec.tag?.text;
    if ((spec.kind === "struct" || spec.kind === "union") && spec.fields) {
      spec.fields.forEach((f, i) => {
        // An anonymous nested struct/union/enum is named after its place: `Outer_field`.
        let nested: string | undefined;
        if (outer && definesType(f.type) && !(f.type as A.StructTypeSpec | A.EnumTypeSpec).tag) {
          nested = `${outer}_${f.declarators[0]?.name?.text ?? i}`;
          this.#anonNames.set(f.type, nested);
        }
        out.push(...this.buildTypeDefinition(file, f.type, null, f.attributes, nested));
      });
    }
    if (!definesType(spec)) {
      // `typedef struct tagX X;` naming a struct defined nowhere: an incomplete (opaque) type.
      const tag = spec.tag?.text;
      if (primary?.name && tag && !this.symbols.lookupTag(tag, file) && spec.kind !== "enum" && primary.pointers.length === 0) {
        out.push(this.at<Ir.IrStruct>({ kind: spec.kind, name: primary.name.text, namespace: this.#ns ?? null, tag, switch: null, fields: null, attributes: irAttributes(attrs) }, file, primary.name.loc));
      }
      return out;
    }
    const name = outer;
    if (!name || this.#built.has(spec)) return out;
    // Sibling declarators (`typedef struct { … } FOO, *PFOO;`) refer to the tagless type by this name.
    if (!(spec as A.StructTypeSpec | A.EnumTypeSpec).tag) this.#anonNames.set(spec, name);
    const tag = spec.tag && spec.tag.text !== name ? spec.tag.text : null;
    const loc = primary?.name?.loc ?? spec.tag?.loc ?? spec.loc;
    let ir: Ir.IrEnum | Ir.IrStruct;
    if (spec.kind === "enum") {
      const values = this.enumValues(spec, file);
      ir = { kind: "enum", name, namespace: this.#ns ?? null, tag, anonymous, members: (spec.members ?? []).map((m, i) => this.at({ name: m.name.text, value: values[i] ?? 0 }, file, m.name.loc)), attributes: irAttributes(attrs) };
    } else {
      const isUnion = spec.kind === "union";
      ir = {
        kind: spec.kind, name, namespace: this.#ns ?? null, tag,
        switch: spec.switch ? { name: spec.switch.name.text, type: this.typeOf(file, spec.switch.type), arm: spec.switch.arm?.text ?? null } : null,
        fields: spec.fields!.flatMap((f, fieldIndex) => {
          const cases = isUnion ? this.caseValues(file, f.attributes) : null;
          // An empty arm (`[case(VT_EMPTY)] ;`) has no declarator: it is kept as a nameless void field.
          const decls = f.declarators.length > 0 ? f.declarators : isUnion ? [null] : [];
          return decls.map((x, i) => this.at<Ir.IrField>({
            name: x?.name?.text ?? `_${fieldIndex}${i > 0 ? `_${i}` : ""}`, type: x ? this.declaratorType(file, f.type, x) : { kind: "base", name: "void", unsigned: false },
            bits: x?.bits ? Number(this.constant(file, x.bits) ?? 0) : null, cases, attributes: irAttributes(f.attributes),
          }, file, x?.name?.loc ?? f.loc));
        }),
        attributes: irAttributes(attrs),
      };
    }
    this.#built.set(spec, ir);
    out.push(this.at(ir, file, loc));
    return out;
  }

  /** The discriminant values of a union arm, from `[case(…)]` / `case …:` and `[default]` / `default:`. */
  caseValues(file: InputFile, attrs: readonly A.Attribute[]): (number | "default")[] {
    const out: (number | "default")[] = [];
    for (const a of attrs) {
      if (a.name === "default") out.push("default");
      if (a.name !== "case") continue;
      for (const arg of a.args ?? []) {
        if (arg.kind !== "expr") continue;
        const v = this.constant(file, arg.expr);
        if (typeof v === "bigint") out.push(toInt32Number(v));
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Types

  declaratorType(file: InputFile, spec: A.TypeSpec, decl: A.Declarator): Ir.IrType {
    let t = decl.pointers.length > 0 ? this.pointeeType(file, spec) : this.typeOf(file, spec);
    for (const p of decl.pointers) t = { kind: "pointer", to: t, isConst: p.isConst };
    if (decl.params) t = { kind: "function", returns: t, params: decl.params.map((p, i) => this.buildParam(file, p, i)) };
    for (const p of decl.innerPointers ?? []) t = { kind: "pointer", to: t, isConst: p.isConst };
    for (let i = decl.arrays.length - 1; i >= 0; i--) {
      const dim = decl.arrays[i]!;
      const size = dim.size ? this.arraySize(file, dim.size) : null;
      t = { kind: "array", of: t, size };
    }
    return t;
  }

  arraySize(file: InputFile, expr: A.Expr): number | null {
    const r = evaluate(expr, (n) => this.valueOfName(n, file));
    return r.ok && typeof r.value === "bigint" ? Number(r.value) : null;
  }

  /**
   * The type behind a pointer. As widl does, a name declared nowhere that is only pointed to is taken
   * as an incomplete struct (dwrite_3.idl's `FONTSIGNATURE *`), with a warning instead of MIDL2011.
   */
  pointeeType(file: InputFile, spec: A.TypeSpec): Ir.IrType {
    if (spec.kind !== "named" || this.isTypeParam(spec.name) || this.lookupName(spec.name, file) || spec.name === "<error>") return this.typeOf(file, spec);
    const key = `${file.source}\u0000${spec.name}`;
    if (!this.#implicitStructs.has(key)) {
      this.#implicitStructs.add(key);
      this.diagnostics.push({
        code: "MTS3011",
        severity: "warning",
        message: `type '${spec.name}' is not declared; it is taken as an incomplete struct, as widl does`,
        range: this.range(file, spec.loc),
      });
      const ir: Ir.IrStruct = this.at({ kind: "struct", name: spec.name, namespace: null, tag: spec.name, switch: null, fields: null, attributes: [] }, file, spec.loc);
      this.#hoisted[0]?.push(ir);
    }
    return { kind: "ref", target: "struct", ref: { name: spec.name, source: file.source } };
  }

  pointerWrap(t: Ir.IrType, n: number): Ir.IrType {
    for (let i = 0; i < n; i++) t = { kind: "pointer", to: t, isConst: false };
    return t;
  }

  typeOf(file: InputFile, spec: A.TypeSpec): Ir.IrType {
    switch (spec.kind) {
      case "base": return { kind: "base", name: spec.name as Ir.IrBaseTypeName, unsigned: spec.unsigned };
      case "safearray": {
        const el = this.pointerWrap(this.typeOf(file, spec.element.spec), spec.element.pointers);
        return { kind: "safearray", of: el };
      }
      case "named": {
        if (this.isTypeParam(spec.name)) return { kind: "param", name: spec.name };
        const sym = this.lookupName(spec.name, file);
        if (!sym) {
          // A C header imported as IDL (`import "amva.h"`) uses C types the IDL compiler never sees.
          if (!/\.idl$/i.test(file.source)) return this.pointeeType(file, spec);
          this.unresolved(file, { text: spec.name, loc: spec.loc }, undefined, "type");
          return { kind: "base", name: "void", unsigned: false };
        }
        if (sym.kind === "const" || sym.kind === "library" || sym.kind === "module") {
          this.report("MIDL2011", `'${spec.name}' is a ${sym.kind}, not a type`, file, spec.loc);
          return { kind: "base", name: "void", unsigned: false };
        }
        const target = sym.kind === "apicontract" ? "apicontract" : sym.kind;
        if (spec.args) {
          const args = spec.args.map((a) => this.pointerWrap(this.typeOf(file, a.spec), a.pointers));
          return { kind: "ref", target, ref: { name: sym.name, source: sym.file.source }, args };
        }
        return { kind: "ref", target, ref: { name: sym.name, source: sym.file.source } };
      }
      case "struct":
      case "union":
      case "enum": {
        const tag = spec.tag?.text;
        const sym = tag ? this.symbols.lookupTag(tag, file) : undefined;
        if (sym) return { kind: "ref", target: sym.kind, ref: { name: sym.name, source: sym.file.source } };
        if (tag && !definesType(spec)) {
          // A reference to a struct tag that is never defined: an opaque type, emitted as unknown.
          return { kind: "ref", target: spec.kind, ref: { name: tag, source: file.source } };
        }
        // Anonymous inline definition: named after its field when it is nested (see buildTypeDefinition),
        // else after its position, and built on first use.
        let name = this.#anonNames.get(spec);
        if (!name) {
          name = `Anonymous${spec.kind === "enum" ? "Enum" : spec.kind === "union" ? "Union" : "Struct"}_${spec.loc.start}`;
          this.#anonNames.set(spec, name);
          this.#hoisted[this.#hoisted.length - 1]?.push(...this.buildTypeDefinition(file, spec, null, [], name));
        }
        return { kind: "ref", target: spec.kind, ref: { name, source: file.source } };
      }
    }
  }

  unresolved(file: InputFile, name: A.Ident, why: string | undefined, what: string): void {
    if (why) {
      this.report("MIDL2011", why, file, name.loc);
      return;
    }
    const hint = suggest(name.text, this.symbols.names());
    this.report("MIDL2011", `${what} '${name.text}' is not declared${hint ? ` (did you mean '${hint}'?)` : ""}`, file, name.loc);
  }
}
