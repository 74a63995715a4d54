/**
 * The parser's lookahead, computed at build time instead of on every start.
 *
 * chevrotain works out, for each alternation and optional production, the token sequences (up to
 * `maxLookahead` long) that select it, and compiles them into small decision functions. Working
 * out the sequences is most of building the parser (~60 of ~80 ms), and every run that parses
 * pays it before reading a byte — a large share of a one-file rebuild. The sequences depend only on
 * the grammar, so `npm run build` records them (`lookahead-build.ts` → `lookahead.json` beside the
 * compiled grammar) and this strategy turns the recorded sequences into the same decision
 * functions chevrotain would build.
 *
 * The table is keyed by a hash of the grammar as chevrotain recorded it (every rule, production
 * and terminal), so an edited grammar can never use stale sequences: on any mismatch, or for a
 * production the table lacks, chevrotain computes them as usual.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { IOrAlt, IToken, OptionalProductionType, Rule, TokenType } from "chevrotain";
import { distDir } from "../src/paths.js";
import { chevrotain } from "./chevrotain.js";
import { deserializeGast, serializeGast, type GastNode } from "./gast-table.js";

/** Where `npm run build` leaves the table: beside the compiled grammar. */
export const LOOKAHEAD_TABLE_URL = pathToFileURL(join(distDir, "grammar", "lookahead.json"));

/** The recorded sequences: production key → alternatives → sequences → token names. */
export interface LookaheadTable {
  /** Hash of the serialized grammar (and chevrotain's version) the sequences were computed for. */
  readonly grammar: string;
  readonly productions: Record<string, string[][][]>;
  /**
   * The follow sets error recovery resynchronises on (chevrotain's `resyncFollows`: follow key →
   * token names), which chevrotain otherwise computes on every start (~8 ms) for a recovery most
   * runs never make. Absent in tables of older builds.
   */
  readonly follows?: Record<string, string[]>;
  /**
   * The recorded grammar itself (see gast-table.ts), and the fingerprints (`sourceFingerprint`) of
   * the parser code it was recorded from: the compiled modules and each bundle, whose texts of the
   * same class differ. A parser whose code has one of them takes this grammar instead of recording
   * it. Absent in tables of older builds.
   */
  readonly gast?: GastNode[];
  readonly sources?: string[];
}

/**
 * Identifies a grammar: the hash of chevrotain's serialization of its recorded rules, with
 * chevrotain's version (another release may compute other sequences for the same grammar).
 */
export function grammarFingerprint(rules: readonly Rule[]): string {
  return createHash("sha256").update(chevrotain.VERSION).update(JSON.stringify(chevrotain.serializeGrammar([...rules]))).digest("hex");
}

/**
 * Identifies the code a grammar is recorded from, without recording it: the source text of the
 * parser class as the running code has it (its rules are its methods), the token vocabulary
 * (names, indices, categories), the lookahead depth and chevrotain's version. Any edit of the
 * class, even of a comment, changes it: the parser then records its grammar, as it did before
 * there was a table, and still uses the table's lookahead if the recording matches `grammar`.
 */
export function sourceFingerprint(parserClass: abstract new (...args: never[]) => unknown, tokens: readonly TokenType[], maxLookahead: number): string {
  const vocabulary = tokens.map((t) => [t.name, t.tokenTypeIdx, t.categoryMatches ?? []]);
  return createHash("sha256").update(`${chevrotain.VERSION}\u0000${maxLookahead}\u0000${JSON.stringify(vocabulary)}\u0000`).update(Function.prototype.toString.call(parserClass)).digest("hex");
}

/** chevrotain's follow sets as the table records them: token types by name. */
export function followNames(follows: Readonly<Record<string, readonly TokenType[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(follows).map(([k, types]) => [k, types.map((t) => t.name)]));
}

const key = (rule: string, prodType: string, occurrence: number, maxLookahead: number): string => `${rule}/${prodType}/${occurrence}/${maxLookahead}`;

/** The parser methods the decision functions call (`LA_FAST`: LA without the bounds check, as chevrotain's own functions use). */
interface Lookahead {
  LA_FAST(howMuch: number): IToken;
}

