/**
 * Reads what the corpus comparison needs out of a C header written by `widl -h` (widl 8.0's layout):
 *
 * - interfaces: each `/* X interface *\/` banner section. The C name comes from the include guard
 *   (`__X_INTERFACE_DEFINED__`; WinRT names are mangled there, `__x_ABI_CWindows_CFoundation_CIClosable`),
 *   the IID from `DEFINE_GUID(IID_X, …)`, the vtable from `typedef struct XVtbl { … }` — every method in
 *   order, inherited ones included, with its parameter count (without `This`, nor the hidden `__ret`
 *   pointer widl adds in C for methods returning a struct) and its IDL name (widl names a method
 *   `Iface_Method` in C when a base interface has one of the same name). An interface without a
 *   vtable is an RPC (non-object) interface.
 * - the base interface: from the C++ declaration (`MIDL_INTERFACE("…") X : public Base`). Not from the
 *   vtable's `/*** Base methods ***\/` comments: widl writes a comment only for interfaces that have
 *   methods, so a base without own methods (`interface IFoo2 : IFoo {}`) never appears there.
 * - dispinterfaces (`DEFINE_GUID(DIID_X, …)`), coclasses (`DEFINE_GUID(CLSID_X, …)` after the coclass
 *   banner) and libraries (`DEFINE_GUID(LIBID_X, …)` after `__X_LIBRARY_DEFINED__`).
 * - enums: every `enum [tag] { … } [names];` outside C++-only blocks (WinRT headers print each enum
 *   twice, once in a C++ namespace), members with their value expression.
 * - constants: `#define NAME (value)`, the form widl gives IDL `const`s. cpp_quote text is copied into
 *   the header verbatim and can have the same forms: callers tell them apart with `cppQuoteNames`.
 *
 * Values are evaluated by `resolveHeaderValues` over all headers at once, since a constant may use one
 * from an imported file. Nothing here throws on odd input: what is not understood lands in `problems`.
 */
import { evaluateC, type CValue } from "./c-expr.js";

/** A method of a vtable. */
export interface WidlMethod {
  /** The name in the IDL. */
  readonly name: string;
  /** The name in the C vtable: `Iface_Name` when a base interface has a method of the same name. */
  readonly cName: string;
  /** The interface that declares it, as the vtable's `/*** X methods ***\/` comment names it. */
  readonly declaredIn: string;
  /** Parameters without `This` and widl's hidden `__ret` (the struct a C caller receives a struct return in). */
  readonly params: number;
}

export interface WidlInterface {
  /** The C name (include guard, `IID_` suffix, vtable struct name). */
  readonly name: string;
  /** The name in the banner comment: as in the IDL, `IIterable<HSTRING >` for WinRT instances. */
  readonly displayName: string;
  /** A WinRT parameterized interface instance (`IIterable<HSTRING >`). */
  readonly parameterized: boolean;
  /** Has a vtable (false for RPC interfaces). */
  readonly object: boolean;
  /** Lower-case `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, or null when widl wrote none. */
  readonly iid: string | null;
  /** The base as the C++ declaration writes it (`IUnknown`, or a WinRT name with `::`), or null. */
  readonly base: string | null;
  /** The whole vtable, inherited methods first; null without a vtable. */
  readonly vtable: readonly WidlMethod[] | null;
  readonly line: number;
}

/** A named GUID: a dispinterface's DIID, a coclass's CLSID, a library's LIBID. */
export interface WidlGuid {
  readonly name: string;
  readonly guid: string;
  readonly line: number;
}

export interface WidlEnumMember {
  readonly name: string;
  /** The value expression as printed (for an implicit value: `previous + 1`, or `0`). */
  readonly text: string;
  value: bigint | null;
}

export interface WidlEnum {
  readonly tag: string | null;
  /** Typedef names after the closing brace (`} NAME, *PNAME;`), without the pointer ones. */
  readonly names: readonly string[];
  readonly members: readonly WidlEnumMember[];
  readonly line: number;
}

export interface WidlConst {
  readonly name: string;
  /** The text inside `#define NAME (…)`. */
  readonly text: string;
  value: CValue | null;
  readonly line: number;
}

/** Everything read from one header. */
export interface WidlHeader {
  readonly interfaces: readonly WidlInterface[];
  readonly dispinterfaces: readonly WidlGuid[];
  readonly coclasses: readonly WidlGuid[];
  readonly libraries: readonly WidlGuid[];
  readonly enums: readonly WidlEnum[];
  readonly constants: readonly WidlConst[];
  /** Every object-like `#define NAME value` (cpp_quote ones included): the scope of evaluation. */
  readonly defines: ReadonlyMap<string, string>;
  /** What could not be read or evaluated, with line numbers. */
  readonly problems: string[];
}

