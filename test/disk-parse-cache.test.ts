/**
 * The parsed files an incremental rebuild keeps in the cache directory: a file read back is the file
 * parsed (tree, positions, warnings, includes), a record is used only when everything its parse read
 * is unchanged, and a damaged or foreign record is parsed again.
 */
import test from "ava";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Loc } from "../src/ast/nodes.js";
import { compile } from "../src/compiler/compile.js";
import { DiskParseCache } from "../src/compiler/disk-parse-cache.js";
import { createNodeHost } from "../src/compiler/host.js";
import { loadProgram, type LoadResult, type ParseRecord } from "../src/compiler/load.js";
import { formatDiagnostic } from "../src/diagnostics/index.js";
import { projectOptions, shown, uuid, writeProject } from "./helpers/project.js";

// A header with a macro, a conditional and a #warning (a warning located in the header), and files
// whose text is preprocessed (macros expanded across lines) or left as it is.
const FILES: Record<string, string> = {
  "defs.h": `#define COUNT 4
#define METHOD(n) HRESULT n([in] long a, [out, retval] long *r)
#ifndef QUIET
#warning defs.h is noisy
#endif
`,
  "base.idl": `import "oaidl.idl";
#include "defs.h"
typedef long ARR[COUNT];
[object, uuid(${uuid(1)}), dual] interface IBase : IDispatch { METHOD(Ping); METHOD(Pong); }
`,
  "leaf.idl": `import "base.idl";
[object, uuid(${uuid(2)})] interface ILeaf : IBase { HRESULT Leaf([in] BSTR s); }
`,
  "other.idl": `import "base.idl";
[object, uuid(${uuid(3)})] interface IOther : IUnknown { HRESULT Other([out] long *x); }
`,
  "main.idl": `import "leaf.idl";
import "other.idl";
[uuid(${uuid(4)})] library Lib { importlib("stdole2.tlb"); [uuid(${uuid(5)})] coclass Thing { [default] interface ILeaf; } }
`,
};

const project = (): string => writeProject(FILES, "midl-ts-parsed-");

const load = (dir: string, cache: DiskParseCache): LoadResult =>
  loadProgram([join(dir, "main.idl")], { includeDirs: [], defines: new Map(), host: createNodeHost(), cwd: dir, parseCache: cache });

/** Every AST location in a tree. */
function locations(node: unknown, into: Loc[] = []): Loc[] {
  if (Array.isArray(node)) for (const x of node) locations(x, into);
  else if (node !== null && typeof node === "object") {
    const loc = (node as { loc?: Loc }).loc;
    if (loc && typeof loc.start === "number") into.push(loc);
    for (const value of Object.values(node)) locations(value, into);
  }
  return into;
}

