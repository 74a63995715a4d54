import type { Attribute, AttributeArg, Expr, TypeRef, TypeSpec } from "../ast/nodes.js";
import type { IrAttribute } from "./ir.js";

/** Finds an attribute by name (MIDL attribute names are case-sensitive). */
export function findAttribute(attrs: readonly Attribute[], name: string): Attribute | undefined {
  return attrs.find((a) => a.name === name);
}

/** True when the attribute list has `name`. */
export function hasAttribute(attrs: readonly Attribute[], name: string): boolean {
  return attrs.some((a) => a.name === name);
}

/** Attributes the model interprets itself; the rest are kept in `attributes` of IR nodes. */
const INTERPRETED = new Set(["uuid", "id", "helpstring", "in", "out", "retval", "optional", "lcid", "defaultvalue", "propget", "propput", "propputref", "default", "source", "restricted", "version", "dual", "case", "eventadd", "eventremove"]);

/** The attributes of a node as IR data: names and normalised argument text, minus interpreted ones. */
export function irAttributes(attrs: readonly Attribute[]): IrAttribute[] {
  return attrs.filter((a) => !INTERPRETED.has(a.name)).map((a) => ({ name: a.name, args: (a.args ?? []).map(argText) }));
}

function argText(arg: AttributeArg): string {
  switch (arg.kind) {
    case "uuid": return arg.text.toUpperCase();
    case "type": return typeRefText(arg.type);
    case "empty": return "";
    case "expr": return exprText(arg.expr);
  }
}

/** Normalised C text of an expression (for IR attributes and messages). */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case "number": return e.text;
    case "float": return e.text;
    case "string": return (e.wide ? "L" : "") + JSON.stringify(e.value);
    case "char": return `'${String.fromCharCode(e.value)}'`;
    case "name": return e.name;
    case "unary": return `${e.op}${exprText(e.operand)}`;
    case "binary": return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case "conditional": return `(${exprText(e.test)} ? ${exprText(e.then)} : ${exprText(e.else)})`;
    case "member": return `${exprText(e.object)}${e.op}${e.member}`;
    case "index": return `${exprText(e.object)}[${exprText(e.index)}]`;
    case "cast": return `(${typeRefText(e.type)})${exprText(e.operand)}`;
    case "sizeof": return `sizeof(${typeRefText(e.type)})`;
  }
}

function typeRefText(t: TypeRef): string {
  return `${t.isConst ? "const " : ""}${typeSpecText(t.spec)}${"*".repeat(t.pointers)}`;
}

/** Short text of a type specifier, for messages. */
export function typeSpecText(s: TypeSpec): string {
  switch (s.kind) {
    case "base": return `${s.unsigned ? "unsigned " : ""}${s.name}`;
    case "named": return s.name;
    case "struct":
    case "union": return `${s.kind} ${s.tag?.text ?? "<anonymous>"}`;
    case "enum": return `enum ${s.tag?.text ?? "<anonymous>"}`;
    case "safearray": return `SAFEARRAY(${typeRefText(s.element)})`;
  }
}
