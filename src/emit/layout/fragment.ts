/**
 * Parses one statement of generated TypeScript (as our built-in templates write it: a whole
 * statement or a block's header on one line, tables spread over lines) and builds the document
 * prettier would print for it (see `doc.ts`). Only the syntax our templates emit is understood;
 * anything else throws `Unsupported`, and the caller lets prettier format that module instead.
 *
 * The layouts follow prettier 3 (printWidth 120, trailingComma "all"): objects and arrays break
 * one item per line, arrays of two or more multi-property objects always break, call arguments
 * hug a last object or array argument when the text before it fits, assignments keep the value on
 * the line when it can break later and move it to the next line when it cannot, parameters break
 * one per line with a trailing comma, unions in type aliases break before each `|`.
 */
import { align, breakParent, conditionalGroup, group, hardline, ifBreak, indent, indentIfBreak, join, line, printDoc, softline, willBreak, type Doc } from "./doc.js";

/** Types that are keywords, not references to a named type (prettier treats unions of them differently). */
const KEYWORD_TYPES = new Set(["any", "bigint", "boolean", "never", "null", "number", "object", "string", "symbol", "undefined", "unknown", "void"]);

/** A member of a union type, with what the union's layout needs to know. */
interface TypePart {
  readonly doc: Doc;
  /** Contains a group that may break (a function type's parameters). */
  readonly breakable: boolean;
  /** A reference to a named type (`IUnknown`, `Ref<X>`), not a keyword, literal, array or function type. */
  readonly named: boolean;
}

/** The statement uses syntax this printer does not lay out. */
export class Unsupported extends Error {}

type TokenKind = "id" | "num" | "str" | "p";
interface Token {
  readonly k: TokenKind;
  readonly v: string;
}

