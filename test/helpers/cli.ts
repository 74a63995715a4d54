/** Running the `codegen` command as users do: a real process, its exit code and output. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/** The command line as the modules tsc compiled (the bundle's source; see test/bundle.test.ts). */
export const MODULE_CLI = resolve("dist/src/cli/main.js");

/** Runs `cli` (default: the modules' command line) with `args` in `cwd`. */
export function runCli(args: string[], cwd: string, cli: string = MODULE_CLI): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
