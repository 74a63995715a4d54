/**
 * The abstract syntax tree of one MIDL file: plain readonly data with a `kind` and a location on every
 * node. Locations are offsets into the preprocessed text of the file's translation unit (`Unit`); the
 * unit's source map turns them into original file/line/column only when a diagnostic needs them, which
 * keeps parsing cheap.
 */

/** A half-open offset range `[start, end)` into the unit's preprocessed text. */
export interface Loc {
  readonly start: number;
  readonly end: number;
}

/** A name with where it was written. */
export interface Ident {
  readonly text: string;
  readonly loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Expressions (constant expressions and attribute arguments)

export type Expr =
  | { readonly kind: "number"; readonly value: bigint; readonly text: string; readonly loc: Loc }
  | { readonly kind: "float"; readonly value: number; readonly text: string; readonly loc: Loc }
  | { readonly kind: "string"; readonly value: string; readonly wide: boolean; readonly loc: Loc }
  | { readonly kind: "char"; readonly value: number; readonly loc: Loc }
  | { readonly kind: "name"; readonly name: string; readonly loc: Loc }
  | { readonly kind: "unary"; readonly op: "-" | "+" | "~" | "!" | "*" | "&"; readonly operand: Expr; readonly loc: Loc }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr; readonly loc: Loc }
  | { readonly kind: "conditional"; readonly test: Expr; readonly then: Expr; readonly else: Expr; readonly loc: Loc }
  | { readonly kind: "member"; readonly object: Expr; readonly op: "." | "->"; readonly member: string; readonly loc: Loc }
  | { readonly kind: "index"; readonly object: Expr; readonly index: Expr; readonly loc: Loc }
  | { readonly kind: "cast"; readonly type: TypeRef; readonly operand: Expr; readonly loc: Loc }
  | { readonly kind: "sizeof"; readonly type: TypeRef; readonly loc: Loc };

// ---------------------------------------------------------------------------------------------
// Attributes

/** One argument of an attribute: an expression, an unquoted uuid, or (for e.g. `switch_type`) a type. */
export type AttributeArg =
  | { readonly kind: "expr"; readonly expr: Expr; readonly loc: Loc }
  | { readonly kind: "uuid"; readonly text: string; readonly loc: Loc }
  | { readonly kind: "type"; readonly type: TypeRef; readonly loc: Loc }
  | { readonly kind: "empty"; readonly loc: Loc };

