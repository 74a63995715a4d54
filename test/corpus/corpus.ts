/**
 * The Wine IDL corpus (Debian's libwine-dev 8.0, fetched by `fetch-wine.sh` into a cache outside the
 * repository) and widl 8.0's view of it: which files compile on their own, and the C header widl
 * writes for each. widl runs once per widl binary; its results are cached next to the corpus, so
 * repeated test runs only read files.
 *
 * Cache layout (`MIDL_TS_CORPUS_DIR`, default `~/.cache/midl-ts/wine-8.0`):
 *
 *     .complete                    marker written last by fetch-wine.sh (the Wine version)
 *     debs/*.deb                   the two downloaded packages
 *     root/usr/include/wine/       the 309 .idl files (wine/*.idl, wine/windows/*.idl)
 *     root/usr/lib/wine/widl       widl 8.0
 *     widl-runs/<key>/split.json   standalone and fragment file names; key = hash of widl's path + size
 *     widl-runs/<key>/headers/     widl -h output of every standalone file (<name>.h)
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir, tmpdir } from "node:os";
import { basename, join } from "node:path";

/** The Debian version of Wine the corpus is pinned to (fetch-wine.sh pins the same). */
export const WINE_VERSION = "8.0~repack-4";

/** How to get the corpus, for skip messages and failures. */
export const FETCH_HINT = "run `npm run corpus:fetch` (bash test/corpus/fetch-wine.sh; needs apt-get and network)";

/**
 * The 48 files of the corpus that widl cannot compile on their own: fragments that other files
 * `#include` (the OLE DB `*.idl` pieces of oledb.idl, xmldom/xmldso of msxml, …). From issue 3;
 * `widlSplit` checks that widl agrees.
 */
export const FRAGMENT_NAMES: readonly string[] = [
  "access.idl", "asynot.idl", "asysta.idl", "axcore.idl", "axextend.idl", "binres.idl", "chprst.idl", "cmdbas.idl",
  "cmdpre.idl", "cmdprp.idl", "cmdstrm.idl", "cmdtxt.idl", "cmdwpr.idl", "colinf.idl", "colrst.idl", "crtrow.idl",
  "cvttyp.idl", "dbccmd.idl", "dbcses.idl", "dbdsad.idl", "dbinit.idl", "dbprop.idl", "dbs.idl", "dyngraph.idl",
  "errrec.idl", "getdts.idl", "mulres.idl", "opcobjectmodel.idl", "opnrst.idl", "row.idl", "rowchg.idl", "rowpos.idl",
  "rowpsc.idl", "rstbas.idl", "rstchg.idl", "rstinf.idl", "rstloc.idl", "rstnot.idl", "rstupd.idl", "sapiaut.idl",
  "sesprp.idl", "srcrst.idl", "trnjoi.idl", "trnlcl.idl", "trnobj.idl", "vmrender.idl", "xmldom.idl", "xmldso.idl",
];

/** Number of .idl files in libwine-dev 8.0, and of those widl compiles standalone. */
export const CORPUS_FILE_COUNT = 309;
export const STANDALONE_COUNT = 261;

/** An extracted corpus. */
export interface Corpus {
  readonly cacheDir: string;
  /** `<root>/usr/include/wine`: holds `wine/*.idl` and `wine/windows/*.idl`. */
  readonly includeRoot: string;
  /** The include path widl and midl-ts are given, in this order. */
  readonly includeDirs: readonly string[];
  readonly widl: string;
  /** Absolute paths of every .idl file, sorted by file name (names are unique across both directories). */
  readonly idlFiles: readonly string[];
}

/** The cache directory: `MIDL_TS_CORPUS_DIR`, or `~/.cache/midl-ts/wine-8.0`. */
export function corpusCacheDir(): string {
  return process.env["MIDL_TS_CORPUS_DIR"] || join(homedir(), ".cache", "midl-ts", "wine-8.0");
}

/** The corpus when fetch-wine.sh has completed in the cache directory, else undefined. */
export function locateCorpus(cacheDir: string = corpusCacheDir()): Corpus | undefined {
  const marker = join(cacheDir, ".complete");
  if (!existsSync(marker) || readFileSync(marker, "utf8").trim() !== WINE_VERSION) return undefined;
  const includeRoot = join(cacheDir, "root", "usr", "include", "wine");
  const widl = join(cacheDir, "root", "usr", "lib", "wine", "widl");
  const includeDirs = [join(includeRoot, "wine", "windows"), join(includeRoot, "wine")];
  if (!existsSync(widl) || !includeDirs.every((d) => existsSync(d))) return undefined;
  const idlFiles = includeDirs
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".idl")).map((f) => join(d, f)))
    .sort((a, b) => compareNames(basename(a), basename(b)));
  return { cacheDir, includeRoot, includeDirs, widl, idlFiles };
}

