import { DQUOTE, LT } from "./char-codes.js";
import type { Directive } from "./directive.js";
import { isAbsolutePath, joinPath, normalizePath } from "./include-paths.js";
import type { Frame, Session } from "./session.js";
import { TokenKind } from "./tokens.js";

/** The operand of an `#include`: the name as written, which search it asks for, and where it is. */
interface IncludeTarget {
  readonly name: string;
  readonly angled: boolean;
  readonly start: number;
  readonly end: number;
}

/**
 * `#include "x"`, `#include <x>` or `#include MACRO`. Finds the file and returns a frame to process
 * it, or undefined when nothing is to be included: not found (MTS1001), already included under a
 * guard or `#pragma once`, cyclic or too deep (MTS1009).
 */
export function include(s: Session, frame: Frame, d: Directive): Frame | undefined {
  const target = readTarget(s, d);
  if (target === undefined) return undefined;
  const path = resolve(s, frame, target);
  if (path === undefined) {
    s.error("MTS1001", `cannot find include file '${target.name}'`, target.start, target.end);
    return undefined;
  }
  const file = s.load(path)!;
  s.dependencies.add(file.path);
  const guard = s.guards.get(file.path);
  if (s.once.has(file.path) || (guard !== undefined && s.isDefined(guard))) return undefined;
  const open = s.stack.find((f) => f.file === file);
  if (open !== undefined) {
    // Re-entering a file is harmless only inside its own guard, whose macro is then defined.
    const openGuard = open.guard.openGuard;
    if (openGuard === undefined || !s.isDefined(openGuard)) {
      s.error("MTS1009", `cyclic #include of '${file.path}'`, target.start, target.end);
      return undefined;
    }
  }
  if (s.stack.length > s.maxIncludeDepth) {
    s.error("MTS1009", `#include nested more than ${s.maxIncludeDepth} levels deep`, target.start, target.end);
    return undefined;
  }
  return s.frameFor(file);
}

/** Reads the operand: a header name as written, else macro-expanded tokens that must form one. */
function readTarget(s: Session, d: Directive): IncludeTarget | undefined {
  const { lexer, extent } = d;
  const line = extent.line;
  lexer.skipSpace();
  const at = lexer.pos;
  const first = line.text.charCodeAt(at);
  let target: IncludeTarget | undefined;
  if (at < line.end && (first === DQUOTE || first === LT)) {
    const close = line.text.indexOf(first === DQUOTE ? '"' : ">", at + 1);
    if (close < 0 || close >= line.end) {
      s.error("MTS1011", `missing terminating ${first === DQUOTE ? "'\"'" : "'>'"} in '#include'`, line.sourceOffset(at), extent.contentEnd);
      return undefined;
    }
    target = { name: line.text.slice(at + 1, close), angled: first === LT, start: line.sourceOffset(at), end: line.sourceOffset(close + 1) };
    lexer.pos = close + 1;
    const extra = lexer.rest();
    if (extra.length > 0) s.warning("MTS1011", "extra tokens at end of '#include' directive", extra[0]!.start, extra[extra.length - 1]!.end);
  } else {
    const tokens = lexer.rest();
    const expanded = tokens.length > 0 ? s.expander.expandList(tokens) : [];
    if (expanded === undefined) return undefined;
    const head = expanded[0];
    if (head !== undefined && head.kind === TokenKind.String && head.text.startsWith('"')) {
      target = { name: head.text.slice(1, -1), angled: false, start: head.start, end: head.end };
    } else if (head !== undefined && head.is("<")) {
      const closeIndex = expanded.findIndex((t) => t.is(">"));
      if (closeIndex > 0) {
        const parts = expanded.slice(1, closeIndex).map((t, k) => (k > 0 && t.space ? ` ${t.text}` : t.text));
        target = { name: parts.join(""), angled: true, start: head.start, end: expanded[closeIndex]!.end };
      }
    }
    if (target === undefined) {
      const from = tokens[0]?.start ?? d.hash;
      s.error("MTS1011", `'#include' expects "FILENAME" or <FILENAME>`, from, tokens[tokens.length - 1]?.end ?? d.name.end);
      return undefined;
    }
  }
  if (target.name === "") {
    s.error("MTS1011", "empty file name in '#include'", target.start, target.end);
    return undefined;
  }
  return target;
}

/** The path of the included file: the including file's directory first (quoted form only), then the include directories. */
function resolve(s: Session, frame: Frame, target: IncludeTarget): string | undefined {
  if (isAbsolutePath(target.name)) {
    const path = normalizePath(target.name);
    return s.load(path) === undefined ? undefined : path;
  }
  if (!target.angled) {
    const path = joinPath(frame.dir, target.name);
    if (s.load(path) !== undefined) return path;
  }
  for (const dir of s.options.includeDirs ?? []) {
    const path = joinPath(dir, target.name);
    if (s.load(path) !== undefined) return path;
  }
  return undefined;
}
