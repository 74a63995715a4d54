import test from "ava";
import { ComError, E_INVALIDARG, Guid, GUID_NULL, IID_NULL, IID_IUnknown } from "../../src/runtime/index.js";
import { throwsHr } from "./assert-hr.js";

const TEXT = "{E3A3B1D9-5675-43C0-BF04-37BE11939FB7}";

test("parse accepts braces or none, any case, and formats like StringFromGUID2", (t) => {
  for (const input of [TEXT, TEXT.slice(1, -1), TEXT.toLowerCase(), "e3a3b1d9-5675-43c0-bf04-37BE11939fb7"]) {
    const g = Guid.parse(input);
    t.is(g.toString(), TEXT, input);
    t.is(String(g), TEXT);
    t.is(JSON.stringify({ g }), `{"g":"${TEXT}"}`);
  }
});

test("parse rejects malformed text with E_INVALIDARG, tryParse returns undefined", (t) => {
  const bad = [
    "", "{}", "E3A3B1D9567543C0BF0437BE11939FB7", "{E3A3B1D9-5675-43C0-BF04-37BE11939FB7", "E3A3B1D9-5675-43C0-BF04-37BE11939FB7}",
    "{E3A3B1D9-5675-43C0-BF04-37BE11939FB}", "{G3A3B1D9-5675-43C0-BF04-37BE11939FB7}", " {E3A3B1D9-5675-43C0-BF04-37BE11939FB7}",
    "{E3A3B1D9-5675-43C0-BF04-37BE11939FB77}", "{{E3A3B1D9-5675-43C0-BF04-37BE11939FB7}}",
  ];
  for (const text of bad) {
    t.is(Guid.tryParse(text), undefined, text);
    const error = throwsHr(t, () => Guid.parse(text), E_INVALIDARG, text);
    t.true(error instanceof ComError);
  }
});

test("equals and key are value-based; distinct objects, same GUID", (t) => {
  const a = Guid.parse(TEXT);
  const b = Guid.parse(TEXT.toLowerCase());
  t.not(a, b);
  t.true(a.equals(b));
  t.is(a.key, b.key);
  t.false(a.equals(IID_IUnknown));
  t.false(a.equals(null));
  const map = new Map([[a.key, 1]]);
  t.is(map.get(b.key), 1);
});

test("compare is a total order consistent with equals (Data1, Data2, Data3, Data4 unsigned)", (t) => {
  const texts = [
    "{00000000-0000-0000-0000-000000000001}", "{00000000-0000-0000-0000-000000000000}", "{FFFFFFFF-0000-0000-0000-000000000000}",
    "{00000001-0000-0000-0000-000000000000}", "{00000000-0001-0000-0000-000000000000}", "{00000000-0000-0000-C000-000000000046}",
    "{80000000-0000-0000-0000-000000000000}",
  ];
  const sorted = texts.map((x) => Guid.parse(x)).sort((x, y) => x.compare(y)).map(String);
  t.deepEqual(sorted, [
    "{00000000-0000-0000-0000-000000000000}", "{00000000-0000-0000-0000-000000000001}", "{00000000-0000-0000-C000-000000000046}",
    "{00000000-0001-0000-0000-000000000000}", "{00000001-0000-0000-0000-000000000000}", "{80000000-0000-0000-0000-000000000000}",
    "{FFFFFFFF-0000-0000-0000-000000000000}",
  ]);
  const g = Guid.parse(TEXT);
  t.is(g.compare(Guid.parse(TEXT.toLowerCase())), 0);
  t.is(Math.sign(g.compare(GUID_NULL)), -Math.sign(GUID_NULL.compare(g)));
});

test("create makes random version-4 GUIDs", (t) => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const g = Guid.create();
    t.regex(g.toString(), /^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
    seen.add(g.key);
  }
  t.is(seen.size, 200);
});

test("GUIDs are immutable; IID_NULL is the null GUID", (t) => {
  const g = Guid.parse(TEXT);
  t.true(Object.isFrozen(g));
  t.throws(() => {
    (g as unknown as Record<string, unknown>)["key"] = "x";
  });
  t.is(g.toString(), TEXT);
  t.is(IID_NULL, GUID_NULL);
  t.true(IID_NULL.isNull);
  t.false(g.isNull);
  t.is(IID_NULL.toString(), "{00000000-0000-0000-0000-000000000000}");
});
