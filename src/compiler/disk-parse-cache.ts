/**
 * Parsed files kept in the cache directory, so that an incremental rebuild in a new process does
 * not preprocess and parse again the unchanged files it must load (the imports of the edited file,
 * its importers): reading one back costs about a tenth of parsing it, most of a one-file rebuild's
 * work otherwise.
 *
 * Reuse is exact, as in a build session: a record answers only the same file and preprocessor
 * context (its key), the same compiler build and Node version, and loadProgram checks that the
 * file's text and everything its preprocessing read are unchanged. A record that is unreadable,
 * corrupt or foreign is a miss. Files with errors are not stored (a run with errors caches
 * nothing), nor are their parses without a source map (files that are not text). Each record is
 * a sealed file (sealed-file.ts) holding the parse as JSON: JSON.parse builds the tree's ~20,000
 * objects of a large file about 40 % faster than V8's deserializer, which sets their properties
 * one by one, and reading the records back is the largest part of a one-file rebuild after
 * parsing. JSON has no bigints: the values of integer literals travel as decimal strings, with
 * the paths to them (see `encodeDocument`).
 *
 * Only rebuilds store what they parse (`store: true`). A full run would pay for serializing every
 * AST of the project (about a fifth of its time on the Wine corpus) for rebuilds that reload a few
 * of them; a rebuild stores the files it had to parse, which are those the next edit nearby needs.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Document } from "../ast/nodes.js";
import { hasErrors, SourceFile, type Diagnostic, type SourceRange } from "../diagnostics/index.js";
import { SourceMap, type SourceMapData } from "../preprocess/index.js";
import type { ParsedFile } from "../parse/parse-file.js";
import { Unit } from "../parse/unit.js";
import type { ParseCache, ParseRecord } from "./load.js";
import { sha256 } from "../sha256.js";
import { readSealed, writeSealed } from "./sealed-file.js";

const FORMAT = 2;
const MAGIC = "midl-ts-parsed";

/** A range with its file as an index into the record's file table. */
interface StoredRange {
  readonly file: number;
  readonly start: SourceRange["start"];
  readonly end: SourceRange["end"];
}

interface StoredDiagnostic extends Omit<Diagnostic, "range" | "related"> {
  readonly range?: StoredRange;
  readonly related?: readonly { readonly message: string; readonly range: StoredRange }[];
}

/** What a record holds: a ParseRecord with its objects' identities as indices. */
interface StoredParse {
  readonly key: string;
  readonly identity: string;
  readonly text: string;
  readonly reads: ParseRecord["reads"];
  /** The preprocessed text; null when it is the file's text (no directive, no macro). */
  readonly unitText: string | null;
  /** The files the map and diagnostics refer to (the first is the parsed file itself); text null: `text`. */
  readonly files: readonly { readonly path: string; readonly text: string | null }[];
  readonly map: SourceMapData;
  /** The tree, integer literals' values as decimal strings. */
  readonly document: Document;
  /** Where those strings are: a path of property names and indices from the document, then the value. */
  readonly integers: readonly (readonly (string | number)[])[];
  readonly diagnostics: readonly StoredDiagnostic[];
  readonly includes: readonly string[];
}

/** A ParseCache in `<cacheDir>/parsed/`, one sealed file per parsed file. */
export class DiskParseCache implements ParseCache {
  readonly #dir: string;
  readonly #identity: string;
  readonly #store: boolean;

  /**
   * @param cacheDir the cache directory
   * @param identity the compiler build (records of another build are misses)
   * @param store whether `set` writes (see the module comment)
   */
  constructor(cacheDir: string, identity: string, store: boolean) {
    this.#dir = join(cacheDir, "parsed");
    this.#identity = `${identity} ${process.version}`;
    this.#store = store;
  }

