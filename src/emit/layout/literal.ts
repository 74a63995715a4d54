/**
 * A fast path of the layout for the bulk of generated code: dispatch and event table entries,
 * object literals of names, numbers and nested object/array literals, written flat exactly as
 * prettier writes them flat (`{ a: 1, b: [{ c: 2 }] }`). Over the Wine corpus there are about
 * 27,000 such entries too long for their line; splitting their text at top-level commas is several
 * times cheaper than building and printing documents, and gives the same result under prettier's
 * rules for these shapes: a literal that fits (with what follows it) stays flat, one that does not
 * breaks one item per line with a trailing comma, and an array of two or more objects (or arrays)
 * of more than one item each always breaks, as does everything around it.
 *
 * Anything else (a plain value too long for its line, an array of numbers, a very long key)
 * answers `undefined`, and the caller lays the statement out with the general printer.
 */
import { PRINT_WIDTH } from "./width.js";

interface Node {
  readonly kind: "object" | "array" | "atom";
  /** The flat text, as written. */
  readonly text: string;
  /** Object properties (key and value) or array elements (value only). */
  readonly items: readonly { readonly key: string; readonly value: Node }[];
  /** Breaks whatever the width (prettier's always-broken arrays, and what contains one). */
  readonly forced: boolean;
}

/** The items of a literal's inside: `text` split at commas outside brackets and strings. */
export function splitItems(text: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
      if (i >= text.length) return undefined;
    } else if (c === "{" || c === "[" || c === "(") {
      depth++;
    } else if (c === "}" || c === "]" || c === ")") {
      depth--;
    } else if (c === "," && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    } else if (c === "`" || c === "/") {
      return undefined;
    }
  }
  const last = text.slice(start).trim();
  if (last) items.push(last);
  return depth === 0 ? items : undefined;
}

function parse(text: string): Node | undefined {
  const open = text[0];
  if ((open === "{" && text.endsWith("}")) || (open === "[" && text.endsWith("]"))) {
    const inner = text.slice(1, -1);
    const parts = inner.trim() === "" ? [] : splitItems(inner);
    if (!parts) return undefined;
    const items: { key: string; value: Node }[] = [];
    for (const part of parts) {
      let key = "";
      let valueText = part;
      if (open === "{") {
        const colon = /^([A-Za-z_$][\w$]*|"[^"\\]*"): /.exec(part);
        if (!colon) return undefined;
        key = colon[1]!;
        valueText = part.slice(colon[0].length);
      }
      const value = parse(valueText);
      if (!value) return undefined;
      items.push({ key, value });
    }
    const kind = open === "{" ? "object" : "array";
    const nested = (x: Node) => (x.kind === "object" || x.kind === "array") && x.items.length > 1;
    const own = kind === "array" && items.length > 1 && items.every((x) => nested(x.value) && x.value.kind === items[0]!.value.kind);
    if (kind === "array" && items.length > 1 && items.every((x) => /^-?\d/.test(x.value.text))) return undefined; // prettier fills these
    return { kind, text, items, forced: own || items.some((x) => x.value.forced) };
  }
  if (open === "{" || open === "[" || open === "(") return undefined;
  return { kind: "atom", text, items: [], forced: false };
}

/** `node` printed from `column`, lines broken at `indentation`, followed by `suffix` (a comma, `;`…). */
function print(node: Node, column: number, indentation: number, suffix: string): string | undefined {
  if (!node.forced && column + node.text.length + suffix.length <= PRINT_WIDTH) return node.text + suffix;
  if (node.kind === "atom") return undefined;
  const inner = " ".repeat(indentation + 2);
  const lines: string[] = [];
  for (const { key, value } of node.items) {
    const head = key ? `${key}: ` : "";
    if (key && value.kind === "atom" && indentation + 2 + head.length + 3 > PRINT_WIDTH) return undefined;
    const printed = print(value, indentation + 2 + head.length, indentation + 2, ",");
    if (printed === undefined) return undefined;
    lines.push(`${inner}${head}${printed}`);
  }
  const [open, close] = node.kind === "object" ? ["{", "}"] : ["[", "]"];
  return `${open}\n${lines.join("\n")}\n${" ".repeat(indentation)}${close}${suffix}`;
}

/**
 * `text`, a flat object or array literal starting at `column` on a line indented by `indentation`
 * and followed by `suffix`, laid out as prettier would; `undefined` outside the shapes above.
 */
export function layoutLiteral(text: string, column: number, indentation: number, suffix: string): string | undefined {
  const node = parse(text);
  return node && node.kind !== "atom" ? print(node, column, indentation, suffix) : undefined;
}
