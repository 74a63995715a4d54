/**
 * Lays out what the built-in templates render exactly as prettier would format it, without
 * prettier: prettier is by far the slowest part of a cold run (about 15 s of CPU over the Wine
 * corpus, super-linear on big modules) and the text our templates write is already prettier's
 * output everywhere but in a few shapes of long lines. So most lines are kept as they are; dispatch
 * and event tables are laid out by `layoutTable` (long entries through `literal.ts`), and any other
 * line longer than the print width or holding an array that prettier always breaks is parsed and
 * printed by `fragment.ts`/`doc.ts` with prettier's rules (long method signatures, the commonest,
 * through `signature.ts`).
 *
 * The guarantee, `prettier(layoutGenerated(t)) === layoutGenerated(t)` byte for byte, is tested
 * over the Messenger IDL, every fixture and the Wine corpus (test/layout.test.ts). For anything the
 * printer does not know, it answers `undefined` and the caller formats the module with prettier.
 */
import { printDoc } from "./doc.js";
import { expressionDoc, statementDoc, Unsupported } from "./fragment.js";
import { layoutLiteral, splitItems } from "./literal.js";
import { layoutSignature } from "./signature.js";
import { PRINT_WIDTH } from "./width.js";

/** A table's first line, `export const X = factory<T>(args, [`: the call's opening, then its arguments. */
const TABLE_HEAD = /^(export const \w+ = \w+<[\w$]+>\()(.*), \[$/;

/**
 * The prettier-formatted form of `text`, a module rendered by the built-in templates, or
 * `undefined` when some statement is outside what this printer knows.
 */
export function layoutGenerated(text: string): string | undefined {
  // The text is walked line by line without splitting it: nearly every line stays as it is, and
  // the output is the unchanged spans between the lines laid out, so a 10 MB module is not cut into
  // a quarter of a million strings and joined again.
  const markers = breakMarkers(text);
  let marker = 0;
  const out: string[] = [];
  let kept = 0;
  try {
    for (let at = 0; at < text.length; ) {
      let nl = text.indexOf("\n", at);
      if (nl < 0) nl = text.length;
      while (marker < markers.length && markers[marker]! < at) marker++;
      const marked = marker < markers.length && markers[marker]! < nl;
      if (endsWithTableOpening(text, at, nl) && TABLE_HEAD.test(text.slice(at, nl))) {
        const lines = [text.slice(at, nl)];
        let end = nl;
        while (lines[lines.length - 1] !== "]);") {
          if (end >= text.length) return undefined;
          const next = text.indexOf("\n", end + 1);
          const stop = next < 0 ? text.length : next;
          lines.push(text.slice(end + 1, stop));
          end = stop;
        }
        out.push(text.slice(kept, at), layoutTable(lines, 0, lines.length - 1) ?? layoutStatement(lines.join("\n"), 0));
        kept = end;
        at = end + 1;
        continue;
      }
      if (nl - at > PRINT_WIDTH || marked) {
        const line = text.slice(at, nl);
        const body = line.trimStart();
        // Comments are never reflowed.
        if (!(body.startsWith("/*") || body.startsWith("*") || body.startsWith("//"))) {
          out.push(text.slice(kept, at), layoutStatement(body, line.length - body.length));
          kept = nl;
        }
      }
      at = nl + 1;
    }
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  out.push(text.slice(kept));
  return out.join("");
}

/** Where `}, {` and `], [` occur (arrays prettier always breaks), in order. */
function breakMarkers(text: string): number[] {
  const [objects, arrays] = ["}, {", "], ["].map((needle) => {
    const at: number[] = [];
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
    return at;
  }) as [number[], number[]];
  // Each list is in order already: merged, not sorted.
  const found: number[] = [];
  let a = 0;
  let b = 0;
  while (a < objects.length || b < arrays.length) found.push(b >= arrays.length || (a < objects.length && objects[a]! < arrays[b]!) ? objects[a++]! : arrays[b++]!);
  return found;
}

/** True when the line [start, end) of `text` starts like a table (`export const `) and ends with `, [`. */
function endsWithTableOpening(text: string, start: number, end: number): boolean {
  return end - start > 16 && text.charCodeAt(end - 1) === 0x5b && text.charCodeAt(end - 2) === 0x20 && text.charCodeAt(end - 3) === 0x2c && text.startsWith("export const ", start);
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
  return layoutSignature(text, indentation) ?? " ".repeat(indentation) + printDoc(statementDoc(text), PRINT_WIDTH, indentation);
}
