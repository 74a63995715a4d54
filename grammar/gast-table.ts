/**
 * The parser's grammar as chevrotain records it (its GAST: rules, alternations, repetitions,
 * terminals), written down by `npm run build` and read back on start instead of recorded again.
 *
 * chevrotain learns a grammar by running every rule once in a recording mode at construction
 * (~15 ms of every process that parses, and more to undo the recording afterwards). The recording
 * depends only on the parser's code, so the build keeps it in the lookahead table (lookahead.ts)
 * with fingerprints of the code it was recorded from; a parser whose code has one of them takes
 * the kept grammar, any other records as usual.
 *
 * chevrotain's own `serializeGrammar` is for display and drops fields the parser reads (whether
 * an alternation has gates or ignores ambiguities, the rule a non-terminal refers to), so this
 * writes every own field of every node: the rebuilt nodes are of the same classes with the same
 * fields (a test compares them with a recording, deeply).
 */
import type { Rule, TokenType } from "chevrotain";
import { chevrotain } from "./chevrotain.js";

/** A GAST node written down: its class, and its fields (productions, token names, primitives). */
export interface GastNode {
  readonly $: string;
  readonly [field: string]: unknown;
}

/** The GAST classes by name (chevrotain exports them all). */
const CLASSES: Record<string, { prototype: object }> = {
  Rule: chevrotain.Rule,
  NonTerminal: chevrotain.NonTerminal,
  Alternative: chevrotain.Alternative,
  Option: chevrotain.Option,
  RepetitionMandatory: chevrotain.RepetitionMandatory,
  RepetitionMandatoryWithSeparator: chevrotain.RepetitionMandatoryWithSeparator,
  Repetition: chevrotain.Repetition,
  RepetitionWithSeparator: chevrotain.RepetitionWithSeparator,
  Alternation: chevrotain.Alternation,
  Terminal: chevrotain.Terminal,
};

/** Fields holding a token type (written as its name). */
const TOKEN_FIELDS = new Set(["terminalType", "separator"]);

/** Writes down recorded rules (in order). Throws on a field it does not know how to write (a chevrotain release that added one). */
export function serializeGast(rules: readonly Rule[]): GastNode[] {
  const className = (node: object): string => {
    const proto = Object.getPrototypeOf(node) as object;
    const name = Object.keys(CLASSES).find((n) => CLASSES[n]!.prototype === proto);
    if (name === undefined) throw new Error(`unknown GAST node ${node.constructor.name}`);
    return name;
  };
  const write = (node: object): GastNode => {
    const out: Record<string, unknown> = { $: className(node) };
    for (const [field, value] of Object.entries(node)) {
      if (field === "_definition") out[field] = (value as object[]).map(write);
      else if (TOKEN_FIELDS.has(field)) out[field] = (value as TokenType).name;
      else if (field === "referencedRule") out[field] = (value as Rule).name;
      else if (value === undefined || ["string", "number", "boolean"].includes(typeof value)) out[field] = value;
      else throw new Error(`unknown GAST field ${field} of ${String(out.$)}`);
    }
    return out as GastNode;
  };
  return rules.map(write);
}

/**
 * The rules written by `serializeGast`, rebuilt with `tokens` (by name), by rule name in their
 * order; undefined when the data names a class, token or rule that does not exist.
 */
export function deserializeGast(data: readonly GastNode[], tokens: ReadonlyMap<string, TokenType>): Record<string, Rule> | undefined {
  const rules: Record<string, Rule> = {};
  const references: [node: Record<string, unknown>, rule: string][] = [];
  const read = (data: GastNode): object | undefined => {
    const cls = CLASSES[data.$];
    if (cls === undefined) return undefined;
    const node = Object.create(cls.prototype) as Record<string, unknown>;
    for (const field of Object.keys(data)) {
      if (field === "$") continue;
      const value = data[field];
      if (field === "_definition") {
        const parts: object[] = [];
        for (const d of value as GastNode[]) {
          const part = read(d);
          if (part === undefined) return undefined;
          parts.push(part);
        }
        node[field] = parts;
      } else if (TOKEN_FIELDS.has(field)) {
        const type = tokens.get(value as string);
        if (type === undefined) return undefined;
        node[field] = type;
      } else if (field === "referencedRule") {
        references.push([node, value as string]);
        node[field] = undefined;
      } else node[field] = value;
    }
    return node;
  };
  for (const d of data) {
    const rule = read(d) as Rule | undefined;
    if (rule === undefined) return undefined;
    rules[rule.name] = rule;
  }
  for (const [node, name] of references) {
    const rule = rules[name];
    if (rule === undefined) return undefined;
    node["referencedRule"] = rule;
  }
  return rules;
}
