/**
 * Lays out what the built-in templates render exactly as prettier would format it, without
 * prettier: prettier is by far the slowest part of a cold run (about 15 s of CPU over the Wine
 * corpus, super-linear on big modules) and the text our templates write is already prettier's
 * output everywhere but in a few shapes of long lines. So most lines are kept as they are; a line
 * longer than the print width, one holding an array that prettier always breaks, and every
 * dispatch/event table are parsed and printed by `fragment.ts`/`doc.ts` with prettier's rules.
 *
 * The guarantee, `prettier(layoutGenerated(t)) === layoutGenerated(t)` byte for byte, is tested
 * over the Messenger IDL, every fixture and the Wine corpus (test/layout.test.ts). For anything the
 * printer does not know, it answers `undefined` and the caller formats the module with prettier.
 */
import { printDoc } from "./doc.js";
import { statementDoc, Unsupported } from "./fragment.js";

/** prettier's printWidth for generated code (see PRETTIER_OPTIONS in format.ts). */
export const PRINT_WIDTH = 120;

/** A table's first line: `export const X = factory<T>(args, [`. */
const TABLE_HEAD = /^export const \w+ = \w+<[\w$]+>\(.*\[$/;

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
        out.push(layoutStatement(lines.slice(i, end + 1).join("\n"), 0));
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

function layoutStatement(text: string, indentation: number): string {
  return " ".repeat(indentation) + printDoc(statementDoc(text), PRINT_WIDTH, indentation);
}
