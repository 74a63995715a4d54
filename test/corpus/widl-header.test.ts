/**
 * The pieces of the corpus comparison that need no corpus: the C expression evaluator, the widl
 * header reader on the forms widl 8.0 writes, and the known-differences bookkeeping.
 */
import test from "ava";
import { evaluateC, type CValue } from "./c-expr.js";
import { cppQuoteText } from "./cpp-quote-names.js";
import { subtractKnown } from "./known-differences.js";
import { parseWidlHeader, resolveHeaderValues } from "./widl-header.js";

const none = (): CValue | undefined => undefined;
const int = (text: string, lookup: (n: string) => CValue | undefined = none): bigint => {
  const v = evaluateC(text, lookup);
  if (v.type !== "int") throw new Error(`${text} is not an int`);
  return v.value;
};

test("evaluator: literals, operators, precedence and casts", (t) => {
  t.is(int("0x10 | 010 | 1"), 0x19n, "hex, octal, decimal");
  t.is(int("1 << 2 + 1"), 8n, "+ binds tighter than <<");
  t.is(int("-7 / 2"), -3n, "division truncates toward zero");
  t.is(int("~0 & 0xff"), 0xffn);
  t.is(int("(LONG)0x80000000"), 0x80000000n, "casts are accepted and ignored");
  t.is(int("(UINT64)(-1)"), -1n);
  t.is(int("((ULONG *)-1)"), -1n);
  t.is(int("!0 + (2 > 1) + (1 ? 4 : 8)"), 6n);
  t.is(int("'A'"), 65n);
  t.is(int("10UL + 0x10u"), 26n);
  const x = (n: string): CValue | undefined => (n === "X" ? { type: "int", value: 5n } : undefined);
  t.is(int("(X)-1", x), 4n, "a parenthesised constant is not a cast");
  t.deepEqual(evaluateC('L"a\\tb" "c"', none), { type: "string", value: "a\tbc", wide: true });
  t.deepEqual(evaluateC("-16.0000000000000", none), { type: "float", value: -16 });
  t.throws(() => evaluateC("UNKNOWN + 1", none), { message: /unknown name 'UNKNOWN'/ });
  t.throws(() => evaluateC("1 / 0", none), { message: /division by zero/ });
});

const HEADER = `
#if defined(__cplusplus) && !defined(CINTERFACE)
#else
#endif
typedef enum tagCALLCONV {
    CC_MSCPASCAL = 2,
    CC_PASCAL = CC_MSCPASCAL,
    CC_FLAGS = (1 << 2) | OTHER_FLAG,
    CC_NEXT
} CALLCONV, *LPCALLCONV;
#ifdef __cplusplus
namespace ABI {
    enum Cxx {
        ONLY_IN_CXX = 1
    };
}
#else
enum __x_ABI_CCxx {
#if SOME_CONTRACT >= 0x10000
    ONLY_IN_C = 0x80000000
#endif
};
#endif
#define NAME_MAX (32)
#define WIDE_NAME (L"wide")
#define NOT_A_CONSTANT (UINT64)(-1)
#define IFoo_Method(This) (This)->lpVtbl->Method(This)
/*****************************************************************************
 * IBase interface
 */
#ifndef __IBase_INTERFACE_DEFINED__
#define __IBase_INTERFACE_DEFINED__

DEFINE_GUID(IID_IBase, 0x00000000, 0x0000, 0x0000, 0xc0,0x00, 0x00,0x00,0x00,0x00,0x00,0x46);
#if defined(__cplusplus) && !defined(CINTERFACE)
MIDL_INTERFACE("00000000-0000-0000-c000-000000000046")
IBase : public IUnknown
{
};
#else
typedef struct IBaseVtbl {
    BEGIN_INTERFACE

    /*** IUnknown methods ***/
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(
        IBase *This,
        REFIID riid,
        void **ppvObject);

    /*** IBase methods ***/
    D2D1_SIZE_F * (STDMETHODCALLTYPE *GetSize)(
        IBase *This,
        D2D1_SIZE_F *__ret);

    HRESULT (__stdcall *Draw)(
        IBase *This,
        BOOL (STDMETHODCALLTYPE *pfnContinue)(ULONG_PTR dwContinue),
        int n);

    END_INTERFACE
} IBaseVtbl;
#endif
typedef enum NESTED { NESTED_A = 1 } NESTED;
#define IN_INTERFACE (NAME_MAX * 2)
#endif  /* __IBase_INTERFACE_DEFINED__ */

/*****************************************************************************
 * IDerived interface
 */
#ifndef __IDerived_INTERFACE_DEFINED__
#define __IDerived_INTERFACE_DEFINED__
#if defined(__cplusplus) && !defined(CINTERFACE)
interface IDerived : public IBase
{
};
#else
typedef struct IDerivedVtbl {
    /*** IDerived methods ***/
    HRESULT (STDMETHODCALLTYPE *IDerived_Draw)(
        IDerived *This);
} IDerivedVtbl;
#endif
#endif  /* __IDerived_INTERFACE_DEFINED__ */

/*****************************************************************************
 * svcctl interface (v2.0)
 */
#ifndef __svcctl_INTERFACE_DEFINED__
#define __svcctl_INTERFACE_DEFINED__
extern RPC_IF_HANDLE svcctl_v2_0_c_ifspec;
#endif

#ifndef __Lib_LIBRARY_DEFINED__
#define __Lib_LIBRARY_DEFINED__

DEFINE_GUID(LIBID_Lib, 0x3050f1c5, 0x98b5, 0x11cf, 0xbb,0x82, 0x00,0xaa,0x00,0xbd,0xce,0x0b);

/*****************************************************************************
 * Thing coclass
 */

DEFINE_GUID(CLSID_Thing, 0x0002e005, 0x0000, 0x0000, 0xc0,0x00, 0x00,0x00,0x00,0x00,0x00,0x46);
#endif
`;

