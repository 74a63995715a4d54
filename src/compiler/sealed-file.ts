/**
 * Cache files that vouch for their own integrity: a header line `<magic> <format> <sha256 of the
 * payload>`, then the payload. A file cut short by a crash, edited, or written in another format
 * reads as absent. Used by the cache entries and the parsed files kept beside them.
 */
import { readFileSync } from "node:fs";
import { writeFileAtomically } from "../atomic-write.js";
import { sha256 } from "../sha256.js";

/** The payload of a sealed file; undefined when it is missing, unreadable, damaged or of another kind or format. */
export function readSealed(path: string, magic: string, format: number): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    return undefined;
  }
  const newline = raw.indexOf(0x0a);
  if (newline < 0) return undefined;
  // Hashed as bytes (twice as fast as hashing a decoded string).
  const payload = raw.subarray(newline + 1);
  return raw.toString("latin1", 0, newline) === `${magic} ${format} ${sha256(payload)}` ? payload : undefined;
}

/** Writes a sealed file atomically (see atomic-write.ts); throws when it cannot. */
export function writeSealed(path: string, magic: string, format: number, payload: Uint8Array): void {
  writeFileAtomically(path, Buffer.concat([Buffer.from(`${magic} ${format} ${sha256(payload)}\n`, "latin1"), payload]));
}
