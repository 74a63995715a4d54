/**
 * The incremental cache. An entry is keyed by the options of a compilation (inputs, include
 * directories, defines, output kinds, switches, compiler version) and records the content hash of
 * every file the compilation read — inputs, their imports and #includes — with the outputs and the
 * warnings. When every recorded file still has its hash, the outputs are reused: no parsing,
 * formatting or verification. A file whose size and modification time (its stamp) are what they
 * were when it was read is not read again; a stamp is recorded only for files older than two
 * seconds, so an edit within the file system's timestamp resolution is still seen by its hash.
 * An entry that is unreadable, corrupt, or written by another version is ignored and replaced,
 * never trusted. Entries are written atomically (temporary file + rename),
 * so concurrent runs cannot leave a half-written one.
 *
 * Layout: `<key>.json` holds the metadata (dependencies, graph, outputs' paths and hashes,
 * warnings) under a header with its hash; each output's text is a file `<key>.out/<sha256>` of its
 * own, checked against its hash when first used. An incremental rebuild thus writes only the
 * outputs that changed and a new metadata file, not the whole project's outputs again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { SourceFile, type Diagnostic, type SourceRange } from "../diagnostics/index.js";
import type { CompilerHost, FileStamp } from "./host.js";
import { utf8Of, withLazyContents } from "./output-bytes.js";
import { sha256 } from "../sha256.js";
import { readSealed, writeSealed } from "./sealed-file.js";

const CACHE_FORMAT = 5;

/** An entry file: a header line (this, the format, the SHA-256 of the metadata), then one line of JSON metadata. */
const MAGIC = "midl-ts-cache";

/** Files modified more recently than this when recorded get no stamp (see the module comment). */
const STAMP_MIN_AGE_MS = 2_000;

/** A place in a file: its absolute path, the path as shown, offsets, and lines and columns. */
interface StoredRange {
  readonly file: string;
  readonly shown: string;
  readonly start: number;
  readonly end: number;
  /**
   * Start line and column, end line and column: recorded, since the file is unchanged whenever the
   * range is used, which spares building a line table for every file with a warning.
   */
  readonly lines: readonly [number, number, number, number];
}

interface StoredDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly range?: StoredRange;
  readonly related?: readonly { readonly message: string; readonly range: StoredRange }[];
}

/**
 * A path the run read, with its content hash (null for a path probed in vain: it must stay
 * absent) and, when the host has them, its stamp.
 */
export interface StoredDependency {
  readonly path: string;
  readonly hash: string | null;
  readonly stamp?: string;
}

/**
 * One IDL file of the run, in the run's load order, with what decides which outputs a change to
 * it reaches (see incremental.ts).
 */
export interface CachedNode {
  /** Absolute path. */
  readonly path: string;
  /** The files it imports, as indices into the nodes. */
  readonly imports: readonly number[];
  /** Absolute paths of the files it #includes. */
  readonly includes: readonly string[];
  /**
   * False when the file sees declarations through its importers (what they imported before it,
   * as MIDL's single scope allows), so that resolving it depends on who imports it.
   */
  readonly selfContained: boolean;
  /** The interfaces its coclasses use as `[source]` (`source\0name`): they get event sinks wherever declared. */
  readonly sources: readonly string[];
}

/** An output with the node (index into the nodes) whose module produced it. */
export interface CachedOutput {
  readonly path: string;
  readonly contents: string;
  readonly node: number;
  /** SHA-256 of the contents (UTF-8), when known: an output read from the cache is not hashed again. */
  readonly hash?: string;
}

interface Entry {
  readonly format: number;
  readonly version: string;
  readonly key: string;
  readonly deps: readonly StoredDependency[];
  readonly nodes: readonly CachedNode[];
  /** Output paths (relative to outDir), nodes and the hashes their texts are stored by. */
  readonly outputs: readonly { readonly path: string; readonly node: number; readonly hash: string }[];
  readonly diagnostics: readonly StoredDiagnostic[];
}

/**
 * What the cache knows of a compilation: its outputs (absolute paths under outDir), its graph and
 * which recorded dependencies changed since. No change is a hit; otherwise the entry may still
 * serve an incremental rebuild.
 */
export interface CacheLookup {
  /** Paths whose content (or existence) is no longer what the run read. Empty: a hit. */
  readonly changed: ReadonlySet<string>;
  readonly files: readonly CachedOutput[];
  readonly nodes: readonly CachedNode[];
  readonly deps: readonly StoredDependency[];
  /**
   * The run's warnings, located in today's texts, optionally only those whose file (absolute
   * path; undefined for unlocated ones) passes `keep`. Only meaningful for unchanged files.
   */
  diagnostics(keep?: (file: string | undefined) => boolean): Diagnostic[];
}

