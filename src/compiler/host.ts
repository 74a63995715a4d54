import { readFileSync, statSync } from "node:fs";

/** File access of the compiler, injectable so that the API can compile in memory and tests can fake I/O. */
export interface CompilerHost {
  /** The decoded text of a file, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
}

/** Reads real files; a UTF-8 byte order mark is dropped (editors on Windows write one). */
export const nodeHost: CompilerHost = {
  readFile(path) {
    try {
      if (!statSync(path).isFile()) return undefined;
      const text = readFileSync(path, "utf8");
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  },
};
