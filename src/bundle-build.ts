/**
 * `npm run build`'s last step: bundles, from the modules tsc compiled, what users run.
 *
 * - `dist/bundle/codegen.cjs`: the whole compiler as one CommonJS script, which `codegen` runs
 *   with V8's code cache of it (see code-cache.ts: on Node 20 only a script can have one). A run
 *   the incremental cache answers still only runs the cache's code: the modules keep their lazy
 *   loading as esbuild's lazy module initialisers. chevrotain is inlined, from the single-file
 *   build that grammar/chevrotain.ts loads in the modules (a top-level await, which a script
 *   cannot have, so the bundle imports it statically instead).
 * - `dist/bundle/cli/main.js`: `codegen` (package.json `bin`), the launcher of that script.
 * - `dist/bundle/index.js` and its chunks: the package's main export, an ES module.
 *
 * Node 20 loads an ES module graph one file at a time (resolve, read, compile, link each): the
 * compiler's ~100 modules cost ~20 ms of a one-file rebuild, and compiling them ~30 more, which
 * is why the command runs one script, compiled once per project. Dependencies other than
 * chevrotain are not bundled (they load from node_modules as usual), nor are the runtime
 * (`midl-ts/runtime`, imported by generated code) and the worker scripts, which stay modules
 * under `dist/src/`. The tests run the modules; a test holds the bundles to the same results.
 */
import { build, type Plugin } from "esbuild";
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readLookaheadTable, writeLookaheadTable } from "../grammar/lookahead.js";
import { distDir } from "./paths.js";

const outdir = join(distDir, "bundle");
// Chunk names carry a content hash: the last build's chunks would otherwise stay beside the new ones.
rmSync(outdir, { recursive: true, force: true });
const common = { bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "warning" } as const;

await build({ ...common, entryPoints: { index: join(distDir, "src", "index.js") }, outdir, splitting: true, format: "esm" });

/** grammar/chevrotain.js, replaced by a static import of chevrotain's single-file build. */
const chevrotainInlined: Plugin = {
  name: "chevrotain-inlined",
  setup(b) {
    const single = join(createRequire(import.meta.url).resolve("chevrotain"), "..", "..", "chevrotain.mjs");
    b.onLoad({ filter: /[\\/]grammar[\\/]chevrotain\.js$/ }, () => ({
      contents: `import * as chevrotain from ${JSON.stringify(single)};\nexport { chevrotain };\n`,
      loader: "js",
    }));
  },
};
await build({
  ...common,
  entryPoints: [join(distDir, "src", "cli", "bundle-entry.js")],
  outfile: join(outdir, "codegen.cjs"),
  format: "cjs",
  plugins: [chevrotainInlined],
  // A script's import() needs a loader callback, which Node 20 only offers as an experimental
  // feature that prints a warning: the dependencies loaded on demand (prettier, ts-morph,
  // chokidar) are required instead, through their CommonJS entries.
  supported: { "dynamic-import": false },
  // A script has no import.meta: the modules' uses of it (finding the package, resolving
  // prettier) get the script's own location, which is inside the package as theirs is.
  define: { "import.meta.url": "__bundleUrl", "import.meta.resolve": "__bundleResolve" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;\nvar __bundleResolve = (s) => require("node:url").pathToFileURL(require.resolve(s)).href;' },
});

// The bundled parser's class is esbuild's text of it, not tsc's: the lookahead table (recorded from
// the modules by lookahead-build.ts) is told that this code has the same grammar, so that the
// command does not record it on every start (see grammar/gast-table.ts).
const bundled = execFileSync(process.execPath, ["-e", `require(${JSON.stringify(join(outdir, "codegen.cjs"))}).grammarSource().then((g) => process.stdout.write(g.fingerprint))`], { encoding: "utf8" });
const table = readLookaheadTable();
if (table === undefined) throw new Error("no lookahead table: lookahead-build.js runs before the bundle");
if (!table.sources?.includes(bundled)) writeLookaheadTable({ ...table, sources: [...(table.sources ?? []), bundled] });

await build({ ...common, entryPoints: [join(distDir, "src", "cli", "launch.js")], outfile: join(outdir, "cli", "main.js"), format: "esm" });
chmodSync(join(outdir, "cli", "main.js"), 0o755);
process.stderr.write(`bundle: ${outdir}\n`);
