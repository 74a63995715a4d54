import type { SourceInfo } from "./coclass-info.js";
import { ComError } from "./com-error.js";
import {
  IID_IConnectionPoint, IID_IConnectionPointContainer, IID_IEnumConnections,
  type CONNECTDATA, type IConnectionPoint, type IConnectionPointContainer, type IEnumConnections,
} from "./connection-point.js";
import { IID_IDispatch } from "./dispatch.js";
import { disconnect } from "./disconnect.js";
import { Enumerator } from "./enumerator.js";
import { Guid } from "./guid.js";
import { CONNECT_E_CANNOTCONNECT, CONNECT_E_NOCONNECTION, E_NOINTERFACE, E_POINTER, S_OK, type HRESULT } from "./hresult.js";
import { IID_IUnknown, isUnknown, type IUnknown } from "./unknown.js";

/** One advised sink. `direct` says it was connected through the source IID itself. @internal */
export interface Connection {
  readonly cookie: number;
  readonly sink: IUnknown;
  readonly direct: boolean;
}

// One counter for the whole process: cookies are unique across connection points, never 0.
let lastCookie = 0;

/**
 * The connection point of one source interface of a ComObject. Its lifetime is its container's
 * (AddRef/Release delegate to the container, as ATL's do). The connection list is replaced, never
 * mutated, so a fire iterates a snapshot for free; sinks unadvised during a fire are released
 * when the outermost fire ends, so none is destroyed while it may still be called.
 * @internal
 */
export class ConnectionPoint implements IConnectionPoint {
  readonly #owner: IUnknown;
  readonly #source: SourceInfo;
  #connections: readonly Connection[] = [];
  #firing = 0;
  #deferred: IUnknown[] = [];

  constructor(owner: IUnknown, source: SourceInfo) {
    this.#owner = owner;
    this.#source = source;
  }

  /** The current connections (an immutable snapshot). */
  get connections(): readonly Connection[] {
    return this.#connections;
  }

  QueryInterface<T extends IUnknown = IUnknown>(riid: Guid): T {
    if (!(riid instanceof Guid)) throw new ComError(E_POINTER);
    if (!riid.equals(IID_IConnectionPoint) && !riid.equals(IID_IUnknown)) throw new ComError(E_NOINTERFACE);
    this.AddRef();
    return this as unknown as T;
  }

  AddRef(): number {
    return this.#owner.AddRef();
  }

  Release(): number {
    return this.#owner.Release();
  }

  GetConnectionInterface(): Guid {
    return this.#source.iid;
  }

  GetConnectionPointContainer(): IConnectionPointContainer {
    return this.#owner.QueryInterface<IConnectionPointContainer>(IID_IConnectionPointContainer);
  }

  /**
   * Connects `pUnkSink`: asks it for the source interface, else IDispatch, and keeps that
   * (AddRef'd) reference until Unadvise.
   */
  Advise(pUnkSink: IUnknown | null): number {
    if (!isUnknown(pUnkSink)) throw new ComError(E_POINTER, "E_POINTER (0x80004003): Advise needs a sink");
    let sink: IUnknown;
    let direct = true;
    try {
      sink = pUnkSink.QueryInterface(this.#source.iid);
    } catch {
      direct = false;
      try {
        sink = pUnkSink.QueryInterface(IID_IDispatch);
      } catch {
        throw new ComError(CONNECT_E_CANNOTCONNECT, `CONNECT_E_CANNOTCONNECT (0x80040202): the sink implements neither ${this.#source.name} nor IDispatch`);
      }
    }
    const cookie = ++lastCookie;
    this.#connections = [...this.#connections, { cookie, sink, direct }];
    return cookie;
  }

  /** Disconnects the sink of `dwCookie` and releases it. */
  Unadvise(dwCookie: number): HRESULT {
    const list = this.#connections;
    const index = list.findIndex((c) => c.cookie === dwCookie);
    if (index < 0) throw new ComError(CONNECT_E_NOCONNECTION, `CONNECT_E_NOCONNECTION (0x80040200): no connection with cookie ${dwCookie}`);
    const sink = list[index]!.sink;
    this.#connections = list.filter((_, i) => i !== index);
    if (this.#firing > 0) this.#deferred.push(sink);
    else sink.Release();
    return S_OK;
  }

  /** A snapshot of the connections; each CONNECTDATA handed out holds a reference on its sink. */
  EnumConnections(): IEnumConnections {
    const items: CONNECTDATA[] = this.#connections.map((c) => ({ pUnk: c.sink, dwCookie: c.cookie }));
    const e = new Enumerator<CONNECTDATA>(IID_IEnumConnections, {
      items,
      retain: (d) => d.pUnk?.AddRef(),
      release: (d) => d.pUnk?.Release(),
      copyOut: (d) => {
        d.pUnk?.AddRef();
        return { pUnk: d.pUnk, dwCookie: d.dwCookie };
      },
    }, this.#owner);
    e.AddRef();
    return e;
  }

  /** Called by the container around a fire. @internal */
  beginFire(): void {
    this.#firing++;
  }

  /** @internal */
  endFire(): void {
    if (--this.#firing > 0 || this.#deferred.length === 0) return;
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const sink of deferred) releaseQuietly(sink);
  }

  /** The container is being destroyed: drop every sink and disconnect. @internal */
  shutdown(): void {
    const list = this.#connections;
    this.#connections = [];
    for (const c of list) releaseQuietly(c.sink);
    disconnect(this);
  }
}

// A sink failing in Release must not stop the source from releasing the others.
function releaseQuietly(sink: IUnknown): void {
  try {
    sink.Release();
  } catch {
    // Nothing sensible to do: the sink is gone from our list either way.
  }
}
