import { randomBytes } from "node:crypto";
import { ComError } from "./com-error.js";
import { E_INVALIDARG } from "./hresult.js";

// 8-4-4-4-12 hex digits, optionally inside one pair of braces; the braces are matched by the
// alternation so "{…" without "}" is rejected.
const GUID_PATTERN = /^(?:\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$/i;

/**
 * An immutable GUID (IID, CLSID, DIID, LIBID). The canonical text is the StringFromGUID2 form,
 * `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` in upper case; it doubles as the `key`, so equal GUIDs
 * have equal keys and comparing keys orders GUIDs by Data1, Data2, Data3, Data4 as unsigned values.
 */
export class Guid {
  readonly #text: string;

  private constructor(canonical: string) {
    this.#text = canonical;
    Object.freeze(this);
  }

  /**
   * Parses `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, with or without braces, in any case.
   * @throws ComError(E_INVALIDARG) for anything else.
   */
  static parse(text: string): Guid {
    const guid = Guid.tryParse(text);
    if (guid === undefined) throw new ComError(E_INVALIDARG, `Invalid GUID: ${JSON.stringify(text)}`);
    return guid;
  }

  /** Like {@link Guid.parse} but returns `undefined` for bad input. */
  static tryParse(text: string): Guid | undefined {
    if (typeof text !== "string") return undefined;
    const match = GUID_PATTERN.exec(text);
    if (match === null) return undefined;
    const body = (match[1] ?? match[2] ?? "").toUpperCase();
    return new Guid(`{${body}}`);
  }

  /** A new random (version 4, RFC 4122 variant) GUID. */
  static create(): Guid {
    const bytes = randomBytes(16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString("hex").toUpperCase();
    return new Guid(`{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`);
  }

  /** A string that identifies this GUID; use it as a Map/Set key (GUID objects are not interned). */
  get key(): string {
    return this.#text;
  }

  /** True for `{00000000-0000-0000-0000-000000000000}`. */
  get isNull(): boolean {
    return this.#text === NULL_TEXT;
  }

  /** Value equality. */
  equals(other: Guid | null | undefined): boolean {
    return other instanceof Guid && other.#text === this.#text;
  }

  /** A total order consistent with {@link Guid.equals}: negative, zero or positive. */
  compare(other: Guid): number {
    return this.#text < other.#text ? -1 : this.#text > other.#text ? 1 : 0;
  }

  /** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, upper case, as StringFromGUID2 writes it. */
  toString(): string {
    return this.#text;
  }

  /** Serialises as the canonical string. */
  toJSON(): string {
    return this.#text;
  }
}

const NULL_TEXT = "{00000000-0000-0000-0000-000000000000}";

/** The all-zero GUID. */
export const GUID_NULL: Guid = Guid.parse(NULL_TEXT);
/** The all-zero IID; IDispatch::Invoke and GetIDsOfNames require it. */
export const IID_NULL: Guid = GUID_NULL;
