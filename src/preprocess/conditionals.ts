import type { SourceFile } from "../diagnostics/index.js";

/** One open `#if`/`#ifdef`/`#ifndef` group. */
export interface Conditional {
  /** The opening directive's name (`if`, `ifdef`, `ifndef`) and where it is, for "unterminated" reports. */
  readonly directive: string;
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
  /** Whether the text around the group is being processed. */
  readonly parentActive: boolean;
  /** Whether the current branch is being processed. */
  active: boolean;
  /** Whether some branch has been taken already (later #elif/#else are then skipped). */
  taken: boolean;
  /** Whether #else was seen (another #elif or #else is then an error). */
  sawElse: boolean;
}

/**
 * The stack of open conditional groups across the whole include stack. Each include frame remembers
 * the depth at which it started, so a file can only close groups it opened itself.
 */
export class ConditionalStack {
  readonly #items: Conditional[] = [];

  /** Number of open groups. */
  get depth(): number {
    return this.#items.length;
  }

  /** Whether text at this point is processed (every enclosing branch is taken). */
  get active(): boolean {
    const top = this.#items[this.#items.length - 1];
    return top === undefined || top.active;
  }

  /** The innermost group. */
  top(): Conditional | undefined {
    return this.#items[this.#items.length - 1];
  }

  /** Opens a group whose first branch is taken when `value` is true (and the text around is active). */
  push(directive: string, file: SourceFile, start: number, end: number, value: boolean): Conditional {
    const parentActive = this.active;
    const c: Conditional = { directive, file, start, end, parentActive, active: parentActive && value, taken: value, sawElse: false };
    this.#items.push(c);
    return c;
  }

  /** Closes the innermost group. */
  pop(): Conditional | undefined {
    return this.#items.pop();
  }
}