/** The cache key of a compilation's options. */
export function cacheKey(parts: object): string {
  return sha256(JSON.stringify(parts));
}

function entryPath(dir: string, key: string): string {
  return join(dir, `${key.slice(0, 32)}.json`);
}

/** The directory of an entry's output texts. */
function blobDir(dir: string, key: string): string {
  return join(dir, `${key.slice(0, 32)}.out`);
}

const HASH_RE = /^[0-9a-f]{64}$/;

/**
 * Looks an entry up. `files` reads the current text (or stamp) of a recorded dependency. Returns
 * undefined when there is no usable entry, for whatever reason.
 */
export function readCache(dir: string, key: string, version: string, outDir: string, files: Pick<CompilerHost, "readFile" | "stamp">): CacheLookup | undefined {
  // The header holds the metadata's hash: a truncated or edited entry reads as none.
  const meta = readSealed(entryPath(dir, key), MAGIC, CACHE_FORMAT);
  if (meta === undefined) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(meta.toString("utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (typeof entry !== "object" || entry === null || entry.format !== CACHE_FORMAT || entry.version !== version || entry.key !== key) return undefined;
  if (!Array.isArray(entry.deps) || !Array.isArray(entry.outputs) || !Array.isArray(entry.diagnostics) || !Array.isArray(entry.nodes)) return undefined;
  // Each output's text: a missing one makes the whole entry unusable. They are checked against
  // the hash they are stored by when used, not here (see output-bytes.ts): one found damaged then
  // is removed, so that the next run does not take this entry.
  const blobs = blobDir(dir, key);
  const outputTexts = new Map<string, Uint8Array>();
  for (const o of entry.outputs) {
    if (typeof o.hash !== "string" || !HASH_RE.test(o.hash) || outputTexts.has(o.hash)) continue;
    try {
      outputTexts.set(o.hash, readFileSync(join(blobs, o.hash)));
    } catch {
      return undefined;
    }
  }
  if (entry.outputs.some((o) => !outputTexts.has(o.hash))) return undefined;
  // Decoded only if asked for: writing and comparing use the bytes (output-bytes.ts).
  const outputs: CachedOutput[] = entry.outputs.map((o) =>
    withLazyContents({ path: resolve(outDir, o.path), node: o.node, hash: o.hash }, outputTexts.get(o.hash)!, { hash: o.hash, file: join(blobs, o.hash) }));
  const { changed, texts } = changedDependencies(entry.deps, files);
  // Only warnings can be cached (runs with errors are not); a file vouched for by its stamp is
  // read here, to locate them.
  const sources = new Map<string, SourceFile | undefined>();
  const locate = (r: StoredRange | undefined): SourceRange | undefined => {
    if (r === undefined) return undefined;
    let file = sources.get(r.file);
    if (!sources.has(r.file)) {
      const text = texts.get(r.file) ?? files.readFile(r.file);
      file = text === undefined ? undefined : new SourceFile(r.shown, text);
      sources.set(r.file, file);
    }
    if (!file) return undefined;
    const [line, column, endLine, endColumn] = r.lines;
    return { file, start: { offset: r.start, line, column }, end: { offset: r.end, line: endLine, column: endColumn } };
  };
  const diagnostics = (keep: (file: string | undefined) => boolean = () => true): Diagnostic[] =>
    entry.diagnostics.filter((d) => keep(d.range?.file)).map((d): Diagnostic => {
      const range = locate(d.range);
      const related = d.related?.flatMap((r) => {
        const at = locate(r.range);
        return at ? [{ message: r.message, range: at }] : [];
      });
      return { code: d.code, severity: d.severity, message: d.message, ...(range ? { range } : {}), ...(related?.length ? { related } : {}) };
    });
  return { changed, files: outputs, nodes: entry.nodes, deps: entry.deps, diagnostics };
}

/**
 * The recorded dependencies whose content (or existence) changed, checked by stamp where one
 * vouches for the file, else by reading and hashing it; with the texts read on the way.
 */
export function changedDependencies(deps: readonly StoredDependency[], files: Pick<CompilerHost, "readFile" | "stamp">): { changed: Set<string>; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const changed = new Set<string>();
  for (const dep of deps) {
    if (dep.stamp !== undefined && files.stamp) {
      const now = files.stamp(dep.path);
      if (now === null ? dep.hash === null : now.id === dep.stamp) continue;
    }
    const text = files.readFile(dep.path);
    if (text === undefined ? dep.hash !== null : dep.hash === null || sha256(text) !== dep.hash) changed.add(dep.path);
    else if (text !== undefined) texts.set(dep.path, text);
  }
  return { changed, texts };
}

/** What a successful run leaves in a cache store. */
export interface CacheRecord {
  readonly deps: readonly StoredDependency[];
  readonly nodes: readonly CachedNode[];
  readonly files: readonly CachedOutput[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Where compilations are remembered: the cache directory (`DiskCache`), or a long-lived process's
 * memory (`BuildSession`, watch mode). `key` identifies the compilation's options, `version` the
 * compiler build; a lookup under another key, version or output directory finds nothing.
 */
export interface CacheStore {
  read(key: string, version: string, outDir: string, cwd: string, files: Pick<CompilerHost, "readFile" | "stamp">): CacheLookup | undefined;
  write(key: string, version: string, outDir: string, cwd: string, record: CacheRecord): void;
}

/** The cache directory as a store: one entry file per compilation (see the module comment). */
export class DiskCache implements CacheStore {
  constructor(readonly dir: string) {}

  read(key: string, version: string, outDir: string, _cwd: string, files: Pick<CompilerHost, "readFile" | "stamp">): CacheLookup | undefined {
    return readCache(this.dir, key, version, outDir, files);
  }

  write(key: string, version: string, outDir: string, cwd: string, record: CacheRecord): void {
    writeCache(this.dir, key, version, outDir, record.deps, record.nodes, record.files, record.diagnostics, cwd);
  }
}

/** A dependency as the run read it: the hash of its text (null: absent) and its stamp before the read. */
export interface DependencyRead {
  readonly hash: string | null;
  readonly stamp: FileStamp | null | undefined;
}

/** The hash a dependency's text is recorded by. */
export function contentHash(text: string): string {
  return sha256(text);
}

function storedRange(range: SourceRange, cwd: string): StoredRange {
  const { start, end } = range;
  return { file: resolve(cwd, range.file.path), shown: range.file.path, start: start.offset, end: end.offset, lines: [start.line, start.column, end.line, end.column] };
}

/** The dependencies of a run as an entry records them: hashed, and stamped when the stamp can vouch for the text. */
export function storedDependencies(deps: ReadonlyMap<string, DependencyRead>): StoredDependency[] {
  const now = Date.now();
  return [...deps].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, { hash, stamp }]) => {
    // A stamp taken before the read vouches for the text read (a later edit changes the stamp),
    // unless the file may change again within the same timestamp.
    if (stamp === null && hash === null) return { path, hash, stamp: "" };
    if (stamp && hash !== null && now - stamp.mtimeMs > STAMP_MIN_AGE_MS) return { path, hash, stamp: stamp.id };
    return { path, hash };
  });
}

/**
 * Stores an entry for a successful compilation: the output texts not stored yet, then the
 * metadata; then removes the texts no longer referenced. Failures to write are ignored (the cache
 * is an optimisation).
 */
export function writeCache(
  dir: string,
  key: string,
  version: string,
  outDir: string,
  deps: readonly StoredDependency[],
  nodes: readonly CachedNode[],
  files: readonly CachedOutput[],
  diagnostics: readonly Diagnostic[],
  cwd: string,
): void {
  const blobs = blobDir(dir, key);
  try {
    mkdirSync(blobs, { recursive: true });
  } catch {
    return;
  }
  // Output texts are written in place, not through a temporary file: each is checked against its
  // hash when used, and one cut short is removed then (see output-bytes.ts).
  const store = (hash: string, data: () => Uint8Array): boolean => {
    if (existsSync(join(blobs, hash))) return true;
    try {
      writeFileSync(join(blobs, hash), data());
      return true;
    } catch {
      return false;
    }
  };
  const outputs: Entry["outputs"][number][] = [];
  for (const f of files) {
    // An output taken from the cache carries its hash (and its bytes, to store again should a
    // concurrent run have removed them); one this run made is hashed here.
    let bytes: Uint8Array | undefined;
    const hash = f.hash ?? sha256((bytes = utf8Of(f)));
    if (!store(hash, () => bytes ?? utf8Of(f))) return;
    outputs.push({ path: relative(outDir, f.path), node: f.node, hash });
  }
  const entry: Entry = {
    format: CACHE_FORMAT,
    version,
    key,
    deps,
    nodes,
    outputs,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.range ? { range: storedRange(d.range, cwd) } : {}),
      ...(d.related?.length ? { related: d.related.map((r) => ({ message: r.message, range: storedRange(r.range, cwd) })) } : {}),
    })),
  };
  const meta = Buffer.from(JSON.stringify(entry));
  try {
    writeSealed(entryPath(dir, key), MAGIC, CACHE_FORMAT, meta);
  } catch {
    return;
  }
  // Texts of earlier entries under this key that this one no longer uses. (A concurrent run's entry
  // whose text is removed here is found incomplete when read, and replaced.)
  const used = new Set(outputs.map((o) => o.hash));
  try {
    for (const name of readdirSync(blobs)) if (HASH_RE.test(name) && !used.has(name)) rmSync(join(blobs, name), { force: true });
  } catch {
    // Left for the next run.
  }
}
