/**
 * Outputs whose UTF-8 bytes are at hand: those read from the cache directory. Their text is decoded
 * only when something asks for it, and writing or comparing them with the disk uses the bytes: a
 * cached or incremental run over a large project would otherwise decode every output (32 MB on the
 * Wine corpus) only for the writer to compare it, re-encoded, with the file it reads back.
 *
 * Bytes read from the cache are checked against the SHA-256 they are stored by when first used —
 * decoded, written, or found different from the file on disk — not when read: most outputs of a
 * cached or incremental run are only found identical to the generated file already there, and
 * hashing all of them (16 MB for the Wine corpus) was a tenth of a one-file rebuild. A copy found
 * damaged is removed, so that the next run does not take the cache entry, and the use throws
 * {@link DamagedCacheError}; the command line then compiles again.
 */
import { Buffer } from "node:buffer";
import { rmSync } from "node:fs";
import { sha256 } from "../sha256.js";

/** Thrown when an output's copy in the cache directory turns out damaged when used (and was removed). */
export class DamagedCacheError extends Error {
  constructor(readonly file: string) {
    super(`the cache's copy of an output was damaged (${file}); it was removed: compile again`);
  }
}

interface Utf8Text {
  readonly bytes: Uint8Array;
  text?: string;
  /** The SHA-256 the bytes are stored by and the file they came from, until they are checked. */
  unchecked?: { readonly hash: string; readonly file: string } | undefined;
}

const texts = new WeakMap<object, Utf8Text>();

/**
 * `fields` with a `contents` property (enumerable, like a plain output's) decoded from `bytes` on
 * first use. Objects made from the same `source` (another such object) share one decoding and
 * one check. Bytes given with `check` are checked against its hash when first used.
 */
export function withLazyContents<T extends object>(fields: T, source: Uint8Array | object, check?: { readonly hash: string; readonly file: string }): T & { readonly contents: string } {
  const text: Utf8Text = source instanceof Uint8Array ? { bytes: source, unchecked: check } : texts.get(source)!;
  texts.set(fields, text);
  return Object.defineProperty(fields, "contents", {
    enumerable: true,
    get: () => {
      if (text.text === undefined) {
        const bytes = checked(text);
        text.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
      }
      return text.text;
    },
  }) as T & { readonly contents: string };
}

function checked(text: Utf8Text): Uint8Array {
  if (text.unchecked !== undefined) {
    if (sha256(text.bytes) !== text.unchecked.hash) {
      rmSync(text.unchecked.file, { force: true });
      throw new DamagedCacheError(text.unchecked.file);
    }
    text.unchecked = undefined;
  }
  return text.bytes;
}

/** True when `file` carries its bytes (see withLazyContents). */
export function hasBytes(file: object): boolean {
  return texts.has(file);
}

/** An output's contents as UTF-8: the bytes it was read as (checked), or its text encoded. */
export function utf8Of(file: { readonly contents: string }): Uint8Array {
  const text = texts.get(file);
  return text ? checked(text) : Buffer.from(file.contents, "utf8");
}

/**
 * Whether `bytes` (a file read from disk) are exactly `file`'s contents. Bytes read from the cache
 * that equal them are not checked (the file on disk already holds them); unequal ones are, so that
 * a damaged copy is never reported as the output that differs.
 */
export function sameBytes(bytes: Buffer, file: { readonly contents: string }): boolean {
  const text = texts.get(file);
  if (text === undefined) return bytes.equals(Buffer.from(file.contents, "utf8"));
  if (bytes.equals(text.bytes)) return true;
  checked(text);
  return false;
}
