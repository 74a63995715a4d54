import type { Diagnostic } from "../../diagnostics/index.js";
import type * as Ir from "../ir.js";

/** What a semantic check sees: the resolved files and a way to report at an IR node's location. */
export interface CheckContext {
  /** Every resolved file (declarations are looked up across all of them). */
  readonly files: readonly Ir.IrFile[];
  /**
   * The files whose declarations are checked, when not all are: an incremental rebuild keeps the
   * diagnostics of the files it only loads from the cache, so checking them would be wasted.
   */
  readonly checked?: ReadonlySet<Ir.IrFile>;
  /** Reports at the source location of `node` (any IR object the resolver located); errors unless said otherwise. */
  report(code: string, message: string, node: object, related?: { readonly message: string; readonly node: object }, severity?: "error" | "warning"): void;
}

/** A semantic rule: one per file, each with its own stable code and tests. */
export type Check = (ctx: CheckContext) => void;

/** Every declaration of the checked non-system files (libraries opened). */
export function* userDeclarations(ctx: CheckContext): Generator<Ir.IrDeclaration> {
  for (const f of ctx.files) {
    if (f.system || (ctx.checked && !ctx.checked.has(f))) continue;
    yield* allDecls(f.declarations);
  }
}

function* allDecls(decls: readonly Ir.IrDeclaration[]): Generator<Ir.IrDeclaration> {
  for (const d of decls) {
    yield d;
    if (d.kind === "library") yield* allDecls(d.declarations);
  }
}

/** Builds the Diagnostic for `report` from a location table. */
export function locatedDiagnostic(
  code: string,
  message: string,
  range: Diagnostic["range"],
  related?: { readonly message: string; readonly range: Diagnostic["range"] },
  severity: "error" | "warning" = "error",
): Diagnostic {
  return {
    code,
    severity,
    message,
    ...(range ? { range } : {}),
    ...(related?.range ? { related: [{ message: related.message, range: related.range }] } : {}),
  };
}
