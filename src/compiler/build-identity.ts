/**
 * The identity of the compiler's own installation, for the cache: the package version alone
 * misses a rebuilt checkout, a `git` install or edited built-in templates, and a stale cache
 * would then hand back outputs the current compiler no longer produces.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtinIncludeDir, packageRoot, templatesDir } from "../paths.js";

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

/** `version+digest`, where the digest covers the compiled code, templates and built-in IDL (computed once per process). */
export function buildIdentity(version: string): string {
  if (identity === undefined) {
    const files: string[] = [];
    for (const dir of [join(packageRoot, "dist", "src"), templatesDir, builtinIncludeDir]) walk(dir, files);
    identity = createHash("sha256").update(files.sort().join("\n")).digest("hex").slice(0, 16);
  }
  return `${version}+${identity}`;
}
