import type { Diagnostic } from "../diagnostics/index.js";
import type { SourceMap } from "./source-map.js";

/** Where the preprocessor reads included files from. */
export interface PreprocessHost {
  /** Returns the file's text, or undefined if it does not exist. Paths are as the preprocessor builds them. */
  readFile(path: string): string | undefined;
}

/** Options of one preprocessor run. */
export interface PreprocessOptions {
  /** Macros from `-D NAME[=VALUE]` (a bare `-D NAME` means "1"); a key may be `F(a,b)` for a function-like macro. */
  readonly defines?: ReadonlyMap<string, string>;
  /** Directories searched, in order, for `#include <x>`, and for `#include "x"` after the including file's directory. */
  readonly includeDirs?: readonly string[];
  readonly host: PreprocessHost;
  /** Deepest allowed nesting of `#include` (default 200). */
  readonly maxIncludeDepth?: number;
}

/** The result of preprocessing one file; always usable, whatever the input. */
export interface PreprocessResult {
  /** The output text the lexer will read. */
  readonly text: string;
  /** Output offset -> original file + offset. */
  readonly map: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file #included (resolved paths, first-inclusion order, no repeats), for caching/watch. */
  readonly dependencies: readonly string[];
}

/** Default of `PreprocessOptions.maxIncludeDepth`. */
export const DEFAULT_MAX_INCLUDE_DEPTH = 200;
