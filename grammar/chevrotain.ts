/**
 * chevrotain, loaded from its single-file build. The package's entry point (`lib/src/api.js`) is
 * some 700 ES modules with lodash-es, which Node takes ~190 ms to load; the same release ships
 * `lib/chevrotain.mjs`, one module with the same exports, which loads in ~8 ms. Every run that
 * parses pays this, so it is a large share of a one-file rebuild. The package's `exports` map
 * does not list the bundle, so it is found beside the entry point; should a future release move
 * it, the entry point is used instead (slower, same behaviour).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Chevrotain = typeof import("chevrotain");

async function load(): Promise<Chevrotain> {
  const bundle = new URL("../chevrotain.mjs", import.meta.resolve("chevrotain"));
  if (existsSync(fileURLToPath(bundle))) return (await import(bundle.href)) as Chevrotain;
  return import("chevrotain");
}

/** The chevrotain module: the grammar's only way to reach it, so that one instance is shared. */
export const chevrotain: Chevrotain = await load();
