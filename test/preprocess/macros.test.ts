import test from "ava";
import { diagnostics, run, where, whereIs } from "./helpers.js";

/** Output of `text` with directive lines dropped, for checking expansions. */
function expand(text: string, defines?: ReadonlyMap<string, string>): string {
  const r = run(text, {}, defines ? { defines } : {});
  return r.text
    .split("\n")
    .filter((l) => l !== "")
    .join("\n");
}

test("object-like macros", (t) => {
  t.is(expand("#define N 10\nint a[N];"), "int a[10];");
  t.is(expand("#define EMPTY\na EMPTY b"), "a  b");
  t.is(expand("#define N 1\n#define N 2\nN"), "2", "the latest definition wins");
});

test("function-like macros", (t) => {
  t.is(expand("#define ADD(a, b) ((a) + (b))\nADD(1, 2)"), "((1) + (2))");
  t.is(expand("#define ID(x) x\nID((1, 2)) ID(x[3]) ID()"), "(1, 2) x[3] ", "parentheses group commas; an argument may be empty");
  t.is(expand("#define NONE() nothing\nNONE() NONE( )"), "nothing nothing");
  t.is(expand("#define F(x) <x>\nF; F (2) F\n(3)"), "F; <2> <3>", "a name without ( is left alone; ( may follow on the next line");
});

test("nested macros are expanded, arguments first", (t) => {
  t.is(expand("#define ONE 1\n#define TWO (ONE + ONE)\n#define SQ(x) ((x) * (x))\nSQ(TWO)"), "(((1 + 1)) * ((1 + 1)))");
  t.is(expand("#define F(x) G(x)\n#define G(y) [y]\nF(F(1))"), "[[1]]");
  t.is(expand("#define APPLY(m, x) m(x)\n#define TWICE(x) x x\nAPPLY(TWICE, hi)"), "hi hi");
  t.is(expand("#define F(x) x\n#define G F(\nG 7)"), "7", "an expansion can take its arguments from the text after it");
});

test("a macro is not expanded inside its own expansion (no loops)", (t) => {
  t.is(expand("#define foo foo + 1\nfoo"), "foo + 1");
  t.is(expand("#define A B\n#define B A\nA B"), "A B");
  t.is(expand("#define f(x) x + f(x)\nf(1)"), "1 + f(1)");
  t.is(expand("#define f(x) g(x)\n#define g(x) f(x)\nf(2)"), "f(2)");
  t.is(expand("#define LOOP(x) LOOP(x + 1)\nLOOP(LOOP(0))"), "LOOP(LOOP(0 + 1) + 1)");
});

test("# stringizes the argument as written", (t) => {
  t.is(expand('#define S(x) #x\nS(a  "b\\n"   c) S( spaced  out ) S() S(\'"\')'), '"a \\"b\\\\n\\" c" "spaced out" "" "\'\\"\'"');
  t.is(expand("#define S(x) #x\n#define X 42\nS(X)"), '"X"', "no expansion before #");
  t.is(expand("#define S(x) #x\n#define XS(x) S(x)\n#define X 42\nXS(X)"), '"42"');
});

test("## pastes tokens, with empty arguments as placemarkers", (t) => {
  t.is(expand("#define CAT(a, b) a ## b\nCAT(foo, bar) CAT(x, 1) CAT(, y) CAT(z, ) CAT(,)"), "foobar x1 y z ");
  t.is(expand("#define CAT(a, b) a ## b\n#define A 1\nCAT(A, B)"), "AB", "no expansion before ##");
  t.is(expand("#define CAT(a, b) a ## b\n#define AB done\nCAT(A, B)"), "done", "the pasted token is rescanned");
  t.is(expand("#define IID(name) IID_ ## name\nIID(IUnknown)"), "IID_IUnknown");
  t.is(expand("#define OP(a, b) a ## b\nOP(<, <)= OP(-, >)"), "<< = ->", "the result is not pasted into the next token either");
});

