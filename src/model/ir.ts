/**
 * The resolved model, as plain JSON-serialisable data. `--emit ir` writes one `IrFile` per IDL file;
 * emitters (and users' custom templates) see nothing else. Bump `IR_VERSION` on any incompatible change.
 * Its JSON Schema, shipped in the package, is `src/model/ir.schema.json`: regenerate it with `npm run ir:schema`.
 */

/** Version of the IR format written in every IR file. */
export const IR_VERSION = 1;

/** The resolved content of one IDL file. */
export interface IrFile {
  readonly irVersion: typeof IR_VERSION;
  /** The IDL file, relative to the working directory, `/`-separated. */
  readonly source: string;
  /** Name of the module generated for this file (the file name without extension). */
  readonly module: string;
  /** True for the compiler's built-in base IDL: its declarations are provided by the runtime. */
  readonly system: boolean;
  /** Files imported with `import`, in source order. */
  readonly imports: readonly IrImport[];
  /** Top-level declarations in source order (declarations nested in interfaces are hoisted before them). */
  readonly declarations: readonly IrDeclaration[];
}

export interface IrImport {
  /** As written in the IDL. */
  readonly path: string;
  /** The `source` of the imported file. */
  readonly source: string;
}

/**
 * A reference to a declaration by name, with the `source` of the file that declares it. The name is
 * qualified for declarations inside a WinRT namespace (`Windows.Foundation.IAsyncAction`); see
 * `qualifiedName`.
 */
export interface IrRef {
  readonly name: string;
  readonly source: string;
}

/** The name a reference uses for a declaration: `namespace.name`, or `name` outside namespaces. */
export function qualifiedName(d: { readonly name: string; readonly namespace?: string | null }): string {
  return d.namespace ? `${d.namespace}.${d.name}` : d.name;
}

export type IrBaseTypeName =
  | "void" | "boolean" | "byte" | "char" | "wchar_t" | "small" | "short" | "int" | "long" | "hyper"
  | "float" | "double" | "__int8" | "__int16" | "__int32" | "__int64" | "__int3264";

export type IrType =
  | { readonly kind: "base"; readonly name: IrBaseTypeName; readonly unsigned: boolean }
  | { readonly kind: "ref"; readonly target: IrDeclarationKind; readonly ref: IrRef; readonly args?: readonly IrType[] }
  /** A type parameter of a parameterized (WinRT generic) interface or delegate, e.g. `T` in `IVector<T>`. */
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "pointer"; readonly to: IrType; readonly isConst: boolean }
  | { readonly kind: "array"; readonly of: IrType; readonly size: number | null }
  | { readonly kind: "safearray"; readonly of: IrType }
  | { readonly kind: "function"; readonly returns: IrType; readonly params: readonly IrParam[] };

/** An attribute as written, for consumers that want what the model does not interpret. */
export interface IrAttribute {
  readonly name: string;
  /** Each argument as normalised source text. */
  readonly args: readonly string[];
}

/** A constant value. Integers are decimal strings so that 64-bit values survive JSON. */
export type IrValue =
  | { readonly type: "int"; readonly value: string }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "char"; readonly value: number };

export interface IrParam {
  readonly name: string;
  readonly type: IrType;
  readonly direction: "in" | "out" | "inout";
  readonly retval: boolean;
  readonly optional: boolean;
  readonly lcid: boolean;
  readonly defaultValue: IrValue | null;
  readonly attributes: readonly IrAttribute[];
}

/** `eventadd`/`eventremove` are WinRT event accessors (C names `add_X`/`remove_X`, like `get_X` for propget). */
export type IrMethodKind = "method" | "propget" | "propput" | "propputref" | "eventadd" | "eventremove";

export interface IrMethod {
  readonly name: string;
  readonly kind: IrMethodKind;
  /** The DISPID (memid): explicit `[id]`, or the one MIDL assigns in a type library (`0x60000000 + (depth << 16) + n`). */
  readonly dispid: number | null;
  /**
   * Index in the vtable, counting inherited methods (IUnknown::QueryInterface is 0). Null in
   * dispinterfaces and modules, and for `[call_as]` methods (remote stand-ins with no slot of their own).
   */
  readonly vtableIndex: number | null;
  readonly returnType: IrType;
  readonly params: readonly IrParam[];
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
}

export interface IrInterface {
  readonly kind: "interface";
  readonly name: string;
  /** The WinRT namespace (`Windows.Foundation`), or null. */
  readonly namespace: string | null;
  /** Type parameters of a parameterized interface (`IVector<T>`), or null. */
  readonly typeParams: readonly string[] | null;
  /** WinRT `requires`: interfaces an implementation must also implement. */
  readonly requires: readonly IrType[];
  /** True for a WinRT `delegate`: an IUnknown-based interface with a single `Invoke` method. */
  readonly delegate: boolean;
  readonly uuid: string | null;
  readonly base: IrRef | null;
  /** Has IDispatch in its base chain. */
  readonly dispatchable: boolean;
  readonly dual: boolean;
  /** Number of methods inherited from base interfaces (the vtable offset of the first own method). */
  readonly inheritedMethodCount: number;
  readonly methods: readonly IrMethod[];
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
  /** True when only forward-declared in this file. */
  readonly forward: boolean;
}

