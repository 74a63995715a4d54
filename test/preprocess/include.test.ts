import test from "ava";
import { SourceFile } from "../../src/diagnostics/index.js";
import { preprocess } from "../../src/preprocess/index.js";
import { diagnostics, diskHost, memoryHost, nonEmptyLines, run, where, whereIs } from "./helpers.js";

test('#include "x" searches the including file\'s directory first, then includeDirs in order', (t) => {
  const files = {
    "src/x.h": "local_x\n",
    "inc1/x.h": "inc1_x\n",
    "inc1/y.h": "inc1_y\n",
    "inc2/y.h": "inc2_y\n",
    "inc2/z.h": "inc2_z\n",
  };
  const r = run('#include "x.h"\n#include "y.h"\n#include "z.h"\n', files, { includeDirs: ["inc1", "inc2"] }, "src/main.idl");
  t.deepEqual(nonEmptyLines(r.text), ["local_x", "inc1_y", "inc2_z"]);
  t.deepEqual(r.dependencies, ["src/x.h", "inc1/y.h", "inc2/z.h"]);
  t.deepEqual(r.diagnostics, []);
});

test("#include <x> searches only includeDirs", (t) => {
  const files = { "src/x.h": "local_x\n", "inc/x.h": "inc_x\n" };
  const r = run("#include <x.h>\n", files, { includeDirs: ["inc"] }, "src/main.idl");
  t.deepEqual(nonEmptyLines(r.text), ["inc_x"]);
  const none = run("#include <x.h>\n", files, {}, "src/main.idl");
  t.deepEqual(diagnostics(none), ["MTS1001 error src/main.idl(1,10)-(1,15): cannot find include file 'x.h'"]);
});

test("relative include paths are resolved and normalized", (t) => {
  const files = { "inc/sub/a.h": '#include "../b.h"\n', "inc/b.h": "b_here\n" };
  const r = run('#include "./sub/a.h"\n', files, { includeDirs: ["inc\\"] }, "src/main.idl");
  t.deepEqual(nonEmptyLines(r.text), ["b_here"]);
  t.deepEqual(r.dependencies, ["inc/sub/a.h", "inc/b.h"]);
});

test("a missing include is reported at the directive and processing goes on", (t) => {
  const r = run('first\n#include "nope.h"\nlast\n');
  t.deepEqual(diagnostics(r), ["MTS1001 error main.idl(2,10)-(2,18): cannot find include file 'nope.h'"]);
  t.is(r.text, "first\n\nlast\n");
});

test("the included text replaces the directive's line", (t) => {
  const r = run('before\n#include "a.h"\nafter\n', { "a.h": "in_a1\nin_a2" });
  t.is(r.text, "before\n\nin_a1\nin_a2\nafter\n", "a missing final line break is supplied");
});

test("included text maps back to its own file, line and column", (t) => {
  const files = {
    "lib/outer.h": '// outer\n#include "inner.h"\n  outer_text\n',
    "lib/inner.h": "#define IN 1\n\n    inner_text IN\n",
  };
  const r = run('main_1\n#include "lib/outer.h"\nmain_3\n', files);
  t.is(whereIs(r, "main_1"), "main.idl(1,1)");
  t.is(whereIs(r, "// outer"), "lib/outer.h(1,1)");
  t.is(whereIs(r, "inner_text"), "lib/inner.h(3,5)");
  t.is(where(r, r.text.indexOf("inner_text") + 4), "lib/inner.h(3,9)");
  t.is(where(r, r.text.indexOf("inner_text 1") + 11), "lib/inner.h(3,16)", "an expansion maps to the invocation in the file that has it");
  t.is(whereIs(r, "outer_text"), "lib/outer.h(3,3)");
  t.is(whereIs(r, "main_3"), "main.idl(3,1)");
  const located = r.map.locate(r.text.indexOf("inner_text"));
  t.is(located.file.text, files["lib/inner.h"]);
  t.is(located.file, r.map.locate(r.text.indexOf("inner_text") + 1).file, "one SourceFile per included file");
});

test("#include with a macro-expanded operand", (t) => {
  const files = { "x.h": "x_here\n", "inc/y.h": "y_here\n" };
  const r = run('#define HDR "x.h"\n#include HDR\n#define SYS <y.h>\n#include SYS\n', files, { includeDirs: ["inc"] });
  t.deepEqual(nonEmptyLines(r.text), ["x_here", "y_here"]);
  const bad = run("#define NUM 42\n#include NUM\n#include\n");
  t.deepEqual(diagnostics(bad), [
    `MTS1011 error main.idl(2,10)-(2,13): '#include' expects "FILENAME" or <FILENAME>`,
    `MTS1011 error main.idl(3,1)-(3,9): '#include' expects "FILENAME" or <FILENAME>`,
  ]);
});

test("a guarded file included again expands to nothing and is read once", (t) => {
  const files = { "g.h": "// guard\n#ifndef G_H\n#define G_H\nguarded_text\n#endif /* G_H */\n" };
  const host = memoryHost(files);
  const r = preprocess(new SourceFile("main.idl", '#include "g.h"\n#include "g.h"\n#include "g.h"\nend\n'), { host });
  t.is(r.text, "\n// guard\n\n\nguarded_text\n\n\n\nend\n");
  t.deepEqual(r.dependencies, ["g.h"]);
  t.deepEqual(host.reads, ["g.h"]);
  t.deepEqual(r.diagnostics, []);
});

