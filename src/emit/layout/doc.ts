/**
 * A document algebra and its printer, in the style of Wadler's "prettier printer" with the
 * refinements prettier itself uses: groups that break as a whole, `fits` measured up to the next
 * possible line break of what follows, conditional groups that try alternative layouts in order,
 * and forced breaks that propagate to enclosing groups (but not through conditional groups).
 *
 * It exists so that generated TypeScript can be laid out exactly as prettier would lay it out,
 * without loading prettier (see `layout-generated.ts`): the few shapes our templates emit are
 * described with these documents and printed here.
 */

/** A document: text, a concatenation, or a layout instruction. Text never contains a newline. */
export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | BreakParent;

/** Names a group so that `ifBreak`/`indentIfBreak` elsewhere can follow its decision. */
export type GroupId = symbol;

interface Group {
  readonly t: "group";
  readonly contents: Doc;
  /** Broken whatever the width: set by the builder or by a forced break inside. */
  brk: boolean;
  /** Alternative layouts, tried in order when the group does not fit flat (prettier's conditionalGroup). */
  readonly states?: readonly Doc[];
  readonly id?: GroupId;
}
interface Indent {
  readonly t: "indent";
  readonly contents: Doc;
  /** Extra columns: 2 for `indent`, any for `align`. */
  readonly by: number;
  /** Indents only if that group broke (prettier's indentIfBreak). */
  readonly ifBroken?: GroupId;
}
interface Line {
  readonly t: "line";
  /** A soft line prints nothing when flat; a plain line prints a space. */
  readonly soft: boolean;
  readonly hard: boolean;
}
interface IfBreak {
  readonly t: "if-break";
  readonly broken: Doc;
  readonly flat: Doc;
  /** Follows that group's decision instead of the enclosing group's. */
  readonly of?: GroupId;
}
interface BreakParent {
  readonly t: "break-parent";
}

/** A space when the enclosing group is flat, a newline when it is broken. */
export const line: Doc = { t: "line", soft: false, hard: false };
/** Nothing when the enclosing group is flat, a newline when it is broken. */
export const softline: Doc = { t: "line", soft: true, hard: false };
/** Always a newline; breaks every enclosing group. */
export const hardline: Doc = [{ t: "line", soft: false, hard: true }, { t: "break-parent" }];

/** Breaks every enclosing group (but not a conditional group: see `propagateBreaks`). */
export const breakParent: Doc = { t: "break-parent" };

/** Contents laid out flat if they fit on the rest of the line, else with every line of the group broken. */
export function group(contents: Doc, brk = false, id?: GroupId): Doc {
  return id ? { t: "group", contents, brk, id } : { t: "group", contents, brk };
}

/** Tries `states` in order: the first that fits (flat, up to its first forced break) wins, else the last, broken. */
export function conditionalGroup(states: readonly Doc[]): Doc {
  return { t: "group", contents: states[0]!, brk: false, states };
}

/** Lines inside print one level (two spaces) deeper. */
export function indent(contents: Doc): Doc {
  return { t: "indent", contents, by: 2 };
}

/** Lines inside print `by` columns deeper. */
export function align(by: number, contents: Doc): Doc {
  return { t: "indent", contents, by };
}

/** Lines inside print one level deeper if the group `id` broke. */
export function indentIfBreak(contents: Doc, id: GroupId): Doc {
  return { t: "indent", contents, by: 2, ifBroken: id };
}

/** `broken` when the enclosing group (or the group `of`) is broken, else `flat`. */
export function ifBreak(broken: Doc, flat: Doc = "", of?: GroupId): Doc {
  return of ? { t: "if-break", broken, flat, of } : { t: "if-break", broken, flat };
}

/** Items separated by `separator`. */
export function join(separator: Doc, items: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  items.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

/** Whether the document contains a forced break (after `propagateBreaks`, or a broken group). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return (doc as readonly Doc[]).some(willBreak);
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.t) {
    case "group": return d.brk || willBreak(d.contents);
    case "indent": return willBreak(d.contents);
    case "line": return d.hard;
    case "if-break": return willBreak(d.broken);
    case "break-parent": return true;
  }
}

/**
 * Marks every group that contains a forced break as broken. Conditional groups stop the
 * propagation: which of their layouts breaks is for them to choose.
 */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (const d of doc as readonly Doc[]) if (propagateBreaks(d)) any = true;
    return any;
  }
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.t) {
    case "group": {
      let inner = false;
      if (d.states) for (const s of d.states) inner = propagateBreaks(s) || inner;
      else inner = propagateBreaks(d.contents);
      if (inner && !d.states) d.brk = true;
      return d.brk;
    }
    case "indent": return propagateBreaks(d.contents);
    case "line": return d.hard;
    case "if-break": return propagateBreaks(d.broken) || propagateBreaks(d.flat);
    case "break-parent": return true;
  }
}