export interface IrDispProperty {
  readonly name: string;
  readonly type: IrType;
  readonly dispid: number | null;
  readonly readonly: boolean;
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
}

export interface IrDispinterface {
  readonly kind: "dispinterface";
  readonly name: string;
  readonly uuid: string | null;
  readonly properties: readonly IrDispProperty[];
  /** Methods; for the `dispinterface D { interface I; }` form, I's methods (after IDispatch). */
  readonly methods: readonly IrMethod[];
  /** The interface named by the `{ interface I; }` form. */
  readonly fromInterface: IrRef | null;
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
  readonly forward: boolean;
}

export interface IrCoclassMember {
  readonly ref: IrRef;
  /** Type arguments when the member is a parameterized interface instance (`IVectorView<T>`). */
  readonly args?: readonly IrType[];
  readonly kind: "interface" | "dispinterface";
  readonly isDefault: boolean;
  readonly isSource: boolean;
  readonly restricted: boolean;
}

export interface IrCoclass {
  readonly kind: "coclass";
  readonly name: string;
  readonly namespace: string | null;
  /** True for a WinRT `runtimeclass` (activated by its qualified name; it has no CLSID). */
  readonly runtimeclass: boolean;
  readonly uuid: string | null;
  readonly members: readonly IrCoclassMember[];
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
  readonly forward: boolean;
}

export interface IrLibrary {
  readonly kind: "library";
  readonly name: string;
  readonly uuid: string | null;
  readonly version: string | null;
  readonly helpstring: string | null;
  readonly attributes: readonly IrAttribute[];
  readonly importlibs: readonly string[];
  readonly declarations: readonly IrDeclaration[];
}

export interface IrModule {
  readonly kind: "module";
  readonly name: string;
  readonly uuid: string | null;
  readonly methods: readonly IrMethod[];
  readonly attributes: readonly IrAttribute[];
}

export interface IrEnumMember {
  readonly name: string;
  /** The value as C computes it (an int); HRESULT-like values keep their unsigned 32-bit form. */
  readonly value: number;
}

export interface IrEnum {
  readonly kind: "enum";
  readonly name: string;
  readonly namespace: string | null;
  /** The C tag when it differs from `name`. */
  readonly tag: string | null;
  /** `enum { A, B };` with neither tag nor typedef name: only its members (constants) matter; `name` is synthetic. */
  readonly anonymous: boolean;
  readonly members: readonly IrEnumMember[];
  readonly attributes: readonly IrAttribute[];
}

export interface IrField {
  readonly name: string;
  readonly type: IrType;
  readonly bits: number | null;
  /** In a union: the discriminant values selecting this arm (`"default"` for the default arm); null elsewhere. */
  readonly cases: readonly (number | "default")[] | null;
  readonly attributes: readonly IrAttribute[];
}

export interface IrStruct {
  readonly kind: "struct" | "union";
  readonly name: string;
  readonly namespace: string | null;
  readonly tag: string | null;
  /**
   * An encapsulated union (`union U switch (long kind) arm { … }`) carries its discriminant; C sees it
   * as a struct of the discriminant and a union named `arm`. Null for structs and plain unions.
   */
  readonly switch: { readonly name: string; readonly type: IrType; readonly arm: string | null } | null;
  /** Null for an incomplete type (`typedef struct tagVARIANT VARIANT;`). */
  readonly fields: readonly IrField[] | null;
  readonly attributes: readonly IrAttribute[];
}

export interface IrTypedef {
  readonly kind: "typedef";
  readonly name: string;
  readonly namespace: string | null;
  readonly type: IrType;
  readonly attributes: readonly IrAttribute[];
}

export interface IrConst {
  readonly kind: "const";
  readonly name: string;
  readonly type: IrType;
  readonly value: IrValue;
}

/** A WinRT `apicontract`: a versioned contract that `[contract(…)]` attributes cite. */
export interface IrApiContract {
  readonly kind: "apicontract";
  readonly name: string;
  readonly namespace: string | null;
  readonly attributes: readonly IrAttribute[];
}

export interface IrCppQuote {
  readonly kind: "cpp_quote";
  readonly text: string;
}

export type IrDeclaration =
  | IrInterface
  | IrDispinterface
  | IrCoclass
  | IrLibrary
  | IrModule
  | IrEnum
  | IrStruct
  | IrTypedef
  | IrConst
  | IrApiContract
  | IrCppQuote;

export type IrDeclarationKind = IrDeclaration["kind"];

/** Every declaration of a file, with those inside libraries flattened in order. */
export function* allDeclarations(decls: readonly IrDeclaration[]): Generator<IrDeclaration> {
  for (const d of decls) {
    yield d;
    if (d.kind === "library") yield* allDeclarations(d.declarations);
  }
}
