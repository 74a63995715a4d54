import type { Options } from "prettier";

/** The prettier options of generated code (fixed, so output does not depend on a user's config). */
const PRETTIER_OPTIONS: Options = { parser: "typescript", printWidth: 120, trailingComma: "all", endOfLine: "lf" };

/**
 * Formats generated TypeScript with prettier. Prettier is imported lazily: runs that do not format
 * (`--no-format`, IR only) never load it.
 */
export async function formatTypeScript(text: string): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(text, PRETTIER_OPTIONS);
}