test("#if !defined guards and #pragma once work too; unguarded files repeat", (t) => {
  const files = {
    "a.h": "#if !defined(A_H)\n#define A_H\na_text\n#endif\n",
    "b.h": "#pragma once\nb_text\n",
    "c.h": "c_text\n",
  };
  const r = run('#include "a.h"\n#include "b.h"\n#include "c.h"\n#include "a.h"\n#include "b.h"\n#include "c.h"\n', files);
  t.deepEqual(nonEmptyLines(r.text), ["a_text", "b_text", "c_text", "c_text"]);
  t.deepEqual(r.dependencies, ["a.h", "b.h", "c.h"]);
});

test("text outside the guard group makes a file unguarded", (t) => {
  const files = { "g.h": "#ifndef G_H\n#define G_H\n#endif\ntrailing\n" };
  const r = run('#include "g.h"\n#include "g.h"\n', files);
  t.deepEqual(nonEmptyLines(r.text), ["trailing", "trailing"]);
});

test("a cyclic include ends with MTS1009", (t) => {
  const files = { "a.h": 'a_text\n#include "b.h"\n', "b.h": 'b_text\n#include "a.h"\n' };
  const r = run('#include "a.h"\nend\n', files);
  t.deepEqual(diagnostics(r), ["MTS1009 error b.h(2,10)-(2,15): cyclic #include of 'a.h'"]);
  t.deepEqual(nonEmptyLines(r.text), ["a_text", "b_text", "end"]);
  const self = run('#include "main.idl"\nx\n', {}, {}, "main.idl");
  t.deepEqual(diagnostics(self), ["MTS1009 error main.idl(1,10)-(1,20): cyclic #include of 'main.idl'"]);
});

test("guarded mutual includes are not cycles", (t) => {
  const files = {
    "a.h": '#ifndef A_H\n#define A_H\n#include "b.h"\na_text\n#endif\n',
    "b.h": '#ifndef B_H\n#define B_H\n#include "a.h"\nb_text\n#endif\n',
  };
  const r = run('#include "a.h"\n#include "b.h"\n', files);
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(nonEmptyLines(r.text), ["b_text", "a_text"]);
});

test("include nesting deeper than maxIncludeDepth ends with MTS1009", (t) => {
  const chain = (n: number): Record<string, string> => {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`d${i}.h`] = `#include "d${i + 1}.h"\n`;
    files[`d${n}.h`] = "bottom\n";
    return files;
  };
  const small = run('#include "d0.h"\n', chain(5), { maxIncludeDepth: 3 });
  t.deepEqual(diagnostics(small), ["MTS1009 error d2.h(1,10)-(1,16): #include nested more than 3 levels deep"]);
  const deep = run('#include "d0.h"\n', chain(300));
  t.deepEqual(diagnostics(deep), ["MTS1009 error d199.h(1,10)-(1,18): #include nested more than 200 levels deep"]);
  const fits = run('#include "d0.h"\n', chain(199));
  t.deepEqual(fits.diagnostics, []);
  t.deepEqual(nonEmptyLines(fits.text), ["bottom"]);
  t.is(whereIs(fits, "bottom"), "d199.h(1,1)");
});

test("macros defined in an included file are visible afterwards, and conditionals do not leak", (t) => {
  const files = { "defs.h": "#define FROM_HEADER 7\n#if 1\nopen_if\n" };
  const r = run('#include "defs.h"\nFROM_HEADER\n#endif\n', files);
  t.deepEqual(diagnostics(r), [
    "MTS1004 error defs.h(2,1)-(2,4): '#if' without matching '#endif'",
    "MTS1005 error main.idl(3,1)-(3,7): '#endif' without '#if'",
  ]);
  t.deepEqual(nonEmptyLines(r.text), ["open_if", "7"]);
});

test("a realistic IDL tree on disk", (t) => {
  const dir = "test/preprocess/fixtures/realistic";
  const path = `${dir}/service.idl`;
  const r = preprocess(new SourceFile(path, diskHost.readFile(path)!), {
    host: diskHost,
    includeDirs: [`${dir}/sdk`],
    defines: new Map([["SERVICE_VERSION", "3"], ["_WIN64", "1"]]),
  });
  t.deepEqual(diagnostics(r), [`MTS1003 warning ${dir}/service.idl(9,1)-(9,52): building the 64-bit flavour of the service`]);
  t.deepEqual(r.dependencies, [`${dir}/sdk/basetypes.h`, `${dir}/sdk/winver.h`, `${dir}/service-common.h`]);
  t.deepEqual(nonEmptyLines(r.text), [
    "/* Service interface: a realistic mix of directives. */",
    "// Base types shared by every interface.",
    "typedef long HRESULT;",
    "typedef unsigned long DWORD;",
    'import "oaidl.idl";',
    'cpp_quote("#define SERVICE_HEADER_VERSION 3 // from the IDL")',
    "[",
    "    object,",
    "    uuid(6B29FC40-CA47-1067-B31D-00DD010662DA),",
    '    helpstring("Service v" "3"),',
    "    pointer_default(unique)",
    "]",
    "interface IService : IUnknown",
    "{",
    "    HRESULT Start([in] DWORD flags);",
    "    HRESULT Query([out, retval] __int64 *value);",
    "    HRESULT Stop();",
    "#pragma midl_echo(\"// stop is idempotent\")",
    "}",
  ]);
  t.is(whereIs(r, "typedef unsigned long DWORD"), `${dir}/sdk/basetypes.h(5,1)`);
  t.is(whereIs(r, "HRESULT Stop"), `${dir}/service.idl(26,5)`);
  t.is(whereIs(r, "__int64"), `${dir}/service.idl(25,5)`, "expansions map to the invocation, not the definition");
  t.is(whereIs(r, '"3"'), `${dir}/service.idl(15,28)`);
});
