import type { Macro } from "./macros.js";

/**
 * The spelled expansions of object-like macros, kept while the definitions they depend on stay.
 * Wine's mshtml.idl writes 41 big object-like macros (a dispinterface's members each) and expands
 * them 110 times, nested in one another; with its headers that is about 6,500 object-like
 * expansions in one file, more than half of them repeats. A repeat then costs a lookup instead of
 * a rescan of thousands of tokens.
 *
 * Only context-free expansions are kept (see Expander.contextFree): those that used no built-in
 * macro and read nothing after the invocation, so that the same text results wherever they are
 * expanded again. What they depend on is the definitions of the names they looked up, found or
 * not; a `#define` or `#undef` of such a name forgets every kept expansion.
 */
export class ExpansionMemo {
  readonly #spelled = new Map<Macro, string>();
  /** Every name looked up by a kept expansion (and by expansions not kept: a superset is safe). */
  readonly consulted = new Set<string>();

  /** The kept expansion of `macro`, if any. */
  get(macro: Macro): string | undefined {
    return this.#spelled.get(macro);
  }

  /** Keeps `macro`'s spelled expansion, which looked up only names now in `consulted`. */
  remember(macro: Macro, spelled: string): void {
    this.#spelled.set(macro, spelled);
  }

  /** Called before `name` is defined or undefined. */
  definitionChanging(name: string): void {
    if (!this.consulted.has(name)) return;
    this.#spelled.clear();
    this.consulted.clear();
  }
}