  get(key: string): ParseRecord | undefined {
    const payload = readSealed(this.#path(key), MAGIC, FORMAT);
    if (payload === undefined) return undefined;
    let stored: StoredParse;
    try {
      stored = JSON.parse(payload.toString("utf8")) as StoredParse;
      if (stored.key !== key || stored.identity !== this.#identity) return undefined;
      restoreIntegers(stored.document, stored.integers);
    } catch {
      return undefined;
    }
    return { text: stored.text, reads: stored.reads, parsed: unpack(stored) };
  }

  set(key: string, record: ParseRecord): void {
    if (!this.#store) return;
    const stored = pack(key, this.#identity, record);
    if (stored === undefined) return;
    try {
      mkdirSync(this.#dir, { recursive: true });
      writeSealed(this.#path(key), MAGIC, FORMAT, Buffer.from(JSON.stringify(stored, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))));
    } catch {
      // A cache that cannot be written only costs the next run its speed.
    }
  }

  #path(key: string): string {
    return join(this.#dir, `${sha256(key).slice(0, 32)}.bin`);
  }
}

function pack(key: string, identity: string, record: ParseRecord): StoredParse | undefined {
  const { parsed } = record;
  const map = parsed.unit.map;
  if (!(map instanceof SourceMap) || hasErrors(parsed.diagnostics)) return undefined;
  const integers = integerPaths(parsed.document);
  if (integers === undefined) return undefined;
  const table = map.fileTable;
  const index = new Map(table.map((f, i) => [f, i]));
  const range = (r: SourceRange): StoredRange | undefined => {
    const file = index.get(r.file);
    return file === undefined ? undefined : { file, start: r.start, end: r.end };
  };
  const diagnostics: StoredDiagnostic[] = [];
  for (const d of parsed.diagnostics) {
    const stored: StoredDiagnostic = { code: d.code, severity: d.severity, message: d.message };
    const at = d.range && range(d.range);
    const related = d.related?.map((r) => ({ message: r.message, range: range(r.range) }));
    // A diagnostic in a file the map does not know cannot be restored: the file is not stored.
    if ((d.range && !at) || related?.some((r) => !r.range)) return undefined;
    diagnostics.push({ ...stored, ...(at ? { range: at } : {}), ...(related ? { related: related as { message: string; range: StoredRange }[] } : {}) });
  }
  return {
    key,
    identity,
    text: record.text,
    reads: record.reads,
    unitText: parsed.unit.text === table[0]?.text ? null : parsed.unit.text,
    files: table.map((f) => ({ path: f.path, text: f.text === record.text ? null : f.text })),
    map: map.toData(),
    document: parsed.document,
    integers,
    diagnostics,
    includes: parsed.includes,
  };
}

function unpack(stored: StoredParse): ParsedFile {
  const files = stored.files.map((f) => new SourceFile(f.path, f.text ?? stored.text));
  const range = (r: StoredRange): SourceRange => ({ file: files[r.file]!, start: r.start, end: r.end });
  const diagnostics = stored.diagnostics.map((d): Diagnostic => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.range ? { range: range(d.range) } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, range: range(r.range) })) } : {}),
  }));
  const unit = new Unit(files[0]!, stored.unitText ?? files[0]!.text, SourceMap.fromData(stored.map, files));
  return { unit, document: stored.document, diagnostics, includes: stored.includes };
}

/**
 * The paths (from the document) of every bigint in a tree, each with its value in decimal; undefined
 * when the tree is not one JSON can carry back as it is: an object reached twice (JSON would
 * copy it) or a value JSON drops or changes.
 */
function integerPaths(document: Document): (string | number)[][] | undefined {
  const found: (string | number)[][] = [];
  const seen = new Set<object>();
  const path: (string | number)[] = [];
  // Runs once per stored file, over every node: primitives are judged where they are met, so only
  // objects recurse (for…in rather than Object.entries: no array per node).
  const carries = (value: unknown, key: string | number): boolean => {
    switch (typeof value) {
      case "object":
        if (value === null) return true;
        path.push(key);
        try {
          return walk(value);
        } finally {
          path.pop();
        }
      case "bigint":
        found.push([...path, key, value.toString()]);
        return true;
      case "number":
        return Number.isFinite(value);
      case "string":
      case "boolean":
      case "undefined":
        return true;
      default:
        return false;
    }
  };
  const walk = (node: object): boolean => {
    if (seen.has(node)) return false;
    seen.add(node);
    if (Array.isArray(node)) {
      // (JSON would bring an undefined element back as null.)
      for (let i = 0; i < node.length; i++) if (node[i] === undefined || !carries(node[i], i)) return false;
      return true;
    }
    if (Object.getPrototypeOf(node) !== Object.prototype) return false;
    for (const k in node) if (!carries((node as Record<string, unknown>)[k], k)) return false;
    return true;
  };
  return walk(document) ? found : undefined;
}

/** Puts the bigints `integerPaths` found back in a tree read from JSON. */
function restoreIntegers(document: Document, integers: StoredParse["integers"]): void {
  for (const entry of integers) {
    let at = document as unknown as Record<string | number, unknown>;
    for (let i = 0; i < entry.length - 2; i++) at = at[entry[i]!] as Record<string | number, unknown>;
    at[entry[entry.length - 2]!] = BigInt(entry[entry.length - 1] as string);
  }
}
