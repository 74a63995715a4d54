import test from "ava";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { IToken, TokenType } from "chevrotain";
import { chevrotain } from "../../grammar/chevrotain.js";
import { deserializeGast, serializeGast, type GastNode } from "../../grammar/gast-table.js";
import { alternationDecision, followNames, readLookaheadTable, RecordedLookahead, sourceFingerprint, type LookaheadTable } from "../../grammar/lookahead.js";
import { grammarSource, MAX_LOOKAHEAD, midlParser, MidlParser } from "../../grammar/parser.js";
import { allTokens, AnyName, Identifier, Interface, midlLexer } from "../../grammar/tokens.js";

/** chevrotain's own parser: every lookahead computed at construction, as without the table. */
const reference = new MidlParser();

type Decision = (this: unknown, orAlts?: unknown[]) => unknown;
const decisions = (p: MidlParser): Map<number, Decision> => (p as unknown as { lookAheadFuncsCache: Map<number, Decision> }).lookAheadFuncsCache;

const token = (type: TokenType): IToken => ({ tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, image: type.name, startOffset: 0 }) as IToken;
/** A stand-in for the parser: what a decision function reads is the tokens ahead. */
const ahead = (tokens: readonly IToken[]) => ({ LA_FAST: (i: number): IToken => tokens[i - 1] ?? token(chevrotain.EOF) });

test("the package's parser takes every lookahead from the table built with it", (t) => {
  const strategy = (midlParser as unknown as { lookaheadStrategy: RecordedLookahead }).lookaheadStrategy;
  t.true(strategy instanceof RecordedLookahead);
  t.is(strategy.computed, 0, "productions chevrotain had to compute: the table does not match the grammar (run npm run build)");
  t.is(strategy.recorded, decisions(reference).size);
});

const rulesOf = (p: MidlParser) => p.getGAstProductions() as Record<string, unknown>;

test("the package's parser takes its grammar from the table: the very grammar chevrotain records", (t) => {
  t.true(midlParser.grammarFromTable, "the table was not recorded from this code (run npm run build)");
  t.false(reference.grammarFromTable);
  t.deepEqual(grammarSource(), { fingerprint: sourceFingerprint(MidlParser, allTokens, MAX_LOOKAHEAD), fromTable: true });
  // Same classes, same fields, same token objects, same rule references, in the same order.
  t.true(isDeepStrictEqual(rulesOf(midlParser), rulesOf(reference)));
  t.deepEqual(Object.keys(rulesOf(midlParser)), Object.keys(rulesOf(reference)));
  const written = serializeGast(Object.values(reference.getGAstProductions()));
  t.true(isDeepStrictEqual(deserializeGast(written, new Map(allTokens.map((x) => [x.name, x]))), rulesOf(reference)));
});

test("a table recorded from other code, or naming what the grammar lacks, is not taken: the parser records its grammar", (t) => {
  const table = readLookaheadTable()!;
  const tokens = new Map(allTokens.map((x) => [x.name, x]));
  const rename = (nodes: readonly GastNode[], from: string, to: string): GastNode[] => JSON.parse(JSON.stringify(nodes).replaceAll(`"${from}"`, `"${to}"`)) as GastNode[];
  const { gast: _, ...withoutGast } = table;
  const variants: [string, LookaheadTable][] = [
    ["other code", { ...table, sources: ["0".repeat(64)] }],
    ["no grammar kept", withoutGast],
    ["unknown token", { ...table, gast: rename(table.gast!, "Semicolon", "NoSuchToken") }],
    ["unknown rule", { ...table, gast: rename(table.gast!, "typeRef", "noSuchRule") }],
    ["unknown class", { ...table, gast: rename(table.gast!, "Option", "NoSuchProduction") }],
    ["a rule missing", { ...table, gast: table.gast!.slice(1) }],
  ];
  t.is(deserializeGast(variants[2]![1].gast!, tokens), undefined);
  for (const [why, variant] of variants) {
    const strategy = new RecordedLookahead(variant, allTokens, MAX_LOOKAHEAD);
    const parser = new MidlParser(strategy);
    t.false(parser.grammarFromTable, why);
    t.true(isDeepStrictEqual(rulesOf(parser), rulesOf(reference)), why);
    // The recording is the table's grammar: its lookahead is still used.
    t.is(strategy.computed, 0, why);
  }
  // A field chevrotain's GAST has never had cannot be written down.
  const odd = Object.assign(Object.create(Object.getPrototypeOf(Object.values(reference.getGAstProductions())[0])), { name: "x", _definition: [], extra: {} });
  t.throws(() => serializeGast([odd]), { message: /unknown GAST field extra/ });
});

test("every recorded decision chooses as chevrotain's does, for any tokens ahead", (t) => {
  const mine = decisions(midlParser);
  const theirs = decisions(reference);
  t.deepEqual([...mine.keys()].sort(), [...theirs.keys()].sort());
  const types = [...allTokens, chevrotain.EOF];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...types), { minLength: 0, maxLength: MAX_LOOKAHEAD + 1 }), (seq) => {
      const la = ahead(seq.map(token));
      for (const [k, f] of theirs) {
        // Alternations with gates are given no gates here (both then decide by tokens alone).
        if (mine.get(k)!.call(la, undefined) !== f.call(la, undefined)) return false;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
  // Every single token (and end of input) first, exhaustively.
  for (const first of types) {
    const la = ahead([token(first)]);
    for (const [k, f] of theirs) t.is(mine.get(k)!.call(la, undefined), f.call(la, undefined), `production ${k}, next token ${first.name}`);
  }
});

