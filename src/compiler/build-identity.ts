/**
 * The identity of the compiler's own installation, for the cache: the package version alone
 * misses a rebuilt checkout, a `git` install or edited built-in templates, and a stale cache
 * would then hand back outputs the current compiler no longer produces.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtinIncludeDir, distDir, templatesDir } from "../paths.js";
import { sha256 } from "../sha256.js";

let identity: string | undefined;

function walk(dir: string, into: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, into);
    else if (e.isFile()) {
      // Size and mtime, not contents: a few hundred stats cost well under a millisecond or two,
      // reading and hashing the whole compiler on every cached run would not.
      const s = statSync(path);
      into.push(`${path}\u0000${s.size}\u0000${s.mtimeMs}`);
    }
  }
}

/**
 * What the identity covers: the compiled compiler (`dist/src`), the compiled grammar with its
 * recorded lookahead (`dist/grammar`), the bundle `codegen` runs (`dist/bundle`), the templates and
 * the built-in IDL.
 */
export const BUILD_INPUTS: readonly string[] = [join(distDir, "src"), join(distDir, "grammar"), join(distDir, "bundle"), templatesDir, builtinIncludeDir];

/** A digest of every file under `dirs` (paths, sizes and modification times). */
export function directoryDigest(dirs: readonly string[]): string {
  const files: string[] = [];
  for (const dir of dirs) walk(dir, files);
  return sha256(files.sort().join("\n")).slice(0, 16);
}

/** `version+digest`, where the digest covers BUILD_INPUTS (computed once per process). */
export function buildIdentity(version: string): string {
  identity ??= directoryDigest(BUILD_INPUTS);
  return `${version}+${identity}`;
}