test("variadic macros", (t) => {
  t.is(expand('#define V(fmt, ...) f(fmt, __VA_ARGS__)\nV("x", 1, (2, 3))'), 'f("x", 1, (2, 3))');
  t.is(expand('#define V(fmt, ...) f(fmt, __VA_ARGS__)\nV("y")'), 'f("y",)');
  t.is(expand('#define G(fmt, ...) f(fmt, ## __VA_ARGS__)\nG("y") G("z", 1)'), 'f("y") f("z",1)', "GNU comma elision");
  t.is(expand("#define S(...) #__VA_ARGS__\nS(a, b,  c)"), '"a, b, c"');
  t.is(expand("#define N(args...) g(args)\nN(1, 2)"), "g(1, 2)", "GNU named variadic parameter");
});

test("#undef removes a macro", (t) => {
  t.is(expand("#define X 1\nX\n#undef X\nX\n#undef NEVER_DEFINED"), "1\nX");
});

test("wrong argument counts and unterminated argument lists are MTS1008 and leave the text alone", (t) => {
  const r = run("#define F(a, b) a b\nF(1)\nF(1, 2, 3)\n#define G(x) x\nG(1, 2) G()\n#define H(a, ...) a\nH()\n");
  t.deepEqual(diagnostics(r), [
    "MTS1008 error main.idl(2,1)-(2,2): 'F' expects 2 arguments, got 1",
    "MTS1008 error main.idl(3,1)-(3,2): 'F' expects 2 arguments, got 3",
    "MTS1008 error main.idl(5,1)-(5,2): 'G' expects 1 argument, got 2",
  ]);
  t.is(r.text, "\nF(1)\nF(1, 2, 3)\n\nG(1, 2) \n\n\n");
  const open = run("#define F(a) a\nF(1,\n  2\n#define X 9\nX\n");
  t.deepEqual(diagnostics(open), ["MTS1008 error main.idl(2,1)-(2,2): unterminated argument list invoking 'F'"]);
  t.is(open.text, "\nF(1,\n  2\n\n9\n", "the directive ends the argument list and is processed");
});

test("arguments spanning lines keep the following lines in place", (t) => {
  const r = run("#define F(a, b) a + b\nF(1,\n  2) after\nnext\n");
  t.is(r.text, "\n1 + 2\n after\nnext\n");
  t.is(whereIs(r, "next"), "main.idl(4,1)");
  t.is(whereIs(r, "after"), "main.idl(3,6)");
});

test("an expansion maps to the invocation site", (t) => {
  const r = run("#define VALUE (1 + 2)\n#define OUTER VALUE\nint x = VALUE;\n  int y = OUTER;\n#define F(a) [a]\nz = F(  q  );\n");
  const first = r.text.indexOf("(1 + 2)");
  for (let k = 0; k < "(1 + 2)".length; k++) t.is(where(r, first + k), "main.idl(3,9)");
  t.is(whereIs(r, "(1 + 2)", 1), "main.idl(4,11)");
  t.is(whereIs(r, "[q]"), "main.idl(6,5)");
  t.is(where(r, r.text.indexOf("[q]") + 1), "main.idl(6,5)", "arguments map to the invocation as well");
  t.is(whereIs(r, ";\n  int y"), "main.idl(3,14)", "text after an expansion maps 1:1 again");
});

test("expansions never paste into neighbouring tokens", (t) => {
  t.is(expand("#define NEG -1\nx = -NEG;"), "x = - -1;");
  t.is(expand("#define E\n#define P +\na-E-b +P+ c"), "a- -b + + + c");
  t.is(expand("#define CAT(a, b) a b\nCAT(x, y)CAT(1, 2)"), "x y 1 2");
});

