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
 * Loads `inputs` (absolute paths that exist) and their imports. An import is searched beside the
 * importing file, then in each include directory, then in the built-in base IDL.
 */
export function loadProgram(inputs: readonly string[], options: LoadOptions): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const byPath = new Map<string, Pending>();
  const order: InputFile[] = [];
  const searchDirs = [...options.includeDirs.map((d) => resolve(options.cwd, d)), builtinIncludeDir];
  const defines = new Map([...PREDEFINED_MACROS, ...options.defines]);

  const real = (path: string): string => options.host.realPath?.(path) ?? path;
  // The preprocessor works with display paths (relative to cwd): resolve them against the
  // compile's cwd, which need not be the process's.
  const preprocessorRead = (p: string) => options.host.readFile(resolve(options.cwd, p));
  // What preprocessing depends on besides the file and what it reads.
  const context = JSON.stringify([options.cwd, searchDirs, [...defines]]);
  const cache = options.parseCache;
  let parsedCount = 0;
  const parse = (path: string, text: string): ParsedFile => {
    const key = `${path}\u0000${context}`;
    const kept = cache?.get(key);
    // Replaying the reads also records them as dependencies of this run, as parsing would.
    if (kept && kept.text === text && kept.reads.every(([p, t]) => preprocessorRead(p) === t)) return kept.parsed;
    const reads: [string, string | undefined][] = [];
    parsedCount++;
    const parsed = parseFile(new SourceFile(displayPath(path, options.cwd), text), {
      defines,
      includeDirs: searchDirs,
      host: {
        readFile: (p) => {
          const found = preprocessorRead(p);
          if (cache) reads.push([p, found]);
          return found;
        },
      },
    });
    cache?.set(key, { text, reads, parsed });
    return parsed;
  };
  const read = (requested: string): Pending | undefined => {
    const path = real(requested);
    const existing = byPath.get(path);
    if (existing) return existing;
    const text = options.host.readFile(path);
    if (text === undefined) return undefined;
    const parsed = parse(path, text);
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
  return { files: order, inputs: roots.map((r) => r.file!).filter(Boolean), diagnostics, parsed: parsedCount };
}

/** The module name of an IDL file: its base name without the extension. */
export function moduleName(path: string): string {
  return basename(path).replace(/\.[^.]*$/, "");
}
