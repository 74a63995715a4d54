import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Options } from "prettier";

/** The prettier options of generated code (fixed, so output does not depend on a user's config). */
const PRETTIER_OPTIONS: Options = { parser: "typescript", printWidth: 120, trailingComma: "all", endOfLine: "lf" };

/**
 * Formats generated TypeScript with prettier. Prettier is imported lazily: runs that do not format
 * (`--no-format`, IR only) never load it.
 */
export async function formatTypeScript(text: string): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(text, PRETTIER_OPTIONS);
}

/** Below this many texts to format, starting workers (each loads prettier) costs more than it saves. */
const MIN_PARALLEL = 8;

/**
 * Formats many texts, in order. With `cacheDir`, a text formatted before (same bytes, same prettier)
 * is not formatted again. The rest go to worker threads, one per core (at most 4), interleaved so
 * that big and small files spread evenly; a few texts are formatted here.
 */
export async function formatAll(texts: readonly string[], cacheDir?: string): Promise<string[]> {
  const out = new Array<string | undefined>(texts.length);
  const dir = cacheDir ? join(cacheDir, "format") : undefined;
  const keys = dir ? texts.map((t) => createHash("sha256").update(FORMAT_SALT).update(t).digest("hex")) : [];
  const todo: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (dir) {
      try {
        out[i] = readFileSync(join(dir, `${keys[i]}.ts`), "utf8");
        continue;
      } catch {
        // Not formatted before.
      }
    }
    todo.push(i);
  }
  const workers = Math.min(4, availableParallelism(), Math.ceil(todo.length / MIN_PARALLEL));
  if (workers <= 1) {
    for (const i of todo) out[i] = await formatTypeScript(texts[i]!);
  } else {
    // Biggest first, each worker taking the next text when done: the longest text sets the pace.
    const queue = [...todo].sort((x, y) => texts[y]!.length - texts[x]!.length);
    await Promise.all(Array.from({ length: workers }, () => formatInWorker(queue, texts, out)));
  }
  if (dir && todo.length > 0) {
    mkdirSync(dir, { recursive: true });
    for (const i of todo) {
      const file = join(dir, `${keys[i]}.ts`);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, out[i]!);
      renameSync(tmp, file);
    }
  }
  return out as string[];
}

/** What a cached formatting depends on besides the text: prettier's version and our options. */
const FORMAT_SALT = (() => {
  let version = "?";
  try {
    version = (JSON.parse(readFileSync(new URL(import.meta.resolve("prettier/package.json")), "utf8")) as { version: string }).version;
  } catch {
    // An unknown version only makes the cache stricter.
  }
  return `prettier ${version}\u0000${JSON.stringify(PRETTIER_OPTIONS)}\u0000`;
})();

/** Runs one worker thread until `queue` is empty, storing each formatted text into `out`. */
function formatInWorker(queue: number[], texts: readonly string[], out: (string | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./format-worker.js", import.meta.url), { workerData: { options: PRETTIER_OPTIONS } });
    let current = -1;
    const next = (): void => {
      const i = queue.shift();
      if (i === undefined) {
        void worker.terminate().then(() => resolve(), reject);
        return;
      }
      current = i;
      worker.postMessage(texts[i]);
    };
    worker.on("message", (m: { ok: true; text: string } | { ok: false; error: string }) => {
      if (!m.ok) {
        void worker.terminate();
        reject(new Error(m.error));
        return;
      }
      out[current] = m.text;
      next();
    });
    worker.once("error", reject);
    next();
  });
}
