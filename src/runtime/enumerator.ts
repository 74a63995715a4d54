import { ComError } from "./com-error.js";
import { disconnect } from "./disconnect.js";
import { Guid } from "./guid.js";
import { E_INVALIDARG, E_NOINTERFACE, E_POINTER, E_UNEXPECTED, S_FALSE, S_OK, type HRESULT } from "./hresult.js";
import type { Ref } from "./ref.js";
import { IID_IUnknown, type IUnknown } from "./unknown.js";

/** How an enumerator holds and hands out its items (COM ownership rules per item type). */
export interface EnumeratorItems<T> {
  /** The snapshot to enumerate; shared by clones, never modified. */
  readonly items: readonly T[];
  /** Takes the enumerator's own reference on an item (e.g. AddRef its interface). */
  readonly retain?: (item: T) => void;
  /** Drops it when the enumerator is destroyed. */
  readonly release?: (item: T) => void;
  /** Produces the copy handed out by Next (e.g. AddRef'd for the caller). */
  readonly copyOut?: (item: T) => T;
}

/**
 * A COM enumerator (IEnumConnections, IEnumConnectionPoints, IEnumVARIANT share the shape) over
 * a snapshot. It is reference counted like every COM object: it keeps its items and an optional
 * owner alive until its final Release, after which it is disconnected.
 * Standalone rather than a ComObject so that ComObject itself can create enumerators.
 */
export class Enumerator<T> implements IUnknown {
  readonly #iid: Guid;
  readonly #source: EnumeratorItems<T>;
  readonly #owner: IUnknown | null;
  #position = 0;
  #refs = 0;

  /**
   * @param owner kept alive (AddRef'd) while the enumerator lives, as ATL enumerators keep their container.
   */
  constructor(iid: Guid, source: EnumeratorItems<T>, owner: IUnknown | null = null) {
    this.#iid = iid;
    this.#source = source;
    this.#owner = owner;
    owner?.AddRef();
    if (source.retain !== undefined) for (const item of source.items) source.retain(item);
  }

  QueryInterface<Q extends IUnknown = IUnknown>(riid: Guid): Q {
    if (!(riid instanceof Guid)) throw new ComError(E_POINTER);
    if (!riid.equals(IID_IUnknown) && !riid.equals(this.#iid)) throw new ComError(E_NOINTERFACE);
    this.AddRef();
    return this as unknown as Q;
  }

  AddRef(): number {
    return ++this.#refs;
  }

  Release(): number {
    if (this.#refs <= 0) throw new ComError(E_UNEXPECTED, "Release on an object whose reference count is already 0");
    const refs = --this.#refs;
    if (refs === 0) {
      try {
        const release = this.#source.release;
        if (release !== undefined) for (const item of this.#source.items) release(item);
        this.#owner?.Release();
      } finally {
        disconnect(this);
      }
    }
    return refs;
  }

  /** Fetches up to `celt` items into `rgelt.value`; S_FALSE when fewer were left. */
  Next(celt: number, rgelt: Ref<T[]>, pceltFetched: Ref<number> | null): HRESULT {
    if (!Number.isInteger(celt) || celt < 0) throw new ComError(E_INVALIDARG);
    // COM allows a null pceltFetched only when asking for a single element.
    if (pceltFetched === null && celt !== 1) throw new ComError(E_POINTER);
    const { items, copyOut } = this.#source;
    const end = Math.min(items.length, this.#position + celt);
    const fetched = items.slice(this.#position, end);
    this.#position = end;
    rgelt.value = copyOut === undefined ? fetched : fetched.map(copyOut);
    if (pceltFetched !== null) pceltFetched.value = fetched.length;
    return fetched.length === celt ? S_OK : S_FALSE;
  }

  /** Skips `celt` items; S_FALSE when fewer were left. */
  Skip(celt: number): HRESULT {
    if (!Number.isInteger(celt) || celt < 0) throw new ComError(E_INVALIDARG);
    const items = this.#source.items;
    const end = Math.min(items.length, this.#position + celt);
    const skipped = end - this.#position;
    this.#position = end;
    return skipped === celt ? S_OK : S_FALSE;
  }

  /** Goes back to the first item. */
  Reset(): HRESULT {
    this.#position = 0;
    return S_OK;
  }

  /** A new enumerator over the same snapshot at the same position (reference count 1). */
  Clone(): Enumerator<T> {
    const clone = new Enumerator<T>(this.#iid, this.#source, this.#owner);
    clone.#position = this.#position;
    clone.AddRef();
    return clone;
  }
}