/** widl's verdict on the corpus. */
export interface WidlSplit {
  /** Absolute paths of the files widl compiles on their own, in corpus order. */
  readonly standalone: readonly string[];
  /** Absolute paths of the others. */
  readonly fragments: readonly string[];
  /** Directory holding `<name>.h`, widl's -h output, for every standalone file. */
  readonly headersDir: string;
  /** True when this call ran widl; false when the cached results were used. */
  readonly ranWidl: boolean;
}

/** The path of widl's header for an IDL file of the split. */
export function headerPath(split: WidlSplit, idlFile: string): string {
  return join(split.headersDir, basename(idlFile).replace(/\.idl$/, ".h"));
}

/**
 * Runs widl on every file of the corpus (one process per file, in parallel), or reads the results
 * of an earlier run from the cache. Throws when the split does not match `FRAGMENT_NAMES`: every other
 * test of the corpus relies on it.
 */
export async function widlSplit(corpus: Corpus): Promise<WidlSplit> {
  const size = statSync(corpus.widl).size;
  const key = createHash("sha256").update(`${corpus.widl}\0${size}`).digest("hex").slice(0, 16);
  const runDir = join(corpus.cacheDir, "widl-runs", key);
  const splitFile = join(runDir, "split.json");
  let ranWidl = false;
  if (!existsSync(splitFile)) {
    await runWidlInto(corpus, runDir);
    ranWidl = true;
  }
  const names = JSON.parse(readFileSync(splitFile, "utf8")) as { standalone: string[]; fragments: string[] };
  checkSplit(corpus, names, runDir);
  const byName = new Map(corpus.idlFiles.map((f) => [basename(f), f]));
  const paths = (list: string[]): string[] => list.map((n) => byName.get(n) ?? join(corpus.includeRoot, n));
  return { standalone: paths(names.standalone), fragments: paths(names.fragments), headersDir: join(runDir, "headers"), ranWidl };
}

function checkSplit(corpus: Corpus, names: { standalone: string[]; fragments: string[] }, runDir: string): void {
  const problems: string[] = [];
  if (corpus.idlFiles.length !== CORPUS_FILE_COUNT) problems.push(`${corpus.idlFiles.length} .idl files, expected ${CORPUS_FILE_COUNT}`);
  if (names.standalone.length !== STANDALONE_COUNT) problems.push(`${names.standalone.length} standalone files, expected ${STANDALONE_COUNT}`);
  const expected = new Set(FRAGMENT_NAMES);
  const unexpected = names.fragments.filter((n) => !expected.has(n));
  const missing = FRAGMENT_NAMES.filter((n) => !names.fragments.includes(n));
  if (unexpected.length) problems.push(`widl fails on files that are not known fragments: ${unexpected.join(", ")}`);
  if (missing.length) problems.push(`widl compiles files known as fragments: ${missing.join(", ")}`);
  if (problems.length) throw new Error(`The corpus does not split as issue 3 says (${problems.join("; ")}); widl's results are in ${runDir}`);
}

/** Runs widl over the corpus and writes `split.json` and `headers/` into `runDir`, atomically. */
async function runWidlInto(corpus: Corpus, runDir: string): Promise<void> {
  // Never -o /dev/null: widl deletes its output file when it fails. A private temporary directory
  // receives the headers; it becomes runDir by rename, so concurrent or interrupted runs never leave
  // a partial cache behind.
  mkdirSync(join(corpus.cacheDir, "widl-runs"), { recursive: true });
  const work = mkdtempSync(join(corpus.cacheDir, "widl-runs", "tmp-"));
  const scratch = mkdtempSync(join(tmpdir(), "midl-ts-widl-"));
  try {
    const headers = join(work, "headers");
    mkdirSync(headers);
    const ok = new Array<boolean>(corpus.idlFiles.length).fill(false);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < corpus.idlFiles.length; i = next++) {
        const file = corpus.idlFiles[i]!;
        const name = basename(file).replace(/\.idl$/, ".h");
        const out = join(scratch, name);
        ok[i] = await runOne(corpus, file, out);
        if (ok[i]) renameOrCopy(out, join(headers, name));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 16)) }, worker));
    const standalone = corpus.idlFiles.filter((_, i) => ok[i]).map((f) => basename(f));
    const fragments = corpus.idlFiles.filter((_, i) => !ok[i]).map((f) => basename(f));
    writeFileSync(join(work, "split.json"), `${JSON.stringify({ widl: corpus.widl, standalone, fragments }, null, 1)}\n`);
    try {
      renameSync(work, runDir);
    } catch (e) {
      // Another process finished first: its results are the same.
      if (!existsSync(join(runDir, "split.json"))) throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runOne(corpus: Corpus, file: string, out: string): Promise<boolean> {
  const args = [...corpus.includeDirs.flatMap((d) => ["-I", d]), "-h", "-o", out, file];
  return new Promise((resolve) => {
    execFile(corpus.widl, args, { maxBuffer: 16 << 20 }, (error) => resolve(!error && existsSync(out)));
  });
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // tmpdir and the cache may be on different file systems.
    writeFileSync(to, readFileSync(from));
  }
}

/** Byte order of file names: the same on every machine and locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
