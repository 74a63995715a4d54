import test from "ava";
import { diagnostics, nonEmptyLines, run, whereIs } from "./helpers.js";

/** Which branch `#if expr` takes, after `prelude` directives, plus any diagnostics. */
function branch(expr: string, prelude = ""): { taken: string; diagnostics: string[] } {
  const r = run(`${prelude}#if ${expr}\nyes\n#else\nno\n#endif\n`);
  return { taken: nonEmptyLines(r.text).join(","), diagnostics: diagnostics(r) };
}

const TRUE_EXPRESSIONS = [
  "1 + 2 * 3 == 7",
  "(1 + 2) * 3 == 9",
  "1 << 2 + 1 == 8",
  "10 - 4 - 3 == 3",
  "7 / 2 == 3 && -7 / 2 == -3 && -7 % 3 == -1",
  "-1 < 0",
  "~0 == -1",
  "!0 && !!5 == 1",
  "1 || 0 && 0",
  "(5 & 3) == 1 && (5 | 3) == 7 && (6 ^ 3) == 5",
  "5 & 3 == 3",
  "1 ? 2 : 0",
  "0 ? 0 : 2 ? 3 : 0",
  "(0, 1)",
  "3 > 2 > 0 && 2 >= 2 && 1 <= 1 && 1 != 2",
  "-1 > 0u",
  "0xFFFFFFFFFFFFFFFF == -1",
  "0x7FFFFFFFFFFFFFFF + 1 < 0",
  "(1 << 63) < 0 && 1 << 64 == 0 && -8 >> 1 == -4",
  "0x1F == 31 && 0X10 == 16 && 010 == 8 && 0 == 0 && 0b101 == 5",
  "10UL == 10 && 0x10L == 16 && 7ull == 7 && 1i64 == 1",
  "'A' == 65 && '\\n' == 10 && '\\x41' == 65 && '\\0' == 0 && '\\'' == 39 && L'a' == 97",
  "'\\377' < 0",
  "UNKNOWN == 0",
];

const FALSE_EXPRESSIONS = ["0", "(1 || 0) && 0", "0 ? 1 : 0", "UNKNOWN", "1 - 1", "-1 > 0", "1 == 2"];

test("#if evaluates C integer constant expressions", (t) => {
  for (const expr of TRUE_EXPRESSIONS) t.deepEqual(branch(expr), { taken: "yes", diagnostics: [] }, expr);
  for (const expr of FALSE_EXPRESSIONS) t.deepEqual(branch(expr), { taken: "no", diagnostics: [] }, expr);
});

test("defined X and defined(X), before and after macro expansion", (t) => {
  const prelude = "#define X\n#define ZERO 0\n#define HAS_X defined(X)\n#define HAS_Y defined Y\n#define IS_DEF(m) defined(m)\n";
  t.is(branch("defined X && defined(X) && defined ( ZERO ) && !defined(Y)", prelude).taken, "yes");
  t.is(branch("defined ZERO && ZERO", prelude).taken, "no");
  t.is(branch("HAS_X && !HAS_Y", prelude).taken, "yes", "a defined operand from a macro is not expanded");
  t.is(branch("IS_DEF(UNDEFINED_NAME)", prelude).taken, "no");
  t.is(branch("defined __FILE__").taken, "yes");
  t.deepEqual(branch("defined").diagnostics, ["MTS1006 error main.idl(1,5)-(1,12): 'defined' expects a macro name"]);
  t.deepEqual(branch("defined(X").diagnostics, ["MTS1006 error main.idl(1,13)-(1,14): missing ')' after 'defined'"]);
});

test("macros in #if are expanded", (t) => {
  const prelude = "#define VER 0x0600\n#define AT_LEAST(v) (VER >= (v))\n";
  t.is(branch("AT_LEAST(0x0501) && VER == 1536", prelude).taken, "yes");
  t.is(branch("AT_LEAST(0x0700)", prelude).taken, "no");
});

test("division by zero is MTS1006 only where evaluated", (t) => {
  t.deepEqual(branch("1 / 0"), { taken: "no", diagnostics: ["MTS1006 error main.idl(1,7)-(1,8): division by zero in preprocessor expression"] });
  t.deepEqual(branch("2 % (1 - 1)").diagnostics, ["MTS1006 error main.idl(1,7)-(1,8): division by zero in preprocessor expression"]);
  const unevaluated: [string, string][] = [["0 && 1 / 0", "no"], ["1 || 1 / 0", "yes"], ["0 ? 1 / 0 : 1", "yes"], ["1 ? 0 : 1 % 0", "no"]];
  for (const [expr, taken] of unevaluated) t.deepEqual(branch(expr), { taken, diagnostics: [] }, expr);
});

test("invalid expressions are MTS1006 and count as false", (t) => {
  const cases: [string, string][] = [
    ["", "MTS1006 error main.idl(1,2)-(1,4): '#if' with no expression"],
    ["1 +", "MTS1006 error main.idl(1,7)-(1,8): expected an expression"],
    ["(1", "MTS1006 error main.idl(1,6)-(1,7): missing ')' in expression"],
    ["1 2", "MTS1006 error main.idl(1,7)-(1,8): unexpected '2' in expression"],
    ["1 ? 2", "MTS1006 error main.idl(1,9)-(1,10): expected ':' in conditional expression"],
    ["1.5", "MTS1006 error main.idl(1,5)-(1,8): floating-point constant '1.5' in preprocessor expression"],
    ["09", "MTS1006 error main.idl(1,5)-(1,7): invalid digit in octal constant '09'"],
    ["12abc", "MTS1006 error main.idl(1,5)-(1,10): invalid integer constant '12abc'"],
    ['"s"', "MTS1006 error main.idl(1,5)-(1,8): string literal in preprocessor expression"],
    ["1 = 1", "MTS1006 error main.idl(1,7)-(1,8): unexpected '=' in expression"],
    ["UNDEFINED_FUNCTION(1)", "MTS1006 error main.idl(1,23)-(1,24): unexpected '(' in expression"],
    ["99999999999999999999", "MTS1006 error main.idl(1,5)-(1,25): integer constant '99999999999999999999' is too large"],
  ];
  for (const [expr, message] of cases) t.deepEqual(branch(expr), { taken: "no", diagnostics: [message] }, expr);
});

