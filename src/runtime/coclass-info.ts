import type { DispatchTable } from "./dispatch-table.js";
import type { EventTable } from "./event-table.js";
import type { Guid } from "./guid.js";
import type { IUnknown } from "./unknown.js";

/** An interface a coclass implements. */
export interface InterfaceInfo {
  readonly iid: Guid;
  readonly name: string;
  /** IIDs of the user-declared base interfaces, nearest first (not IUnknown / IDispatch). */
  readonly bases: readonly Guid[];
  /** Present for dual interfaces and dispinterfaces: what IDispatch::Invoke dispatches through. */
  readonly dispatch?: DispatchTable<any>;
  /** The `[default]` interface; its dispatch table is the object's IDispatch. */
  readonly isDefault?: boolean;
}

/** A `[source]` interface of a coclass: an outgoing event interface with a connection point. */
export interface SourceInfo {
  readonly iid: Guid;
  readonly name: string;
  readonly events: EventTable<any>;
  readonly isDefault?: boolean;
}

/** What a stub class declares about its coclass in `static readonly coclass`. */
export interface CoclassInfo {
  readonly clsid: Guid;
  readonly name: string;
  readonly interfaces: readonly InterfaceInfo[];
  readonly sources?: readonly SourceInfo[];
}

/** A class the registry can instantiate: a static `coclass` and a constructor without arguments. */
export interface ComClass<T extends IUnknown = IUnknown> {
  readonly coclass: CoclassInfo;
  new (): T;
}
