/**
 * Outputs whose UTF-8 bytes are at hand: those read from the cache directory. Their text is decoded
 * only when something asks for it, and writing or comparing them with the disk uses the bytes: a
 * cached or incremental run over a large project would otherwise decode every output (32 MB on the
 * Wine corpus) only for the writer to compare it, re-encoded, with the file it reads back.
 */
import { Buffer } from "node:buffer";

interface Utf8Text {
  readonly bytes: Uint8Array;
  text?: string;
}

const texts = new WeakMap<object, Utf8Text>();

/**
 * `fields` with a `contents` property (enumerable, like a plain output's) decoded from `bytes` on
 * first use. Objects made from the same `source` (another such object) share one decoding.
 */
export function withLazyContents<T extends object>(fields: T, source: Uint8Array | object): T & { readonly contents: string } {
  const text: Utf8Text = source instanceof Uint8Array ? { bytes: source } : texts.get(source)!;
  texts.set(fields, text);
  return Object.defineProperty(fields, "contents", {
    enumerable: true,
    get: () => (text.text ??= Buffer.from(text.bytes.buffer, text.bytes.byteOffset, text.bytes.byteLength).toString("utf8")),
  }) as T & { readonly contents: string };
}

/** True when `file` carries its bytes (see withLazyContents). */
export function hasBytes(file: object): boolean {
  return texts.has(file);
}

/** An output's contents as UTF-8: the bytes it was read as, or its text encoded. */
export function utf8Of(file: { readonly contents: string }): Uint8Array {
  return texts.get(file)?.bytes ?? Buffer.from(file.contents, "utf8");
}
