/**
 * Which names an edit can have changed the meaning of, from a file's declarations before and after
 * the edit: an incremental rebuild need not compile again a module that mentions none of them.
 *
 * Declarations are compared as written, positions aside. One that was added, removed or changed
 * touches every name it declares (the walk of declarations.ts, the resolver's own), and so, to a
 * fixpoint, does every other declaration of the file that mentions a touched name (a typedef of a
 * changed struct changes with it). Positions matter in two places, and are kept there: an inline
 * anonymous type is named after its offset (`AnonymousStruct_120`), so it is compared with it; and
 * top-level anonymous enums are numbered in file order (`AnonymousEnum2`), so when their sequence
 * changes, all of them touch their members. An edit that only reorders declarations cannot be
 * judged by name (of two definitions, the first one stands): the answer is then undefined.
 */
import type * as A from "../ast/nodes.js";
import { definesType, primaryDeclarator, walkDeclarations } from "./declarations.js";

type Decl = A.Declaration | A.InterfaceMember;

/** What an edit touched. */
export interface Touched {
  /** The names whose meaning the edit can have changed. */
  readonly names: Set<string>;
  /** Every identifier written in the declarations the edit added or changed (what they look up). */
  readonly written: Set<string>;
}

/** What an edit from `before` to `after` touches; undefined when it cannot tell. */
export function touchedNames(before: A.Document, after: A.Document): Touched | undefined {
  const touched: Decl[] = [];
  const untouched: Keyed[] = [];
  if (!compare(before.declarations, after.declarations, touched, untouched)) return undefined;
  const names = new Set<string>();
  const written = new Set<string>();
  // (Those of removed declarations too: simpler, and only ever more careful.)
  for (const d of touched) identifiers(d, written);
  walkDeclarations(touched, collector(names));
  const anonymous = (doc: A.Document) => {
    const found: Decl[] = [];
    walkDeclarations(doc.declarations, { declaration: (d) => (isAnonymousEnum(d) ? found.push(d) : undefined), name: () => {}, tag: () => {}, enumMember: () => {} });
    return found;
  };
  const [was, is] = [anonymous(before), anonymous(after)];
  if (was.length !== is.length || was.some((d, i) => keyOf(d) !== keyOf(is[i]!))) walkDeclarations([...was, ...is], collector(names));
  // Declarations that mention a touched name are touched in turn.
  let pending = untouched;
  for (;;) {
    const mentions = mentionsAny(names);
    const reached = pending.filter((k) => mentions(k.key));
    if (reached.length === 0) return { names, written };
    walkDeclarations(reached.map((k) => k.decl), collector(names));
    const done = new Set(reached);
    pending = pending.filter((k) => !done.has(k));
  }
}

/** A test of whether a text mentions any of `names` as a whole word (names as MIDL writes them, case-sensitive). */
export function mentionsAny(names: ReadonlySet<string>): (text: string) => boolean {
  if (names.size === 0) return () => false;
  const pattern = new RegExp(`(?<![A-Za-z0-9_$])(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![A-Za-z0-9_$])`);
  return (text) => pattern.test(text);
}

interface Keyed {
  readonly decl: Decl;
  readonly key: string;
}

/**
 * Matches the declarations of two lists by content: unmatched ones are touched; libraries and
 * namespaces whose header is unchanged are compared member by member. False when the matched
 * declarations are not in the same order.
 */
function compare(before: readonly Decl[], after: readonly Decl[], touched: Decl[], untouched: Keyed[]): boolean {
  const was = before.map(keyed);
  const is = after.map(keyed);
  const [kept, added] = match(is, was);
  const [keptBefore, removed] = match(was, kept);
  if (keptBefore.some((k, i) => k.key !== kept[i]!.key)) return false;
  untouched.push(...kept);
  // A library or namespace with the same header on both sides: compare what is inside.
  for (const k of added) {
    const header = containerHeader(k.decl);
    const at = header === undefined ? -1 : removed.findIndex((r) => containerHeader(r.decl) === header);
    if (at < 0) {
      touched.push(k.decl);
      continue;
    }
    const [old] = removed.splice(at, 1);
    if (!compare(members(old!.decl), members(k.decl), touched, untouched)) return false;
  }
  touched.push(...removed.map((r) => r.decl));
  return true;
}

/** Splits `list` into the declarations with a same-content one in `pool` (each used once) and the others, in order. */
function match(list: readonly Keyed[], pool: readonly Keyed[]): [Keyed[], Keyed[]] {
  const available = new Map<string, number>();
  for (const k of pool) available.set(k.key, (available.get(k.key) ?? 0) + 1);
  const found: Keyed[] = [];
  const rest: Keyed[] = [];
  for (const k of list) {
    const n = available.get(k.key) ?? 0;
    available.set(k.key, n - 1);
    (n > 0 ? found : rest).push(k);
  }
  return [found, rest];
}

function members(d: Decl): readonly Decl[] {
  return d.kind === "library" || d.kind === "namespace" ? d.declarations : [];
}

function containerHeader(d: Decl): string | undefined {
  if (d.kind === "library") return keyOf({ kind: d.kind, name: d.name, attributes: d.attributes });
  if (d.kind === "namespace") return keyOf({ kind: d.kind, name: d.name });
  return undefined;
}

function keyed(decl: Decl): Keyed {
  return { decl, key: keyOf(decl) };
}

/** A declaration's content as text, without positions but those that name something. */
function keyOf(node: object): string {
  // Anonymous struct/union/enum definitions named otherwise than by offset: by their typedef's name,
  // or, for a top-level `enum { … };`, by their number (see the module comment).
  const namedOtherwise = new Set<object>();
  return JSON.stringify(node, function (this: unknown, key: string, value: unknown) {
    if (typeof value === "bigint") return `${value}n`;
    if (key === "loc") return isNamedByOffset(this as A.TypeSpec, namedOtherwise) ? value : undefined;
    if (value !== null && typeof value === "object" && "kind" in value) {
      const d = value as Decl;
      if (d.kind === "typedef" && primaryDeclarator(d)) namedOtherwise.add(d.type);
      if (isAnonymousEnum(d)) namedOtherwise.add(d.type);
    }
    return value;
  });
}

function isNamedByOffset(spec: A.TypeSpec, namedOtherwise: ReadonlySet<object>): boolean {
  return (spec.kind === "struct" || spec.kind === "union" || spec.kind === "enum") && !spec.tag && definesType(spec) && !namedOtherwise.has(spec);
}

function isAnonymousEnum(d: Decl): d is A.TypeDecl {
  return d.kind === "typedecl" && d.type.kind === "enum" && !d.type.tag && d.type.members !== null;
}

/** Adds every identifier in a subtree to `into`: names written, types named, names in expressions. */
function identifiers(node: unknown, into: Set<string>): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) identifiers(x, into);
    return;
  }
  const n = node as Record<string, unknown>;
  if (typeof n["text"] === "string" && n["kind"] === undefined) into.add(n["text"]);
  else if ((n["kind"] === "named" || n["kind"] === "name") && typeof n["name"] === "string") for (const part of n["name"].split(".")) into.add(part);
  for (const k in n) if (k !== "loc") identifiers(n[k], into);
}

function collector(names: Set<string>): Parameters<typeof walkDeclarations>[1] {
  return {
    name: (name) => names.add(name),
    tag: (name, _kind, _spec, _loc, tag) => names.add(name).add(tag),
    enumMember: (name) => names.add(name),
  };
}
