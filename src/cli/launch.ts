#!/usr/bin/env node
/**
 * `codegen` as installed: the launcher of the bundled compiler (`dist/bundle/codegen.cjs`, see
 * bundle-build.ts). It runs the bundle with V8's code cache of it (code-cache.ts), kept in the
 * project's cache directory unless `--no-cache` says to keep nothing, so that a process does not
 * compile the compiler again; then it runs the command exactly as the modules' entry does (main.ts).
 */
import { parseCli } from "./args.js";
import { loadBundledCompiler } from "./bundled-compiler.js";
import { exitWith } from "./exit.js";
import { codeCacheFile } from "./project-cache.js";

const argv = process.argv.slice(2);
let caching: boolean;
try {
  caching = parseCli(argv).cache;
} catch {
  caching = false; // a usage error: the command reports it
}
const compiler = loadBundledCompiler(caching ? codeCacheFile(process.cwd()) : undefined);
await exitWith(compiler.exports.runCommand(argv));
// Not after a crash (exit code 3): that run need not have compiled what it should have.
if (process.exitCode === 0 || process.exitCode === 1) compiler.saveCodeCache();
