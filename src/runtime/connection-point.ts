import { Guid } from "./guid.js";
import type { HRESULT } from "./hresult.js";
import type { Ref } from "./ref.js";
import type { IUnknown } from "./unknown.js";

/** One connection of a connection point, as IEnumConnections reports it. */
export interface CONNECTDATA {
  /** The sink (AddRef'd for the receiver of the enumeration). */
  readonly pUnk: IUnknown | null;
  readonly dwCookie: number;
}

/** IEnumConnections: the connections of one connection point, from a snapshot. */
export interface IEnumConnections extends IUnknown {
  /** Fetches up to `celt` connections into `rgelt.value`; S_FALSE when fewer were left. */
  Next(celt: number, rgelt: Ref<CONNECTDATA[]>, pceltFetched: Ref<number> | null): HRESULT | void;
  Skip(celt: number): HRESULT | void;
  Reset(): HRESULT | void;
  Clone(): IEnumConnections;
}

/** IConnectionPoint: where sinks of one outgoing interface connect. */
export interface IConnectionPoint extends IUnknown {
  GetConnectionInterface(): Guid;
  GetConnectionPointContainer(): IConnectionPointContainer;
  /** Connects a sink and returns its cookie (never 0). */
  Advise(pUnkSink: IUnknown | null): number;
  Unadvise(dwCookie: number): HRESULT | void;
  EnumConnections(): IEnumConnections;
}

/** IEnumConnectionPoints: the connection points of a container. */
export interface IEnumConnectionPoints extends IUnknown {
  Next(celt: number, rgelt: Ref<IConnectionPoint[]>, pceltFetched: Ref<number> | null): HRESULT | void;
  Skip(celt: number): HRESULT | void;
  Reset(): HRESULT | void;
  Clone(): IEnumConnectionPoints;
}

/** IConnectionPointContainer: an object with outgoing interfaces. */
export interface IConnectionPointContainer extends IUnknown {
  EnumConnectionPoints(): IEnumConnectionPoints;
  /** @throws ComError(CONNECT_E_NOCONNECTION) when the object has no such outgoing interface. */
  FindConnectionPoint(riid: Guid): IConnectionPoint;
}

/** {B196B284-BAB4-101A-B69C-00AA00341D07} */
export const IID_IConnectionPointContainer: Guid = Guid.parse("{B196B284-BAB4-101A-B69C-00AA00341D07}");
/** {B196B285-BAB4-101A-B69C-00AA00341D07} */
export const IID_IEnumConnectionPoints: Guid = Guid.parse("{B196B285-BAB4-101A-B69C-00AA00341D07}");
/** {B196B286-BAB4-101A-B69C-00AA00341D07} */
export const IID_IConnectionPoint: Guid = Guid.parse("{B196B286-BAB4-101A-B69C-00AA00341D07}");
/** {B196B287-BAB4-101A-B69C-00AA00341D07} */
export const IID_IEnumConnections: Guid = Guid.parse("{B196B287-BAB4-101A-B69C-00AA00341D07}");
