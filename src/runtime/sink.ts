import type { CoclassInfo } from "./coclass-info.js";
import { ComObject } from "./com-object.js";
import type { EventTable } from "./event-table.js";
import { GUID_NULL } from "./guid.js";
import type { IUnknown } from "./unknown.js";

type SinkClass = new (handlers: object) => ComObject;

// One class per event table: the handlers differ per sink, the shape and QI answers do not.
const sinkClasses = new WeakMap<EventTable, SinkClass>();

function sinkClassFor(events: EventTable): SinkClass {
  let cls = sinkClasses.get(events);
  if (cls !== undefined) return cls;
  const coclass: CoclassInfo = {
    clsid: GUID_NULL,
    name: `${events.name}Sink`,
    interfaces: [{ iid: events.iid, name: events.name, bases: [], dispatch: events.dispatch, isDefault: true }],
  };
  cls = class EventSink extends ComObject {
    static readonly coclass: CoclassInfo = coclass;
    constructor(handlers: object) {
      super();
      for (const event of events.members) {
        const handler: unknown = (handlers as Record<string, unknown>)[event.member];
        if (handler === undefined) continue;
        if (typeof handler !== "function") throw new TypeError(`Handler ${event.member} of ${events.name} is not a function`);
        // An own property, so `sink[member]` is the handler itself: the fire fast path calls it
        // directly, and Invoke finds it the same way. Bound so handlers keep their `this`.
        Object.defineProperty(this, event.member, { value: handler.bind(handlers), writable: false, enumerable: true, configurable: true });
      }
    }
  };
  // Events without a handler do nothing (and succeed), whichever way they arrive.
  for (const event of events.members) {
    Object.defineProperty(cls.prototype, event.member, { value: noop, writable: false, enumerable: false, configurable: true });
  }
  sinkClasses.set(events, cls);
  return cls;
}

function noop(): void {}

/**
 * Creates an event sink for the `[source]` dispinterface `events` describes: a COM object that
 * answers QueryInterface for the DIID, IDispatch and IUnknown, whose Invoke routes by DISPID to
 * the handlers (a missing handler does nothing and succeeds), and which exposes each handler
 * as a member so sources call it directly. Handlers are called with `this` = `handlers`.
 * Like every new COM object it starts with reference count 0: Advise takes the first reference
 * and the final Unadvise destroys it.
 */
export function createSink<S>(events: EventTable<S>, handlers: Partial<S>): IUnknown {
  const Sink = sinkClassFor(events);
  return new Sink(handlers as object);
}
