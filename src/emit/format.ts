import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Options } from "prettier";
import { writeFileAtomically } from "../atomic-write.js";
import { distDir } from "../paths.js";
import { layoutGenerated } from "./layout/layout-generated.js";
import { PRINT_WIDTH } from "./layout/width.js";

/** The prettier options of generated code (fixed, so output does not depend on a user's config). */
const PRETTIER_OPTIONS: Options = { parser: "typescript", printWidth: PRINT_WIDTH, trailingComma: "all", endOfLine: "lf" };

/**
 * Formats generated TypeScript with prettier. Prettier is imported lazily: runs that do not format
 * (`--no-format`, IR only) never load it.
 */
export async function formatTypeScript(text: string): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(text, PRETTIER_OPTIONS);
}

/**
 * Formats generated modules as they are rendered. Modules rendered by the built-in templates are
 * laid out at once by `layoutGenerated`, which prints prettier's output without running prettier
 * (tested byte for byte against it); modules from user templates, and any the layout does not
 * know, are kept for prettier, which `finish` runs over all of them together.
 */
export class GeneratedFormatter {
  readonly #texts: string[] = [];
  readonly #forPrettier: number[] = [];

  constructor(
    private readonly builtInTemplates: boolean,
    private readonly cacheDir?: string,
  ) {}

  /** Takes a rendered module (laid out now when the layout knows it); returns its index in `finish`'s result. */
  add(text: string): number {
    const laid = this.builtInTemplates ? layoutGenerated(text) : undefined;
    if (laid === undefined) this.#forPrettier.push(this.#texts.length);
    this.#texts.push(laid ?? text);
    return this.#texts.length - 1;
  }

  /** Every module added, formatted, in the order added. */
  async finish(): Promise<string[]> {
    const rest = this.#forPrettier.splice(0);
    if (rest.length > 0) {
      const formatted = await formatAll(rest.map((i) => this.#texts[i]!), this.cacheDir);
      rest.forEach((i, k) => (this.#texts[i] = formatted[k]!));
    }
    return [...this.#texts];
  }
}

/** Below this many pieces to format, starting workers (each loads prettier) costs more than it saves. */
const MIN_PARALLEL = 8;

/** Pieces are grown to about this many characters: big enough that per-call overhead vanishes. */
const PIECE_CHARS = 32_000;

/**
 * Cuts generated TypeScript into pieces at top-level statement boundaries: a blank line followed
 * by a line that starts, at column 0, a declaration or its doc comment. Prettier is markedly
 * super-linear on big files (mshtml.ts, 8.8 MB: 43 s and 1.7 GB whole, 13 s and 0.5 GB in pieces,
 * byte-identical), and pieces spread over worker threads. Formatting the pieces and joining them
 * with a newline gives prettier's output for the whole text, because at such a boundary prettier
 * keeps exactly one blank line and formats each statement on its own; should a cut ever fall inside
 * a construct (a user template's multi-line string or comment), a piece fails to parse and the text
 * is formatted whole instead.
 */
export function splitStatements(text: string): string[] {
  const pieces: string[] = [];
  const boundary = /\n\n(?=export |\/\*\*|import |declare |const |let |interface |type |class |function |enum )/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    if (m.index + 1 - start >= PIECE_CHARS) {
      pieces.push(text.slice(start, m.index + 1));
      start = m.index + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Formats many texts, in order. With `cacheDir`, a text formatted before (same bytes, same prettier)
 * is not formatted again. The rest are cut into pieces (see `splitStatements`) that go to worker
 * threads, one per core (at most 4), biggest first; a few pieces are formatted here.
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
  // All pieces of all texts in one list, each text's pieces consecutive.
  const split = todo.map((i) => splitStatements(texts[i]!));
  const results = await formatPieces(split.flat());
  let next = 0;
  for (let t = 0; t < todo.length; t++) {
    const own = results.slice(next, (next += split[t]!.length));
    out[todo[t]!] = own.every((r) => typeof r === "string") ? own.join("\n") : await formatTypeScript(texts[todo[t]!]!);
  }
  if (dir && todo.length > 0) {
    mkdirSync(dir, { recursive: true });
    for (const i of todo) {
      writeFileAtomically(join(dir, `${keys[i]}.ts`), out[i]!);
    }
  }
  return out as string[];
}

/** Formats each source; a piece prettier cannot parse yields its Error instead of a text. */
async function formatPieces(sources: readonly string[]): Promise<(string | Error)[]> {
  const results = new Array<string | Error>(sources.length);
  const workers = Math.min(4, availableParallelism(), Math.ceil(sources.length / MIN_PARALLEL));
  if (workers <= 1) {
    for (let k = 0; k < sources.length; k++) {
      try {
        results[k] = await formatTypeScript(sources[k]!);
      } catch (e) {
        results[k] = e as Error;
      }
    }
  } else {
    // Biggest first, each worker taking the next piece when done: the longest piece sets the pace.
    const queue = sources.map((_, k) => k).sort((x, y) => sources[y]!.length - sources[x]!.length);
    await Promise.all(Array.from({ length: workers }, () => formatInWorker(queue, sources, results)));
  }
  return results;
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

/** The formatting worker's script: the compiled module, also when this code runs from the bundle. */
const FORMAT_WORKER = pathToFileURL(join(distDir, "src", "emit", "format-worker.js"));

/** Runs one worker thread until `queue` is empty, storing each formatted piece (or its Error) into `results`. */
function formatInWorker(queue: number[], sources: readonly string[], results: (string | Error)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(FORMAT_WORKER, { workerData: { options: PRETTIER_OPTIONS } });
    let current = -1;
    const next = (): void => {
      const k = queue.shift();
      if (k === undefined) {
        void worker.terminate().then(() => resolve(), reject);
        return;
      }
      current = k;
      worker.postMessage(sources[k]);
    };
    worker.on("message", (m: { ok: true; text: string } | { ok: false; error: string }) => {
      results[current] = m.ok ? m.text : new Error(m.error);
      next();
    });
    worker.once("error", reject);
    next();
  });
}