/** `name` or `name(arg, …)` inside `[...]`. */
export interface Attribute {
  readonly name: string;
  readonly args: readonly AttributeArg[] | null;
  readonly loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Types and declarators

/** A built-in C/MIDL type keyword combination, normalised (e.g. `unsigned long`, `hyper`). */
export interface BaseTypeSpec {
  readonly kind: "base";
  readonly name: string;
  readonly unsigned: boolean;
  readonly loc: Loc;
}
export interface NamedTypeSpec {
  readonly kind: "named";
  /** As written, possibly qualified: `Windows.Foundation.IAsyncAction`. */
  readonly name: string;
  /** Type arguments of a parameterized (WinRT generic) type: `IVector<HSTRING>`. */
  readonly args: readonly TypeRef[] | null;
  readonly loc: Loc;
}
export interface StructTypeSpec {
  readonly kind: "struct" | "union";
  readonly tag: Ident | null;
  /** An encapsulated union: `union U switch (long kind) arm { case 1: …; }`. Case labels become field attributes. */
  readonly switch: { readonly type: TypeSpec; readonly name: Ident; readonly arm: Ident | null } | null;
  /** Null for a reference to a tag (`struct tagFOO`) rather than a definition. */
  readonly fields: readonly Field[] | null;
  readonly loc: Loc;
}
export interface EnumTypeSpec {
  readonly kind: "enum";
  readonly tag: Ident | null;
  readonly members: readonly EnumMember[] | null;
  readonly loc: Loc;
}
export interface SafeArrayTypeSpec {
  readonly kind: "safearray";
  readonly element: TypeRef;
  readonly loc: Loc;
}
export type TypeSpec = BaseTypeSpec | NamedTypeSpec | StructTypeSpec | EnumTypeSpec | SafeArrayTypeSpec;

/** A type specifier with its qualifiers, and the pointer levels of an abstract declarator (for casts, SAFEARRAY). */
export interface TypeRef {
  readonly spec: TypeSpec;
  readonly isConst: boolean;
  readonly pointers: number;
  readonly loc: Loc;
}

/** One array dimension: `[8]` has a size, `[]` and `[*]` are conformant (size null). */
export interface ArrayDim {
  readonly size: Expr | null;
  readonly loc: Loc;
}

/** `* const * name[4][n]` — pointer levels (with their const-ness), the name and array dimensions. */
export interface Declarator {
  readonly name: Ident | null;
  readonly pointers: readonly { readonly isConst: boolean }[];
  readonly arrays: readonly ArrayDim[];
  /** Bit-field width (`int x : 3`). */
  readonly bits: Expr | null;
  /** Parameters when this declares a function (pointer) type: `HRESULT (*fn)(int a)`. */
  readonly params: readonly Param[] | null;
  /**
   * Pointer levels written inside the parentheses of `(*fn)(…)`: they apply to the function, while
   * `pointers` apply to its return type (`long *(*fn)(void)` returns `long*`).
   */
  readonly innerPointers?: readonly { readonly isConst: boolean }[];
  readonly loc: Loc;
}

export interface EnumMember {
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  readonly value: Expr | null;
  readonly loc: Loc;
}

export interface Field {
  readonly attributes: readonly Attribute[];
  readonly type: TypeSpec;
  readonly isConst: boolean;
  readonly declarators: readonly Declarator[];
  readonly loc: Loc;
}

export interface Param {
  readonly attributes: readonly Attribute[];
  readonly type: TypeSpec;
  readonly isConst: boolean;
  /** Null name for abstract parameters (`void`, `long*`). */
  readonly declarator: Declarator;
  readonly loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Declarations

/** A method of an interface, dispinterface or module: `[attrs] HRESULT Name([in] long a);`. */
export interface MethodDecl {
  readonly kind: "method";
  readonly attributes: readonly Attribute[];
  readonly returnType: TypeSpec;
  readonly returnConst: boolean;
  readonly returnPointers: number;
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly loc: Loc;
}

export interface ImportDecl {
  readonly kind: "import";
  readonly paths: readonly { readonly path: string; readonly loc: Loc }[];
  readonly loc: Loc;
}
export interface ImportLibDecl {
  readonly kind: "importlib";
  readonly path: string;
  readonly loc: Loc;
}
export interface CppQuoteDecl {
  readonly kind: "cpp_quote";
  readonly text: string;
  readonly loc: Loc;
}
export interface PragmaDecl {
  readonly kind: "pragma";
  readonly text: string;
  readonly loc: Loc;
}
export interface TypedefDecl {
  readonly kind: "typedef";
  readonly attributes: readonly Attribute[];
  readonly type: TypeSpec;
  readonly isConst: boolean;
  readonly declarators: readonly Declarator[];
  readonly loc: Loc;
}
/** `extern const FMTID FMTID_X;` — a constant defined elsewhere (in C code); it has no value here. */
export interface ExternDecl {
  readonly kind: "extern";
  readonly type: TypeSpec;
  readonly declarators: readonly Declarator[];
  readonly loc: Loc;
}
/** A standalone `struct X {…};`, `union U {…};` or `enum E {…};`. */
export interface TypeDecl {
  readonly kind: "typedecl";
  readonly attributes: readonly Attribute[];
  readonly type: StructTypeSpec | EnumTypeSpec;
  readonly loc: Loc;
}
export interface ConstDecl {
  readonly kind: "const";
  readonly type: TypeSpec;
  readonly pointers: number;
  readonly name: Ident;
  readonly value: Expr;
  readonly loc: Loc;
}
export interface InterfaceDecl {
  readonly kind: "interface";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  /** Type parameters of a WinRT parameterized interface: `IVector<T>`. */
  readonly typeParams: readonly Ident[] | null;
  readonly base: Ident | null;
  /** WinRT `requires I1, I2`: interfaces an implementation must also implement. */
  readonly requires: readonly NamedTypeSpec[];
  /** Null for a forward declaration `interface IFoo;`. */
  readonly members: readonly InterfaceMember[] | null;
  readonly loc: Loc;
}
export type InterfaceMember = MethodDecl | TypedefDecl | TypeDecl | ConstDecl | CppQuoteDecl | PragmaDecl | ImportDecl | ExternDecl;

export interface DispinterfaceDecl {
  readonly kind: "dispinterface";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  /** Null for a forward declaration. */
  readonly body:
    | { readonly form: "members"; readonly properties: readonly Field[]; readonly methods: readonly MethodDecl[] }
    | { readonly form: "interface"; readonly interface: Ident }
    | null;
  readonly loc: Loc;
}
export interface CoclassMember {
  readonly attributes: readonly Attribute[];
  readonly keyword: "interface" | "dispinterface";
  readonly name: Ident;
  readonly args: readonly TypeRef[] | null;
  readonly loc: Loc;
}
export interface CoclassDecl {
  readonly kind: "coclass";
  /** `runtimeclass` is WinRT's coclass: activated by name, no CLSID. */
  readonly keyword: "coclass" | "runtimeclass";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  readonly members: readonly CoclassMember[] | null;
  readonly loc: Loc;
}
export interface LibraryDecl {
  readonly kind: "library";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  readonly declarations: readonly Declaration[];
  readonly loc: Loc;
}
export interface ModuleDecl {
  readonly kind: "module";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  readonly members: readonly InterfaceMember[];
  readonly loc: Loc;
}

/** `namespace A.B { … }` (WinRT): its declarations are named `A.B.X`. */
export interface NamespaceDecl {
  readonly kind: "namespace";
  readonly name: Ident;
  readonly declarations: readonly Declaration[];
  readonly loc: Loc;
}
/** `delegate HRESULT Handler<T>([in] T arg);` (WinRT): an interface with one Invoke method. */
export interface DelegateDecl {
  readonly kind: "delegate";
  readonly attributes: readonly Attribute[];
  readonly returnType: TypeSpec;
  readonly name: Ident;
  readonly typeParams: readonly Ident[] | null;
  readonly params: readonly Param[];
  readonly loc: Loc;
}
/** `apicontract Name {}` (WinRT): a versioned contract that other declarations cite. */
export interface ApiContractDecl {
  readonly kind: "apicontract";
  readonly attributes: readonly Attribute[];
  readonly name: Ident;
  readonly loc: Loc;
}
/** `declare { interface IVector<HSTRING>; }` (widl): instantiations of parameterized interfaces. */
export interface DeclareDecl {
  readonly kind: "declare";
  readonly instances: readonly NamedTypeSpec[];
  readonly loc: Loc;
}

export type Declaration =
  | ImportDecl
  | ImportLibDecl
  | CppQuoteDecl
  | PragmaDecl
  | TypedefDecl
  | TypeDecl
  | ConstDecl
  | ExternDecl
  | InterfaceDecl
  | DispinterfaceDecl
  | CoclassDecl
  | LibraryDecl
  | ModuleDecl
  | MethodDecl
  | NamespaceDecl
  | DelegateDecl
  | ApiContractDecl
  | DeclareDecl;

/** The parsed content of one IDL file. */
export interface Document {
  readonly kind: "document";
  readonly declarations: readonly Declaration[];
}
