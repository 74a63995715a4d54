/**
 * What the bundled compiler (`dist/bundle/codegen.cjs`) exports: the command for the launcher
 * (launch.ts), and the compiler entry points the benchmark times the bundle by.
 */
import type { GrammarSource } from "../../grammar/parser.js";

export { runCommand } from "./command.js";
export { compile, loadedPipeline } from "../compiler/compile.js";
export { BuildSession } from "../compiler/session.js";

/**
 * The fingerprint of the bundled parser's code, and whether it took its grammar from the table
 * (see grammar/gast-table.ts): `npm run build` adds the fingerprint to the table, a test checks
 * the outcome. Loads the parser only when called.
 */
export async function grammarSource(): Promise<GrammarSource> {
  return (await import("../../grammar/parser.js")).grammarSource();
}
