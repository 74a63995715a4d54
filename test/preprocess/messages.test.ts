import test from "ava";
import { diagnostics, run } from "./helpers.js";

test("#error and #warning report the rest of the line with their severity", (t) => {
  const r = run("#error Unsupported platform: x64\n  #warning   \"check\" this  \n#error\n#warning long \\\n  message\nafter\n");
  t.deepEqual(diagnostics(r), [
    "MTS1002 error main.idl(1,1)-(1,33): Unsupported platform: x64",
    'MTS1003 warning main.idl(2,3)-(2,28): "check" this',
    "MTS1002 error main.idl(3,1)-(3,7): #error",
    "MTS1003 warning main.idl(4,1)-(5,10): long   message",
  ]);
  t.is(r.text, "\n\n\n\n\nafter\n");
});

test("#error in a skipped group is not reported", (t) => {
  const r = run("#ifdef NOPE\n#error no\n#endif\n");
  t.deepEqual(r.diagnostics, []);
});

test("#line is checked and otherwise ignored: locations stay physical", (t) => {
  const r = run('#line 100 "other.idl"\nx\n#line 7\n# 33 "gen.idl" 2\n#line abc\n#line 5 six\n#define L 12\n#line L\n');
  t.deepEqual(diagnostics(r), [
    "MTS1011 error main.idl(5,7)-(5,10): '#line' expects a line number",
    "MTS1011 error main.idl(6,9)-(6,12): invalid file name in '#line'",
  ]);
  t.is(r.text, "\nx\n\n\n\n\n\n\n");
  t.is(r.map.locate(1).file.path, "main.idl");
  t.is(r.map.locate(1).file.positionAt(r.map.locate(1).offset).line, 2);
});

test("a lone # is a null directive", (t) => {
  const r = run("#\n  #  \nx\n");
  t.deepEqual(r.diagnostics, []);
  t.is(r.text, "\n\nx\n");
});

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test("arbitrary input never throws and always yields a usable map", (t) => {
  const pieces = [
    "#", "define ", "if ", "elif ", "else", "endif", "include ", "undef ", "ifdef ", "pragma ", "error ", "line ",
    "F", "G", "X", "(", ")", ",", "##", "...", "__VA_ARGS__", " ", "\n", "\r\n", "\r", "\\\n", "\\", '"', "'",
    "/*", "*/", "//", "1", "0x", "/", "<", ">", "defined", "a.h", "!", "?", ":", "-",
  ];
  const next = random(20240601);
  for (let round = 0; round < 1500; round++) {
    const parts: string[] = [];
    const count = 1 + Math.floor(next() * 40);
    for (let k = 0; k < count; k++) parts.push(pieces[Math.floor(next() * pieces.length)]!);
    const text = parts.join("");
    const files = { "a.h": text.slice(0, Math.floor(text.length / 2)) };
    const r = run(text, files, { defines: new Map([["F(x)", "x x"], ["G", "F(G)"]]) });
    t.is(typeof r.text, "string");
    for (let k = 0; k <= r.text.length; k++) {
      const { file, offset } = r.map.locate(k);
      if (offset < 0 || offset > file.text.length) t.fail(`offset ${offset} out of range for ${JSON.stringify(text)}`);
    }
  }
  t.pass();
});