/** chevrotain's token match: the type itself, or a type in its category. */
function matches(token: IToken, type: TokenType): boolean {
  return token.tokenTypeIdx === type.tokenTypeIdx || (type.isParent === true && type.categoryMatchesMap![token.tokenTypeIdx!] === true);
}

/** The indices of the token types `type` matches: itself and, for a category, its members. */
function indicesOf(type: TokenType): number[] {
  return [type.tokenTypeIdx!, ...(type.categoryMatches ?? [])];
}

/** A path that can match, with the alternative it selects. */
interface Candidate {
  readonly alt: number;
  readonly path: readonly TokenType[];
}

/**
 * The paths of each alternative grouped by the token types their first token matches, in
 * alternative then path order. A decision then tries only the paths the next token can start
 * (the declaration alternation has dozens of paths; most decisions are settled by the first
 * token) and, taking the first that matches, still chooses as a scan of all of them would.
 *
 * A token type's group is gathered the first time a decision meets that type: building every group
 * up front (a path starting with the identifier category joins the group of each of its ~100
 * keywords) was a few milliseconds of every process's start, for groups most runs never consult.
 */
function candidatesByFirstToken(alts: readonly (readonly (readonly TokenType[])[])[]): (tokenTypeIdx: number) => readonly Candidate[] {
  const groups: (readonly Candidate[] | undefined)[] = [];
  return (idx) => {
    let group = groups[idx];
    if (group === undefined) {
      const found: Candidate[] = [];
      alts.forEach((paths, alt) => {
        for (const path of paths) if (path.length > 0 && indicesOf(path[0]!).includes(idx)) found.push({ alt, path });
      });
      groups[idx] = group = found;
    }
    return group;
  };
}

/** True when the tokens after the first (which the caller matched) follow `path`. */
function matchesRest(parser: Lookahead, path: readonly TokenType[]): boolean {
  for (let i = 1; i < path.length; i++) if (!matches(parser.LA_FAST(i + 1), path[i]!)) return false;
  return true;
}

/** Whether alternative `alt` has no gate or an open one. */
function gateOpen(parser: Lookahead, orAlts: IOrAlt<unknown>[] | undefined, alt: number): boolean {
  const gate = orAlts?.[alt]?.GATE;
  return gate === undefined || gate.call(parser) !== false;
}

/** Token type index → the first alternative one-token lookahead selects (categories included). */
function firstTokenChoices(alts: readonly (readonly TokenType[])[]): (number | undefined)[] {
  const choice: (number | undefined)[] = [];
  alts.forEach((types, alt) => {
    for (const type of types) for (const idx of indicesOf(type)) choice[idx] ??= alt;
  });
  return choice;
}

/** The decision function of an alternation: the index of the alternative to take, or undefined. */
export function alternationDecision(alts: readonly (readonly (readonly TokenType[])[])[], hasPredicates: boolean): (this: Lookahead, orAlts?: IOrAlt<unknown>[]) => number | undefined {
  // An empty path (an alternative that may match nothing) matches whatever comes next.
  const empties = alts.flatMap((paths, alt) => (paths.some((path) => path.length === 0) ? [alt] : []));
  const candidatesOf = candidatesByFirstToken(alts);
  if (hasPredicates) {
    // The first alternative, in order, whose gate is open and one of whose paths matches; only
    // the paths the next token can start are tried (the declaration alternation, gated, has
    // dozens), and a gate is asked only of an alternative whose path matched. Gates are pure
    // lookahead tests, so asking fewer of them does not change the choice.
    // Indexed loops and a gate test that is a function of the module, not a closure made on each
    // call: this runs for every declaration, member and parameter, and the closures and iterators
    // came to 120 MB for mshtml.idl.
    return function (orAlts) {
      const candidates = candidatesOf(this.LA_FAST(1).tokenTypeIdx!);
      let e = 0;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i]!;
        for (; e < empties.length && empties[e]! < c.alt; e++) if (gateOpen(this, orAlts, empties[e]!)) return empties[e];
        if (matchesRest(this, c.path) && gateOpen(this, orAlts, c.alt)) return c.alt;
      }
      for (; e < empties.length; e++) if (gateOpen(this, orAlts, empties[e]!)) return empties[e];
      return undefined;
    };
  }
  if (alts.every((alt) => alt.every((path) => path.length === 1))) {
    const choice = firstTokenChoices(alts.map((alt) => alt.map((path) => path[0]!)));
    return function () {
      return choice[this.LA_FAST(1).tokenTypeIdx!];
    };
  }
  const empty = empties[0] ?? -1;
  return function () {
    const candidates = candidatesOf(this.LA_FAST(1).tokenTypeIdx!);
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (empty !== -1 && empty < c.alt) return empty;
      if (matchesRest(this, c.path)) return c.alt;
    }
    return empty === -1 ? undefined : empty;
  };
}

