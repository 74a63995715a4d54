/**
 * The Messenger service in the process: the accounts, the key store, the random source and the
 * clock. {@link MessengerService} is the host's API; {@link ServiceCore} is what users and COM
 * objects share (internal).
 */
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import type { IDispatch } from "midl-ts/runtime";
import { AppRegistry, type RegisteredApplication } from "./app-registry.js";
import { systemClock, type Clock } from "./clock.js";
import { handOut, MessengerContact, MessengerServiceObject } from "./contacts.js";
import { isIpAddress, isSigninName, MAX_LOCAL_ADDRESS_CHARS, signinKey } from "./limits.js";
import { KeyStore, verifyLockResponse, type HashEncoding, type KeyLookup, type LockEnvironment } from "./lock-and-key.js";
import { MessengerUser, UserCore, type UserOptions } from "./user.js";

/** Options of a {@link MessengerService}. Every one has a production default. */
export interface MessengerServiceOptions {
  /** Application ID → key, for Lock and Key. Default: an empty store (nothing unlocks). */
  readonly keys?: KeyLookup | Readonly<Record<string, string>>;
  /** Random bytes for challenges and session IDs. Default: node:crypto randomBytes. */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** Time and timers. Default: the system clock. */
  readonly clock?: Clock;
  /** How long a challenge waits for SendResponse before the transaction fails. Default 60 000 ms. */
  readonly challengeTimeoutMs?: number;
  /** The bytes hashed for a response. Default "utf8". */
  readonly hashEncoding?: HashEncoding;
  /** The service's name and ID (MessengerService object, AddContact's vService). */
  readonly serviceName?: string;
  readonly serviceId?: string;
  /** Contacts a list may hold before OnContactListAdd reports MSGR_E_LIST_FULL. Default 1000. */
  readonly maxContacts?: number;
  /** Live session objects one user may hold before CreateSession fails with E_OUTOFMEMORY. Default 1000. */
  readonly maxSessions?: number;
  /**
   * Starts a session's application on the invitee's machine and returns its process ID (what the
   * launched application passes to GetLaunchingSession). Default: IDs counting up from 4000.
   */
  readonly launch?: (app: RegisteredApplication, sessionId: string, signinName: string) => number;
}

/** The default service ID (reconstructed: no service ID is documented for this API). */
export const DEFAULT_SERVICE_ID = "{34967DB4-E02E-4A72-936C-784B65FFD4F7}";

/** The state every user and object of one service shares. @internal */
export class ServiceCore {
  readonly users = new Map<string, UserCore>();
  readonly lockEnvironment: LockEnvironment;
  readonly keys: KeyLookup;
  readonly serviceName: string;
  readonly serviceId: string;
  readonly maxContacts: number;
  readonly maxSessions: number;
  running = true;
  readonly #random: (size: number) => Uint8Array;
  readonly #launch: ((app: RegisteredApplication, sessionId: string, signinName: string) => number) | undefined;
  #nextProcessId = 4000;

  constructor(options: MessengerServiceOptions) {
    const keys = options.keys ?? new KeyStore();
    this.keys = typeof (keys as KeyLookup).keyOf === "function" ? (keys as KeyLookup) : new KeyStore(keys as Record<string, string>);
    this.#random = options.randomBytes ?? ((size) => cryptoRandomBytes(size));
    this.#launch = options.launch;
    this.serviceName = options.serviceName ?? "In-process Messenger Service";
    this.serviceId = options.serviceId ?? DEFAULT_SERVICE_ID;
    this.maxContacts = options.maxContacts ?? 1000;
    this.maxSessions = options.maxSessions ?? 1000;
    const encoding = options.hashEncoding ?? "utf8";
    const timeoutMs = options.challengeTimeoutMs ?? 60_000;
    if (!(timeoutMs > 0)) throw new RangeError("challengeTimeoutMs must be positive");
    this.lockEnvironment = {
      clock: options.clock ?? systemClock,
      timeoutMs,
      newChallenge: () => this.#bytes(16).toString("hex").toUpperCase(),
      verify: (appId, challenge, response) => verifyLockResponse(this.keys, appId, challenge, response, encoding),
    };
  }

