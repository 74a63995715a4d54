import type { Loc } from "../ast/nodes.js";
import type { ParsedFile } from "../parse/parse-file.js";

/** One file of the program as the resolver sees it: parsed, with its imports already found. */
export interface InputFile {
  /** Path shown to users and written into the IR (relative to the working directory, `/`-separated). */
  readonly source: string;
  /** Name of the module generated for this file. */
  readonly module: string;
  /** The compiler's built-in base IDL (provided by the runtime, never emitted). */
  readonly system: boolean;
  readonly parsed: ParsedFile;
  /** Each `import`ed path with the file it resolved to (null when it was not found: already reported). */
  readonly imports: readonly { readonly path: string; readonly file: InputFile | null; readonly loc: Loc }[];
}