const BANNER_RE = /^ \* (.+) (interface|dispinterface|coclass)(?: \(v[\d.]+\))?$/;
const GUID_RE = /^DEFINE_GUID\(\s*(\w+)\s*,\s*(0x[0-9a-fA-F]+(?:\s*,\s*0x[0-9a-fA-F]+){10})\s*\);/;

/** Parses one widl header. Values are left null: see `resolveHeaderValues`. */
export function parseWidlHeader(text: string): WidlHeader {
  const lines = text.split(/\r?\n/);
  const cxx = cxxOnlyLines(lines);
  const h: MutableHeader = {
    interfaces: [], dispinterfaces: [], coclasses: [], libraries: [], enums: [], constants: [], defines: new Map(), problems: [],
  };
  let pendingLibrary = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    try {
      const guid = GUID_RE.exec(line);
      if (guid) {
        if (pendingLibrary && guid[1]!.startsWith("LIBID_")) h.libraries.push({ name: guid[1]!.slice(6), guid: guidText(guid[2]!), line: i + 1 });
        pendingLibrary = false;
        continue;
      }
      if (/^#define __\w+_LIBRARY_DEFINED__$/.test(line)) {
        pendingLibrary = true;
        continue;
      }
      // A banner starts a section; the lines inside are scanned on (an interface's section also holds
      // the enums and constants declared in it).
      const banner = line.startsWith("/*****") && lines[i + 2] === " */" ? BANNER_RE.exec(lines[i + 1] ?? "") : null;
      if (banner) {
        readSection(h, lines, cxx, i, banner[1]!, banner[2] as SectionKind);
        continue;
      }
      if (cxx[i]) continue;
      const def = /^#\s*define\s+(\w+)(?:\s+(.*?))?\s*$/.exec(line);
      if (def) {
        let body = def[2] ?? "";
        while (body.endsWith("\\") && i + 1 < lines.length) body = `${body.slice(0, -1)} ${lines[++i]!.trim()}`.trim();
        h.defines.set(def[1]!, body);
        // `(value)`, the parentheses around the whole of it (not `(UINT64)(-1)`).
        if (body.startsWith("(") && closingParen(body.slice(1)) === body.length - 2) {
          h.constants.push({ name: def[1]!, text: body.slice(1, -1), value: null, line: i + 1 });
        }
        continue;
      }
      if (/^\s*(?:typedef\s+)?enum(?:\s+\w+)?\s*\{/.test(line)) i = readEnum(h, lines, i);
    } catch (e) {
      h.problems.push(`line ${i + 1}: ${(e as Error).message}`);
    }
  }
  return h;
}

type SectionKind = "interface" | "dispinterface" | "coclass";

interface MutableHeader extends WidlHeader {
  readonly interfaces: WidlInterface[];
  readonly dispinterfaces: WidlGuid[];
  readonly coclasses: WidlGuid[];
  readonly libraries: WidlGuid[];
  readonly enums: WidlEnum[];
  readonly constants: WidlConst[];
  readonly defines: Map<string, string>;
}

/**
 * Marks the lines only a C++ compiler sees: the true branch of `#ifdef __cplusplus` and of
 * `#if defined(__cplusplus) && !defined(CINTERFACE)`, the false branch of `#ifndef __cplusplus`.
 */
function cxxOnlyLines(lines: readonly string[]): boolean[] {
  const out: boolean[] = [];
  // One frame per open conditional: which branch is C++-only, and whether we are in it now.
  const stack: { cxxBranch: "then" | "else" | null; inElse: boolean }[] = [];
  const inCxx = (): boolean => stack.some((f) => f.cxxBranch !== null && (f.cxxBranch === "else") === f.inElse);
  for (const line of lines) {
    const d = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b\s*(.*?)\s*$/.exec(line);
    if (d) {
      const [, kw, cond] = d;
      const cxxCond = cond === "__cplusplus" || /^defined\s*\(\s*__cplusplus\s*\)\s*&&\s*!\s*defined\s*\(\s*CINTERFACE\s*\)$/.test(cond!);
      if (kw === "if" || kw === "ifdef") stack.push({ cxxBranch: cxxCond ? "then" : null, inElse: false });
      else if (kw === "ifndef") stack.push({ cxxBranch: cond === "__cplusplus" ? "else" : null, inElse: false });
      else if (kw === "else" && stack.length) stack[stack.length - 1]!.inElse = true;
      else if (kw === "elif" && stack.length) stack[stack.length - 1]!.cxxBranch = null; // an #elif branch is neither
      else if (kw === "endif") stack.pop();
      out.push(inCxx());
      continue;
    }
    out.push(inCxx());
  }
  return out;
}

