/**
 * How failures inside a dispatch call are reported: as oleaut32's ITypeInfo::Invoke does, an
 * exception of the implementation becomes DISP_E_EXCEPTION with the details in EXCEPINFO.
 */
import { ComError } from "./com-error.js";
import type { CompiledMember } from "./dispatch-member.js";
import type { DispatchTable } from "./dispatch-table.js";
import type { EXCEPINFO } from "./dispatch.js";
import { DISP_E_EXCEPTION, DISP_E_MEMBERNOTFOUND, E_FAIL, hresultName } from "./hresult.js";

/** DISP_E_MEMBERNOTFOUND for a row whose TypeScript member the implementation lacks. */
export function notImplemented(table: DispatchTable, m: CompiledMember): ComError {
  return new ComError(DISP_E_MEMBERNOTFOUND, `DISP_E_MEMBERNOTFOUND (0x80020003): ${table.name}.${m.member} is not implemented`);
}

/**
 * The DISP_E_EXCEPTION an implementation's exception turns into: EXCEPINFO.scode is the
 * ComError's HRESULT (E_FAIL for other exceptions), bstrDescription its message.
 */
export function exception(table: DispatchTable, e: unknown): ComError {
  if (e instanceof ComError && e.hresult === DISP_E_EXCEPTION && e.excepInfo !== undefined) return e;
  const scode = e instanceof ComError ? e.hresult : E_FAIL;
  const description = e instanceof Error ? e.message : String(e);
  const excepInfo: EXCEPINFO = {
    wCode: 0,
    bstrSource: table.name,
    bstrDescription: description !== "" ? description : hresultName(scode),
    bstrHelpFile: "",
    dwHelpContext: 0,
    scode,
  };
  return new ComError(DISP_E_EXCEPTION, undefined, { excepInfo, cause: e });
}
