/**
 * How a `codegen` process ends: the command's exit code, or — when the command rejects, which is
 * a compiler bug — a one-line report without a stack trace (unless MIDL_TS_DEBUG is set) and exit
 * code 3.
 */

/** Sets the process's exit code from `run`; resolves once it is set. */
export async function exitWith(run: Promise<number>): Promise<void> {
  try {
    process.exitCode = await run;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`internal compiler error: ${err?.message ?? String(e)}\n`);
    if (process.env["MIDL_TS_DEBUG"]) process.stderr.write(`${err?.stack ?? ""}\n`);
    else process.stderr.write("(this is a bug in midl-ts; set MIDL_TS_DEBUG=1 for details)\n");
    process.exitCode = 3;
  }
}
