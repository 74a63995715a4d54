import { classMeta, type ClassMeta } from "./class-meta.js";
import { ComError } from "./com-error.js";
import { ConnectionPoint } from "./connection-point-impl.js";
import {
  IID_IEnumConnectionPoints, type IConnectionPoint, type IConnectionPointContainer, type IEnumConnectionPoints,
} from "./connection-point.js";
import { dispatchInvoke } from "./dispatch-invoke.js";
import { DISPATCH_METHOD, isDispatch, type DISPPARAMS, type EXCEPINFO, type IDispatch, type ITypeInfo } from "./dispatch.js";
import { disconnect } from "./disconnect.js";
import { Enumerator } from "./enumerator.js";
import type { EventTable } from "./event-table.js";
import { Guid, IID_NULL } from "./guid.js";
import {
  CONNECT_E_NOCONNECTION, DISP_E_BADINDEX, DISP_E_MEMBERNOTFOUND, DISP_E_UNKNOWNINTERFACE, E_NOINTERFACE, E_NOTIMPL,
  E_POINTER, E_UNEXPECTED,
} from "./hresult.js";
import type { Ref } from "./ref.js";
import type { IUnknown } from "./unknown.js";
import type { VARIANT } from "./variant.js";

/**
 * The base class of every stub: a reference-counted COM object whose identity is the JavaScript
 * object itself. It reads the `static coclass` of its class (cached per class) to answer
 * QueryInterface, implements IDispatch through the default interface's dispatch table and
 * IConnectionPointContainer for the `sources`.
 *
 * - QueryInterface returns `this`, AddRef'd: calls through any interface are direct calls.
 * - A new object has reference count 0; AddRef/Release return the new count. The final Release
 *   calls {@link ComObject.onFinalRelease}, releases every advised sink, then disconnects the
 *   object: every later use of any member throws ComError(RPC_E_DISCONNECTED).
 * - Runtime state lives in `#private` fields, so COM member names never collide with it.
 */
export abstract class ComObject implements IUnknown, IDispatch, IConnectionPointContainer {
  readonly #meta: ClassMeta;
  #refs = 0;
  #points: Map<string, ConnectionPoint> | undefined;

  constructor() {
    this.#meta = classMeta(new.target);
  }

  /** Returns this object, AddRef'd, if it implements `riid`; else throws ComError(E_NOINTERFACE). */
  QueryInterface<T extends IUnknown = IUnknown>(riid: Guid): T {
    if (!(riid instanceof Guid)) throw new ComError(E_POINTER);
    if (!this.#meta.iids.has(riid.key)) {
      throw new ComError(E_NOINTERFACE, `E_NOINTERFACE (0x80004002): ${this.#meta.info.name} does not implement ${riid}`);
    }
    this.AddRef();
    return this as unknown as T;
  }

  /** Increments the reference count; returns the new count. */
  AddRef(): number {
    return ++this.#refs;
  }

  /**
   * Decrements the reference count and returns the new count; at 0 the object is destroyed.
   * @throws ComError(E_UNEXPECTED) when the count is already 0 (the object stays usable).
   */
  Release(): number {
    const refs = this.#refs;
    if (refs <= 0) throw new ComError(E_UNEXPECTED, "E_UNEXPECTED (0x8000FFFF): Release on an object whose reference count is already 0");
    this.#refs = refs - 1;
    if (refs === 1) this.#destroy();
    return refs - 1;
  }

  /** Called once when the reference count drops to 0, before the object is disconnected. */
  protected onFinalRelease(): void {}

  /**
   * Called when a sink throws during {@link ComObject.fireEvent}; the other sinks are still
   * called. Also called, later, when a handler's returned promise rejects. The default ignores
   * the error (as ATL's fire helpers ignore the sink's HRESULT). If it throws, the fire stops and
   * the error propagates to the code that fired.
   */
  protected onSinkError(_error: unknown, _sinkCookie: number, _eventName: string): void {}

  #destroy(): void {
    try {
      this.onFinalRelease();
    } finally {
      const points = this.#points;
      this.#points = undefined;
      if (points !== undefined) for (const cp of points.values()) cp.shutdown();
      disconnect(this, this.#meta.memberNames);
    }
  }

  /** 0: the runtime carries no type information. */
  GetTypeInfoCount(): number {
    return 0;
  }

  /** @throws ComError(DISP_E_BADINDEX): there is no type information. */
  GetTypeInfo(_iTInfo: number, _lcid: number): ITypeInfo {
    throw new ComError(DISP_E_BADINDEX);
  }

  /** See {@link DispatchTable.getIDsOfNames}; riid must be IID_NULL. */
  GetIDsOfNames(riid: Guid, rgszNames: readonly string[], _lcid: number): number[] {
    if (riid == null) throw new ComError(E_POINTER);
    if (!IID_NULL.equals(riid)) throw new ComError(DISP_E_UNKNOWNINTERFACE);
    const table = this.#meta.dispatch;
    if (table === null) throw new ComError(E_NOTIMPL, `E_NOTIMPL (0x80004001): ${this.#meta.info.name} has no dispatch interface`);
    return table.getIDsOfNames(rgszNames);
  }