/** A loaded program as the compiler sees it: trees, preprocessed texts, every location resolved, warnings, includes. */
function seen(r: LoadResult) {
  return r.files.map((f) => ({
    source: f.source,
    document: f.parsed.document,
    text: f.parsed.unit.text,
    ranges: locations(f.parsed.document).map((l) => {
      const range = f.parsed.unit.range(l);
      return `${range.file.path}:${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
    }),
    diagnostics: f.parsed.diagnostics.map((d) => formatDiagnostic(d, { codeFrame: true })),
    includes: f.parsed.includes,
  }));
}

test("a file read back is the file parsed: tree, preprocessed text, positions (also in #included files), warnings", (t) => {
  const dir = project();
  const cacheDir = join(dir, "cache");
  const parsed = load(dir, new DiskParseCache(cacheDir, "build", true));
  t.is(parsed.parsed, 7, "the four files, main.idl, and oaidl.idl's closure (unknwn, wtypes, oaidl)");
  t.true(seen(parsed).some((f) => f.diagnostics.some((d) => d.startsWith("defs.h(4,1): warning MTS1003"))), "a warning located in the header");
  const read = load(dir, new DiskParseCache(cacheDir, "build", false));
  t.is(read.parsed, 0);
  t.deepEqual(seen(read), seen(parsed));
});

test("integer literals come back as the bigints they were; a tree JSON cannot carry as it is is not stored", (t) => {
  const dir = project();
  const cacheDir = join(dir, "cache");
  const records = new Map<string, ParseRecord>();
  loadProgram([join(dir, "main.idl")], { includeDirs: [], defines: new Map(), host: createNodeHost(), cwd: dir, parseCache: { get: () => undefined, set: (k, r) => void records.set(k, r) } });
  const [key, record] = [...records].find(([k]) => k.startsWith(join(dir, "base.idl")))!;
  const store = new DiskParseCache(cacheDir, "build", true);
  store.set(key, record);
  const back = store.get(key)!;
  const bound = (r: ParseRecord) => JSON.stringify(r.parsed.document, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  t.regex(bound(back), /"value":"4n"/, "ARR[COUNT]: the 4 is a bigint again");
  t.is(bound(back), bound(record));
  // The same declaration twice in one tree: JSON would bring back two copies.
  const decl = record.parsed.document.declarations[0]!;
  const shared: ParseRecord = { ...record, parsed: { ...record.parsed, document: { ...record.parsed.document, declarations: [decl, decl] } } };
  store.set(`${key}\u0000shared`, shared);
  t.is(store.get(`${key}\u0000shared`), undefined);
});

test("a record is used only when the file and everything its preprocessing read are unchanged", (t) => {
  const dir = project();
  const cacheDir = join(dir, "cache");
  load(dir, new DiskParseCache(cacheDir, "build", true));
  writeFileSync(join(dir, "defs.h"), FILES["defs.h"]!.replace("COUNT 4", "COUNT 5"));
  const viaInclude = load(dir, new DiskParseCache(cacheDir, "build", true));
  t.is(viaInclude.parsed, 1, "base.idl, whose #include changed");
  t.regex(viaInclude.files.find((f) => f.source === "base.idl")!.parsed.unit.text, /ARR\[5\]/);
  writeFileSync(join(dir, "leaf.idl"), `${FILES["leaf.idl"]}typedef long MORE;\n`);
  t.is(load(dir, new DiskParseCache(cacheDir, "build", true)).parsed, 1, "leaf.idl");
  // A file an #include probed in vain now exists: the search finds it first.
  writeFileSync(join(dir, "oaidl.idl"), `[object, uuid(${uuid(9)})] interface IOwn : IUnknown { HRESULT Own(); }\n`);
  const shadowed = load(dir, new DiskParseCache(cacheDir, "build", false));
  t.true(shadowed.files.some((f) => f.source === "oaidl.idl" && f.parsed.document.declarations.some((d) => d.kind === "interface" && d.name.text === "IOwn")));
});

test("a record of another compiler build, or a damaged one, is parsed again", (t) => {
  const dir = project();
  const cacheDir = join(dir, "cache");
  const parsed = seen(load(dir, new DiskParseCache(cacheDir, "build", true)));
  t.is(load(dir, new DiskParseCache(cacheDir, "another build", false)).parsed, 7);
  const records = readdirSync(join(cacheDir, "parsed")).map((n) => join(cacheDir, "parsed", n));
  t.is(records.length, 7);
  const [first, second, third, ...rest] = records;
  const bytes = readFileSync(first!);
  writeFileSync(first!, bytes.subarray(0, bytes.length >> 1)); // cut short
  const flipped = readFileSync(second!);
  flipped[flipped.length - 10]! ^= 1; // one bit of the payload
  writeFileSync(second!, flipped);
  writeFileSync(third!, "midl-ts-parsed 1 0000\nnot a record");
  const reread = load(dir, new DiskParseCache(cacheDir, "build", false));
  t.is(reread.parsed, 3);
  t.is(rest.length, 4);
  t.deepEqual(seen(reread), parsed);
});

const options = projectOptions(["main.idl", "leaf.idl", "other.idl"]);

test("a full run stores no parsed file; a rebuild stores those it parsed, so the next one parses only the edited file", async (t) => {
  const dir = project();
  await compile(options(dir));
  t.false(existsSync(join(dir, "cache", "parsed")), "storing every tree would cost a full run more than it saves");
  for (const [edit, parsedFiles] of [[1, 7], [2, 1], [3, 1]] as const) {
    writeFileSync(join(dir, "leaf.idl"), `${FILES["leaf.idl"]}typedef long EDIT${edit};\n`);
    const rebuilt = await compile(options(dir));
    // From the second edit on, leaf.idl's previous parse is kept: main.idl, which cannot name the
    // new typedef, is cut off (early-cutoff.ts).
    const reached = edit === 1 ? ["leaf.idl", "main.idl"] : ["leaf.idl"];
    t.deepEqual(rebuilt.stats.incremental?.rebuilt, reached.map((f) => join(dir, f)), `edit ${edit}`);
    t.is(rebuilt.stats.parsedFiles, parsedFiles, `edit ${edit}: ${parsedFiles === 1 ? "leaf.idl only" : "the rebuilt leaf.idl and main.idl, and every file they resolve against"}`);
    t.deepEqual(shown(rebuilt), shown(await compile(options(dir, { cacheDir: false }))), `edit ${edit}`);
  }
});
