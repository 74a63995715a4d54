/**
 * The session applications registered with a Messenger client: what RegisterApplication writes
 * under HKLM\Software\Microsoft\MessengerService\SessionManager\Apps (API.md §0, §2). In memory,
 * with JSON the host can persist and reload, and an optional `persist` hook that plays the part of
 * the registry write (a throwing hook is REGDB_E_WRITEREGDB, and the change is rolled back).
 */
import { E_FAIL, E_INVALIDARG, REGDB_E_WRITEREGDB } from "midl-ts/runtime";
import { SESSION_RESULT } from "../../generated/msgrpriv.js";
import { fail } from "./errors.js";
import {
  isAbsolutePath, isAppGuid, MAX_APP_NAME_CHARS, MAX_APP_PATH_CHARS, MAX_APP_URL_CHARS, MAX_GUID_CHARS,
} from "./limits.js";

/** One registered application: the GUID is the key; name, URL and path are its values. */
export interface RegisteredApplication {
  /** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, upper case. */
  readonly guid: string;
  readonly name: string;
  /** Where a recipient without the application downloads it (ApplicationURL, OnAppNotPresent). */
  readonly url: string;
  /** The absolute path of the executable Messenger launches. */
  readonly path: string;
  /** Always 0 (RegisterApplication's ulFlags). */
  readonly flags: number;
}

/** A change of the registry, reported to subscribers (the session managers' OnAppRegistered / OnAppUnRegistered). */
export interface AppRegistryChange {
  readonly kind: "registered" | "unregistered";
  readonly guid: string;
}

/** Options of an {@link AppRegistry}. */
export interface AppRegistryOptions {
  /**
   * Called with the whole registry after every change, before subscribers hear of it; throw to
   * report a failed write (the change is undone and the caller gets REGDB_E_WRITEREGDB).
   */
  readonly persist?: (apps: readonly RegisteredApplication[]) => void;
}

/**
 * The application registry of one Messenger client (one machine). Users created with the same
 * registry share it, as users of one machine share HKLM.
 */
export class AppRegistry {
  readonly #apps = new Map<string, RegisteredApplication>();
  readonly #listeners = new Set<(change: AppRegistryChange) => void>();
  readonly #persist: ((apps: readonly RegisteredApplication[]) => void) | undefined;

  /** @throws ComError as {@link AppRegistry.register} for an invalid entry. */
  constructor(apps: Iterable<RegisteredApplication> = [], options: AppRegistryOptions = {}) {
    this.#persist = options.persist;
    for (const app of apps) {
      const entry = validate(app.guid, app.name, app.url, app.path, app.flags);
      if (this.#apps.has(entry.guid)) fail(SESSION_RESULT.SR_APP_ALREADY_REGISTERED, `${entry.guid} is listed twice`);
      this.#apps.set(entry.guid, entry);
    }
  }

  /** Reloads a registry saved with `JSON.stringify(registry)`. */
  static fromJSON(json: string | readonly RegisteredApplication[], options: AppRegistryOptions = {}): AppRegistry {
    const data: unknown = typeof json === "string" ? JSON.parse(json) : json;
    if (!Array.isArray(data)) throw new TypeError("An application registry is saved as a JSON array");
    return new AppRegistry(data as RegisteredApplication[], options);
  }

  /** The entries, in registration order (what `JSON.stringify` writes). */
  toJSON(): RegisteredApplication[] {
    return [...this.#apps.values()];
  }

  /** The registered applications, in registration order. */
  get applications(): readonly RegisteredApplication[] {
    return this.toJSON();
  }

  /** The application registered under `guid` (exact, upper-case form), or undefined. */
  get(guid: string): RegisteredApplication | undefined {
    return this.#apps.get(guid);
  }

  has(guid: string): boolean {
    return this.#apps.has(guid);
  }

  /**
   * RegisterApplication's rules (API.md §2): ulFlags must be 0, the GUID in the documented
   * upper-case format of at most 39 characters, name and URL at most 256 and path at most 260
   * characters (E_INVALIDARG); a registered GUID is SR_APP_ALREADY_REGISTERED (the Remarks win
   * over the E_FAIL text, API.md §10 item 13); a path that is not absolute cannot be resolved
   * (E_FAIL); a failed write is REGDB_E_WRITEREGDB.
   */
  register(guid: string, name: string, url: string, path: string, flags = 0): RegisteredApplication {
    const entry = validate(guid, name, url, path, flags);
    if (this.#apps.has(entry.guid)) {
      fail(SESSION_RESULT.SR_APP_ALREADY_REGISTERED, `${entry.guid} is already registered; unregister it first to change it`);
    }
    if (!isAbsolutePath(entry.path)) fail(E_FAIL, `the absolute path of ${JSON.stringify(entry.path)} cannot be resolved`);
    this.#apps.set(entry.guid, entry);
    this.#write(() => this.#apps.delete(entry.guid));
    this.#notify({ kind: "registered", guid: entry.guid });
    return entry;
  }

  /** UnRegisterApplication's rules: GUID format (E_INVALIDARG), SR_APP_NOT_REGISTERED, REGDB_E_WRITEREGDB. */
  unregister(guid: string): void {
    checkGuid(guid, "bstrAppGUID");
    if (!this.#apps.has(guid)) fail(SESSION_RESULT.SR_APP_NOT_REGISTERED, `${guid} is not registered`);
    const snapshot = [...this.#apps.values()];
    this.#apps.delete(guid);
    this.#write(() => {
      this.#apps.clear();
      for (const app of snapshot) this.#apps.set(app.guid, app);
    });
    this.#notify({ kind: "unregistered", guid });
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (change: AppRegistryChange) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #write(undo: () => void): void {
    if (this.#persist === undefined) return;
    try {
      this.#persist(this.toJSON());
    } catch (e) {
      undo();
      fail(REGDB_E_WRITEREGDB, `the registry could not be written (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  #notify(change: AppRegistryChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }
}

function checkGuid(guid: unknown, what: string): asserts guid is string {
  if (typeof guid !== "string" || guid.length > MAX_GUID_CHARS || !isAppGuid(guid)) {
    fail(E_INVALIDARG, `${what} must be {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} in upper case, got ${JSON.stringify(guid)}`);
  }
}

function checkText(value: unknown, max: number, what: string): asserts value is string {
  if (typeof value !== "string") fail(E_INVALIDARG, `${what} must be a string`);
  if (value.length > max) fail(E_INVALIDARG, `${what} is longer than ${max} characters`);
}

function validate(guid: unknown, name: unknown, url: unknown, path: unknown, flags: unknown): RegisteredApplication {
  if (flags !== 0) fail(E_INVALIDARG, `ulFlags must be 0, got ${String(flags)}`);
  checkGuid(guid, "bstrAppGUID");
  checkText(name, MAX_APP_NAME_CHARS, "bstrAppName");
  checkText(url, MAX_APP_URL_CHARS, "bstrAppURL");
  checkText(path, MAX_APP_PATH_CHARS, "bstrPath");
  return Object.freeze({ guid, name, url, path, flags: 0 });
}