/** The decision function of an optional production (OPTION, MANY, AT_LEAST_ONE, …): enter it or not. */
export function optionalDecision(paths: readonly (readonly TokenType[])[]): (this: Lookahead) => boolean {
  if (paths.every((path) => path.length === 1)) {
    const types = paths.map((path) => path[0]!);
    if (types.length === 1 && (types[0]!.categoryMatches?.length ?? 0) === 0) {
      const idx = types[0]!.tokenTypeIdx;
      return function () {
        return this.LA_FAST(1).tokenTypeIdx === idx;
      };
    }
    const choice = firstTokenChoices([types]);
    return function () {
      return choice[this.LA_FAST(1).tokenTypeIdx!] !== undefined;
    };
  }
  if (paths.some((path) => path.length === 0)) return () => true;
  const candidatesOf = candidatesByFirstToken([paths]);
  return function () {
    for (const c of candidatesOf(this.LA_FAST(1).tokenTypeIdx!)) if (matchesRest(this, c.path)) return true;
    return false;
  };
}

type Strategy = InstanceType<typeof chevrotain.LLkLookaheadStrategy>;
type AlternationOptions = Parameters<Strategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<Strategy["buildLookaheadForOptional"]>[0];

/**
 * chevrotain's LL(k) strategy, answered from a recorded table when it was recorded for this very
 * grammar; `recorded` and `computed` count the productions answered each way. One per parser: the
 * table is checked against the first grammar it is shown.
 */
export class RecordedLookahead extends chevrotain.LLkLookaheadStrategy {
  #table: LookaheadTable | undefined;
  #checked = false;
  #tokens: ReadonlyMap<string, TokenType>;
  /** Productions computed by chevrotain (not in the table, or no usable table). */
  computed = 0;
  /** Productions answered from the table. */
  recorded = 0;

  constructor(table: LookaheadTable | undefined, tokens: readonly TokenType[], maxLookahead: number) {
    super({ maxLookahead });
    this.#table = table;
    this.#tokens = new Map(tokens.map((t) => [t.name, t]));
  }

  override initialize(options: { rules: Rule[] }): void {
    this.#check(options.rules);
  }

