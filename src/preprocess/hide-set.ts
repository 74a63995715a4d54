/**
 * An immutable set of macro names, attached to each token produced by macro expansion: the macros
 * whose expansion produced the token and that must therefore not expand it again ("blue paint",
 * Prosser's algorithm). Sets are shared and their derived sets cached, because the same few
 * combinations recur for every token of an expansion.
 */
export class HideSet {
  /** The empty set, carried by every token read from source text. */
  static readonly empty = new HideSet(new Set());

  readonly #names: ReadonlySet<string>;
  #added: Map<string, HideSet> | undefined;
  #unions: Map<HideSet, HideSet> | undefined;

  private constructor(names: ReadonlySet<string>) {
    this.#names = names;
  }

  /**
   * Drops the sets derived so far. Every set derives from \`empty\`, whose caches would otherwise keep
   * all of them, from every file a process ever preprocessed, alive (a leak in watch mode, and tens
   * of thousands of long-lived objects for the garbage collector to copy in a big run). Sets made
   * before stay valid: equality is by content, the caches only save work.
   */
  static forgetDerived(): void {
    HideSet.empty.#added = undefined;
    HideSet.empty.#unions = undefined;
  }

  /** Number of names in the set. */
  get size(): number {
    return this.#names.size;
  }

  /** True when `name` is in the set. */
  has(name: string): boolean {
    return this.#names.has(name);
  }

  /** This set plus `name`. */
  add(name: string): HideSet {
    if (this.#names.has(name)) return this;
    this.#added ??= new Map();
    let result = this.#added.get(name);
    if (result === undefined) {
      result = new HideSet(new Set([...this.#names, name]));
      this.#added.set(name, result);
    }
    return result;
  }

  /** The union of this set and `other`. */
  union(other: HideSet): HideSet {
    if (other === this || other.size === 0) return this;
    if (this.size === 0) return other;
    this.#unions ??= new Map();
    let result = this.#unions.get(other);
    if (result === undefined) {
      result = this;
      for (const name of other.#names) result = result.add(name);
      this.#unions.set(other, result);
    }
    return result;
  }

  /** The names in both this set and `other`. */
  intersect(other: HideSet): HideSet {
    if (other === this) return this;
    let result = HideSet.empty;
    for (const name of this.#names) if (other.has(name)) result = result.add(name);
    return result;
  }
}
