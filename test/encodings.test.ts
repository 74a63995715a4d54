/**
 * Encodings and line endings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, CRLF and lone CR;
 * invalid bytes and NUL are located errors (test/fixtures/invalid/{invalid-utf8,nul-byte}.idl).
 */
import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { decodeSource } from "../src/compiler/host.js";
import { formatDiagnostic } from "../src/diagnostics/index.js";

const utf16be = (text: string) => {
  const b = Buffer.from(text, "utf16le");
  b.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
};

test("byte order marks select the decoding; a UTF-8 BOM is dropped", (t) => {
  t.is(decodeSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("typedef long A;")])), "typedef long A;");
  t.is(decodeSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("typedef long é;", "utf16le")])), "typedef long é;");
  t.is(decodeSource(utf16be("typedef long ü;")), "typedef long ü;");
  t.is(decodeSource(Buffer.from([0x61, 0xc3, 0x28])), "a\ufffd(");
});

test("UTF-16 files with CRLF and lone-CR line endings compile, and diagnostics land on the right line and column", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-enc-"));
  writeFileSync(join(dir, "le.idl"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("typedef long A;\r\ntypedef A B;\r\n", "utf16le")]));
  writeFileSync(join(dir, "be.idl"), utf16be("typedef long C;\r// comment\r  typedef Missing D;\r"));
  const ok = await compile({ inputs: ["le.idl"], outDir: "out", cwd: dir, verify: false, format: false });
  t.deepEqual(ok.diagnostics, []);
  t.regex(ok.files[0]!.contents, /export type B = A;/);
  const bad = await compile({ inputs: ["be.idl"], outDir: "out", cwd: dir, verify: false, format: false });
  t.deepEqual(bad.diagnostics.map((d) => formatDiagnostic(d)), [
    "be.idl(3,11): error MIDL2011: type 'Missing' is not declared\n3 |   typedef Missing D;\n  |           ^^^^^^^",
  ]);
});
