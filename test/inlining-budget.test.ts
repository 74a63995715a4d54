import { spawnSync } from "node:child_process";
import test from "ava";

/**
 * Whether TurboFan inlines a callee of ~300 bytes of bytecode (under V8's default limit of 460, over
 * codegen's 230), in a child process given `nodeFlags` that calls limitInlining (or not) first:
 * V8 tells its decision with `--trace-turbo-inlining`.
 */
function inlinesMidSizedCallee(nodeFlags: readonly string[], limit: boolean): boolean {
  const module = new URL("../src/cli/inlining-budget.js", import.meta.url).href;
  const body = Array.from({ length: 20 }, (_, i) => `s += (a * ${i}) ^ (s >> 1);`).join(" ");
  const script = `
    import { limitInlining } from ${JSON.stringify(module)};
    ${limit ? "limitInlining();" : ""}
    function callee(a) { let s = 0; ${body} return s; }
    function caller(x) { return callee(x) + 1; }
    %PrepareFunctionForOptimization(caller);
    for (let i = 0; i < 100; i++) caller(i);
    %OptimizeFunctionOnNextCall(caller);
    caller(1);`;
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--trace-turbo-inlining", ...nodeFlags, "--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  if (!/SharedFunctionInfo callee/.test(r.stdout)) throw new Error(`no inlining decision about the callee:\n${r.stdout}`);
  return /Considering .*SharedFunctionInfo callee/.test(r.stdout);
}

test("V8 by itself inlines the mid-sized callee (the test's premise)", (t) => {
  t.true(inlinesMidSizedCallee([], false));
});

test("codegen's process does not inline callees over its smaller budget", (t) => {
  t.false(inlinesMidSizedCallee([], true));
});

test("an inlining limit given to Node is left as it is", (t) => {
  t.true(inlinesMidSizedCallee(["--max-inlined-bytecode-size=460"], true));
  t.true(inlinesMidSizedCallee(["--max_inlined_bytecode_size=460"], true));
});
