/**
 * MIDL's scope over an import graph: what a file sees. One implementation for the symbol table
 * (over the files of a run) and for incremental rebuilds (over the graph a cache entry recorded,
 * without parsing anything), which must agree exactly.
 */

/** An import graph: what a node imports, in order, and who imports it. */
export interface ImportGraph<N> {
  /** The nodes `n` imports, in import order (null for an import that was not found). */
  imports(n: N): readonly (N | null)[];
  /** The nodes importing `n`, once per import of it. */
  importers(n: N): readonly N[];
}

/**
 * Adds `from` and everything reachable from them through `next` to `into`; returns `into`. A node
 * already in `into` is taken to have its reach there too.
 */
export function reach<N>(from: Iterable<N>, next: (n: N) => readonly (N | null)[], into: Set<N> = new Set()): Set<N> {
  const stack: N[] = [];
  for (const n of from) {
    if (into.has(n)) continue;
    into.add(n);
    stack.push(n);
  }
  while (stack.length > 0) {
    for (const m of next(stack.pop()!)) {
      if (m !== null && !into.has(m)) {
        into.add(m);
        stack.push(m);
      }
    }
  }
  return into;
}

/**
 * What `file` sees: itself and its transitive imports, and — as MIDL and widl build one scope in
 * import order — whatever its importers had imported before importing it (bdatypes.h uses ULONG
 * because bdaiface.idl imported the base types first), up every chain of importers.
 */
export function visibleFrom<N>(graph: ImportGraph<N>, file: N): Set<N> {
  const imports = (n: N) => graph.imports(n);
  const seen = reach([file], imports);
  // Walk up the importers (bounded: each file once), adding the imports that precede this one.
  const pending = [file];
  const climbed = new Set<N>([file]);
  while (pending.length > 0) {
    const child = pending.pop()!;
    for (const importer of graph.importers(child)) {
      const list = graph.imports(importer);
      const at = list.lastIndexOf(child);
      for (let i = 0; i < at; i++) {
        const earlier = list[i]!;
        if (earlier !== null) reach([earlier], imports, seen);
      }
      if (!climbed.has(importer)) {
        climbed.add(importer);
        pending.push(importer);
      }
    }
  }
  return seen;
}
