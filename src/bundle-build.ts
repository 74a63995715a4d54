/**
 * `npm run build`'s last step: bundles the command line and the API into `dist/bundle/`, from the
 * modules tsc compiled.
 *
 * Node 20 loads an ES module graph one file at a time (resolve, read, compile, link each), and a
 * run that parses loads most of the compiler's ~100 modules: ~20 ms of a one-file rebuild, one
 * tenth of it. The bundle is a few files: the two entry points and chunks shared between them,
 * split where the compiler imports lazily (the pipeline, watch mode), so that a run the cache
 * answers still loads only the cache's code. Dependencies are not bundled (they load from
 * node_modules as usual), nor are the runtime (`midl-ts/runtime`, imported by generated code) and
 * the worker scripts, which stay modules under `dist/src/`.
 *
 * `codegen` (package.json `bin`) and the package's main export run the bundle, as does the
 * benchmark; the tests run the modules, and a test holds the bundle to the same results.
 */
import { build } from "esbuild";
import { chmodSync, rmSync } from "node:fs";
import { join } from "node:path";
import { distDir } from "./paths.js";

const outdir = join(distDir, "bundle");
// Chunk names carry a content hash: the last build's chunks would otherwise stay beside the new ones.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(distDir, "src", "index.js"),
    "cli/main": join(distDir, "src", "cli", "main.js"),
    // compile() and BuildSession alone, loaded as the command line loads them (the API's index
    // also loads the parser, for parseFile): what the benchmark measures.
    compile: join(distDir, "src", "compiler", "compile.js"),
    session: join(distDir, "src", "compiler", "session.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
chmodSync(join(outdir, "cli", "main.js"), 0o755);
process.stderr.write(`bundle: ${outdir}\n`);