test("header reader: interfaces, vtables, bases, GUIDs", (t) => {
  const h = parseWidlHeader(HEADER);
  t.deepEqual(h.problems, []);
  const [base, derived, rpc] = h.interfaces;
  t.is(base?.iid, "00000000-0000-0000-c000-000000000046");
  t.is(base?.base, "IUnknown");
  t.deepEqual(base?.vtable?.map((m) => `${m.name}/${m.params}`), ["QueryInterface/2", "GetSize/0", "Draw/2"], "__ret and This are not parameters");
  t.is(derived?.base, "IBase");
  t.is(derived?.iid, null);
  t.deepEqual(derived?.vtable?.map((m) => [m.name, m.cName, m.declaredIn]), [["Draw", "IDerived_Draw", "IDerived"]]);
  t.like(rpc, { name: "svcctl", object: false, vtable: null });
  t.deepEqual(h.libraries.map((l) => [l.name, l.guid]), [["Lib", "3050f1c5-98b5-11cf-bb82-00aa00bdce0b"]]);
  t.deepEqual(h.coclasses.map((c) => [c.name, c.guid]), [["Thing", "0002e005-0000-0000-c000-000000000046"]]);
});

test("header reader: enums and constants, evaluated across headers", (t) => {
  const h = parseWidlHeader(HEADER);
  const other = parseWidlHeader("enum { OTHER_FLAG = 0x10 };\n");
  resolveHeaderValues([h, other]);
  t.deepEqual(h.problems, []);
  const members = h.enums.flatMap((e) => e.members.map((m) => [m.name, m.value]));
  t.deepEqual(members, [
    ["CC_MSCPASCAL", 2n], ["CC_PASCAL", 2n], ["CC_FLAGS", 0x14n], ["CC_NEXT", 0x15n], ["ONLY_IN_C", 0x80000000n], ["NESTED_A", 1n],
  ], "the C++-only copy is left out; members under #if count");
  t.deepEqual(h.enums[0]?.names, ["CALLCONV"]);
  t.deepEqual(h.constants.map((c) => [c.name, c.value]), [
    ["NAME_MAX", { type: "int", value: 32n }],
    ["WIDE_NAME", { type: "string", value: "wide", wide: true }],
    ["IN_INTERFACE", { type: "int", value: 64n }],
  ]);
});

test("header reader: what it cannot read is reported, never thrown", (t) => {
  const h = parseWidlHeader("enum {\n  A = ,\n};\n#define BAD (1 +)\n");
  resolveHeaderValues([h]);
  t.true(h.problems.length >= 2);
});

test("cpp_quote text is decoded", (t) => {
  t.is(cppQuoteText('cpp_quote("#define X \\"a\\"") import "x.idl"; cpp_quote("enum { Y };")'), '#define X "a"\nenum { Y };');
});

test("known differences: subtracted, and reported when stale in a compared file", (t) => {
  const d = { file: "a.idl", kind: "iid", name: "IA", ours: "x", widl: "y" } as const;
  const known = [
    { file: "a.idl", kind: "iid", name: "IA", reason: "r" },
    { file: "a.idl", kind: "iid", name: "IGone", reason: "r" },
    { file: "b.idl", kind: "iid", name: "IB", reason: "r" },
  ] as const;
  const { unexplained, stale } = subtractKnown([d, { ...d, name: "IC" }], new Set(["a.idl"]), known);
  t.deepEqual(unexplained.map((u) => u.name), ["IC"]);
  t.deepEqual(stale.map((s) => s.name), ["IGone"], "b.idl was not compared: not stale");
});
