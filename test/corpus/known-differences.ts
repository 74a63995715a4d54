/**
 * Deliberate differences between our IR and widl 8.0 over the Wine corpus, each with why it is
 * right for us. The corpus test subtracts these from what `compareFile` finds, and fails on an entry
 * that no longer occurs in a file it compared, so the list cannot rot: remove an entry when its
 * difference goes away.
 */
import type { Difference, DifferenceKind } from "./compare.js";

/** One deliberate difference: matched on file, kind and name. */
export interface KnownDifference {
  /** The IDL file name (`oaidl.idl`). */
  readonly file: string;
  readonly kind: DifferenceKind;
  readonly name: string;
  /** One line: why this is not a bug. */
  readonly reason: string;
}

/** The list. Keep it sorted by file, kind, name. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];

/** Differences not explained by the list, and entries of the list that did not occur in a compared file. */
export function subtractKnown(
  found: readonly Difference[],
  compared: ReadonlySet<string>,
  known: readonly KnownDifference[] = KNOWN_DIFFERENCES,
): { unexplained: Difference[]; stale: KnownDifference[] } {
  const key = (d: { file: string; kind: string; name: string }): string => `${d.file}\0${d.kind}\0${d.name}`;
  const knownKeys = new Set(known.map(key));
  const foundKeys = new Set(found.map(key));
  return {
    unexplained: found.filter((d) => !knownKeys.has(key(d))),
    stale: known.filter((k) => compared.has(k.file) && !foundKeys.has(key(k))),
  };
}
