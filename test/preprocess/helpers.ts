import { existsSync, readFileSync } from "node:fs";
import { SourceFile, type Diagnostic } from "../../src/diagnostics/index.js";
import { preprocess, type PreprocessHost, type PreprocessOptions, type PreprocessResult } from "../../src/preprocess/index.js";

/** An in-memory host that also records which paths were read. */
export function memoryHost(files: Readonly<Record<string, string>>): PreprocessHost & { readonly reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path: string): string | undefined {
      reads.push(path);
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
  };
}

/** A host reading real files relative to the working directory (the repository root). */
export const diskHost: PreprocessHost = {
  readFile: (path) => (existsSync(path) ? readFileSync(path, "utf8") : undefined),
};

/** Preprocesses `text` as `main.idl` (or `path`) with in-memory `files`. */
export function run(
  text: string,
  files: Readonly<Record<string, string>> = {},
  options: Omit<PreprocessOptions, "host"> = {},
  path = "main.idl",
): PreprocessResult {
  return preprocess(new SourceFile(path, text), { ...options, host: memoryHost(files) });
}

/** `path(line,col)` of an output offset, through the source map. */
export function where(result: PreprocessResult, outputOffset: number): string {
  const { file, offset } = result.map.locate(outputOffset);
  const pos = file.positionAt(offset);
  return `${file.path}(${pos.line},${pos.column})`;
}

/** `path(line,col)` of the `occurrence`-th appearance of `needle` in the output. */
export function whereIs(result: PreprocessResult, needle: string, occurrence = 0): string {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = result.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' #${occurrence} not in output: ${JSON.stringify(result.text)}`);
  }
  return where(result, at);
}

/** A diagnostic as one comparable line: `CODE severity path(line,col)-(line,col): message`. */
export function show(d: Diagnostic): string {
  const r = d.range;
  const at = r ? `${r.file.path}(${r.start.line},${r.start.column})-(${r.end.line},${r.end.column})` : "-";
  return `${d.code} ${d.severity} ${at}: ${d.message}`;
}

/** All diagnostics of a result, as `show` lines. */
export function diagnostics(result: PreprocessResult): string[] {
  return result.diagnostics.map(show);
}

/** The output's lines with trailing white space removed and empty lines dropped (for structure-insensitive checks). */
export function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}