test("#elif/#else chains take the first true branch only", (t) => {
  const chain = (value: string): string =>
    nonEmptyLines(run(`#define X ${value}\n#if X == 1\none\n#elif X == 2\ntwo\n#elif X >= 2\nmany\n#else\nnone\n#endif\n`).text).join(",");
  t.is(chain("1"), "one");
  t.is(chain("2"), "two");
  t.is(chain("5"), "many");
  t.is(chain("0"), "none");
  const r = run("#if 1\nyes\n#elif 1 / 0\nno\n#else\nno\n#endif\n");
  t.deepEqual(r.diagnostics, [], "#elif after a taken branch is not evaluated");
});

test("#ifdef and #ifndef", (t) => {
  const r = run("#define D\n#ifdef D\na\n#endif\n#ifndef D\nb\n#endif\n#ifdef U\nc\n#endif\n#ifndef U\nd\n#endif\n");
  t.deepEqual(nonEmptyLines(r.text), ["a", "d"]);
  const bad = run("#ifdef\n#endif\n#ifndef 3\n#endif\n#ifdef A B\n#endif junk\n");
  t.deepEqual(diagnostics(bad), [
    "MTS1011 error main.idl(1,1)-(1,7): '#ifdef' expects a macro name",
    "MTS1011 error main.idl(3,9)-(3,10): macro names must be identifiers",
    "MTS1011 warning main.idl(5,10)-(5,11): extra tokens at end of '#ifdef' directive",
    "MTS1011 warning main.idl(6,8)-(6,12): extra tokens at end of '#endif' directive",
  ]);
});

test("nested conditionals", (t) => {
  const text = [
    "#if 1",
    "  #if 0",
    "    a",
    "  #elif 1",
    "    b",
    "    #ifdef NOPE",
    "      c",
    "    #else",
    "      d",
    "    #endif",
    "  #endif",
    "#else",
    "  #if 1",
    "    e",
    "  #endif",
    "#endif",
    "",
  ].join("\n");
  const r = run(text);
  t.deepEqual(nonEmptyLines(r.text), ["    b", "      d"]);
  t.is(whereIs(r, "d"), "main.idl(9,7)");
  t.is(r.text.split("\n").length, text.split("\n").length);
});

test("skipped groups ignore unknown directives, bad expressions and other junk", (t) => {
  const text = [
    "#if 0",
    "#import junk",
    "#bogus (",
    "#error not reported",
    "#warning not reported",
    '#include "missing.h"',
    "#define X 1",
    "#if 1 / 0 +",
    "#elif ((",
    "#else junk",
    "#endif junk",
    "#elif 0",
    "it's prose ' with \" stray quotes",
    "/* a comment with #endif inside",
    "#endif */",
    "#else",
    "X",
    "#endif",
    "",
  ].join("\n");
  const r = run(text);
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(nonEmptyLines(r.text), ["X"]);
  t.is(r.text.split("\n").length, text.split("\n").length, "skipped lines stay as empty lines");
});

test("an unterminated #if is MTS1004 at the #if, and the output has what was read", (t) => {
  const r = run("before\n#if 1\ninside\n  #ifdef X\n");
  t.deepEqual(diagnostics(r), [
    "MTS1004 error main.idl(2,1)-(2,4): '#if' without matching '#endif'",
    "MTS1004 error main.idl(4,3)-(4,9): '#ifdef' without matching '#endif'",
  ]);
  t.is(r.text, "before\n\ninside\n\n");
});

test("stray #endif, #else and #elif are MTS1005; #elif after #else is MTS1011", (t) => {
  const r = run("#endif\n#else\n#elif 1\nx\n#if 1\n#else\n#elif 1\n#else\n#endif\n");
  t.deepEqual(diagnostics(r), [
    "MTS1005 error main.idl(1,1)-(1,7): '#endif' without '#if'",
    "MTS1005 error main.idl(2,1)-(2,6): '#else' without '#if'",
    "MTS1005 error main.idl(3,1)-(3,6): '#elif' without '#if'",
    "MTS1011 error main.idl(7,1)-(7,6): '#elif' after '#else'",
    "MTS1011 error main.idl(8,1)-(8,6): '#else' after '#else'",
  ]);
  t.deepEqual(nonEmptyLines(r.text), ["x"]);
});

test("comments and continuations inside conditional directives", (t) => {
  const r = run("#if 1 /* spans\n   lines */ + 1 == 2 // trailing\nyes\n#endif\n#if 1 + \\\n  1 == 3\nno\n#endif\n");
  t.deepEqual(nonEmptyLines(r.text), ["yes"]);
  t.is(whereIs(r, "yes"), "main.idl(3,1)");
  t.deepEqual(r.diagnostics, []);
});
