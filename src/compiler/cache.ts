/**
 * The incremental cache. An entry is keyed by the options of a compilation (inputs, include
 * directories, defines, output kinds, switches, compiler version) and records the content hash of
 * every file the compilation read — inputs, their imports and #includes — with the outputs and the
 * warnings. When every recorded file still has its hash, the outputs are reused: no parsing,
 * formatting or verification. An entry that is unreadable, corrupt, or written by another version
 * is ignored and replaced, never trusted. Entries are written atomically (temporary file + rename),
 * so concurrent runs cannot leave a half-written one.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { SourceFile, type Diagnostic } from "../diagnostics/index.js";

const CACHE_FORMAT = 1;

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
  /** Every path read, with its content hash; null for a path probed in vain (it must stay absent). */
  readonly deps: readonly { readonly path: string; readonly hash: string | null }[];
  readonly outputs: readonly { readonly path: string; readonly contents: string }[];
  readonly diagnostics: readonly StoredDiagnostic[];
  /** Hash of the rest of the entry: a truncated or edited entry fails it. */
  readonly integrity: string;
}

/** What a cache hit gives back: outputs (absolute paths under outDir) and the warnings of the run. */
export interface CachedResult {
  readonly files: readonly { readonly path: string; readonly contents: string }[];
  readonly diagnostics: readonly Diagnostic[];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The cache key of a compilation's options. */
export function cacheKey(parts: object): string {
  return sha256(JSON.stringify(parts));
}

function entryPath(dir: string, key: string): string {
  return join(dir, `${key.slice(0, 32)}.json`);
}

function integrityOf(e: Omit<Entry, "integrity">): string {
  return sha256(JSON.stringify([e.format, e.version, e.key, e.deps, e.outputs, e.diagnostics]));
}

/**
 * Looks an entry up. `readFile` reads the current text of a recorded dependency (undefined if gone).
 * Returns undefined on a miss, for whatever reason.
 */
export function readCache(
  dir: string,
  key: string,
  version: string,
  outDir: string,
  readFile: (path: string) => string | undefined,
  cwd: string,
): CachedResult | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(entryPath(dir, key), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (typeof entry !== "object" || entry === null || entry.format !== CACHE_FORMAT || entry.version !== version || entry.key !== key) return undefined;
  if (!Array.isArray(entry.deps) || !Array.isArray(entry.outputs) || !Array.isArray(entry.diagnostics)) return undefined;
  const { integrity, ...rest } = entry;
  if (integrity !== integrityOf(rest)) return undefined;
  const texts = new Map<string, string>();
  for (const dep of entry.deps) {
    const text = readFile(dep.path);
    if (text === undefined ? dep.hash !== null : dep.hash === null || sha256(text) !== dep.hash) return undefined;
    if (text !== undefined) texts.set(dep.path, text);
  }
  const files = entry.outputs.map((o) => ({ path: resolve(outDir, o.path), contents: o.contents }));
  const diagnostics = entry.diagnostics.map((d): Diagnostic => {
    const text = d.file !== undefined ? texts.get(d.file) : undefined;
    if (d.file === undefined || text === undefined || d.start === undefined) return { code: d.code, severity: d.severity, message: d.message };
    const file = new SourceFile(relative(cwd, d.file).split("\\").join("/") || d.file, text);
    return { code: d.code, severity: d.severity, message: d.message, range: { file, start: file.positionAt(d.start), end: file.positionAt(d.end ?? d.start) } };
  });
  return { files, diagnostics };
}

/** Stores an entry for a successful compilation. Failures to write are ignored (the cache is an optimisation). */
export function writeCache(
  dir: string,
  key: string,
  version: string,
  outDir: string,
  deps: ReadonlyMap<string, string | undefined>,
  files: readonly { readonly path: string; readonly contents: string }[],
  diagnostics: readonly Diagnostic[],
  cwd: string,
): void {
  const base: Omit<Entry, "integrity"> = {
    format: CACHE_FORMAT,
    version,
    key,
    deps: [...deps].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => ({ path, hash: text === undefined ? null : sha256(text) })),
    outputs: files.map((f) => ({ path: relative(outDir, f.path), contents: f.contents })),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.range ? { file: resolve(cwd, d.range.file.path), start: d.range.start.offset, end: d.range.end.offset } : {}),
    })),
  };
  const entry: Entry = { ...base, integrity: integrityOf(base) };
  const target = entryPath(dir, key);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { force: true });
  }
}
