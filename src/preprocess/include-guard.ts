const START = 0;
const INSIDE = 1;
const AFTER = 2;
const INVALID = 3;

/**
 * Recognizes the include-guard idiom while a file is processed: nothing but white space and comments
 * outside one `#ifndef X` (or `#if !defined X`) ... `#endif` group that encloses everything else. Once a
 * file is known to be guarded by X, including it again while X is defined can skip reading it at all,
 * which is what makes headers included from many places cheap.
 */
export class IncludeGuard {
  #state = START;
  #macro = "";
  #depth = 0;

  /** Text outside any directive was seen since the last directive. */
  text(): void {
    if (this.#state !== INSIDE) this.#state = INVALID;
  }

  /** An `#ifndef macro` (or `#if !defined macro`) opened the group at conditional depth `depth`. */
  candidate(macro: string, depth: number): void {
    if (this.#state === START) {
      this.#state = INSIDE;
      this.#macro = macro;
      this.#depth = depth;
    } else this.other(depth);
  }

  /**
   * Any other directive. `depth` is the conditional depth before the directive; `kind` tells the
   * conditional directives apart because they can close or branch the guard group.
   */
  other(depth: number, kind?: "elif" | "else" | "endif"): void {
    if (this.#state === START || this.#state === AFTER) this.#state = INVALID;
    else if (this.#state === INSIDE && depth === this.#depth && kind !== undefined) {
      this.#state = kind === "endif" ? AFTER : INVALID;
    }
  }

  /** The guard macro while inside the guard group, for deciding whether a cyclic include is harmless. */
  get openGuard(): string | undefined {
    return this.#state === INSIDE ? this.#macro : undefined;
  }

  /** The guard macro if the whole file turned out to be guarded. Call at the end of the file. */
  result(): string | undefined {
    return this.#state === AFTER ? this.#macro : undefined;
  }
}
