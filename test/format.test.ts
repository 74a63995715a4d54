/**
 * Formatting in pieces (top-level statements, spread over worker threads) gives exactly prettier's
 * formatting of the whole text, and falls back to the whole text when a cut lands inside a construct.
 */
import test from "ava";
import { compile } from "../src/compiler/compile.js";
import { formatAll, formatTypeScript, splitStatements } from "../src/emit/format.js";

const unformatted = (async () => {
  const r = await compile({ inputs: ["idl/msgrpriv.idl", "test/fixtures/hostile/hostile.idl"], outDir: "scratch/format", format: false, verify: false, cacheDir: false });
  return r.files.map((f) => f.contents);
})();

test("generated modules are cut into several pieces, and the pieces join back to the text", async (t) => {
  for (const text of await unformatted) {
    const pieces = splitStatements(text);
    t.is(pieces.join(""), text);
    if (text.length > 100_000) t.true(pieces.length > 1, "a big module is cut");
  }
});

test("formatting in pieces is byte-identical to formatting the whole text", async (t) => {
  const texts = await unformatted;
  // Repeated so that there are enough pieces for worker threads, not only the in-process path.
  const many = [...texts, ...texts, ...texts, ...texts];
  const whole = await Promise.all(many.map((x) => formatTypeScript(x)));
  t.deepEqual(await formatAll(many), whole);
  t.deepEqual(await formatAll(texts.slice(0, 1)), whole.slice(0, 1), "in-process path");
});

test("a cut inside a multi-line string falls back to formatting the whole text", async (t) => {
  const filler = Array.from({ length: 2000 }, (_, i) => `export const a${i} = ${i};`).join("\n");
  const text = `${filler}\n\nexport const s = \`${"x".repeat(40_000)}\n\nexport const notCode = 1;\n\`;\n\n${filler.replaceAll("a", "b")}\n`;
  const pieces = splitStatements(text);
  t.true(pieces.some((p) => p.startsWith("\nexport const notCode")), "one cut lands inside the string");
  await t.throwsAsync(formatTypeScript(pieces.find((p) => p.startsWith("\nexport const notCode"))!), undefined, "that piece alone does not parse");
  t.deepEqual(await formatAll([text]), [await formatTypeScript(text)]);
});