/** Reads the interface, dispinterface or coclass whose banner is at line `start`. */
function readSection(h: MutableHeader, lines: readonly string[], cxx: readonly boolean[], start: number, displayName: string, kind: SectionKind): void {
  // The section runs to the next banner.
  let end = start + 3;
  while (end < lines.length && !(lines[end]!.startsWith("/*****") && lines[end + 2] === " */" && BANNER_RE.test(lines[end + 1] ?? ""))) end++;
  const body = lines.slice(start, end);
  const findGuid = (prefix: string, name: string): { guid: string; line: number } | undefined => {
    for (let i = 0; i < body.length; i++) {
      const g = GUID_RE.exec(body[i]!);
      if (g && g[1] === prefix + name) return { guid: guidText(g[2]!), line: start + i + 1 };
    }
    return undefined;
  };
  if (kind === "coclass") {
    const g = findGuid("CLSID_", displayName);
    if (g) h.coclasses.push({ name: displayName, ...g });
    else h.problems.push(`line ${start + 2}: coclass ${displayName} without a CLSID`);
    return;
  }
  const guard = body.map((l) => /^#ifndef __(\w+)_(?:DISP)?INTERFACE_DEFINED__$/.exec(l)).find(Boolean);
  if (!guard) {
    h.problems.push(`line ${start + 2}: ${kind} ${displayName} without an include guard`);
    return;
  }
  const name = guard[1]!;
  if (kind === "dispinterface") {
    const g = findGuid("DIID_", name);
    if (g) h.dispinterfaces.push({ name, ...g });
    else h.problems.push(`line ${start + 2}: dispinterface ${name} without a DIID`);
    return;
  }
  const vtable = readVtable(body, name, start, h.problems);
  h.interfaces.push({
    name, displayName, parameterized: displayName.includes("<"), object: vtable !== null,
    iid: findGuid("IID_", name)?.guid ?? null, base: vtable ? cxxBase(body, cxx.slice(start, end)) : null, vtable, line: start + 2,
  });
}

/** The base named by the C++ declaration: the line before the class body's `{`. */
function cxxBase(body: readonly string[], cxx: readonly boolean[]): string | null {
  for (let i = 1; i < body.length; i++) {
    if (!cxx[i] || !/^\s*\{\s*$/.test(body[i]!)) continue;
    const head = body[i - 1]!.trim().replace(/^interface\s+/, "");
    const colon = head.search(/\s:\s/);
    return colon < 0 ? null : head.slice(colon + 2).trim().replace(/^public\s+/, "");
  }
  return null;
}

function readVtable(body: readonly string[], name: string, start: number, problems: string[]): WidlMethod[] | null {
  const open = body.findIndex((l) => l === `typedef struct ${name}Vtbl {`);
  if (open < 0) return null;
  const methods: WidlMethod[] = [];
  let group = "";
  let i = open + 1;
  for (; i < body.length && body[i] !== `} ${name}Vtbl;`; i++) {
    const comment = /^\s*\/\*\*\* (.+) methods \*\*\*\/$/.exec(body[i]!);
    if (comment) {
      group = comment[1]!;
      continue;
    }
    const m = /^\s*[^/#].*\(\s*(?:\w+\s+)?\*\s*(\w+)\s*\)\s*\((.*)$/.exec(body[i]!);
    if (!m) continue;
    // The parameter list runs to the `)` that closes it, possibly lines later.
    let text = m[2]!;
    while (!closes(text) && i + 1 < body.length) text += ` ${body[++i]!.trim()}`;
    const params = splitTopLevel(text.slice(0, closingParen(text))).filter((p) => p.trim() !== "" && !/\b__ret\s*$/.test(p));
    if (params.length === 0 || !/\bThis\s*$/.test(params[0]!)) problems.push(`line ${start + i + 1}: method ${m[1]} of ${name} has no This`);
    // A method named like one of a base interface is `Iface_Method` in C.
    const cName = m[1]!;
    const methodName = group && cName.startsWith(`${group}_`) ? cName.slice(group.length + 1) : cName;
    methods.push({ name: methodName, cName, declaredIn: group, params: Math.max(0, params.length - 1) });
  }
  if (i >= body.length) problems.push(`line ${start + open + 1}: unterminated vtable of ${name}`);
  return methods;
}

/** True when `text` (after an opening paren) contains its closing paren. */
function closes(text: string): boolean {
  return closingParen(text) >= 0;
}

function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && depth-- === 0) return i;
  }
  return -1;
}

