import type { BuildSession } from "./session.js";

/** What to generate. */
export type EmitKind = "ts" | "ir";

/** Options of one compilation (the CLI and the API both end up here). */
export interface CompileOptions {
  /** IDL files to compile (paths relative to `cwd` or absolute). */
  readonly inputs: readonly string[];
  /** Output directory (relative to `cwd` or absolute). */
  readonly outDir: string;
  readonly includeDirs?: readonly string[];
  readonly defines?: ReadonlyMap<string, string>;
  readonly emit?: readonly EmitKind[];
  /** Run prettier over generated TypeScript (default true). */
  readonly format?: boolean;
  /** Type-check generated TypeScript with ts-morph (default true). */
  readonly verify?: boolean;
  /** Module specifier generated code imports the runtime from (default `midl-ts/runtime`). */
  readonly runtimeImport?: string;
  /** Directory paths are shown relative to (default `process.cwd()`). */
  readonly cwd?: string;
  /**
   * Directory of the incremental cache, or false (the default for the API; the CLI uses
   * `node_modules/.cache/midl-ts`). With a hit nothing is parsed, formatted or verified.
   */
  readonly cacheDir?: string | false;
  /**
   * A build session kept by a long-lived process across compiles of the same project (watch mode
   * uses one): the last compilation is remembered in memory instead of the cache directory, and
   * parsed files are kept, so that a compile after an edit rebuilds only what the edit reaches
   * and parses only files whose text (or #includes) changed.
   */
  readonly session?: BuildSession;
  /**
   * Emit only the modules of these IDL files (absolute paths); the whole graph is still read and
   * resolved. Watch mode uses it to regenerate what a change affects and nothing else.
   */
  readonly only?: ReadonlySet<string>;
  /**
   * A directory of handlebars templates: `module.hbs`, `interface.hbs` or `stub.hbs` replace the
   * built-in ones (same view model); any other `NAME.hbs` adds an output `<module>.NAME` per IDL file,
   * rendered from its IR.
   */
  readonly templatesDir?: string;
  /** Called as each module is emitted (for progress displays): done so far, total, the IDL file. */
  readonly onProgress?: (done: number, total: number, source: string) => void;
}

/** The package name generated code imports the runtime from. */
export const DEFAULT_RUNTIME_IMPORT = "midl-ts/runtime";
