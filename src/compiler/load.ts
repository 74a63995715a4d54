/**
 * Loading: the input files and everything they `import`, each read, preprocessed and parsed exactly
 * once per run, returned in dependency order (imported files before their importers).
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SourceFile, type Diagnostic } from "../diagnostics/index.js";
import type { InputFile } from "../model/input.js";
import { parseFile, type ParsedFile } from "../parse/parse-file.js";
import { builtinIncludeDir } from "../paths.js";
import type { CompilerHost } from "./host.js";

export interface LoadOptions {
  readonly includeDirs: readonly string[];
  readonly defines: ReadonlyMap<string, string>;
  readonly host: CompilerHost;
  /** Directory that displayed paths are relative to. */
  readonly cwd: string;
  /** Parsed files kept from earlier loads (a `BuildSession`): reused when nothing they read changed. */
  readonly parseCache?: ParseCache;
}

/** A parsed file with what parsing it depended on. */
export interface ParseRecord {
  /** The file's text when it was parsed. */
  readonly text: string;
  /** Every read its preprocessing made (paths as requested), with the text found (undefined: none). */
  readonly reads: readonly (readonly [path: string, text: string | undefined])[];
  readonly parsed: ParsedFile;
}

/** Parsed files by key (the file's real path and the preprocessor's context). */
export interface ParseCache {
  get(key: string): ParseRecord | undefined;
  set(key: string, record: ParseRecord): void;
}

export interface LoadResult {
  /** All files in dependency order. */
  readonly files: readonly InputFile[];
  /** The files named on the command line (a subset of `files`). */
  readonly inputs: readonly InputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** How many files were preprocessed and parsed (the others came from the parse cache). */
  readonly parsed: number;
}

interface Pending {
  readonly path: string;
  readonly parsed: ParsedFile;
  readonly system: boolean;
  readonly imports: { path: string; file: InputFile | null; loc: { start: number; end: number } }[];
  file?: InputFile;
}

/**
 * Macros every run starts with (a `-D` of the same name wins). SDK and Wine headers test `__midl`
 * and `__WIDL__` to take their IDL-compiler branches (and to skip C-only code), and `_WIN32` to
 * select Windows definitions: midl-ts reads them the way MIDL and widl do.
 */
export const PREDEFINED_MACROS: ReadonlyMap<string, string> = new Map([
  ["_WIN32", "1"],
  ["__midl", "501"],
  ["__WIDL__", "1"],
  ["__MIDL_TS__", "1"],
]);

/** Turns an absolute path into the form shown to users and written into output: relative, `/`-separated. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === "" ? basename(path) : rel).split(sep).join("/");
}

/**
 * Preprocesses and parses files in one load context (include directories, macros, cwd), answering
 * from the parse cache when nothing a file's preprocessing read has changed.
 */
export class FileParser {
  /** How many files were preprocessed and parsed (not answered from the cache). */
  parsed = 0;
  /** Where `#include` and `import` look after the including file's directory (the built-in base IDL last). */
  readonly searchDirs: readonly string[];
  readonly #options: LoadOptions;
  readonly #defines: ReadonlyMap<string, string>;
  /** What preprocessing depends on besides the file and what it reads. */
  readonly #context: string;

  constructor(options: LoadOptions) {
    this.#options = options;
    this.searchDirs = [...options.includeDirs.map((d) => resolve(options.cwd, d)), builtinIncludeDir];
    this.#defines = new Map([...PREDEFINED_MACROS, ...options.defines]);
    this.#context = JSON.stringify([options.cwd, this.searchDirs, [...this.#defines]]);
  }

  /** The parse cache's key of a file (its real path) in this context. */
  key(path: string): string {
    return `${path}\u0000${this.#context}`;
  }

  /** The parse cache's record of `path` (a real path), if any: what an earlier run parsed. */
  kept(path: string): ParseRecord | undefined {
    return this.#options.parseCache?.get(this.key(path));
  }

  /** The parse of `path` (a real path) whose text is `text`. */
  parse(path: string, text: string): ParsedFile {
    return this.record(path, text).parsed;
  }

  /**
   * The parse of `path` whose text is `text`, with what it read; `kept` is the cache's record
   * when the caller has already looked it up.
   */
  record(path: string, text: string, kept: ParseRecord | undefined = this.kept(path)): ParseRecord {
    const { cwd, host } = this.#options;
    // The preprocessor works with display paths (relative to cwd): resolve them against the
    // compile's cwd, which need not be the process's.
    const preprocessorRead = (p: string) => host.readFile(resolve(cwd, p));
    // Replaying the reads also records them as dependencies of this run, as parsing would.
    if (kept && kept.text === text && kept.reads.every(([p, t]) => preprocessorRead(p) === t)) return kept;
    const reads: [string, string | undefined][] = [];
    this.parsed++;
    const parsed = parseFile(new SourceFile(displayPath(path, cwd), text), {
      defines: this.#defines,
      includeDirs: this.searchDirs,
      host: {
        readFile: (p) => {
          const found = preprocessorRead(p);
          reads.push([p, found]);
          return found;
        },
      },
    });
    const record = { text, reads, parsed };
    this.#options.parseCache?.set(this.key(path), record);
    return record;
  }
}

