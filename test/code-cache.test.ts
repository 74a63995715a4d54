/**
 * V8's code cache of a CommonJS script (src/code-cache.ts): used when intact and made for the same
 * source, ignored otherwise, and never a reason for a run to fail.
 */
import test from "ava";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCachedScript } from "../src/code-cache.js";

const SOURCE = `"use strict";\nconst { basename } = require("node:path");\nfunction square(x) { return x * x; }\nexports.answer = square(6) + 6;\nexports.name = basename(__filename);\n`;

function setup(source = SOURCE): { dir: string; file: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-code-cache-"));
  const file = join(dir, "script.cjs");
  writeFileSync(file, source);
  return { dir, file, cache: join(dir, "cache", "code.bin") };
}

test("a script runs as a CommonJS module; its code is cached, and the cache is used by the next load", (t) => {
  const { file, cache } = setup();
  const first = loadCachedScript<{ answer: number; name: string }>(file, cache);
  t.deepEqual({ ...first.exports }, { answer: 42, name: "script.cjs" });
  t.false(first.cacheUsed);
  t.true(first.save("partial"));
  const second = loadCachedScript<{ answer: number }>(file, cache);
  t.true(second.cacheUsed);
  t.is(second.exports.answer, 42);
  // A partial cache is replaced by a full one, and only then.
  const before = readFileSync(cache);
  t.false(second.save("partial"));
  t.deepEqual(readFileSync(cache), before);
  t.true(second.save("full"));
  const third = loadCachedScript(file, cache);
  t.true(third.cacheUsed);
  t.false(third.save("full"));
});

test("a damaged cache is not handed to V8: the script runs, and the next save replaces it", (t) => {
  const { file, cache } = setup();
  loadCachedScript(file, cache).save("full");
  const bytes = readFileSync(cache);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
  writeFileSync(cache, bytes);
  const damaged = loadCachedScript<{ answer: number }>(file, cache);
  t.false(damaged.cacheUsed);
  t.is(damaged.exports.answer, 42);
  t.true(damaged.save("full"));
  t.true(loadCachedScript(file, cache).cacheUsed);
  // Cut short, as by a crash while writing: the same.
  writeFileSync(cache, readFileSync(cache).subarray(0, 200));
  t.false(loadCachedScript(file, cache).cacheUsed);
});

test("a cache made for other source of the same length is not used (V8 itself checks only the length)", (t) => {
  const { file, cache } = setup();
  loadCachedScript(file, cache).save("full");
  const edited = SOURCE.replace("square(6) + 6", "square(5) + 6");
  t.is(edited.length, SOURCE.length);
  writeFileSync(file, edited);
  const r = loadCachedScript<{ answer: number }>(file, cache);
  t.false(r.cacheUsed);
  t.is(r.exports.answer, 31);
});

test("without a cache file nothing is read or written; a cache that cannot be written is only not written", (t) => {
  const { dir, file } = setup();
  const none = loadCachedScript<{ answer: number }>(file, undefined);
  t.false(none.cacheUsed);
  t.false(none.save("full"));
  t.is(none.exports.answer, 42);
  // Its directory would be a file: the save fails quietly.
  writeFileSync(join(dir, "blocked"), "");
  const blocked = loadCachedScript(file, join(dir, "blocked", "code.bin"));
  t.notThrows(() => t.false(blocked.save("full")));
  if (process.getuid?.() !== 0) {
    mkdirSync(join(dir, "ro"));
    chmodSync(join(dir, "ro"), 0o500);
    t.false(loadCachedScript(file, join(dir, "ro", "code.bin")).save("full"));
  }
  t.false(existsSync(join(dir, "ro", "code.bin")));
});
