import type { CoclassInfo, SourceInfo } from "./coclass-info.js";
import { IID_IConnectionPointContainer } from "./connection-point.js";
import { IID_IDispatch } from "./dispatch.js";
import type { DispatchTable } from "./dispatch-table.js";
import { IID_IUnknown } from "./unknown.js";

/**
 * What ComObject derives from a class's `static coclass`, computed once per CoclassInfo (a
 * subclass of a stub shares its stub's) so that constructing an object is one WeakMap lookup.
 * @internal
 */
export interface ClassMeta {
  readonly info: CoclassInfo;
  /** Keys of every IID QueryInterface answers. */
  readonly iids: ReadonlySet<string>;
  /** The table behind IDispatch: the default interface's, else the first one's; null if none. */
  readonly dispatch: DispatchTable | null;
  readonly sources: readonly SourceInfo[];
  /** Source IID key → source. */
  readonly sourcesByKey: ReadonlyMap<string, SourceInfo>;
  /** Names of the TypeScript members the dispatch tables name (for disconnecting instance fields). */
  readonly memberNames: ReadonlySet<string>;
}

const metas = new WeakMap<CoclassInfo, ClassMeta>();

/** The meta of a ComObject subclass. @throws TypeError when the class has no static `coclass`. */
export function classMeta(ctor: Function): ClassMeta {
  const info = (ctor as { coclass?: CoclassInfo }).coclass;
  if (info === undefined || info === null || !Array.isArray(info.interfaces)) {
    throw new TypeError(`${ctor.name || "A ComObject subclass"} has no static "coclass" (CoclassInfo)`);
  }
  let meta = metas.get(info);
  if (meta === undefined) {
    meta = build(info);
    metas.set(info, meta);
  }
  return meta;
}

function build(info: CoclassInfo): ClassMeta {
  const iids = new Set<string>([IID_IUnknown.key]);
  const memberNames = new Set<string>();
  let dispatch: DispatchTable | null = null;
  for (const itf of info.interfaces) {
    iids.add(itf.iid.key);
    for (const base of itf.bases) iids.add(base.key);
    if (itf.dispatch !== undefined) {
      // The [default] interface's table wins; otherwise the first dual interface's.
      if (dispatch === null || itf.isDefault === true) dispatch = itf.dispatch;
      for (const m of itf.dispatch.members) memberNames.add(m.member);
    }
  }
  if (dispatch !== null) iids.add(IID_IDispatch.key);
  const sources = info.sources ?? [];
  if (sources.length > 0) iids.add(IID_IConnectionPointContainer.key);
  return {
    info,
    iids,
    dispatch,
    sources,
    sourcesByKey: new Map(sources.map((s) => [s.iid.key, s] as const)),
    memberNames,
  };
}
