/**
 * Lays out what the built-in templates render exactly as prettier would format it, without
 * prettier: prettier is by far the slowest part of a cold run (about 15 s of CPU over the Wine
 * corpus, super-linear on big modules) and the text our templates write is already prettier's
 * output everywhere but in a few shapes of long lines. So most lines are kept as they are; dispatch
 * and event tables are laid out by `layoutTable` (long entries through `literal.ts`), and any other
 * line longer than the print width or holding an array that prettier always breaks is parsed and
 * printed by `fragment.ts`/`doc.ts` with prettier's rules.
 *
 * The guarantee, `prettier(layoutGenerated(t)) === layoutGenerated(t)` byte for byte, is tested
 * over the Messenger IDL, every fixture and the Wine corpus (test/layout.test.ts). For anything the
 * printer does not know, it answers `undefined` and the caller formats the module with prettier.
 */
import { printDoc } from "./doc.js";
import { expressionDoc, statementDoc, Unsupported } from "./fragment.js";
import { layoutLiteral, splitItems } from "./literal.js";
import { PRINT_WIDTH } from "./width.js";

/** A table's first line, `export const X = factory<T>(args, [`: the call's opening, then its arguments. */
const TABLE_HEAD = /^(export const \w+ = \w+<[\w$]+>\()(.*), \[$/;

/**
 * The prettier-formatted form of `text`, a module rendered by the built-in templates, or
 * `undefined` when some statement is outside what this printer knows.
 */
export function layoutGenerated(text: string): string | undefined {
  const lines = text.split("\n");
  const out: string[] = [];
  try {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (TABLE_HEAD.test(l)) {
        let end = i + 1;
        while (end < lines.length && lines[end] !== "]);") end++;
        if (end === lines.length) return undefined;
        out.push(layoutTable(lines, i, end) ?? layoutStatement(lines.slice(i, end + 1).join("\n"), 0));
        i = end;
        continue;
      }
      if (l.length <= PRINT_WIDTH && !l.includes("}, {") && !l.includes("], [")) {
        out.push(l);
        continue;
      }
      const body = l.trimStart();
      if (body.startsWith("/*") || body.startsWith("*") || body.startsWith("//")) {
        // Comments are never reflowed.
        out.push(l);
        continue;
      }
      out.push(layoutStatement(body, l.length - body.length));
    }
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return out.join("\n");
}

/**
 * The common cases of a table, without parsing all of it. When its first line fits, prettier hugs
 * the entries array (two or more entries, each an object of several properties, always break one
 * per line) and the entries stay at two spaces; otherwise every argument goes on a line of its own
 * and the entries move to four. Each entry that fits on its line with its comma and holds no array
 * prettier always breaks is then already laid out; the others go through `layoutLiteral`.
 * `undefined` for the rare tables that need the whole statement laid out (a single entry, a call
 * whose opening alone is too long).
 */
function layoutTable(lines: readonly string[], head: number, close: number): string | undefined {
  const parts = TABLE_HEAD.exec(lines[head]!);
  const args = parts ? splitItems(parts[2]!) : undefined;
  if (!parts || !args || close - head - 1 < 2) return undefined;
  const hug = lines[head]!.length <= PRINT_WIDTH;
  if (!hug && (parts[1]!.length > PRINT_WIDTH || args.some((a) => /[[{(]/.test(a) || 2 + a.length + 1 > PRINT_WIDTH))) return undefined;
  const depth = hug ? 2 : 4;
  const pad = " ".repeat(depth);
  const out = hug ? [lines[head]!] : [parts[1]!, ...args.map((a) => `  ${a},`), "  ["];
  for (let k = head + 1; k < close; k++) {
    const entry = lines[k]!.slice(2);
    if (!lines[k]!.startsWith("  {") || !entry.endsWith("},")) return undefined;
    const flat = depth + entry.length <= PRINT_WIDTH && !entry.includes("}, {") && !entry.includes("], [");
    out.push(`${pad}${flat ? entry : (layoutLiteral(entry.slice(0, -1), depth, depth, ",") ?? printDoc([expressionDoc(entry.slice(0, -1)), ","], PRINT_WIDTH, depth))}`);
  }
  out.push(hug ? lines[close]! : "  ],\n);");
  return out.join("\n");
}

function layoutStatement(text: string, indentation: number): string {
  return " ".repeat(indentation) + printDoc(statementDoc(text), PRINT_WIDTH, indentation);
}
