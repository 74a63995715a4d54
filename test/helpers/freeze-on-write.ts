/**
 * Fault injection for the output-safety test, loaded into the compiler with `node --import`.
 * It wraps node:fs so that the process freezes at an exact moment of its write phase, where the
 * test then kills it with SIGKILL: deterministic where a timer-based kill only sometimes lands
 * inside a phase that lasts milliseconds.
 *
 * Environment:
 * - FREEZE_DIR: the output directory; only writes and renames inside it count.
 * - FREEZE_AT: `write:N` freezes halfway through the Nth file write there (half its bytes on
 *   disk, whatever file that is); `rename:N` freezes right after the Nth rename there.
 * On freezing it prints `frozen` on stderr and blocks forever.
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, resolve } from "node:path";
import { isMainThread } from "node:worker_threads";

const dir = process.env.FREEZE_DIR;
const [kind, nth] = (process.env.FREEZE_AT ?? "").split(":");
const limit = Number(nth);

function freeze(): never {
  process.stderr.write("frozen\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error("unreachable");
}

function inside(path: fs.PathOrFileDescriptor | fs.PathLike): boolean {
  return typeof path === "string" && dir !== undefined && dirname(resolve(path)) === resolve(dir);
}

if (isMainThread && dir !== undefined && Number.isInteger(limit) && limit > 0) {
  let count = 0;
  if (kind === "write") {
    const original = fs.writeFileSync;
    fs.writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
      if (inside(file) && ++count === limit) {
        const text = typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString();
        original(file, text.slice(0, Math.floor(text.length / 2)), options);
        freeze();
      }
      original(file, data, options);
    }) as typeof fs.writeFileSync;
  } else if (kind === "rename") {
    const original = fs.renameSync;
    fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
      original(from, to);
      if (inside(to) && ++count === limit) freeze();
    }) as typeof fs.renameSync;
  }
  // ES modules that imported these by name see the wrappers only after this.
  syncBuiltinESMExports();
}
