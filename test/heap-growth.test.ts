import { spawnSync } from "node:child_process";
import test from "ava";

/**
 * The heap growth factor V8 uses after a full collection, in a child process given `nodeFlags` that
 * calls limitHeapGrowth (or not) and then collects: V8 prints the factor with `--trace-gc-verbose`.
 */
function growthFactor(nodeFlags: readonly string[], limit: boolean): string | undefined {
  const module = new URL("../src/cli/heap-growth.js", import.meta.url).href;
  const script = `
    import { limitHeapGrowth } from ${JSON.stringify(module)};
    ${limit ? "limitHeapGrowth();" : ""}
    const kept = Array.from({ length: 100000 }, (_, i) => ({ i }));
    globalThis.gc();
    if (kept.length === 0) console.log("unreachable");`;
  const r = spawnSync(process.execPath, ["--expose-gc", "--trace-gc-verbose", ...nodeFlags, "--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return /\[HeapController\] Limit: .*\(([\d.]+)\)/.exec(r.stdout)?.[1];
}

test("codegen's process lets the heap grow to twice what a full collection kept", (t) => {
  t.is(growthFactor([], true), "2.0");
});

test("a growth factor given to Node is left as it is", (t) => {
  t.is(growthFactor(["--heap-growing-percent=30"], false), "1.3");
  t.is(growthFactor(["--heap-growing-percent=30"], true), "1.3");
  t.is(growthFactor(["--heap_growing_percent=30"], true), "1.3");
});