/** Splits at commas outside parentheses and brackets. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of text) {
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads `[typedef] enum [tag] { … } [names];` from line `start`; returns the last line read. */
function readEnum(h: MutableHeader, lines: readonly string[], start: number): number {
  let text = "";
  let i = start;
  for (; i < lines.length; i++) {
    text += `${lines[i]}\n`;
    if (/\}[^{}]*;/.test(lines[i]!) && balanced(text)) break;
  }
  // Members under `#if` (WinRT contract versions) count: the comparison takes every member.
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/.*$/gm, " ").replace(/^\s*#.*$/gm, " ");
  const m = /^\s*(?:typedef\s+)?enum(?:\s+(\w+))?\s*\{([\s\S]*)\}([^{};]*);\s*$/.exec(clean);
  if (!m) {
    h.problems.push(`line ${start + 1}: unreadable enum`);
    return i;
  }
  const members: WidlEnumMember[] = [];
  let previous: string | null = null;
  for (const item of splitTopLevel(m[2]!).map((s) => s.trim())) {
    if (item === "") continue;
    const member = /^(\w+)\s*(?:=\s*([\s\S]+))?$/.exec(item);
    if (!member) {
      h.problems.push(`line ${start + 1}: unreadable enum member '${item}'`);
      continue;
    }
    const text = member[2]?.replace(/\s+/g, " ").trim() ?? (previous === null ? "0" : `${previous} + 1`);
    members.push({ name: member[1]!, text, value: null });
    previous = member[1]!;
  }
  const names = m[3]!.split(",").map((s) => s.trim()).filter((s) => /^\w+$/.test(s));
  h.enums.push({ tag: m[1] ?? null, names, members, line: start + 1 });
  return i;
}

function balanced(text: string): boolean {
  return (text.match(/\{/g)?.length ?? 0) === (text.match(/\}/g)?.length ?? 0);
}

/** `0x00000000, 0x0000, 0x0000, 0xc0,0x00, …` (11 numbers) as `00000000-0000-0000-c000-000000000000`. */
function guidText(args: string): string {
  const n = args.split(",").map((s) => parseInt(s.trim(), 16));
  const hex = (v: number, width: number): string => v.toString(16).padStart(width, "0");
  return `${hex(n[0]!, 8)}-${hex(n[1]!, 4)}-${hex(n[2]!, 4)}-${n.slice(3, 5).map((b) => hex(b, 2)).join("")}-${n.slice(5).map((b) => hex(b, 2)).join("")}`;
}


/** Names of the Windows C headers that IDL constants use, as windef.h defines them. */
const C_BUILTINS: ReadonlyMap<string, CValue> = new Map([
  ["TRUE", { type: "int", value: 1n }],
  ["FALSE", { type: "int", value: 0n }],
  ["NULL", { type: "int", value: 0n }],
]);

/**
 * Evaluates every enum member and constant of the headers. A name is looked up in its own header
 * first (enum members, then `#define`s), then in the others in order, as the C compiler would see
 * them through the includes. Failures are added to the header's `problems`, except for the names
 * `skip` accepts (cpp_quote text: C for a C compiler, often using the Windows SDK's macros, which
 * are not in any IDL).
 */
export function resolveHeaderValues(headers: readonly WidlHeader[], skip: (name: string) => boolean = () => false): void {
  const global = new Map<string, { header: WidlHeader; text: string }>();
  const local = new Map<WidlHeader, Map<string, string>>();
  for (const h of headers) {
    const scope = new Map<string, string>();
    for (const [name, text] of h.defines) scope.set(name, text);
    for (const e of h.enums) for (const m of e.members) scope.set(m.name, m.text);
    local.set(h, scope);
    for (const [name, text] of scope) if (!global.has(name)) global.set(name, { header: h, text });
  }
  const cache = new Map<string, CValue | null>();
  const busy = new Set<string>();
  const valueOf = (h: WidlHeader, name: string): CValue | undefined => {
    const own = local.get(h)!.get(name);
    const found = own !== undefined ? { header: h, text: own } : global.get(name);
    if (!found) return C_BUILTINS.get(name);
    const key = `${headers.indexOf(found.header)}\0${name}`;
    if (cache.has(key)) return cache.get(key) ?? undefined;
    if (busy.has(key)) return undefined; // a cycle: leave it unresolved
    busy.add(key);
    let v: CValue | null = null;
    try {
      v = evaluateC(found.text, (id) => valueOf(found.header, id));
    } catch {
      v = null;
    }
    busy.delete(key);
    cache.set(key, v);
    return v ?? undefined;
  };
  for (const h of headers) {
    const evalIn = (text: string, name: string, what: string, line: number): CValue | null => {
      try {
        return evaluateC(text, (id) => valueOf(h, id));
      } catch (e) {
        if (!skip(name)) h.problems.push(`line ${line}: cannot evaluate ${what} ${name} '${text}': ${(e as Error).message}`);
        return null;
      }
    };
    for (const e of h.enums) {
      for (const m of e.members) {
        const v = evalIn(m.text, m.name, "enum member", e.line);
        if (v && v.type !== "int" && !skip(m.name)) h.problems.push(`line ${e.line}: enum member ${m.name} is not an integer`);
        m.value = v?.type === "int" ? v.value : null;
      }
    }
    for (const c of h.constants) c.value = evalIn(c.text, c.name, "constant", c.line);
  }
}