  /** IDispatch::Invoke through the default dispatch table (see `dispatchInvoke`). */
  Invoke(
    dispIdMember: number,
    riid: Guid,
    lcid: number,
    wFlags: number,
    pDispParams: DISPPARAMS,
    pVarResult?: Ref<VARIANT> | null,
    pExcepInfo?: Ref<EXCEPINFO> | null,
    puArgErr?: Ref<number> | null,
  ): VARIANT {
    const table = this.#meta.dispatch;
    if (table === null) throw new ComError(E_NOTIMPL, `E_NOTIMPL (0x80004001): ${this.#meta.info.name} has no dispatch interface`);
    return dispatchInvoke(table, this, dispIdMember, riid, lcid, wFlags, pDispParams, pVarResult, pExcepInfo, puArgErr);
  }

  #connectionPoints(): Map<string, ConnectionPoint> {
    let points = this.#points;
    if (points === undefined) {
      points = new Map(this.#meta.sources.map((s) => [s.iid.key, new ConnectionPoint(this, s)] as const));
      this.#points = points;
    }
    return points;
  }

  /** The connection points, one per source, in `coclass.sources` order (reference count 1). */
  EnumConnectionPoints(): IEnumConnectionPoints {
    const points: IConnectionPoint[] = [...this.#connectionPoints().values()];
    const e = new Enumerator<IConnectionPoint>(IID_IEnumConnectionPoints, {
      items: points,
      copyOut: (cp) => {
        cp.AddRef();
        return cp;
      },
    }, this);
    e.AddRef();
    return e;
  }

  /** The connection point of source `riid`, AddRef'd; ComError(CONNECT_E_NOCONNECTION) if none. */
  FindConnectionPoint(riid: Guid): IConnectionPoint {
    if (!(riid instanceof Guid)) throw new ComError(E_POINTER);
    const cp = this.#connectionPoints().get(riid.key);
    if (cp === undefined) {
      throw new ComError(CONNECT_E_NOCONNECTION, `CONNECT_E_NOCONNECTION (0x80040200): ${this.#meta.info.name} has no source ${riid}`);
    }
    cp.AddRef();
    return cp;
  }

  /**
   * Fires event `dispid` of `events` at every sink of that source, in advise order, over a
   * snapshot (sinks advised or unadvised meanwhile take part from the next fire on). A sink
   * that has the handler as a function member (it was advised through the source interface) is
   * called directly; any other is called through IDispatch::Invoke with the arguments in COM
   * order, Refs kept by reference. A throwing sink is reported to {@link ComObject.onSinkError}.
   * `args` are in declaration order.
   *
   * Static, so that no COM member of a subclass can shadow it (mshtml's IHTMLElement3 has a method
   * named `fireEvent`): generated fire helpers call `ComObject.fireEvent(this, …)`.
   */
  static fireEvent(source: ComObject, events: EventTable, dispid: number, args: readonly unknown[]): void {
    source.#fire(events, dispid, args);
  }

  /**
   * An `async` handler returns a promise the fire does not wait for (COM events are synchronous);
   * its rejection goes to onSinkError like a synchronous throw, instead of surfacing as an
   * unhandled rejection that would end a Node process.
   */
  #watchAsync(result: unknown, cookie: number, eventName: string): void {
    if (typeof (result as PromiseLike<unknown> | null)?.then !== "function") return;
    (result as PromiseLike<unknown>).then(undefined, (e: unknown) => {
      try {
        this.onSinkError(e, cookie, eventName);
      } catch {
        // onSinkError itself failed: nowhere left to report to, and rethrowing would be unhandled.
      }
    });
  }

  #fire(events: EventTable, dispid: number, args: readonly unknown[]): void {
    const event = events.member(dispid);
    if (event === undefined) throw new ComError(DISP_E_MEMBERNOTFOUND, `DISP_E_MEMBERNOTFOUND (0x80020003): ${events.name} has no event ${dispid}`);
    const cp = this.#points?.get(events.iid.key);
    if (cp === undefined) {
      if (!this.#meta.sourcesByKey.has(events.iid.key)) {
        throw new ComError(CONNECT_E_NOCONNECTION, `CONNECT_E_NOCONNECTION (0x80040200): ${events.name} is not a source of ${this.#meta.info.name}`);
      }
      return; // nobody asked for a connection point yet, so nobody is connected
    }
    const list = cp.connections;
    if (list.length === 0) return;
    const member = event.member;
    const argc = args.length;
    // Keep the source alive while sinks run: one of them may release it.
    const grip = this.#refs > 0;
    if (grip) this.#refs++;
    cp.beginFire();
    try {
      let reversed: DISPPARAMS | undefined;
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        try {
          const sink = c.sink as unknown as Record<string, unknown>;
          const fn = c.direct ? sink[member] : undefined;
          if (typeof fn === "function") {
            // Fixed-arity calls for the common event shapes: cheaper than apply in a hot fan-out.
            let r: unknown;
            if (argc === 0) r = fn.call(sink);
            else if (argc === 1) r = fn.call(sink, args[0]);
            else if (argc === 2) r = fn.call(sink, args[0], args[1]);
            else if (argc === 3) r = fn.call(sink, args[0], args[1], args[2]);
            else r = fn.apply(sink, args);
            if (r !== undefined) this.#watchAsync(r, c.cookie, event.name);
          } else if (isDispatch(sink)) {
            reversed ??= { rgvarg: (args.slice().reverse()) as VARIANT[] };
            sink.Invoke(dispid, IID_NULL, 0, DISPATCH_METHOD, reversed);
          } else throw new ComError(DISP_E_MEMBERNOTFOUND, `DISP_E_MEMBERNOTFOUND (0x80020003): the sink has no ${member}`);
        } catch (e) {
          this.onSinkError(e, c.cookie, event.name);
        }
      }
    } finally {
      cp.endFire();
      if (grip) this.Release();
    }
  }
}