const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
interface Cmd {
  readonly ind: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/**
 * Whether `next` fits in `width` columns: its text up to its first line break (all of it when
 * flat), followed by the text of `rest` up to the next place a line may break.
 */
function fits(next: Cmd, rest: readonly Cmd[], width: number, modes: Map<GroupId, Mode>): boolean {
  let restIdx = rest.length;
  const cmds: { mode: Mode; doc: Doc }[] = [next];
  while (width >= 0) {
    if (cmds.length === 0) {
      if (restIdx === 0) return true;
      cmds.push(rest[--restIdx]!);
      continue;
    }
    const { mode, doc } = cmds.pop()!;
    if (typeof doc === "string") {
      width -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      const parts = doc as readonly Doc[];
      for (let i = parts.length - 1; i >= 0; i--) cmds.push({ mode, doc: parts[i]! });
      continue;
    }
    const d = doc as Exclude<Doc, string | readonly Doc[]>;
    switch (d.t) {
      case "group": {
        const m = d.brk ? BREAK : mode;
        cmds.push({ mode: m, doc: d.states && m === BREAK ? d.states[d.states.length - 1]! : d.contents });
        break;
      }
      case "indent":
        cmds.push({ mode, doc: d.contents });
        break;
      case "if-break": {
        const m = d.of ? (modes.get(d.of) ?? FLAT) : mode;
        cmds.push({ mode, doc: m === BREAK ? d.broken : d.flat });
        break;
      }
      case "line":
        if (mode === BREAK || d.hard) return true;
        if (!d.soft) width -= 1;
        break;
      case "break-parent":
        break;
    }
  }
  return false;
}

/** Prints `doc` in `width` columns, starting at column `indentation` with that indentation. */
export function printDoc(doc: Doc, width: number, indentation = 0): string {
  propagateBreaks(doc);
  const out: string[] = [];
  const modes = new Map<GroupId, Mode>();
  let pos = indentation;
  const cmds: Cmd[] = [{ ind: indentation, mode: BREAK, doc }];
  while (cmds.length > 0) {
    const { ind, mode, doc: d0 } = cmds.pop()!;
    if (typeof d0 === "string") {
      out.push(d0);
      pos += d0.length;
      continue;
    }
    if (Array.isArray(d0)) {
      const parts = d0 as readonly Doc[];
      for (let i = parts.length - 1; i >= 0; i--) cmds.push({ ind, mode, doc: parts[i]! });
      continue;
    }
    const d = d0 as Exclude<Doc, string | readonly Doc[]>;
    switch (d.t) {
      case "group": {
        if (mode === FLAT) {
          cmds.push({ ind, mode: d.brk ? BREAK : FLAT, doc: d.contents });
          if (d.id) modes.set(d.id, d.brk ? BREAK : FLAT);
          break;
        }
        const flat: Cmd = { ind, mode: FLAT, doc: d.contents };
        if (!d.brk && fits(flat, cmds, width - pos, modes)) {
          cmds.push(flat);
        } else if (d.states) {
          const last = d.states[d.states.length - 1]!;
          if (d.brk) {
            cmds.push({ ind, mode: BREAK, doc: last });
          } else {
            let chosen: Cmd = { ind, mode: BREAK, doc: last };
            for (let i = 1; i < d.states.length; i++) {
              const state: Cmd = { ind, mode: FLAT, doc: d.states[i]! };
              if (fits(state, cmds, width - pos, modes)) {
                chosen = state;
                break;
              }
            }
            cmds.push(chosen);
          }
        } else {
          cmds.push({ ind, mode: BREAK, doc: d.contents });
        }
        if (d.id) modes.set(d.id, cmds[cmds.length - 1]!.mode);
        break;
      }
      case "indent":
        cmds.push({ ind: d.ifBroken && modes.get(d.ifBroken) !== BREAK ? ind : ind + d.by, mode, doc: d.contents });
        break;
      case "if-break": {
        const m = d.of ? (modes.get(d.of) ?? FLAT) : mode;
        cmds.push({ ind, mode, doc: m === BREAK ? d.broken : d.flat });
        break;
      }
      case "line":
        if (mode === FLAT && !d.hard) {
          if (!d.soft) {
            out.push(" ");
            pos += 1;
          }
          break;
        }
        // No trailing spaces: a line that breaks after "= " loses the space.
        while (out.length > 0 && out[out.length - 1]!.endsWith(" ")) {
          const trimmed = out.pop()!.replace(/ +$/, "");
          if (trimmed) {
            out.push(trimmed);
            break;
          }
        }
        out.push(`\n${" ".repeat(ind)}`);
        pos = ind;
        break;
      case "break-parent":
        break;
    }
  }
  return out.join("");
}
