import type { Loc } from "../ast/nodes.js";
import type { SourceRange } from "../diagnostics/index.js";
import type { Unit } from "../parse/unit.js";

/**
 * Where each IR node came from. Resolution records a location for every declaration, method,
 * parameter and member (a million of them for the Wine corpus) and checks ask for a handful, so a
 * location is kept as the AST offset and resolved to a SourceRange (through the preprocessor's
 * map and a line search) only when asked. A Map, not a WeakMap: the nodes live as long as the
 * model anyway, and a WeakMap of that size costs the garbage collector dearly.
 */
export class NodeLocations {
  readonly #at = new Map<object, { readonly unit: Unit; readonly loc: Loc }>();

  /** Records that `node` comes from `loc` in `unit`. */
  set(node: object, unit: Unit, loc: Loc): void {
    this.#at.set(node, { unit, loc });
  }

  /** Gives `to` the location of `from` (a node rebuilt from another). */
  copy(from: object, to: object): void {
    const at = this.#at.get(from);
    if (at !== undefined) this.#at.set(to, at);
  }

  /** The source range of `node`, or undefined when none was recorded. */
  get(node: object): SourceRange | undefined {
    const at = this.#at.get(node);
    return at === undefined ? undefined : at.unit.range(at.loc);
  }
}