  /**
   * The grammar kept in the table, if it was recorded from code with `fingerprint` (see
   * `sourceFingerprint`); the table is then known to be this grammar's without checking it
   * against a recording.
   */
  recordedGrammar(fingerprint: string): Record<string, Rule> | undefined {
    const table = this.#table;
    if (this.#checked || table?.gast === undefined || !table.sources?.includes(fingerprint)) return undefined;
    const rules = deserializeGast(table.gast, this.#tokens);
    if (rules !== undefined) this.#checked = true;
    return rules;
  }

  /** Drops the table unless it was recorded for the grammar of `rules` (chevrotain's recording of it). */
  #check(rules: readonly Rule[]): void {
    if (this.#checked) return;
    this.#checked = true;
    if (this.#table !== undefined && this.#table.grammar !== grammarFingerprint(rules)) this.#table = undefined;
  }

  /**
   * The recorded follow sets, as token types, if the table was recorded for the grammar of `rules`
   * (chevrotain's recording of it) and names only known tokens; undefined otherwise.
   */
  follows(rules: readonly Rule[]): Record<string, TokenType[]> | undefined {
    this.#check(rules);
    const recorded = this.#table?.follows;
    if (recorded === undefined) return undefined;
    const follows: Record<string, TokenType[]> = {};
    for (const [k, names] of Object.entries(recorded)) {
      const types = this.#types(names);
      if (types === undefined) return undefined;
      follows[k] = types;
    }
    return follows;
  }

  /**
   * The token types of recorded names; undefined when one was renamed since the table was built
   * (the fingerprint would normally have caught it, as terminals are part of the grammar), so
   * that chevrotain computes instead.
   */
  #types(names: readonly string[]): TokenType[] | undefined {
    const types: TokenType[] = [];
    for (const n of names) {
      const t = this.#tokens.get(n);
      if (t === undefined) return undefined;
      types.push(t);
    }
    return types;
  }

  #paths(k: string): TokenType[][][] | undefined {
    const names = this.#table?.productions[k];
    if (names === undefined) return undefined;
    const alts: TokenType[][][] = [];
    for (const alt of names) {
      const paths: TokenType[][] = [];
      for (const path of alt) {
        const types = this.#types(path);
        if (types === undefined) return undefined;
        paths.push(types);
      }
      alts.push(paths);
    }
    return alts;
  }

  override buildLookaheadForAlternation(options: AlternationOptions): ReturnType<Strategy["buildLookaheadForAlternation"]> {
    const alts = this.#paths(key(options.rule.name, "Alternation", options.prodOccurrence, options.maxLookahead));
    if (alts === undefined || options.dynamicTokensEnabled) {
      this.computed++;
      return super.buildLookaheadForAlternation(options);
    }
    this.recorded++;
    return alternationDecision(alts, options.hasPredicates) as ReturnType<Strategy["buildLookaheadForAlternation"]>;
  }

  override buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    const paths = this.#paths(key(options.rule.name, options.prodType, options.prodOccurrence, options.maxLookahead));
    if (paths === undefined || options.dynamicTokensEnabled) {
      this.computed++;
      return super.buildLookaheadForOptional(options);
    }
    this.recorded++;
    return optionalDecision(paths[0] ?? []) as () => boolean;
  }
}

/**
 * A strategy that computes every production with chevrotain and records the sequences into a
 * table (what `npm run build` runs).
 */
export class RecordingLookahead extends chevrotain.LLkLookaheadStrategy {
  readonly productions: Record<string, string[][][]> = {};
  grammar = "";
  #rules: readonly Rule[] = [];

  override initialize(options: { rules: Rule[] }): void {
    this.grammar = grammarFingerprint(options.rules);
    this.#rules = options.rules;
  }

  #record(rule: Rule, prodType: "Alternation" | OptionalProductionType, occurrence: number, maxLookahead: number): void {
    const paths = chevrotain.getLookaheadPaths({ occurrence, rule, prodType, maxLookahead });
    // An optional production is decided by the sequences that enter it (the first of the two
    // chevrotain returns; the second, what follows it, is not used).
    const used = prodType === "Alternation" ? paths : paths.slice(0, 1);
    this.productions[key(rule.name, prodType, occurrence, maxLookahead)] = used.map((alt) => alt.map((path) => path.map((t) => t.name)));
  }

  override buildLookaheadForAlternation(options: AlternationOptions): ReturnType<Strategy["buildLookaheadForAlternation"]> {
    this.#record(options.rule, "Alternation", options.prodOccurrence, options.maxLookahead);
    return super.buildLookaheadForAlternation(options);
  }

  override buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    this.#record(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    return super.buildLookaheadForOptional(options);
  }

  /**
   * The table, with the follow sets of the parser that was built with this strategy, its grammar,
   * and `source`, the fingerprint of the code it was built from (`sourceFingerprint`).
   */
  table(follows: Readonly<Record<string, readonly TokenType[]>>, source: string): LookaheadTable {
    return { grammar: this.grammar, productions: this.productions, follows: followNames(follows), gast: serializeGast(this.#rules), sources: [source] };
  }
}

/** Writes the table where `readLookaheadTable` finds it (what `npm run build` does). */
export function writeLookaheadTable(table: LookaheadTable): void {
  writeFileSync(LOOKAHEAD_TABLE_URL, `${JSON.stringify(table)}\n`);
}

/** The table `npm run build` recorded, if it is there and readable. */
export function readLookaheadTable(): LookaheadTable | undefined {
  try {
    return JSON.parse(readFileSync(LOOKAHEAD_TABLE_URL, "utf8")) as LookaheadTable;
  } catch {
    return undefined;
  }
}
