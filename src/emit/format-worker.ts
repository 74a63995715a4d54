/** A worker thread of `formatAll`: formats each text it is sent with prettier and posts it back. */
import { parentPort, workerData } from "node:worker_threads";
import type { Options } from "prettier";

const { options } = workerData as { options: Options };
const prettier = await import("prettier");
parentPort!.on("message", (text: string) => {
  prettier.format(text, options).then(
    (formatted) => parentPort!.postMessage({ ok: true, text: formatted }),
    (e: unknown) => parentPort!.postMessage({ ok: false, error: (e as Error).message ?? String(e) }),
  );
});
