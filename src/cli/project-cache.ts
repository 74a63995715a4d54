/**
 * Where `codegen` keeps what it caches for a project — the incremental cache and V8's code cache
 * of the compiler — unless run with `--no-cache`.
 */
import { join } from "node:path";

/** The project's cache directory: with its dependencies, where build tools keep theirs. */
export function projectCacheDir(cwd: string): string {
  return join(cwd, "node_modules", ".cache", "midl-ts");
}

/** The file V8's code cache of the bundled compiler is kept in, within the project's cache directory. */
export function codeCacheFile(cwd: string): string {
  return join(projectCacheDir(cwd), "v8-code-cache.bin");
}
