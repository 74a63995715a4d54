/**
 * The flat `#each` (src/emit/flat-each.ts) renders what handlebars' own `#each` renders, for every
 * shape a template can give it, and its result over an array is one flat string, not a rope.
 */
import test from "ava";
import fc from "fast-check";
import Handlebars from "handlebars";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { registerFlatEach } from "../src/emit/flat-each.js";
import { TEMPLATE_OPTIONS } from "../src/emit/templates-precompiled.js";

function environments(): { builtIn: typeof Handlebars; flat: typeof Handlebars } {
  const builtIn = Handlebars.create();
  const flat = Handlebars.create();
  registerFlatEach(flat);
  return { builtIn, flat };
}

const TEMPLATES = [
  "{{#each items}}[{{this}}]{{/each}}",
  "{{#each items}}{{@index}}:{{@key}}:{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}={{this}};{{/each}}",
  "{{#each items}}{{this}}{{else}}empty{{/each}}",
  "{{#each items as |item i|}}<{{i}}={{item}}>{{/each}}",
  "{{#each rows}}({{#each this}}{{@../index}}.{{@index}}={{this}} {{/each}}){{/each}}",
  "{{#each items}}{{#unless @last}}{{this}}, {{else}}{{this}}.{{/unless}}{{/each}}",
  "{{#each items}}{{@root.title}}{{this}}{{/each}}",
];

const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 99 }));

test("renders as handlebars' own #each: arrays (empty, sparse), nested, data frames, block params, else", (t) => {
  const { builtIn, flat } = environments();
  const sparse: unknown[] = ["a"];
  sparse[3] = "d";
  fc.assert(
    fc.property(
      fc.constantFrom(...TEMPLATES),
      fc.oneof(fc.array(value, { maxLength: 6 }), fc.constant(sparse)),
      fc.array(fc.array(value, { maxLength: 3 }), { maxLength: 3 }),
      fc.boolean(),
      (template, items, rows, strict) => {
        const options = strict ? TEMPLATE_OPTIONS : { noEscape: true };
        const data = { items, rows, title: "T" };
        t.is(flat.compile(template, options)(data), builtIn.compile(template, options)(data));
      },
    ),
    { numRuns: 400 },
  );
});

test("what is not an array goes to handlebars' own #each: objects, iterables, null, tracked ids", (t) => {
  const { builtIn, flat } = environments();
  const template = "{{#each items}}{{@key}}/{{@index}}={{this}}{{#if @last}}!{{/if}} {{else}}none{{/each}}";
  for (const items of [{ b: 1, a: 2 }, new Set(["x", "y"]), new Map([["k", "v"]]), null, undefined, "str", 0, {}]) {
    t.is(flat.compile(template)({ items }), builtIn.compile(template)({ items }), String(items));
  }
  // A compiler option handlebars' type declarations do not list.
  const tracked = { trackIds: true } as unknown as Parameters<typeof Handlebars.compile>[1];
  t.is(flat.compile(TEMPLATES[1]!, tracked)({ items: ["p", "q"] }), builtIn.compile(TEMPLATES[1]!, tracked)({ items: ["p", "q"] }));
});

test("an array's iterations come back as one flat string, where handlebars' own #each gives a rope", (t) => {
  // V8 tells a rope (a cons string) from a flat string only to code run with natives syntax: a
  // child process renders with each helper and prints the string's type.
  const flatEach = new URL("../src/emit/flat-each.js", import.meta.url).href;
  const script = `
    import Handlebars from "handlebars";
    import { registerFlatEach } from ${JSON.stringify(flatEach)};
    const items = Array.from({ length: 50 }, (_, i) => "item " + i);
    for (const flat of [false, true]) {
      const env = Handlebars.create();
      if (flat) registerFlatEach(env);
      const out = env.compile("{{#each items}}<{{this}}>{{/each}}")({ items });
      %DebugPrint(out);
    }`;
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
  t.is(r.status, 0, r.stderr);
  const types = [...r.stdout.matchAll(/type: (\w+)/g)].map((m) => m[1]!).filter((type) => type.endsWith("STRING_TYPE"));
  t.deepEqual(types.map((type) => type.startsWith("CONS_")), [true, false], r.stdout);
});
