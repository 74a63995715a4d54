import type { EXCEPINFO } from "./dispatch.js";
import { E_FAIL, hresultHex, hresultName, type HRESULT } from "./hresult.js";

/** Optional details of a {@link ComError}. */
export interface ComErrorOptions {
  /** Index in `rgvarg` (so counted from the last argument) of the offending argument. */
  readonly argErr?: number;
  /** The exception information an IDispatch::Invoke filled in. */
  readonly excepInfo?: EXCEPINFO;
  /** The JavaScript error this one wraps. */
  readonly cause?: unknown;
}

/**
 * A failing HRESULT as a JavaScript exception. The runtime throws it wherever COM would return
 * a failure code, and generated code throws it from stubs (`throw new ComError(E_NOTIMPL)`).
 */
export class ComError extends Error {
  /** The failure code, always unsigned (`0x80020009`, never `-2147352567`). */
  readonly hresult: HRESULT;
  /** For DISP_E_TYPEMISMATCH / DISP_E_OVERFLOW / DISP_E_PARAMNOTFOUND: the argument's index in rgvarg. */
  declare readonly argErr?: number;
  /** For DISP_E_EXCEPTION: what the member reported. */
  declare readonly excepInfo?: EXCEPINFO;

  /**
   * @param hresult any 32-bit code; signed values are normalised.
   * @param message defaults to `"<NAME> (0x…)"`, plus the EXCEPINFO description when there is one.
   */
  constructor(hresult: HRESULT, message?: string, options: ComErrorOptions = {}) {
    const hr = hresult >>> 0;
    super(message ?? defaultMessage(hr, options.excepInfo), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ComError";
    this.hresult = hr;
    if (options.argErr !== undefined) this.argErr = options.argErr;
    if (options.excepInfo !== undefined) this.excepInfo = options.excepInfo;
  }

  /**
   * Turns anything caught into a ComError: a ComError is returned as is, another Error becomes
   * E_FAIL with its message (and the original as `cause`), any other value becomes E_FAIL.
   */
  static from(thrown: unknown): ComError {
    if (thrown instanceof ComError) return thrown;
    if (thrown instanceof Error) return new ComError(E_FAIL, thrown.message, { cause: thrown });
    return new ComError(E_FAIL, `${hresultName(E_FAIL)} (${hresultHex(E_FAIL)}): ${String(thrown)}`, { cause: thrown });
  }
}

function defaultMessage(hr: HRESULT, excepInfo: EXCEPINFO | undefined): string {
  const name = hresultName(hr);
  const hex = hresultHex(hr);
  const head = name === hex ? hex : `${name} (${hex})`;
  if (excepInfo === undefined) return head;
  const detail = excepInfo.bstrDescription !== "" ? excepInfo.bstrDescription : hresultName(excepInfo.scode);
  return `${head}: ${detail}`;
}
