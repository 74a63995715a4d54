/** The SHA-256 of a text (as UTF-8) or of bytes, in hex: what the caches and the build key contents by. */
import { createHash } from "node:crypto";

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
