/**
 * The import graph a cache entry recorded (nodes in the full run's load order), with the walks an
 * incremental rebuild needs: what a change reaches and what must be loaded to rebuild it.
 */
import type { CachedNode } from "./cache.js";
import { reach, visibleFrom, type ImportGraph } from "../model/visibility.js";

export class NodeGraph implements ImportGraph<number> {
  readonly #importers: number[][];

  constructor(readonly nodes: readonly CachedNode[]) {
    this.#importers = nodes.map(() => []);
    nodes.forEach((n, i) => {
      for (const j of n.imports) this.#importers[j]!.push(i);
    });
  }

  imports = (i: number): readonly number[] => this.nodes[i]!.imports;

  importers = (i: number): readonly number[] => this.#importers[i]!;

  /** `from` and every node they import, transitively. */
  closure(from: Iterable<number>): Set<number> {
    return reach(from, this.imports);
  }

  /** What node `i` sees: itself, what it imports and what its importers imported before it (visibility.ts). */
  visible(i: number): Set<number> {
    return visibleFrom(this, i);
  }

  /** What node `i` resolved against: its import closure, or all it sees when it is not self-contained. */
  resolvedAgainst(i: number): Set<number> {
    return this.nodes[i]!.selfContained ? this.closure([i]) : this.visible(i);
  }

  /** `from` and every node importing them, transitively. */
  above(from: Iterable<number>): Set<number> {
    return reach(from, this.importers);
  }

  /** The nodes a change to `changed` can reach (see incremental.ts). */
  dirty(changed: ReadonlySet<number>): Set<number> {
    // Everything whose import closure holds a changed node…
    const dirty = this.above(changed);
    // …and the nodes that see through their importers, when anything they see changed.
    this.nodes.forEach((n, i) => {
      if (n.selfContained || dirty.has(i)) return;
      const seen = this.visible(i);
      if ([...changed].some((c) => seen.has(c))) dirty.add(i);
    });
    return dirty;
  }

  /** What the rebuild loads as inputs: the dirty nodes and, to a fixpoint, the importers of every loaded node that is not self-contained. */
  roots(dirty: ReadonlySet<number>): Set<number> {
    const roots = new Set(dirty);
    for (;;) {
      const before = roots.size;
      for (const i of this.closure(roots)) if (!this.nodes[i]!.selfContained) for (const a of this.above([i])) roots.add(a);
      if (roots.size === before) return roots;
    }
  }
}