  #bytes(size: number): Buffer {
    const bytes = Buffer.from(this.#random(size));
    if (bytes.length < size) throw new RangeError(`randomBytes(${size}) returned ${bytes.length} bytes`);
    return bytes.subarray(0, size);
  }

  /** A session ID: a version-4 GUID from the random source, `{XXXXXXXX-XXXX-4XXX-YXXX-XXXXXXXXXXXX}`. */
  newSessionId(): string {
    const b = this.#bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString("hex").toUpperCase();
    return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}}`;
  }

  findUser(signinName: string): UserCore | undefined {
    return this.users.get(signinKey(signinName));
  }

  launch(app: RegisteredApplication, sessionId: string, signinName: string): number {
    return this.#launch !== undefined ? this.#launch(app, sessionId, signinName) : this.#nextProcessId++;
  }

  /** A new MessengerContact for `signinName`; its FriendlyName follows the account, if any. */
  contact(signinName: string): IDispatch {
    return handOut(new MessengerContact(signinName, () => this.findUser(signinName)?.friendlyName ?? signinName, this.serviceId));
  }

  serviceObject(): IDispatch {
    return handOut(new MessengerServiceObject(this.serviceName, this.serviceId));
  }
}

/**
 * A Messenger service running in this process. Users are added once and then sign in and out;
 * each has their own Messenger client (class table, objects, application registry).
 *
 * ```ts
 * const service = new MessengerService({ keys: { MYAPPID: "MyKey" } });
 * const alice = service.addUser("alice@example.com");
 * const mgr = CoCreateInstance<IMsgrSessionManager>(CLSID_MsgrSessionManager, IID_IMsgrSessionManager, alice.classes);
 * alice.signIn(); // OnLockEnable(TRUE) on mgr
 * ```
 */
export class MessengerService {
  readonly #core: ServiceCore;
  readonly #users = new Map<string, MessengerUser>();

  constructor(options: MessengerServiceOptions = {}) {
    this.#core = new ServiceCore(options);
  }

  /** The key store Lock and Key checks responses against. */
  get keys(): KeyLookup {
    return this.#core.keys;
  }

  get serviceId(): string {
    return this.#core.serviceId;
  }

  /** False once {@link MessengerService.shutdown} ran. */
  get running(): boolean {
    return this.#core.running;
  }

  /** Every user, in the order added. */
  get users(): readonly MessengerUser[] {
    return [...this.#users.values()];
  }

  /**
   * Adds a user (signed out). Sign-in names are e-mail style and unique, case-insensitively.
   * @throws TypeError for a malformed or taken name, Error after shutdown.
   */
  addUser(signinName: string, options: UserOptions = {}): MessengerUser {
    if (!this.#core.running) throw new Error("The Messenger service has shut down");
    if (!isSigninName(signinName)) throw new TypeError(`Not a sign-in name: ${JSON.stringify(signinName)}`);
    const localAddress = options.localAddress ?? "127.0.0.1";
    if (localAddress.length > MAX_LOCAL_ADDRESS_CHARS || !isIpAddress(localAddress)) throw new TypeError(`Not an IP address: ${JSON.stringify(localAddress)}`);
    const key = signinKey(signinName);
    if (this.#core.users.has(key)) throw new TypeError(`${signinName} already exists`);
    const core = new UserCore(
      this.#core,
      signinName,
      options.friendlyName ?? signinName,
      localAddress,
      options.apps ?? new AppRegistry(),
      options.lockAndKey ?? true,
    );
    this.#core.users.set(key, core);
    const user = new MessengerUser(core);
    this.#users.set(key, user);
    return user;
  }

  /** The user with this sign-in name (case-insensitive), or undefined. */
  user(signinName: string): MessengerUser | undefined {
    return this.#users.get(signinKey(signinName));
  }

  /** Windows Messenger shuts down everywhere: every client fires OnAppShutdown and signs out. */
  shutdown(): void {
    if (!this.#core.running) return;
    for (const user of this.#users.values()) user.shutdown();
    this.#core.running = false;
  }
}
