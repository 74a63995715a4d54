/**
 * The layout's fast path for long method signatures (src/emit/layout/signature.ts) prints what
 * prettier prints, and declines every shape it is not certain of (which the general printer, or
 * prettier, then lays out).
 */
import test from "ava";
import fc from "fast-check";
import { formatTypeScript } from "../src/emit/format.js";
import { layoutSignature } from "../src/emit/layout/signature.js";
import { ident } from "./helpers/names.js";

/** Parameter and return types as the templates write them, and a few the fast path must decline. */
const PLAIN_TYPES = ["string", "number", "VARIANT", "IHTMLWindow2 | null", "Ref<IUnknown | null>", "Ref<number>", "number[]", "string | number | null", "Map<string, number>", "readonly_t[][]"];
const OTHER_TYPES = ["(a: number) => void", "{ a: number }", '"literal"', "(string | number)[]", "typeof x"];

const memberArb = fc.record({
  accessor: fc.constantFrom("", "", "get ", "set "),
  name: fc.integer({ min: 1, max: 100 }),
  params: fc.array(
    fc.record({ name: fc.integer({ min: 1, max: 60 }), optional: fc.boolean(), type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PLAIN_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) }) }),
    { minLength: 0, maxLength: 7 },
  ),
  returns: fc.oneof(fc.constantFrom("", ": void", ": HRESULT | void", ": Ref<IUnknown | null>", ": number"), fc.integer({ min: 1, max: 12 }).map((n) => `: ${Array.from({ length: n }, (_, i) => ident(`Type${i}`, 12)).join(" | ")}`)),
  body: fc.boolean(),
  indentation: fc.constantFrom(2, 4),
});

type MemberSpec = typeof memberArb extends fc.Arbitrary<infer T> ? T : never;

function lineOf(m: MemberSpec): string {
  const params = m.params.map((p, i) => `${ident("p", p.name)}${i}${p.optional ? "?" : ""}: ${p.type}`).join(", ");
  return `${m.accessor}${ident("m", m.name)}(${params})${m.returns}${m.body ? " {" : ";"}`;
}

/** prettier's layout of the member `line`, inside a class (a body) or an interface (none), indented by `indentation`. */
async function prettierLayout(line: string, body: boolean, indentation: number): Promise<string> {
  const pad = " ".repeat(indentation - 2);
  const wrap = (text: string) => (indentation === 4 ? `namespace N {\n${text.replace(/^/gm, "  ")}\n}\n` : `${text}\n`);
  const member = body ? `${line}\n    throw new Error();\n  }` : line;
  const formatted = await formatTypeScript(wrap(`${body ? "declare class" : "interface"} X {\n  ${member}\n}`));
  const lines = formatted.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${pad}  `) && !l.startsWith(`${pad}   `));
  const end = body ? lines.findIndex((l, i) => i > start && l.startsWith(`${pad}    throw`)) : lines.findIndex((l, i) => i >= start && l.endsWith(";"));
  return lines.slice(start, end + (body ? 0 : 1)).join("\n");
}

test("long signatures: whatever the fast path answers is prettier's layout, and it answers the plain ones", async (t) => {
  t.timeout(5 * 60_000);
  let answered = 0;
  let plainTooLong = 0;
  const run = await fc.check(
    fc.asyncProperty(memberArb, async (m) => {
      const line = lineOf(m);
      if (m.indentation + line.length <= 120) return;
      const fast = layoutSignature(line, m.indentation);
      const plain = m.params.length > 0 && m.params.every((p) => PLAIN_TYPES.includes(p.type)) && m.accessor === "";
      if (plain) plainTooLong++;
      if (fast === undefined) return;
      answered++;
      const want = await prettierLayout(line, m.body, m.indentation);
      if (fast !== want) throw new Error(`fast path differs from prettier:\n${fast}\n--- prettier\n${want}`);
    }),
    { numRuns: 300, seed: 20261121 },
  );
  if (run.failed) t.fail(`${(run.errorInstance as Error | undefined)?.message}\ncounterexample: ${JSON.stringify(run.counterexample)}`);
  t.log(`answered ${answered}, plain too long ${plainTooLong}`);
  t.true(answered >= plainTooLong / 2, `the fast path answered ${answered} of ${plainTooLong} plain long signatures`);
});

test("declines what it cannot be sure of: function, object and literal types, no parameters, a closing line too long, unbalanced brackets, other spacing, non-ASCII", (t) => {
  const long = (params: string, rest = ": void;") => `${ident("m", 60)}(${params})${rest}`;
  const p = (type: string, n = 30) => `${ident("p", n)}: ${type}`;
  t.not(layoutSignature(long(`${p("string")}, ${p("number")}, ${p("VARIANT")}`), 2), undefined, "the plain shape");
  for (const line of [
    long(`${p("(a: number) => void")}, ${p("number")}, ${p("VARIANT")}`),
    long(`${p("{ a: number }")}, ${p("number")}, ${p("VARIANT")}`),
    long(`${p('"x"')}, ${p("number")}, ${p("VARIANT")}`),
    `${ident("m", 110)}(): ${ident("T", 20)} | ${ident("U", 20)};`,
    long(`${p("number")}, ${p("number")}`, `: ${Array.from({ length: 8 }, (_, i) => ident(`T${i}`, 16)).join(" | ")};`),
    long(`${p("Ref<number")}, ${p("number")}, ${p("VARIANT")}`),
    long(`${p("number")},${p("number")}, ${p("VARIANT")}`),
    long(`${p("number")}, ${p("number  | null")}, ${p("VARIANT")}`),
    long(`${p("número")}, ${p("number")}, ${p("VARIANT")}`),
    long(`${p(ident("T", 130))}, ${p("number")}`),
    `override ${long(`${p("string")}, ${p("number")}, ${p("VARIANT")}`)}`,
    long(`${p("string")}, ${p("number")}, ${p("VARIANT")}`, ": void"),
  ]) {
    t.is(layoutSignature(line, 2), undefined, line);
  }
});
