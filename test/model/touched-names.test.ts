/**
 * touchedNames: which names an edit can have changed the meaning of. Every case parses a file
 * before and after an edit and checks the exact set (or that the edit cannot be judged by name).
 */
import test from "ava";
import { SourceFile } from "../../src/diagnostics/index.js";
import { parseFile } from "../../src/parse/parse-file.js";
import { mentionsAny, touchedNames } from "../../src/model/touched-names.js";

const parse = (text: string) => {
  const parsed = parseFile(new SourceFile("x.idl", text), { defines: new Map(), includeDirs: [], host: { readFile: () => undefined } });
  if (parsed.diagnostics.length > 0) throw new Error(parsed.diagnostics[0]!.message);
  return parsed.document;
};

const touched = (before: string, after: string): string[] | undefined => {
  const found = touchedNames(parse(before), parse(after));
  return found && [...found.names].sort();
};

const BASE = `typedef struct tagS { long a; } S;
typedef S T;
typedef long U;
enum E { E_ONE = 1, E_TWO };
[object, uuid(00000001-2222-3333-4444-555555555555)] interface IThing : IUnknown { HRESULT Do([in] T t); }
`;

test("an appended declaration touches its own name only", (t) => {
  t.deepEqual(touched(BASE, `${BASE}typedef long ADDED;\n`), ["ADDED"]);
});

test("a removed declaration touches its name, and what mentions it", (t) => {
  t.deepEqual(touched(BASE, BASE.replace("typedef long U;\n", "")), ["U"]);
  t.deepEqual(touched(BASE, BASE.replace("typedef S T;\n", "")), ["IThing", "T"], "IThing's method takes a T");
});

test("a changed struct touches its name and tag, and to a fixpoint the declarations mentioning them", (t) => {
  t.deepEqual(touched(BASE, BASE.replace("long a;", "short a;")), ["IThing", "S", "T", "tagS"]);
});

test("a changed enum touches its name and its members", (t) => {
  t.deepEqual(touched(BASE, BASE.replace("E_ONE = 1", "E_ONE = 2")), ["E", "E_ONE", "E_TWO"]);
});

test("moving declarations down the file (comments, blank lines) touches nothing", (t) => {
  t.deepEqual(touched(BASE, `// a comment\n\n${BASE.replace("typedef S T;", "typedef   S\n  T;")}`), []);
});

test("inside an unchanged library, only the changed member is touched", (t) => {
  const lib = (body: string) => `[uuid(00000002-2222-3333-4444-555555555555)] library L { typedef long A; ${body} typedef long B; }\n`;
  t.deepEqual(touched(lib(""), lib("typedef short C;")), ["C"]);
  t.deepEqual(touched(lib(""), lib("").replace("library L", "library M")), ["A", "B"], "a renamed library touches all it declares");
});

test("an anonymous type named after its offset is touched when it moves", (t) => {
  const anon = "typedef struct { long x; } *PANON;\n";
  t.deepEqual(touched(anon, `typedef long FIRST;\n${anon}`), ["FIRST", "PANON"]);
  const named = "typedef struct { long x; } NAMED;\n";
  t.deepEqual(touched(named, `typedef long FIRST;\n${named}`), ["FIRST"], "a typedef's own name does not depend on where it is");
});

test("a new anonymous enum before another renumbers both: all their members are touched", (t) => {
  const second = "enum { B1 = 1 };\n";
  t.deepEqual(touched(second, `enum { A1 = 1 };\n${second}`), ["A1", "B1"]);
  t.deepEqual(touched(second, `${second}enum { C1 = 1 };\n`), ["B1", "C1"]);
});

test("declarations that only change order cannot be judged by name", (t) => {
  t.is(touched("typedef long A;\ntypedef short B;\n", "typedef short B;\ntypedef long A;\n"), undefined);
});

test("what the added or changed declarations write is listed too: their lookups are new", (t) => {
  const found = touchedNames(parse(BASE), parse(`${BASE}typedef struct tagN { T t; long n[E_TWO]; } N;\n`));
  t.deepEqual([...found!.written].sort(), ["E_TWO", "N", "T", "n", "t", "tagN"]);
  t.deepEqual([...found!.names].sort(), ["N", "tagN"]);
});

test("mentionsAny matches whole identifiers only", (t) => {
  const mentions = mentionsAny(new Set(["FOO", "BAR_2"]));
  t.true(mentions("typedef FOO X;"));
  t.true(mentions("[in] BAR_2 *p"));
  t.false(mentions("typedef FOOD X; typedef MYFOO Y; BAR_21"));
  t.false(mentionsAny(new Set())("FOO"));
});
