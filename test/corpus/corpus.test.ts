/**
 * Issue 3: every real-world Wine IDL file compiles, and agrees with widl. Over Debian's libwine-dev
 * 8.0 (fetched by `npm run corpus:fetch` into a cache outside the repository): widl's split of the
 * corpus is the issue's, widl's headers are fully read, the 261 standalone files compile in ONE run
 * (each file is parsed once per run; compiling them one by one would be 261 times slower), and our
 * IR agrees with widl's headers except for the documented known differences.
 *
 * Without the corpus the tests are skipped, with a note on how to fetch it; under CI (`CI` set) a
 * missing corpus is a failure.
 *
 * While some files still have syntax errors the run yields no IR at all, so nothing can be compared.
 * `MIDL_TS_CORPUS_EXCLUDE=<regexp>` leaves the matching file names out of the run (the tests still
 * fail, saying so) to see the comparison of the others, e.g. `MIDL_TS_CORPUS_EXCLUDE='^windows'`.
 */
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { compile, type CompileResult } from "../../src/index.js";
import { formatDiagnostic } from "../../src/diagnostics/index.js";
import { formatIrSchemaError, irSchemaErrors } from "../ir-validator.js";
import { compareContext, compareFile, type Difference } from "./compare.js";
import { FETCH_HINT, FRAGMENT_NAMES, STANDALONE_COUNT, corpusCacheDir, headerPath, locateCorpus, widlSplit, type Corpus, type WidlSplit } from "./corpus.js";
import { cppQuoteNames } from "./cpp-quote-names.js";
import { KNOWN_DIFFERENCES, subtractKnown } from "./known-differences.js";
import { differenceReport, errorReport } from "./report.js";
import { parseWidlHeader, resolveHeaderValues, type WidlHeader } from "./widl-header.js";

const TIMEOUT = 20 * 60_000;
const corpus = locateCorpus();

if (!corpus) {
  const why = `the Wine corpus is not in ${corpusCacheDir()}: ${FETCH_HINT}`;
  if (process.env["CI"]) {
    test("Wine corpus is fetched (required under CI)", (t) => t.fail(why));
  } else {
    test("Wine corpus: not fetched, the corpus tests are skipped", (t) => {
      t.log(why);
      t.pass();
    });
    test.skip("Wine corpus compiles and agrees with widl", () => {});
  }
} else {
  registerTests(corpus);
}

/**
 * The TypeScript emitted for the whole corpus in one run (each file its own module, importing the
 * modules of what it uses) type-checks under strict: the compiler's own verification (ts-morph, with
 * exactOptionalPropertyTypes and noUncheckedIndexedAccess) reports any error as MTS4001.
 */
