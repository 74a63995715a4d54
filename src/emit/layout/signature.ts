/**
 * A fast path of the layout for the commonest long line of generated code: a method of an
 * interface or a stub class whose parameters do not fit on one line (about 2,000 of the Wine
 * corpus's 2,800 long statements). prettier breaks such a signature one parameter per line with a
 * trailing comma and puts `)` and the return type on a line of their own:
 *
 *     initUIEvent(
 *       eventType: string,
 *       view: IHTMLWindow2 | null,
 *     ): HRESULT | void;
 *
 * which is what the general printer (`fragment.ts`) builds too, at the cost of tokenizing,
 * parsing and printing a document, and of warming that code up in every process. Here the line
 * is split at its top-level commas instead, and only when every resulting line is certain: each
 * parameter a plain `name: Type` (or `name?: Type`) of names, type arguments, arrays and unions
 * that fits on its line (so none of its unions can break), and a closing line that fits (so the
 * return type cannot break). Anything else answers `undefined`, for the general printer.
 */
import { PRINT_WIDTH } from "./width.js";

/** `name(` of a method or accessor, optionally `get `/`set `, with what follows the `(`. */
const HEAD = /^((?:get |set )?[A-Za-z_$][\w$]*)\((.*)$/;

/** A parameter as the templates write it: a name, `?` if optional, `: `, then its type. */
const PARAMETER = /^[A-Za-z_$][\w$]*\??: (.+)$/;

/** One member of a type (between ` | ` and `, `): names, dots, type arguments' brackets, `[]`. */
const TYPE_PIECE = /^[\w$.<>]+(?:\[\])*>*$/;

/**
 * The lines of `body` (a member, without its indentation) laid out as prettier lays out a method
 * signature too long for its line, at `indentation` columns; `undefined` outside the shape above.
 */
export function layoutSignature(body: string, indentation: number): string | undefined {
  const head = HEAD.exec(body);
  if (!head) return undefined;
  const rest = head[2]!;
  const close = closingParen(rest);
  if (close === undefined) return undefined;
  const params = splitParameters(rest.slice(0, close));
  const tail = rest.slice(close + 1);
  if (!params || params.length === 0 || !isSignatureTail(tail)) return undefined;
  const pad = " ".repeat(indentation);
  const inner = `${pad}  `;
  const lines = [`${pad}${head[1]}(`];
  for (const p of params) {
    const parameter = PARAMETER.exec(p);
    if (!parameter || !isPlainType(parameter[1]!) || inner.length + p.length + 1 > PRINT_WIDTH) return undefined;
    lines.push(`${inner}${p},`);
  }
  const last = `${pad})${tail}`;
  if (last.length > PRINT_WIDTH) return undefined;
  lines.push(last);
  return lines.join("\n");
}

/** Where the parameter list's `)` is in `text` (which starts after its `(`), brackets counted. */
function closingParen(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Widths count UTF-16 units: only ASCII is measured as prettier measures it.
    if (c > 126 || c < 32) return undefined;
    if (c === 0x28 /* ( */ || c === 0x3c /* < */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x3e /* > */ || c === 0x5d /* ] */) depth--;
    else if (c === 0x29 /* ) */) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** The parameters of a list's inside, split at commas outside type arguments; `undefined` if unbalanced. */
function splitParameters(text: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<") depth++;
    else if (c === ">") depth--;
    else if (c === "," && depth === 0) {
      if (text[i + 1] !== " ") return undefined;
      out.push(text.slice(start, i));
      start = i + 2;
    }
  }
  if (depth !== 0) return undefined;
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** After `)`: `;` or ` {`, with a plain return type before it (`: Type`) or none. */
function isSignatureTail(tail: string): boolean {
  const end = tail.endsWith(";") ? 1 : tail.endsWith(" {") ? 2 : 0;
  if (end === 0) return false;
  const annotation = tail.slice(0, -end);
  return annotation === "" || (annotation.startsWith(": ") && isPlainType(annotation.slice(2)));
}

/**
 * A type written as the general printer would print it flat: pieces of names, type arguments and
 * `[]` joined by ` | ` or `, `, balanced angle brackets, nothing else (no function or object
 * types, literals or parentheses, no other spacing).
 */
function isPlainType(type: string): boolean {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === "<") depth++;
    else if (c === ">" && --depth < 0) return false;
    else if (c === "," && depth === 0) return false;
  }
  return depth === 0 && type.split(/ \| |, /).every((piece) => TYPE_PIECE.test(piece) && !piece.startsWith("<"));
}
