import { declarationName } from "./names.js";

/** One import statement of a generated module. */
export interface ImportView {
  readonly from: string;
  /** The text between the braces, e.g. `ComObject, type IDispatch`. */
  readonly clause: string;
  /** True when every name is a type: written as `import type { … }`. */
  readonly typeOnly: boolean;
}

/**
 * The import block of one generated module. The emitter asks for a symbol from a module and gets the
 * local name to write; names are de-duplicated, aliased when they clash with a declaration of the
 * module itself, and the block comes out sorted, so output is stable whatever order code asks in.
 */
export class ImportCollector {
  readonly #modules = new Map<string, Map<string, { local: string; typeOnly: boolean }>>();
  readonly #taken: ReadonlySet<string>;
  readonly #aliases = new Set<string>();

  /** @param localNames names the module declares itself (imports must not shadow them) */
  constructor(localNames: ReadonlySet<string>) {
    this.#taken = localNames;
  }

  /** Requests `name` from `from`; returns the local name to use. Value imports win over type imports. */
  use(from: string, name: string, typeOnly: boolean): string {
    let names = this.#modules.get(from);
    if (!names) {
      names = new Map();
      this.#modules.set(from, names);
    }
    const existing = names.get(name);
    if (existing) {
      if (!typeOnly) existing.typeOnly = false;
      return existing.local;
    }
    let local = declarationName(name);
    if (this.#taken.has(local) || this.#aliases.has(local)) {
      let i = 1;
      while (this.#taken.has(`${local}$${i}`) || this.#aliases.has(`${local}$${i}`)) i++;
      local = `${local}$${i}`;
    }
    this.#aliases.add(local);
    names.set(name, { local, typeOnly });
    return local;
  }

  /** The import statements, sorted by module then name. */
  views(): ImportView[] {
    return [...this.#modules.entries()]
      .sort(([a], [b]) => compareSpecifiers(a, b))
      .map(([from, names]) => {
        const entries = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const typeOnly = entries.every(([, v]) => v.typeOnly);
        const clause = entries
          .map(([name, v]) => `${!typeOnly && v.typeOnly ? "type " : ""}${name}${v.local !== name ? ` as ${v.local}` : ""}`)
          .join(", ");
        return { from, clause, typeOnly };
      });
  }
}

/** Package imports before relative ones, then alphabetical. */
function compareSpecifiers(a: string, b: string): number {
  const ra = a.startsWith(".") ? 1 : 0;
  const rb = b.startsWith(".") ? 1 : 0;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
