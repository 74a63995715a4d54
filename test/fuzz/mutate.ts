/**
 * Mutations of valid IDL for the fuzz suite: token deletion, duplication and swap, truncation,
 * random bytes, unbalanced brackets and quotes, deep nesting — each as a fast-check arbitrary, so
 * runs are seeded, reproducible and shrink to a small failing input.
 */
import fc from "fast-check";

/** Splits text into rough tokens (words, literals, punctuation, white space) that mutations move around. */
export function roughTokens(text: string): string[] {
  return text.match(/"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_$][\w$]*|0[xX][0-9a-fA-F]+|\d+|\s+|./g) ?? [];
}

const NASTY = ["(", ")", "[", "]", "{", "}", '"', "'", "/*", "*/", "//", "#", "#if 1", "#endif", "\\\n", "\u0000", "\ufffd", "\u2028", ";", ",", "<", ">", "::", ".", "...", "0x", "1e9999", "interface", "coclass", "library", "[uuid(", "typedef", "import \"", "cpp_quote(", "__proto__", "constructor"];

/** One mutation of a token list; returns the new text. */
export const mutation = (tokens: readonly string[]): fc.Arbitrary<string> => {
  const n = Math.max(1, tokens.length);
  const at = fc.nat({ max: n - 1 });
  const join = (list: readonly string[]) => list.join("");
  return fc.oneof(
    // delete a run of tokens
    fc.tuple(at, fc.integer({ min: 1, max: 8 })).map(([i, len]) => join([...tokens.slice(0, i), ...tokens.slice(i + len)])),
    // duplicate a run
    fc.tuple(at, fc.integer({ min: 1, max: 8 })).map(([i, len]) => join([...tokens.slice(0, i + len), ...tokens.slice(i, i + len), ...tokens.slice(i + len)])),
    // swap two tokens
    fc.tuple(at, at).map(([i, j]) => {
      const copy = [...tokens];
      [copy[i], copy[j]] = [copy[j] ?? "", copy[i] ?? ""];
      return join(copy);
    }),
    // truncate anywhere (mid-token included)
    fc.nat({ max: Math.max(0, join(tokens).length) }).map((cut) => join(tokens).slice(0, cut)),
    // insert something nasty
    fc.tuple(at, fc.constantFrom(...NASTY)).map(([i, s]) => join([...tokens.slice(0, i), s, ...tokens.slice(i)])),
    // insert random characters, control and non-ASCII included
    fc.tuple(at, fc.string({ unit: "binary", maxLength: 12 })).map(([i, s]) => join([...tokens.slice(0, i), s, ...tokens.slice(i)])),
    // deep nesting of one bracket kind somewhere
    fc.tuple(at, fc.constantFrom("(", "[", "{"), fc.integer({ min: 50, max: 400 })).map(([i, b, depth]) => join([...tokens.slice(0, i), b.repeat(depth), ...tokens.slice(i)])),
    // long chains the parser recurses on without brackets: unary operators, casts, conditionals, pointers
    fc.tuple(at, fc.constantFrom("-", "~ ", "(long)", "1 ? 2 : ", "*", "-("), fc.integer({ min: 50, max: 400 })).map(([i, c, n]) => join([...tokens.slice(0, i), c.repeat(n), ...tokens.slice(i)])),
  );
};

/** Several mutations in a row. */
export const mutated = (text: string): fc.Arbitrary<string> =>
  fc.integer({ min: 1, max: 3 }).chain((k) => {
    let arb: fc.Arbitrary<string> = fc.constant(text);
    for (let i = 0; i < k; i++) arb = arb.chain((t) => mutation(roughTokens(t)));
    return arb;
  });
