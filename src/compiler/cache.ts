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
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { SourceFile, type Diagnostic } from "../diagnostics/index.js";
import type { CompilerHost, FileStamp } from "./host.js";

const CACHE_FORMAT = 2;

/**
 * An entry file: a header line (this, the format, the SHA-256 of the body), then the body: one
 * line of JSON metadata, then the outputs' texts.
 */
const MAGIC = "midl-ts-cache";

/** Files modified more recently than this when recorded get no stamp (see the module comment). */
const STAMP_MIN_AGE_MS = 2_000;

interface StoredDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly file?: string;
  readonly start?: number;
  readonly end?: number;
}

interface Entry {
  readonly format: number;
  readonly version: string;
  readonly key: string;
  /**
   * Every path read, with its content hash (null for a path probed in vain: it must stay absent)
   * and, when the host has them, its stamp.
   */
  readonly deps: readonly { readonly path: string; readonly hash: string | null; readonly stamp?: string }[];
  /** Output paths and lengths (UTF-16 code units); the texts follow the metadata line. */
  readonly outputs: readonly { readonly path: string; readonly length: number }[];
  readonly diagnostics: readonly StoredDiagnostic[];
}

/** What a cache hit gives back: outputs (absolute paths under outDir) and the warnings of the run. */
export interface CachedResult {
  readonly files: readonly { readonly path: string; readonly contents: string }[];
  readonly diagnostics: readonly Diagnostic[];
}

function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The cache key of a compilation's options. */
export function cacheKey(parts: object): string {
  return sha256(JSON.stringify(parts));
}

function entryPath(dir: string, key: string): string {
  return join(dir, `${key.slice(0, 32)}.json`);
}

/**
 * Looks an entry up. `files` reads the current text (or stamp) of a recorded dependency. Returns
 * undefined on a miss, for whatever reason.
 */
export function readCache(dir: string, key: string, version: string, outDir: string, files: Pick<CompilerHost, "readFile" | "stamp">, cwd: string): CachedResult | undefined {
  let entry: Entry;
  let body: string;
  let metaEnd: number;
  try {
    // Hashed as bytes (twice as fast as hashing the decoded string).
    const raw = readFileSync(entryPath(dir, key));
    const newline = raw.indexOf(0x0a);
    // The header holds the body's hash: a truncated or edited entry fails it.
    if (newline < 0 || raw.toString("latin1", 0, newline) !== `${MAGIC} ${CACHE_FORMAT} ${sha256(raw.subarray(newline + 1))}`) return undefined;
    body = raw.toString("utf8", newline + 1);
    metaEnd = body.indexOf("\n");
    entry = JSON.parse(body.slice(0, metaEnd)) as Entry;
  } catch {
    return undefined;
  }
  if (typeof entry !== "object" || entry === null || entry.format !== CACHE_FORMAT || entry.version !== version || entry.key !== key) return undefined;
  if (!Array.isArray(entry.deps) || !Array.isArray(entry.outputs) || !Array.isArray(entry.diagnostics)) return undefined;
  if (entry.outputs.reduce((n, o) => n + o.length, metaEnd + 1) !== body.length) return undefined;
  const texts = new Map<string, string>();
  for (const dep of entry.deps) {
    if (dep.stamp !== undefined && files.stamp) {
      const now = files.stamp(dep.path);
      if (now === null ? dep.hash === null : now.id === dep.stamp) continue;
    }
    const text = files.readFile(dep.path);
    if (text === undefined ? dep.hash !== null : dep.hash === null || sha256(text) !== dep.hash) return undefined;
    if (text !== undefined) texts.set(dep.path, text);
  }
  // The outputs follow the metadata line, back to back: slicing them costs nothing, where parsing
  // them out of JSON strings cost more than everything else a cached run does.
  let at = metaEnd + 1;
  const outputs = entry.outputs.map((o) => ({ path: resolve(outDir, o.path), contents: body.slice(at, (at += o.length)) }));
  const diagnostics = entry.diagnostics.map((d): Diagnostic => {
    // Only warnings can be cached (runs with errors are not); a file vouched for by its stamp is
    // read here, to locate them.
    const text = d.file !== undefined ? (texts.get(d.file) ?? files.readFile(d.file)) : undefined;
    if (d.file === undefined || text === undefined || d.start === undefined) return { code: d.code, severity: d.severity, message: d.message };
    const file = new SourceFile(relative(cwd, d.file).split("\\").join("/") || d.file, text);
    return { code: d.code, severity: d.severity, message: d.message, range: { file, start: file.positionAt(d.start), end: file.positionAt(d.end ?? d.start) } };
  });
  return { files: outputs, diagnostics };
}

/** A dependency as the run read it: its text (undefined: absent) and its stamp before the read. */
export interface DependencyRead {
  readonly text: string | undefined;
  readonly stamp: FileStamp | null | undefined;
}

/** Stores an entry for a successful compilation. Failures to write are ignored (the cache is an optimisation). */
export function writeCache(
  dir: string,
  key: string,
  version: string,
  outDir: string,
  deps: ReadonlyMap<string, DependencyRead>,
  files: readonly { readonly path: string; readonly contents: string }[],
  diagnostics: readonly Diagnostic[],
  cwd: string,
): void {
  const now = Date.now();
  const entry: Entry = {
    format: CACHE_FORMAT,
    version,
    key,
    deps: [...deps].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, { text, stamp }]) => {
      const hash = text === undefined ? null : sha256(text);
      // A stamp taken before the read vouches for the text read (a later edit changes the stamp),
      // unless the file may change again within the same timestamp.
      if (stamp === null && hash === null) return { path, hash, stamp: "" };
      if (stamp && hash !== null && now - stamp.mtimeMs > STAMP_MIN_AGE_MS) return { path, hash, stamp: stamp.id };
      return { path, hash };
    }),
    outputs: files.map((f) => ({ path: relative(outDir, f.path), length: f.contents.length })),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.range ? { file: resolve(cwd, d.range.file.path), start: d.range.start.offset, end: d.range.end.offset } : {}),
    })),
  };
  // The body (metadata line, then the outputs) is hashed and written piece by piece: joined into
  // one string it would be copied three or four times over (tens of MB for a big run).
  const body = [Buffer.from(`${JSON.stringify(entry)}\n`), ...files.map((f) => Buffer.from(f.contents))];
  const hash = createHash("sha256");
  for (const chunk of body) hash.update(chunk);
  const target = entryPath(dir, key);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, `${MAGIC} ${CACHE_FORMAT} ${hash.digest("hex")}\n`);
      for (const chunk of body) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { force: true });
  }
}