function registerTypeScriptTest(corpus: Corpus, loadSplit: () => Promise<WidlSplit>): void {
  test("the TypeScript emitted for the whole corpus type-checks under strict", async (t) => {
    t.timeout(TIMEOUT);
    const split = await loadSplit();
    const start = performance.now();
    const result = await compile({
      inputs: split.standalone,
      outDir: join(tmpdir(), "midl-ts-corpus-ts"),
      cwd: corpus.includeRoot,
      includeDirs: corpus.includeDirs,
      emit: ["ts"],
      format: false,
      verify: true,
    });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    t.log(`${result.files.length} modules generated and type-checked in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    t.deepEqual(errors.slice(0, 30).map((d) => formatDiagnostic(d, { codeFrame: false })), []);
    t.true(result.files.length >= split.standalone.length, "every standalone file has its module");
  });
}

/** widl's side: its headers of the standalone files, read and evaluated. */
interface Widl {
  readonly split: WidlSplit;
  /** By IDL file name. */
  readonly headers: ReadonlyMap<string, WidlHeader>;
  readonly cppQuote: ReadonlySet<string>;
}

/** Our side: the one compile. */
interface Run extends Widl {
  /** The files compiled: the standalone ones, but for those MIDL_TS_CORPUS_EXCLUDE matches. */
  readonly inputs: readonly string[];
  readonly excluded: readonly string[];
  readonly result: CompileResult;
  readonly compileMs: number;
}

function registerTests(corpus: Corpus): void {
  // Tests run concurrently: each step runs once, whichever test asks first.
  let split: Promise<WidlSplit> | undefined;
  let widl: Promise<Widl> | undefined;
  let run: Promise<Run> | undefined;
  const loadSplit = (): Promise<WidlSplit> => (split ??= widlSplit(corpus));
  const loadWidl = (t: ExecutionContext): Promise<Widl> => {
    t.timeout(TIMEOUT);
    return (widl ??= loadSplit().then((s) => readHeaders(corpus, s)));
  };
  const load = (t: ExecutionContext): Promise<Run> => {
    t.timeout(TIMEOUT);
    return (run ??= loadWidl(t).then((w) => compileAll(corpus, w)));
  };

  registerTypeScriptTest(corpus, loadSplit);

  test("widl compiles exactly the 261 standalone files, the other 48 are the issue's fragments", async (t) => {
    t.timeout(TIMEOUT);
    const split = await loadSplit(); // throws on any mismatch
    t.is(split.standalone.length, STANDALONE_COUNT);
    t.deepEqual(split.fragments.map((f) => basename(f)), [...FRAGMENT_NAMES].sort());
    t.log(`${split.ranWidl ? "ran widl" : "widl results from the cache"}: ${split.headersDir}`);
  });

  test("widl's headers of the 261 files are read completely", async (t) => {
    const { headers } = await loadWidl(t);
    const all = [...headers.values()];
    const count = (f: (h: WidlHeader) => number): number => all.reduce((n, h) => n + f(h), 0);
    t.log(
      `${headers.size} headers: ${count((h) => h.interfaces.length)} interfaces ` +
        `(${count((h) => h.interfaces.filter((i) => !i.object).length)} RPC, ${count((h) => h.interfaces.filter((i) => i.parameterized).length)} WinRT instances), ` +
        `${count((h) => h.interfaces.reduce((n, i) => n + (i.vtable?.length ?? 0), 0))} vtable entries, ` +
        `${count((h) => h.dispinterfaces.length)} dispinterfaces, ${count((h) => h.coclasses.length)} coclasses, ${count((h) => h.libraries.length)} libraries, ` +
        `${count((h) => h.enums.length)} enums with ${count((h) => h.enums.reduce((n, e) => n + e.members.length, 0))} members, ` +
        `${count((h) => h.constants.length)} #define (value)`,
    );
    const problems = [...headers].flatMap(([file, h]) => h.problems.map((p) => `${file} ${p}`));
    t.deepEqual(problems.slice(0, 50), [], `${problems.length} problems`);
  });

  test("the 261 standalone files compile in one run without errors", async (t) => {
    const { result, compileMs, inputs, excluded } = await load(t);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    t.log(`one compile of ${inputs.length} files: ${(compileMs / 1000).toFixed(1)} s, ${result.ir.length} IR files`);
    if (errors.length) t.log(errorReport(errors, inputs.length));
    t.is(errors.length, 0, "error diagnostics");
    t.deepEqual(excluded, [], "files left out by MIDL_TS_CORPUS_EXCLUDE");
  });

  test("every IR file of the corpus validates against the IR schema", async (t) => {
    const { result } = await load(t);
    const irFiles = result.files.filter((f) => f.path.endsWith(".ir.json")); // the JSON text --emit ir writes
    const start = performance.now();
    const invalid = irFiles.flatMap((f) => irSchemaErrors(JSON.parse(f.contents)).slice(0, 1).map((e) => `${basename(f.path)} ${formatIrSchemaError(e)}`));
    t.log(`${irFiles.length} IR files validated in ${(performance.now() - start).toFixed(0)} ms`);
    t.deepEqual(invalid.slice(0, 30), [], `${invalid.length} invalid IR files`);
    t.true(irFiles.length > 0 && irFiles.length === result.ir.length, "an IR file for each IR");
  });

  test("our IR agrees with widl's headers, but for the known differences", async (t) => {
    const { result, headers, cppQuote, inputs, excluded } = await load(t);
    if (result.ir.length === 0) {
      t.fail("no IR: the compile stopped at syntax errors (see the compile test); nothing to compare yet");
      return;
    }
    // Files with errors of their own give partial IR: compare the others.
    const failing = new Set(result.diagnostics.filter((d) => d.severity === "error" && d.range).map((d) => resolve(corpus.includeRoot, d.range!.file.path)));
    const byPath = new Map(result.ir.map((f) => [resolve(corpus.includeRoot, f.source), f]));
    const ctx = compareContext(result.ir, headers.values(), cppQuote);
    const found: Difference[] = [];
    const compared = new Set<string>();
    for (const file of inputs) {
      const ir = byPath.get(file);
      if (!ir || failing.has(file)) continue;
      compared.add(basename(file));
      found.push(...compareFile(basename(file), ir, headers.get(basename(file))!, ctx));
    }
    const { unexplained, stale } = subtractKnown(found, compared);
    t.log(`compared ${compared.size} of ${inputs.length} files: ${[...ctx.checked].map(([k, n]) => `${n} ${k}`).join(", ")}`);
    t.log(`${found.length} differences, ${found.length - unexplained.length} of them known (${KNOWN_DIFFERENCES.length} listed)`);
    if (unexplained.length) t.log(differenceReport(unexplained));
    t.is(unexplained.length, 0, "unexplained differences with widl");
    t.deepEqual(stale, [], "known differences that no longer occur: remove them from known-differences.ts");
    t.is(compared.size, STANDALONE_COUNT, "files compared");
    t.deepEqual(excluded, [], "files left out by MIDL_TS_CORPUS_EXCLUDE");
  });
}

/** Reads widl's headers of the standalone files and evaluates their values. */
function readHeaders(corpus: Corpus, split: WidlSplit): Widl {
  const cppQuote = cppQuoteNames(corpus.idlFiles);
  const headers = new Map<string, WidlHeader>();
  for (const file of split.standalone) headers.set(basename(file), parseWidlHeader(readFileSync(headerPath(split, file), "utf8")));
  resolveHeaderValues([...headers.values()], (name) => cppQuote.has(name));
  return { split, headers, cppQuote };
}

/** Compiles the standalone files in one run. */
async function compileAll(corpus: Corpus, widl: Widl): Promise<Run> {
  const exclude = process.env["MIDL_TS_CORPUS_EXCLUDE"] ? new RegExp(process.env["MIDL_TS_CORPUS_EXCLUDE"]) : undefined;
  const inputs = widl.split.standalone.filter((f) => !exclude?.test(basename(f)));
  const excluded = widl.split.standalone.filter((f) => exclude?.test(basename(f)));
  const outDir = mkdtempSync(join(tmpdir(), "midl-ts-corpus-"));
  try {
    const start = performance.now();
    const result = await compile({
      inputs,
      outDir,
      cwd: corpus.includeRoot,
      includeDirs: corpus.includeDirs,
      emit: ["ir"],
      format: false,
      verify: false,
    });
    return { ...widl, inputs, excluded, result, compileMs: performance.now() - start };
  } finally {
    rmSync(outDir, { recursive: true, force: true }); // compile writes nothing; in case it ever does
  }
}
