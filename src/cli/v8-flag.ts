/**
 * Setting a V8 flag in `codegen`'s process (heap-growth.ts, inlining-budget.ts) without overriding
 * the user: a flag given to Node on its command line wins. Node does not accept V8 flags in
 * `NODE_OPTIONS`, so its command line (`execArgv`) is the only place to look; V8 takes a flag's
 * name with `-` or `_` alike.
 */
import { setFlagsFromString } from "node:v8";

/** Sets V8's `flag` (spelled `--with-dashes`) to `value`, unless Node was given that flag. */
export function setV8FlagUnlessGiven(flag: string, value: number): void {
  const given = process.execArgv.some((a) => a.split("=")[0]!.replace(/_/g, "-") === flag);
  if (!given) setFlagsFromString(`${flag}=${value}`);
}
