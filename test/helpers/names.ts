/** Identifiers of chosen lengths, for tests that put names on both sides of a line-width boundary. */

/** An identifier of exactly `n` characters (at least `prefix`), starting with `prefix`. */
export const ident = (prefix: string, n: number): string => (prefix + "abcdefghijklmnopqrstuvwxyz".repeat(8)).slice(0, Math.max(n, prefix.length));
