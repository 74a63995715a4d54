/** Assertion helpers shared by the runtime tests. */
import type { ExecutionContext } from "ava";
import { ComError, hresultName } from "../../src/runtime/index.js";

/** Asserts that `fn` throws a ComError with `hr` and returns it for further checks. */
export function throwsHr(t: ExecutionContext, fn: () => unknown, hr: number, message?: string): ComError {
  const error = t.throws(fn, { instanceOf: ComError }, message);
  if (error === undefined) return new ComError(0);
  t.is(hresultName(error.hresult), hresultName(hr), message);
  return error;
}