/** A parse cache answering from `records` (parses already made in this compile) before `cache`. */
export function seededParseCache(records: ReadonlyMap<string, ParseRecord>, cache: ParseCache | undefined): ParseCache {
  return {
    get: (key) => records.get(key) ?? cache?.get(key),
    set: (key, record) => cache?.set(key, record),
  };
}

/**
 * Loads `inputs` (absolute paths that exist) and their imports. An import is searched beside the
 * importing file, then in each include directory, then in the built-in base IDL.
 */
export function loadProgram(inputs: readonly string[], options: LoadOptions): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const byPath = new Map<string, Pending>();
  const order: InputFile[] = [];
  const parser = new FileParser(options);
  const { searchDirs } = parser;
  const real = (path: string): string => options.host.realPath?.(path) ?? path;
  const read = (requested: string): Pending | undefined => {
    const path = real(requested);
    const existing = byPath.get(path);
    if (existing) return existing;
    const text = options.host.readFile(path);
    if (text === undefined) return undefined;
    const parsed = parser.parse(path, text);
    diagnostics.push(...parsed.diagnostics);
    const pending: Pending = { path, parsed, system: dirname(path) === builtinIncludeDir, imports: [] };
    byPath.set(path, pending);
    return pending;
  };

  const findImport = (name: string, from: string): string | undefined => {
    if (isAbsolute(name)) return options.host.readFile(name) !== undefined ? real(name) : undefined;
    for (const dir of [dirname(from), ...searchDirs]) {
      const candidate = real(join(dir, name));
      if (byPath.has(candidate) || options.host.readFile(candidate) !== undefined) return candidate;
    }
    return undefined;
  };

  // Depth-first over imports with an explicit stack: deep import chains cannot overflow the JS stack.
  const visit = (root: Pending) => {
    const stack: { node: Pending; next: number; imports: { path: string; loc: { start: number; end: number } }[] }[] = [];
    const state = new Map<Pending, "active" | "done">();
    const push = (node: Pending) => {
      state.set(node, "active");
      const imports = node.parsed.document.declarations.flatMap((d) =>
        d.kind === "import" ? d.paths : d.kind === "library" ? d.declarations.flatMap((x) => (x.kind === "import" ? x.paths : [])) : [],
      );
      stack.push({ node, next: 0, imports: imports.map((i) => ({ path: i.path, loc: i.loc })) });
    };
    if (state.get(root) || root.file) return;
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.imports.length) {
        const imp = top.imports[top.next++]!;
        const found = findImport(imp.path, top.node.path);
        const child = found ? read(found) : undefined;
        if (!child) {
          diagnostics.push({
            code: "MTS3007",
            severity: "error",
            message: `cannot find imported file '${imp.path}'`,
            range: top.node.parsed.unit.range(imp.loc),
          });
          top.node.imports.push({ path: imp.path, file: null, loc: imp.loc });
          continue;
        }
        top.node.imports.push({ path: imp.path, file: null, loc: imp.loc });
        // MIDL imports are idempotent; a cycle is cut where it closes (the file is already being loaded).
        if (!child.file && state.get(child) !== "active") push(child);
        continue;
      }
      stack.pop();
      state.set(top.node, "done");
      const file: InputFile = {
        source: top.node.parsed.unit.file.path,
        module: moduleName(top.node.path),
        system: top.node.system,
        parsed: top.node.parsed,
        imports: top.node.imports,
      };
      top.node.file = file;
      order.push(file);
    }
  };

  const roots: Pending[] = [];
  for (const input of inputs) {
    const p = read(input);
    if (p) {
      roots.push(p);
      visit(p);
    }
  }
  // Now that every file has its InputFile, link the imports (cycles included).
  for (const p of byPath.values()) {
    for (const imp of p.imports) {
      if (imp.file) continue;
      const found = findImport(imp.path, p.path);
      imp.file = found ? (byPath.get(found)?.file ?? null) : null;
    }
  }
  return { files: order, inputs: roots.map((r) => r.file!).filter(Boolean), diagnostics, parsed: parser.parsed };
}

/** The module name of an IDL file: its base name without the extension. */
export function moduleName(path: string): string {
  return basename(path).replace(/\.[^.]*$/, "");
}
