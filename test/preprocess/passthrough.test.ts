import test from "ava";
import { SourceFile } from "../../src/diagnostics/index.js";
import { preprocess } from "../../src/preprocess/index.js";
import { diagnostics, memoryHost, run, where, whereIs } from "./helpers.js";

test("text with nothing to do is returned as-is with an identity map", (t) => {
  const text = 'import "oaidl.idl";\ninterface I : IUnknown { HRESULT F([in] int a); } // a # b\n';
  const file = new SourceFile("plain.idl", text);
  const host = memoryHost({});
  const r = preprocess(file, { host });
  t.is(r.text, text);
  t.is(r.map.segmentCount, 1);
  for (let k = 0; k <= text.length; k++) t.deepEqual(r.map.locate(k), { file, offset: k });
  t.deepEqual(r.map.locate(-5), { file, offset: 0 });
  t.deepEqual(r.map.locate(text.length + 10), { file, offset: text.length });
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(r.dependencies, []);
  t.deepEqual(host.reads, [], "the host is not asked for anything");
});

test("directive lines become empty lines and everything else maps 1:1", (t) => {
  const text = "int a;\n#define UNUSED\nint b;\n  #  ifdef UNUSED\nint c;\n#endif\n#\nint d;";
  const r = run(text);
  t.is(r.text, "int a;\n\nint b;\n\nint c;\n\n\nint d;");
  t.deepEqual(r.diagnostics, []);
  const lines = r.text.split("\n");
  let offset = 0;
  for (const [index, line] of lines.entries()) {
    for (let col = 0; col < line.length; col++) {
      const original = r.map.locate(offset + col);
      t.is(text[original.offset], line[col]);
      t.is(original.file.positionAt(original.offset).line, index + 1, "line structure is kept");
    }
    offset += line.length + 1;
  }
  t.is(whereIs(r, "int d"), "main.idl(8,1)");
});

test("a directive continued over several lines keeps all its line breaks", (t) => {
  const r = run("#define LONG 1 + \\\n  2 + \\\n  3\nLONG\nend\n");
  t.is(r.text, "\n\n\n1 + 2 + 3\nend\n");
  t.is(whereIs(r, "end"), "main.idl(5,1)");
});

test("CRLF line endings are kept and mapped", (t) => {
  const r = run("#define X 1\r\nX\r\n#if X\r\nyes\r\n#endif\r\nend");
  t.is(r.text, "\r\n1\r\n\r\nyes\r\n\r\nend");
  t.is(whereIs(r, "yes"), "main.idl(4,1)");
  t.is(whereIs(r, "end"), "main.idl(6,1)");
  t.deepEqual(r.diagnostics, []);
});

test("lone CR line endings are kept and mapped", (t) => {
  const r = run("#define X 1\rX\r#if X\ryes\r#else\rno\r#endif\rend");
  t.is(r.text, "\r1\r\ryes\r\r\r\rend");
  t.is(whereIs(r, "yes"), "main.idl(4,1)");
  t.is(whereIs(r, "end"), "main.idl(8,1)");
});

test("# inside comments and string literals is not a directive", (t) => {
  const text = [
    "int a; /* #define X 1",
    "#error not a directive",
    "*/",
    'const char* s = "#error /* // not a comment";',
    "// #error also not",
    "char c = '#';",
  ].join("\n");
  const r = run(text);
  t.is(r.text, text);
  t.deepEqual(r.diagnostics, []);
});

test("macros are not expanded inside literals or comments", (t) => {
  const r = run("#define A 1\n'A' \"A\" L\"A\" /* A */ // A\nA xA Ax A_ 1A\n");
  t.is(r.text, "\n'A' \"A\" L\"A\" /* A */ // A\n1 xA Ax A_ 1A\n");
});

test("a directive after a block comment on its line is still a directive", (t) => {
  const r = run("/* lead */ #define X 1\n/* spans\n lines */ #define Y 2\nX Y\n");
  t.is(r.text, "\n\n\n1 2\n");
});

test("#pragma lines are passed through unchanged and map 1:1", (t) => {
  const text = '#pragma midl_echo("#define X")\n#pragma pack(push, 4)\n  #pragma warning(disable: 2111)\n#pragma winrt ns_prefix\n';
  const r = run(text);
  t.is(r.text, text);
  for (let k = 0; k < text.length; k++) t.is(r.map.locate(k).offset, k);
  t.deepEqual(r.diagnostics, []);
});

test("#pragma inside a skipped group is dropped", (t) => {
  const r = run("#if 0\n#pragma pack(1)\n#endif\n#pragma pack(2)\n");
  t.is(r.text, "\n\n\n#pragma pack(2)\n");
});

test("import and cpp_quote are not directives and are left untouched", (t) => {
  const text = [
    'import "oaidl.idl";',
    "#define VERSION_VALUE 2",
    'cpp_quote("#define X 1 // not a comment /* nor this")',
    'cpp_quote("#include <windows.h>")',
    "[uuid(12345678-1234-1234-1234-123456789abc), version(VERSION_VALUE)]",
    "interface IThing : IUnknown { HRESULT Do([in] int x); }",
    "",
  ].join("\n");
  const r = run(text);
  t.is(
    r.text,
    text.replace("#define VERSION_VALUE 2", "").replace("version(VERSION_VALUE)", "version(2)"),
  );
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(r.dependencies, []);
  t.is(whereIs(r, 'cpp_quote("#include'), "main.idl(4,1)");
  t.is(whereIs(r, "version(2)"), "main.idl(5,46)");
  t.is(where(r, r.text.indexOf("version(2)") + 8), "main.idl(5,54)", "the expansion maps to the invocation");
});

test("an unterminated block comment at EOF is reported (with and without directives)", (t) => {
  const plain = run("x /* abc\nmore\n");
  t.deepEqual(diagnostics(plain), ["MTS1012 error main.idl(1,3)-(1,5): unterminated comment"]);
  t.is(plain.text, "x /* abc\nmore\n");
  const withMacro = run("#define X 1\nX /* abc\n");
  t.deepEqual(diagnostics(withMacro), ["MTS1012 error main.idl(2,3)-(2,5): unterminated comment"]);
  t.is(withMacro.text, "\n1 /* abc\n");
  const inDirective = run("#define X 1 /* never closed\nX\n");
  t.deepEqual(diagnostics(inDirective), ["MTS1012 error main.idl(1,13)-(1,15): unterminated comment"]);
});

test("an unterminated string literal is reported once, and ends at the line end", (t) => {
  const r = run('#define X 1\nx = "abc\nX\n');
  t.deepEqual(diagnostics(r), ["MTS1012 error main.idl(2,5)-(2,6): unterminated string literal"]);
  t.is(r.text, '\nx = "abc\n1\n');
  const fast = run("c = 'a\n");
  t.deepEqual(diagnostics(fast), ["MTS1012 error main.idl(1,5)-(1,6): unterminated character literal"]);
});

test("unknown directives are reported and blanked; #import is one", (t) => {
  const r = run('#import "x.idl"\n#include_next <y>\n#42x\nok\n');
  t.deepEqual(diagnostics(r), [
    "MTS1007 error main.idl(1,1)-(1,8): unknown directive '#import'",
    "MTS1007 error main.idl(2,1)-(2,14): unknown directive '#include_next'",
    "MTS1011 error main.idl(3,2)-(3,5): line marker expects a line number",
  ]);
  t.is(r.text, "\n\n\nok\n");
});