test("a macro bomb ends quickly with MTS1010", (t) => {
  let text = "";
  for (let i = 0; i < 40; i++) text += `#define A${i} A${i + 1} A${i + 1}\n`;
  const started = Date.now();
  const r = run(`${text}x A0 y\n`);
  t.deepEqual(diagnostics(r), ["MTS1010 error main.idl(41,3)-(41,5): expansion of 'A0' exceeds 100000 macro replacements"]);
  t.is(r.text.trim(), "x A0 y", "the failed invocation is left as written");
  const nested = run(`#define D(x) x x\n${"D(".repeat(40)}1${")".repeat(40)}\n`);
  t.deepEqual(diagnostics(nested), ["MTS1010 error main.idl(2,1)-(2,2): expansion of 'D' exceeds 1000000 tokens"]);
  t.true(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
});

test("deeply nested macro arguments end with MTS1010, not a stack overflow", (t) => {
  const r = run(`#define F(x) x\n${"F(".repeat(5000)}1${")".repeat(5000)}\n`);
  t.deepEqual(diagnostics(r), ["MTS1010 error main.idl(2,1)-(2,2): expansion of 'F' nests macro calls in arguments more than 200 deep"]);
  t.is(run(`#define F(x) x\n${"F(".repeat(150)}1${")".repeat(150)}\n`).text, "\n1\n");
});

test("__LINE__ and __FILE__", (t) => {
  const r = run('a\n__LINE__ __FILE__\n#define WHERE __LINE__\nWHERE\n', {}, {}, "dir\\my file.idl");
  t.is(r.text, 'a\n2 "dir\\\\my file.idl"\n\n4\n');
});

test("an object-like macro expanded again gives what expanding it afresh gives", (t) => {
  // Repeats are answered from a memo (session.ts); each case is one where a stale answer differs.
  t.is(expand("#define BODY long a; long b;\nBODY\nBODY BODY"), "long a; long b;\nlong a; long b; long a; long b;");
  t.is(expand("#define A B\n#define B 1\nA\n#undef B\n#define B 2\nA\n#undef B\nA"), "1\n2\nB", "definitions of nested macros change between uses");
  t.is(expand("#define A B\nA\n#define B 3\nA"), "B\n3", "a name that becomes a macro after the first use");
  t.is(expand("#define F(x) x\n#define A F(B)\nA\n#define B 7\nA"), "B\n7", "a name in a nested macro's argument");
  t.is(expand("#define CAT a ## b\nCAT\n#define ab 5\nCAT"), "ab\n5", "a name made by pasting");
  t.is(expand("#define A x\nA\n#define Z 1\nA Z"), "x\nx 1", "a definition the expansion does not use");
  t.is(expand("#define F(x) [x]\n#define G F\nG G(1) G (2) G;"), "F [1] [2] F;", "an expansion ending in a function-like macro's name depends on what follows");
  t.is(expand("#define F(x) [x]\n#define G F(\nG 7) G 8)"), "[7] [8]", "an expansion taking its arguments from the text after it");
  t.is(expand("#define L __LINE__\nL\nL\n\nL"), "2\n3\n5", "__LINE__ depends on where");
  const r = run('#define NAME __FILE__\nNAME\n#include "inc.h"\nNAME\n', { "inc.h": "NAME\n" });
  t.deepEqual(r.text.split("\n").filter((l) => l !== ""), ['"main.idl"', '"inc.h"', '"main.idl"'], "__FILE__ depends on the file");
});

test("-D defines, including function-like ones and bad names", (t) => {
  const defines = new Map([
    ["DEBUG", "1"],
    ["TWICE(x)", "x*2"],
    ["EMPTY", ""],
    ["3BAD", "1"],
  ]);
  const r = run("DEBUG TWICE(3) [EMPTY]\n", {}, { defines });
  t.is(r.text, "1 3*2 []\n");
  t.deepEqual(diagnostics(r), ["MTS1011 error <command line>(1,1)-(1,5): macro names must be identifiers"]);
});

test("malformed #define is MTS1011 and defines nothing", (t) => {
  const r = run(
    "#define\n#define 123 x\n#define F(a, a) a\n#define G(x) #y\n#define H(x) ## x\n#define defined 1\n#define K(a b) a\n#define L(a\nF G H K L\n",
  );
  t.deepEqual(diagnostics(r), [
    "MTS1011 error main.idl(1,1)-(1,8): '#define' expects a macro name",
    "MTS1011 error main.idl(2,9)-(2,12): macro names must be identifiers",
    "MTS1011 error main.idl(3,14)-(3,15): duplicate macro parameter 'a'",
    "MTS1011 error main.idl(4,14)-(4,15): '#' is not followed by a macro parameter",
    "MTS1011 error main.idl(5,14)-(5,16): '##' cannot appear at either end of a macro expansion",
    "MTS1011 error main.idl(6,9)-(6,16): 'defined' cannot be used as a macro name",
    "MTS1011 error main.idl(7,13)-(7,14): expected ',' or ')' in macro parameter list",
    "MTS1011 error main.idl(8,10)-(8,11): missing ')' in macro parameter list",
  ]);
  t.is(r.text.trim(), "F G H K L");
});
