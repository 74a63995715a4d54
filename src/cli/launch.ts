#!/usr/bin/env node
/**
 * `codegen` as installed: the launcher of the bundled compiler (`dist/bundle/codegen.cjs`, see
 * bundle-build.ts). It runs the bundle with V8's code cache of it (code-cache.ts), kept in the
 * project's cache directory unless `--no-cache` says to keep nothing, so that a process does not
 * compile the compiler again; then it runs the command exactly as the modules' entry does (main.ts).
 */
import { join } from "node:path";
import { loadCachedScript } from "../code-cache.js";
import { distDir } from "../paths.js";
import { parseCli } from "./args.js";
import { exitWith } from "./exit.js";
import { codeCacheFile } from "./project-cache.js";
import type * as Bundle from "./bundle-entry.js";

const argv = process.argv.slice(2);
let caching: boolean;
try {
  caching = parseCli(argv).cache;
} catch {
  caching = false; // a usage error: the command reports it
}
const script = loadCachedScript<typeof Bundle>(join(distDir, "bundle", "codegen.cjs"), caching ? codeCacheFile(process.cwd()) : undefined);
await exitWith(script.exports.runCommand(argv));
// After a run that compiled (a cached one runs a fraction of the compiler), or a first run.
if (process.exitCode === 0 || process.exitCode === 1) script.save(script.exports.loadedPipeline() ? "full" : "partial");
