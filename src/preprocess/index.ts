/**
 * The C preprocessor of midl-ts: `preprocess` turns an IDL file and its includes into one text for
 * the lexer, with a `SourceMap` back to the original files.
 */
export { preprocess } from "./preprocess.js";
export { SourceMap, type SourceMapData } from "./source-map.js";
export { DEFAULT_MAX_INCLUDE_DEPTH, type PreprocessHost, type PreprocessOptions, type PreprocessResult } from "./types.js";
export { MAX_ARGUMENT_NESTING, MAX_EXPANSION_TOKENS, MAX_REPLACEMENTS } from "./expander.js";