const PUNCT = ["??=", "...", "=>", "(", ")", "[", "]", "{", "}", "<", ">", ",", ";", ":", ".", "?", "|", "&", "=", "-", "+", "*", "!"];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) {
      i++;
      continue;
    }
    // Widths are counted in UTF-16 units: only ASCII is measured the way prettier measures it.
    if (c > 126 || c < 32) throw new Unsupported("non-ASCII text");
    const ch = text[i]!;
    if (/[A-Za-z_$#]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j]!)) j++;
      out.push({ k: "id", v: text.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const m = /^(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)n?/.exec(text.slice(i, i + 64));
      if (!m) throw new Unsupported("number");
      out.push({ k: "num", v: m[0] });
      i += m[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      if (j >= n) throw new Unsupported("string");
      out.push({ k: "str", v: text.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (ch === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) throw new Unsupported("comment");
    const p = PUNCT.find((q) => text.startsWith(q, i));
    if (!p) throw new Unsupported(`character ${ch}`);
    out.push({ k: "p", v: p });
    i += p.length;
  }
  return out;
}

/** What layout decisions need to know about a printed expression. */
interface Printed {
  readonly doc: Doc;
  /** `number` is an unsigned number literal (not a bigint), `signed` a negated one. */
  readonly kind: "object" | "array" | "call" | "string" | "number" | "signed" | "simple" | "binary";
  /** Properties of an object, elements of an array. */
  readonly size: number;
}

class FragmentParser {
  private i = 0;
  constructor(private readonly toks: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }
  private is(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.v === v && (t.k === "p" || t.k === "id");
  }
  private eat(v: string): void {
    if (!this.is(v)) throw new Unsupported(`expected ${v}, found ${this.peek()?.v ?? "end"}`);
    this.i++;
  }
  private accept(v: string): boolean {
    if (!this.is(v)) return false;
    this.i++;
    return true;
  }
  private ident(): string {
    const t = this.peek();
    if (!t || t.k !== "id") throw new Unsupported(`expected a name, found ${t?.v ?? "end"}`);
    this.i++;
    return t.v;
  }
  get done(): boolean {
    return this.i >= this.toks.length;
  }

  // --- statements ---------------------------------------------------------------------------

  /** One statement or block header; `{` at the end of a header is part of the returned text. */
  statement(): Doc {
    if (this.is("import")) return this.importDeclaration();
    const exported = this.accept("export");
    const prefix = exported ? "export " : "";
    if (this.accept("const")) return [prefix, "const ", this.variable()];
    if (this.accept("type")) return [prefix, "type ", this.typeAlias()];
    if (this.accept("class")) return [prefix, this.classHeader()];
    if (this.accept("function")) {
      const name = this.ident();
      return [prefix, "function ", name, this.signature(), this.blockOrSemi()];
    }
    if (this.accept("interface")) return [prefix, this.interfaceHeader()];
    if (exported) throw new Unsupported("export");
    if (this.accept("return")) {
      const value = this.expression();
      this.eat(";");
      return ["return ", value.doc, ";"];
    }
    if (this.accept("throw")) {
      const value = this.expression();
      this.eat(";");
      return ["throw ", value.doc, ";"];
    }
    const start = this.i;
    try {
      return this.member();
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.i = start;
      const value = this.expression();
      this.eat(";");
      return [value.doc, ";"];
    }
  }

  private importDeclaration(): Doc {
    this.eat("import");
    const typeOnly = this.accept("type");
    const specs = this.list("{", "}", (): Doc => {
      const t = this.accept("type") ? "type " : "";
      const name = this.ident();
      return this.accept("as") ? `${t}${name} as ${this.ident()}` : `${t}${name}`;
    });
    this.eat("from");
    const from = this.string();
    this.eat(";");
    return [
      "import ",
      typeOnly ? "type " : "",
      group(["{", indent([line, join([",", line], specs)]), ifBreak(","), line, "}"]),
      " from ",
      from,
      ";",
    ];
  }

  private variable(): Doc {
    const name = this.ident();
    const annotation = this.accept(":") ? [": ", this.type()] : [];
    this.eat("=");
    const value = this.expression();
    this.eat(";");
    return [assignment([name, ...annotation], " =", value.doc, assignmentLayout(value)), ";"];
  }

  private typeAlias(): Doc {
    const name = this.ident();
    this.eat("=");
    const value = this.typeNode();
    this.eat(";");
    // prettier: a union value breaks after `=` (and then, if need be, before each `|`); a value
    // that can break later stays on the line; anything else moves to the next line.
    return [assignment(name, " =", value.doc, !value.union && value.breakable ? "fluid" : "break-after"), ";"];
  }

  private classHeader(): Doc {
    const name = this.ident();
    const clauses: Doc[] = [];
    if (this.accept("extends")) clauses.push(["extends ", this.typeReference()]);
    if (this.accept("implements")) {
      const list: Doc[] = [this.typeReference()];
      while (this.accept(",")) list.push(this.typeReference());
      // A list too long for its line breaks one name per line (no trailing comma there).
      clauses.push(["implements", group(indent([line, join([",", line], list)]))]);
    }
    this.eat("{");
    if (!this.done) throw new Unsupported("class body on the header line");
    if (clauses.length === 0) return ["class ", name, " {"];
    // Lines too long even when broken would need prettier's finer rules.
    if (flatWidth(clauses[0]!) > 118) throw new Unsupported("long heritage clause");
    if (clauses.length === 1) {
      const header: Doc = ["class ", name, " ", clauses[0]!, " {"];
      if (flatWidth(header) > 113) throw new Unsupported("long class header");
      return header;
    }
    // Two clauses break one per line, with `{` on a line of its own.
    const id = Symbol("heritage");
    return ["class ", name, group(indent([line, join(line, clauses)]), false, id), ifBreak(hardline, " ", id), "{"];
  }

  private interfaceHeader(): Doc {
    const name = this.typeReference();
    const ext: Doc[] = [];
    if (this.accept("extends")) {
      ext.push(this.typeReference());
      while (this.accept(",")) ext.push(this.typeReference());
    }
    const header: Doc = ["interface ", name, ext.length ? [" extends ", join(", ", ext)] : ""];
    // prettier keeps a single base on the line however long it is; several would break.
    if (ext.length > 1 && flatWidth(header) > 110) throw new Unsupported("long interface header");
    this.eat("{");
    if (this.accept("}")) {
      if (!this.done) throw new Unsupported("interface");
      return [header, " {}"];
    }
    if (!this.done) throw new Unsupported("interface body on the header line");
    return [header, " {"];
  }

  /** An interface or class member: method, accessor, property or field. */
  private member(): Doc {
    const mods: string[] = [];
    while ((this.is("static") || this.is("readonly") || this.is("get") || this.is("set")) && this.peek(1)?.k === "id") {
      mods.push(`${this.ident()} `);
    }
    const key = this.propertyKey();
    const optional = this.accept("?") ? "?" : "";
    if (this.is("(")) return [mods.join(""), key, optional, this.signature(), this.blockOrSemi()];
    this.eat(":");
    const type = this.type();
    this.eat(";");
    return [mods.join(""), key, optional, ": ", type, ";"];
  }

  private blockOrSemi(): Doc {
    if (this.accept(";")) return ";";
    this.eat("{");
    if (!this.done) throw new Unsupported("body on the header line");
    return " {";
  }

  /** `(params): type`: parameters break one per line (with a trailing comma) when the line is too long. */
  private signature(): Doc {
    const params = this.parameters();
    const returns = this.accept(":") ? [": ", this.type()] : [];
    if (params.length === 0) return group(["()", ...returns]);
    return group(["(", indent([softline, join([",", line], params)]), ifBreak(","), softline, ")", ...returns]);
  }

  /** `(name: type, name?: type)`, each parameter as a document. */
  private parameters(): Doc[] {
    return this.list("(", ")", (): Doc => {
      const name = this.ident();
      const optional = this.accept("?") ? "?" : "";
      this.eat(":");
      return [name, optional, ": ", this.type()];
    });
  }

  // --- expressions --------------------------------------------------------------------------

  expression(): Printed {
    const left = this.binary();
    if (this.is("??=") || this.is("=")) {
      const op = this.peek()!.v;
      this.i++;
      const right = this.expression();
      return { doc: assignment(left.doc, ` ${op}`, right.doc, assignmentLayout(right)), kind: "simple", size: 0 };
    }
    return left;
  }

  private binary(): Printed {
    const first = this.unary();
    if (!this.is("|")) return first;
    const rest: Doc[] = [];
    while (this.accept("|")) rest.push([" |", line, this.unary().doc]);
    return { doc: group([first.doc, indent(rest)]), kind: "binary", size: 0 };
  }

  private unary(): Printed {
    if (this.accept("-")) {
      const operand = this.unary();
      return { doc: ["-", operand.doc], kind: operand.kind === "number" ? "signed" : "simple", size: 0 };
    }
    return this.postfix();
  }

  private postfix(): Printed {
    let node = this.primary();
    for (;;) {
      if (this.is(".")) {
        this.i++;
        node = { doc: [node.doc, ".", this.ident()], kind: "simple", size: 0 };
      } else if (this.is("<") || this.is("(")) {
        const typeArgs = this.is("<") ? this.typeArguments() : "";
        node = { doc: [node.doc, typeArgs, this.callArguments()], kind: "call", size: 0 };
      } else if (this.is("as")) {
        this.i++;
        node = { doc: [node.doc, " as ", this.type()], kind: "simple", size: 0 };
      } else {
        return node;
      }
    }
  }

  private primary(): Printed {
    const t = this.peek();
    if (!t) throw new Unsupported("end of statement");
    if (t.k === "str") return { doc: this.string(), kind: "string", size: 0 };
    if (t.k === "num") {
      this.i++;
      return { doc: t.v, kind: t.v.endsWith("n") ? "simple" : "number", size: 0 };
    }
    if (t.v === "new") {
      this.i++;
      const callee = this.ident();
      return { doc: ["new ", callee, this.callArguments()], kind: "call", size: 0 };
    }
    if (t.v === "(") {
      this.i++;
      const inner = this.expression();
      this.eat(")");
      return { doc: ["(", inner.doc, ")"], kind: "simple", size: 0 };
    }
    if (t.v === "{") return this.object();
    if (t.v === "[") return this.array();
    if (t.k === "id") {
      this.i++;
      return { doc: t.v, kind: "simple", size: 0 };
    }
    throw new Unsupported(`unexpected ${t.v}`);
  }

  private string(): string {
    const t = this.peek();
    if (!t || t.k !== "str") throw new Unsupported("expected a string");
    this.i++;
    // Our strings come from JSON.stringify (double quotes) unless they hold more double quotes
    // than single ones: prettier's own choice, which keeps the text as it is.
    return t.v;
  }

  private object(): Printed {
    const props = this.list("{", "}", () => {
      const key = this.propertyKey();
      this.eat(":");
      return property(key, this.expression());
    });
    if (props.length === 0) return { doc: "{}", kind: "object", size: 0 };
    return { doc: group(["{", indent([line, join([",", line], props)]), ifBreak(","), line, "}"]), kind: "object", size: props.length };
  }

  private array(): Printed {
    const items = this.list("[", "]", () => this.expression());
    if (items.length === 0) return { doc: "[]", kind: "array", size: 0 };
    if (items.length > 1 && items.every((x) => x.kind === "number" || x.kind === "signed")) {
      // prettier fills arrays of numbers several per line: not a shape we emit.
      throw new Unsupported("array of numbers");
    }
    // prettier: two or more objects (or arrays) of more than one entry each always break.
    const brk = items.length > 1 && items.every((x) => (x.kind === "object" || x.kind === "array") && x.kind === items[0]!.kind && x.size > 1);
    return {
      doc: group(["[", indent([softline, join([",", line], items.map((x) => x.doc))]), ifBreak(","), softline, "]"], brk),
      kind: "array",
      size: items.length,
    };
  }

  /** Items between `open` and `close`, separated by commas (a trailing comma allowed). */
  private list<T>(open: string, close: string, item: () => T): T[] {
    this.eat(open);
    const items: T[] = [];
    while (!this.is(close)) {
      items.push(item());
      if (!this.accept(",")) break;
    }
    this.eat(close);
    return items;
  }

  private propertyKey(): string {
    const t = this.peek();
    if (!t || (t.k !== "id" && t.k !== "str" && t.k !== "num")) throw new Unsupported("property key");
    this.i++;
    return t.v;
  }

  /** Call arguments, hugging a last object or array argument as prettier does. */
  private callArguments(): Doc {
    const args = this.list("(", ")", () => this.expression());
    if (args.length === 0) return "()";
    const docs = args.map((a) => a.doc);
    const last = args[args.length - 1]!;
    const penultimate = args[args.length - 2];
    const hugLast = (last.kind === "object" || last.kind === "array") && last.size > 0 && (!penultimate || penultimate.kind !== last.kind);
    if (!hugLast) return group(["(", indent([softline, join([",", line], docs)]), ifBreak(","), softline, ")"]);
    if (docs.slice(0, -1).some(willBreak)) throw new Unsupported("breaking argument before a hugged one");
    const allBroken = group(["(", indent([line, join([",", line], docs)]), ",", line, ")"], true);
    return [
      // The arguments before the last do not break (checked above): only the last can.
      willBreak(last.doc) ? breakParent : "",
      conditionalGroup([
        ["(", join(", ", docs), ")"],
        ["(", join(", ", [...docs.slice(0, -1), group(last.doc, true)]), ")"],
        allBroken,
      ]),
    ];
  }

  // --- types --------------------------------------------------------------------------------

  /** A type as a document (unions inside other types stay on one line: ours are short). */
  private type(): Doc {
    const t = this.typeNode();
    return t.union ? group(indent([softline, t.doc])) : t.doc;
  }

  /** A type, with what an enclosing layout needs to know: whether it is a union, whether it can break. */
  private typeNode(): { doc: Doc; union: boolean; breakable: boolean } {
    this.accept("|");
    const members = [this.postfixType()];
    while (this.accept("|")) members.push(this.postfixType());
    if (members.length === 1) return { doc: members[0]!.doc, union: false, breakable: members[0]!.breakable };
    // prettier keeps one named type with `null`/`void` on one line (`IUnknown | null`, `HRESULT | void`).
    const named = members.filter((m) => m.named);
    if (named.length === 1 && members.every((m) => m.named || m.doc === "null" || m.doc === "void")) {
      return { doc: join(" | ", members.map((m) => m.doc)), union: false, breakable: false };
    }
    const parts = members.map((m, i) => [i === 0 ? ifBreak("| ") : [line, "| "], align(2, m.doc)]);
    return { doc: group(parts), union: true, breakable: true };
  }

  private postfixType(): TypePart {
    let node = this.primaryType();
    while (this.is("[")) {
      this.i++;
      if (this.accept("]")) {
        node = { doc: [node.doc, "[]"], breakable: node.breakable, named: false };
      } else {
        const index = this.type();
        this.eat("]");
        node = { doc: [node.doc, "[", index, "]"], breakable: false, named: false };
      }
    }
    return node;
  }

  private primaryType(): TypePart {
    const t = this.peek();
    if (!t) throw new Unsupported("end of type");
    if (t.v === "typeof" || t.v === "keyof") {
      this.i++;
      return { doc: [t.v, " ", this.postfixType().doc], breakable: false, named: false };
    }
    if (t.v === "(") {
      if (this.isFunctionType()) return { doc: this.functionType(), breakable: true, named: false };
      this.i++;
      const inner = this.typeNode();
      this.eat(")");
      return { doc: ["(", inner.doc, ")"], breakable: inner.breakable, named: false };
    }
    if (t.k === "str" || t.k === "num") {
      this.i++;
      return { doc: t.v, breakable: false, named: false };
    }
    if (t.v === "-") {
      this.i++;
      return { doc: ["-", this.ident()], breakable: false, named: false };
    }
    if (t.v === "{" || t.v === "[") throw new Unsupported("object or tuple type");
    return { doc: this.typeReference(), breakable: false, named: !KEYWORD_TYPES.has(t.v) };
  }

  private typeReference(): Doc {
    let name = this.ident();
    while (this.accept(".")) name += `.${this.ident()}`;
    return this.is("<") ? [name, this.typeArguments()] : name;
  }

  /** Type arguments print on one line: ours are short names. */
  private typeArguments(): Doc {
    const args = this.list("<", ">", () => this.type());
    return ["<", join(", ", args), ">"];
  }

  private isFunctionType(): boolean {
    // `(` then `)` or `name:` / `name?:`: a parameter list; anything else is a parenthesized type.
    const a = this.peek(1);
    const b = this.peek(2);
    if (a?.v === ")") return true;
    return a?.k === "id" && (b?.v === ":" || b?.v === "?");
  }

  private functionType(): Doc {
    const params = this.parameters();
    this.eat("=>");
    const returns = this.type();
    if (params.length === 0) return group(["() => ", returns]);
    return group(["(", indent([softline, join([",", line], params)]), ifBreak(","), softline, ") => ", returns]);
  }
}

/**
 * prettier's layouts of `left op value`: "fluid" keeps a value that can break later (a call, an
 * object, an array) on the line if its first line fits; "break-after" moves a value that cannot to
 * the next line, indented, when it does not fit; "never-break" keeps it on the line regardless.
 */
type AssignmentLayout = "fluid" | "break-after" | "never-break";

/** The layout prettier picks for an expression value: number literals never break before them. */
function assignmentLayout(value: Printed): AssignmentLayout {
  if (value.kind === "number") return "never-break";
  return value.kind === "object" || value.kind === "array" || value.kind === "call" ? "fluid" : "break-after";
}

/** `left op value` (declarations, assignments, object properties) in `layout`. */
function assignment(left: Doc, op: string, value: Doc, layout: AssignmentLayout): Doc {
  if (layout === "never-break") return group([group(left), op, " ", value]);
  if (layout === "break-after") return group([group(left), op, group(indent([line, value]))]);
  const id = Symbol("assignment");
  return group([group(left), op, group(indent(line), false, id), indentIfBreak(value, id)]);
}

/** `key: value` in an object literal: like an assignment, but short keys never break after the colon. */
function property(key: string, value: Printed): Doc {
  // prettier's "short key": shorter than its tabWidth (2) + 3.
  if (key.length < 2 + 3 || value.kind === "object" || value.kind === "array") return [key, ": ", value.doc];
  return assignment(key, ":", value.doc, assignmentLayout(value));
}

/** Width of a document printed on one line. */
function flatWidth(doc: Doc): number {
  return printDoc(group(doc), Number.POSITIVE_INFINITY).length;
}

/**
 * The document of one statement (or block header) of generated TypeScript. Throws `Unsupported`
 * for syntax outside what our templates emit.
 */
export function statementDoc(text: string): Doc {
  const parser = new FragmentParser(tokenize(text));
  const doc = parser.statement();
  if (!parser.done) throw new Unsupported("text after the statement");
  return doc;
}

/** The document of one expression of generated TypeScript (a table entry). Throws `Unsupported` like `statementDoc`. */
export function expressionDoc(text: string): Doc {
  const parser = new FragmentParser(tokenize(text));
  const doc = parser.expression().doc;
  if (!parser.done) throw new Unsupported("text after the expression");
  return doc;
}
