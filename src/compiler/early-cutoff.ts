/**
 * Early cutoff for incremental rebuilds: of the modules an edit reaches through the import graph,
 * compile again only those it can affect. Adding a typedef to oleacc.idl reaches the three files
 * importing it, yet none of them can name what did not exist: their outputs stay as cached, and
 * they are neither loaded nor emitted.
 *
 * The edited file is parsed before the rebuild and compared with its parse from the previous run,
 * kept in the parse cache (touched-names.ts: the names whose declarations the edit added, removed
 * or changed). A module the edit reached is affected when its text or an #include's mentions a
 * touched name, or uses `##` (token pasting could build one), or when it resolved against an
 * affected module (then anything of that module may have changed); the rest keep their outputs.
 *
 * No cutoff (every reached module is rebuilt, as without it) when the edit cannot be judged that
 * way: no previous parse, or one of other texts than the entry recorded; a parse error; a reordering
 * (touched-names.ts); a `-D` macro naming a touched name; an edited file that could see, through
 * what its importers imported before it, a file naming what it wrote or touched (the rebuild
 * resolves it against its own imports); or an edited file naming what another edited file touched.
 */
import { resolve } from "node:path";
import { hasErrors } from "../diagnostics/index.js";
import { mentionsAny, touchedNames, type Touched } from "../model/touched-names.js";
import { contentHash, type StoredDependency } from "./cache.js";
import type { CompilerHost } from "./host.js";
import type { FileParser, ParseRecord } from "./load.js";
import type { NodeGraph } from "./node-graph.js";

/** What the cutoff found. */
export interface Cutoff {
  /** The nodes to compile again: the edited ones and those the edit can affect. */
  readonly dirty: ReadonlySet<number>;
  /** The edited files' new parses, by parse-cache key: the rebuild reuses them. */
  readonly parses: ReadonlyMap<string, ParseRecord>;
  /** How many files the cutoff parsed (it may find the kept parse still good). */
  readonly parsed: number;
}

/**
 * Narrows `dirty` (what `changed` reaches, see NodeGraph.dirty) to what the edit can affect.
 * `deps` are the dependencies the cache entry recorded; `parser` parses as the rebuild will.
 */
export function earlyCutoff(graph: NodeGraph, changed: ReadonlySet<number>, dirty: ReadonlySet<number>, deps: readonly StoredDependency[], parser: FileParser, host: CompilerHost, cwd: string, defines: ReadonlyMap<string, string>): Cutoff {
  const parses = new Map<string, ParseRecord>();
  const uncut = (): Cutoff => ({ dirty, parses, parsed: parser.parsed });
  if (dirty.size === changed.size) return uncut();
  const recorded = new Map(deps.map((d) => [d.path, d.hash]));
  const hashOf = (text: string | undefined) => (text === undefined ? null : contentHash(text));
  const touchedBy = new Map<number, Touched>();
  for (const c of changed) {
    const { path } = graph.nodes[c]!;
    const text = host.readFile(path);
    const before = parser.kept(path);
    if (text === undefined || before === undefined) return uncut();
    // The previous parse must be of the texts the entry recorded, the file's and its #includes'.
    if (recorded.get(path) !== hashOf(before.text) || before.reads.some(([p, t]) => recorded.get(resolve(cwd, p)) !== hashOf(t))) return uncut();
    const after = parser.record(path, text, before);
    parses.set(parser.key(path), after);
    if (hasErrors(after.parsed.diagnostics)) return uncut();
    const touched = touchedNames(before.parsed.document, after.parsed.document);
    if (touched === undefined) return uncut();
    touchedBy.set(c, touched);
  }
  const names = new Set([...touchedBy.values()].flatMap((t) => [...t.names]));
  const mentions = mentionsAny(names);
  if ([...defines.values()].some(mentions)) return uncut();
  const mentionedIn = (i: number, test: (text: string) => boolean): boolean => {
    const { path, includes } = graph.nodes[i]!;
    return [path, ...includes].some((p) => {
      const text = host.readFile(p);
      return text === undefined || text.includes("##") || test(text);
    });
  };
  // The rebuild resolves a self-contained edited file against its imports alone, whereas MIDL's
  // scope also shows it what its importers imported before it (visibility.ts). Nothing there may
  // declare a name the edit wrote or touched: the first of two visible definitions wins.
  for (const [c, touched] of touchedBy) {
    if (!graph.nodes[c]!.selfContained) continue; // its importers are loaded with it
    const own = graph.closure([c]);
    const beyond = [...graph.visible(c)].filter((i) => !own.has(i));
    const test = mentionsAny(new Set([...touched.names, ...touched.written]));
    if (beyond.some((i) => mentionedIn(i, test))) return uncut();
  }
  // An edited file naming what another edit touched: its own untouched declarations may have
  // changed meaning, which touchedNames did not see.
  for (const c of changed) {
    const others = new Set([...changed].flatMap((d) => (d === c ? [] : [...touchedBy.get(d)!.names])));
    if (others.size > 0 && mentionedIn(c, mentionsAny(others))) return uncut();
  }

  const affected = new Set(changed);
  const candidates = [...dirty].filter((i) => !changed.has(i));
  const naming = new Set(candidates.filter((i) => mentionedIn(i, mentions)));
  const against = new Map(candidates.map((i) => [i, graph.resolvedAgainst(i)]));
  // To a fixpoint: a module that resolved against an affected one (not an edited one: what it
  // takes from those is judged by name) is affected too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const i of candidates) {
      if (affected.has(i) || !(naming.has(i) || [...against.get(i)!].some((j) => affected.has(j) && !changed.has(j)))) continue;
      affected.add(i);
      grew = true;
    }
  }
  return { dirty: affected, parses, parsed: parser.parsed };
}