test("with gates open or closed at random, every recorded decision chooses as chevrotain's does", (t) => {
  const mine = decisions(midlParser);
  const theirs = decisions(reference);
  const types = [...allTokens, chevrotain.EOF];
  const gates = fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 16, maxLength: 16 });
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...types), { minLength: 0, maxLength: MAX_LOOKAHEAD + 1 }), gates, (seq, open) => {
      const la = ahead(seq.map(token));
      const orAlts = open.map((g): { GATE?: () => boolean; ALT: () => number } => (g === undefined ? { ALT: () => 0 } : { GATE: () => g, ALT: () => 0 }));
      for (const [k, f] of theirs) if (mine.get(k)!.call(la, orAlts) !== f.call(la, orAlts)) return false;
      return true;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test("gates are honoured in order: a closed gate skips its alternative", (t) => {
  const [a, b] = allTokens.filter((x) => !x.categoryMatches?.length);
  const decide = alternationDecision([[[a!]], [[a!], [b!]]], true);
  const la = ahead([token(a!)]);
  t.is(decide.call(la, [{ ALT: () => 0 }, { ALT: () => 1 }]), 0);
  t.is(decide.call(la, [{ GATE: () => false, ALT: () => 0 }, { ALT: () => 1 }]), 1);
  t.is(decide.call(la, [{ GATE: () => false, ALT: () => 0 }, { GATE: () => false, ALT: () => 1 }]), undefined);
  // An alternative that may match nothing takes any token, in its turn and only with its gate open.
  const withEmpty = alternationDecision([[[b!]], [[]], [[a!]]], true);
  t.is(withEmpty.call(la, [{ ALT: () => 0 }, { ALT: () => 1 }, { ALT: () => 2 }]), 1);
  t.is(withEmpty.call(la, [{ ALT: () => 0 }, { GATE: () => false, ALT: () => 1 }, { ALT: () => 2 }]), 2);
  t.is(withEmpty.call(ahead([token(b!)]), [{ ALT: () => 0 }, { ALT: () => 1 }, { ALT: () => 2 }]), 0);
  t.is(withEmpty.call(ahead([token(b!)]), [{ GATE: () => false, ALT: () => 0 }, { ALT: () => 1 }, { ALT: () => 2 }]), 1);
});

test("without gates, the first alternative a token selects wins (ambiguities the grammar ignores)", (t) => {
  const name = Identifier;
  const anyName = AnyName;
  // Identifier is in the AnyName category: both alternatives accept it, the first takes it.
  t.is(alternationDecision([[[anyName]], [[name]]], false).call(ahead([token(name)])), 0);
  t.is(alternationDecision([[[name]], [[anyName]]], false).call(ahead([token(name)])), 0);
  // A keyword is a name too (AnyName), but not an Identifier.
  t.is(alternationDecision([[[name]], [[anyName]]], false).call(ahead([token(Interface)])), 1);
});

test("error recovery resynchronises on the follow sets recorded with the table, which are chevrotain's own", (t) => {
  const follows = followNames(reference.followSets());
  t.true(Object.keys(follows).length > 50);
  t.deepEqual(followNames(midlParser.followSets()), follows);
  // Taken from the table, not computed: a doctored table's follow sets are the parser's.
  const table = readLookaheadTable()!;
  t.deepEqual(table.follows, follows);
  const doctored = new MidlParser(new RecordedLookahead({ ...table, follows: { "declaration1_~IN~_document": ["Semicolon"] } }, allTokens, MAX_LOOKAHEAD));
  t.deepEqual(followNames(doctored.followSets()), { "declaration1_~IN~_document": ["Semicolon"] });
  // A table naming a token the grammar does not have is not used.
  const unknown = new MidlParser(new RecordedLookahead({ ...table, follows: { k: ["NoSuchToken"] } }, allTokens, MAX_LOOKAHEAD));
  t.deepEqual(followNames(unknown.followSets()), follows);
});

test("a table recorded for another grammar is not used: chevrotain computes every production and follow set", (t) => {
  const table = readLookaheadTable()!;
  const stale: LookaheadTable = { grammar: `x${table.grammar.slice(1)}`, productions: table.productions, follows: { k: ["Semicolon"] } };
  const strategy = new RecordedLookahead(stale, allTokens, MAX_LOOKAHEAD);
  const parser = new MidlParser(strategy);
  t.is(strategy.recorded, 0);
  t.is(strategy.computed, decisions(reference).size);
  t.deepEqual(followNames(parser.followSets()), followNames(reference.followSets()));
  const none = new RecordedLookahead(undefined, allTokens, MAX_LOOKAHEAD);
  new MidlParser(none);
  t.is(none.recorded, 0);
});

/** Every IDL file the tests hold, valid and invalid (error recovery takes other decisions). */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith(".idl")) out.push(join(dir, e.name));
    }
  };
  walk("test/fixtures");
  walk("idl");
  return out;
}

test("both parsers build the same trees and the same syntax errors from every fixture", (t) => {
  const files = sources();
  t.true(files.length > 40);
  for (const file of files) {
    const tokens = midlLexer.tokenize(readFileSync(file, "utf8")).tokens;
    const run = (p: MidlParser) => {
      p.input = tokens;
      let doc: unknown;
      try {
        doc = p.document();
      } catch (e) {
        doc = `threw ${(e as Error).name}`;
      }
      const errors = p.errors.map((e) => `${e.name} ${e.message} @${e.token.startOffset}`);
      p.input = [];
      return JSON.stringify({ doc, errors }, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    };
    t.is(run(midlParser), run(reference), file);
  }
});
