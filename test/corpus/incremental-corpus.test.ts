/**
 * Incremental rebuilds on the Wine corpus: after editing one file of a copy of the corpus, the
 * cached run (which compiles only what the edit reaches) gives exactly what a full run gives, for
 * a leaf (oleacc.idl, as the benchmark edits it), a file many import (dxgi.idl) and a base file
 * (wtypes.idl, which reaches nearly everything: a full run). Skipped without the corpus (the
 * corpus test reports why, and fails under CI).
 */
import test from "ava";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { compile, type CompileResult } from "../../src/compiler/compile.js";
import { formatDiagnostic } from "../../src/diagnostics/index.js";
import { locateCorpus, widlSplit } from "./corpus.js";

const corpus = locateCorpus();

if (corpus) {
  test("editing one file of the corpus: the cached run equals a full run", async (t) => {
    t.timeout(10 * 60_000);
    const split = await widlSplit(corpus);
    const work = mkdtempSync(join(tmpdir(), "midl-ts-incremental-corpus-"));
    try {
      const dirs = corpus.includeDirs.map((d, i) => {
        const to = join(work, String(i));
        cpSync(d, to, { recursive: true });
        return to;
      });
      const inputs = split.standalone.map((f) => join(dirs[corpus.includeDirs.findIndex((d) => f.startsWith(`${d}/`))]!, basename(f)));
      const options = { inputs, includeDirs: dirs, outDir: join(work, "out"), cwd: work, verify: false };
      const shown = (r: CompileResult) => ({ files: r.files.map((f) => `${f.path}\n${f.contents}`), diagnostics: r.diagnostics.map((d) => formatDiagnostic(d)) });
      await compile({ ...options, cacheDir: "cache" });
      for (const [name, rebuilt] of [["oleacc.idl", true], ["dxgi.idl", true], ["wtypes.idl", false]] as const) {
        appendFileSync(inputs.find((f) => basename(f) === name) ?? join(dirs[1]!, name), "\n// edited\n");
        const cached = await compile({ ...options, cacheDir: "cache" });
        const full = await compile({ ...options, cacheDir: false });
        t.is(cached.stats.incremental !== undefined, rebuilt, `${name}: incremental`);
        t.log(`${name}: ${cached.stats.incremental ? `${cached.stats.incremental.rebuiltModules} modules rebuilt, ${cached.stats.parsedFiles} files parsed` : "full run"}`);
        t.deepEqual(shown(cached), shown(full), name);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}
