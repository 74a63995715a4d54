/**
 * Names that IDL files define inside `cpp_quote("…")`: `#define NAME`, `DEFINE_GUID(NAME, …)` and enum
 * members. widl copies cpp_quote text into its header verbatim, where it looks exactly like what widl
 * writes for IDL `const`s and enums; the comparison uses these names to leave such text out of
 * widl's side. Read from the IDL sources (fragments included, since their cpp_quotes land in the
 * headers of the files that include them), not from our IR, so the classification does not depend
 * on the compiler under test.
 */
import { readFileSync } from "node:fs";
import { unescapeC } from "./c-expr.js";

/** The names defined in the cpp_quote text of the given IDL files. */
export function cppQuoteNames(idlFiles: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of idlFiles) {
    const text = cppQuoteText(readFileSync(file, "latin1"));
    for (const m of text.matchAll(/^\s*#\s*define\s+(\w+)/gm)) names.add(m[1]!);
    for (const m of text.matchAll(/\bDEFINE_GUID\s*\(\s*(\w+)/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\benum\b[^{;]*\{([^}]*)\}/g)) {
      const body = m[1]!.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/.*$/gm, " ").replace(/^\s*#.*$/gm, " ");
      for (const member of body.matchAll(/(?:^|,)\s*([A-Za-z_]\w*)/g)) names.add(member[1]!);
    }
  }
  return names;
}

/** The text of every `cpp_quote("…")` of an IDL source, one per line, escapes decoded. */
export function cppQuoteText(idl: string): string {
  const lines: string[] = [];
  for (const m of idl.matchAll(/\bcpp_quote\s*\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)/g)) lines.push(unescapeC(m[1]!));
  return lines.join("\n");
}
