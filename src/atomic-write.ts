/**
 * Replacing a file so that no reader ever sees half of it: outputs, cache entries and prettier's
 * cached results are all written this way. The temporary file's name, `.<pid>.<random>.tmp`, lets
 * `writeOutputs` recognise those a killed run left behind.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes `data` to `path` through a temporary file in the same directory, renamed over it: a
 * reader sees the old file or the new one, never half of one. The temporary file is removed if the
 * write fails, and the error thrown.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
