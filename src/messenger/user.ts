/**
 * One user's Windows Messenger client: its sign-in state, the objects applications created on
 * it, its sessions, contact list and application registry, and what its UI would have done
 * (the shell log). {@link MessengerUser} is the host's handle; {@link UserCore} is the state the
 * COM objects work on (internal).
 */
import { ClassRegistry, ref, type IDispatch, type IUnknown, type Ref } from "midl-ts/runtime";
import { CLSID_MessengerPriv, CLSID_MsgrSessionManager } from "../../generated/msgrpriv.js";
import type { AppRegistry, RegisteredApplication } from "./app-registry.js";
import { ContactList } from "./contacts.js";
import { LockAndKey, type LockEvents } from "./lock-and-key.js";
import { signinKey } from "./limits.js";
import { MessengerPriv } from "./messenger-priv.js";
import type { ServiceCore } from "./service.js";
import type { Endpoint } from "./session-link.js";
import { SessionManager } from "./session-manager.js";

/** What Messenger's own UI did instead of an application: the host can inspect it. */
export type ShellRecord =
  /** An invitation no OnInvitation sink handled (pfHandled stayed FALSE). */
  | { readonly kind: "conversation-window"; readonly sessionId: string; readonly from: string }
  /** Accept without the application: the browser opened at its download URL. */
  | { readonly kind: "browser"; readonly url: string; readonly sessionId: string }
  /** The session's application was launched (BeforeAppLaunch left TRUE). */
  | { readonly kind: "launch"; readonly path: string; readonly processId: number; readonly sessionId: string }
  /** A service alert popup (OnAlertReceived left pBoolfEnableDefault TRUE). */
  | { readonly kind: "alert-popup"; readonly siteId: number; readonly text: string };

/** A session manager or MessengerPriv object, as its client sees it. @internal */
export interface ClientObject {
  readonly lock: LockAndKey;
  /** DMsgrSessionManagerEvents::OnInvitation (session managers). */
  readonly invitation?: (session: IDispatch, appData: string, handled: Ref<boolean>) => void;
  /** DMsgrSessionManagerEvents::OnAppShutdown (session managers). */
  readonly appShutdown?: () => void;
  /** DMessengerPrivateEvents::OnAlertReceived when this object enabled `siteId` (MessengerPriv). */
  readonly alert?: (siteId: number, text: string, popup: Ref<boolean>) => void;
  /** The user signed out (MessengerPriv forgets its alert sites). */
  readonly signedOut?: () => void;
}

/** Options of one user (one Messenger client). */
export interface UserOptions {
  /** The friendly name contacts show; defaults to the sign-in name. */
  readonly friendlyName?: string;
  /** The default LocalAddress of this user's sessions ("the local IP"); default 127.0.0.1. */
  readonly localAddress?: string;
  /** The client's application registry; users on one machine share one. Default: a new, empty one. */
  readonly apps?: AppRegistry;
  /** OnLockEnable's fEnable at sign-in: true (default) enables Lock and Key, false disables it (DISABLED). */
  readonly lockAndKey?: boolean;
}

/** The state of one user's client. @internal */
export class UserCore {
  readonly key: string;
  signedIn = false;
  running = true;
  /** Session managers and MessengerPriv objects, in creation order. */
  readonly objects = new Set<ClientObject>();
  /** Every session side of this user whose object is alive. */
  readonly sessions = new Set<Endpoint>();
  /** Sessions launched on this client, by process ID (GetLaunchingSession). */
  readonly launches = new Map<number, Endpoint>();
  readonly contacts: ContactList;
  readonly shell: ShellRecord[] = [];
  readonly classes = new ClassRegistry();
  readonly #held = new Set<IUnknown>();

  constructor(
    readonly service: ServiceCore,
    readonly signinName: string,
    readonly friendlyName: string,
    readonly localAddress: string,
    readonly apps: AppRegistry,
    readonly lockAndKey: boolean,
  ) {
    this.key = signinKey(signinName);
    this.contacts = new ContactList(service.maxContacts);
    this.classes.register(CLSID_MsgrSessionManager, () => new SessionManager(this));
    this.classes.register(CLSID_MessengerPriv, () => new MessengerPriv(this));
  }

  /** A lock in the state a new object starts in: locked, INITIALIZED if the user is signed in. */
  createLock(events: LockEvents): LockAndKey {
    const lock = new LockAndKey(this.service.lockEnvironment, events);
    if (!this.running) lock.close();
    else if (this.signedIn) lock.enable(this.lockAndKey, false);
    return lock;
  }

  /** OnInvitation of every unlocked session manager (only unlocked objects hear service events). */
  invitationTargets(): ((session: IDispatch, appData: string, handled: Ref<boolean>) => void)[] {
    return [...this.objects].filter((o) => o.invitation !== undefined && o.lock.unlocked).map((o) => o.invitation!);
  }

  /** The client keeps a reference on a session it created for an invitation, until sign-out. */
  hold(session: IUnknown): void {
    session.AddRef();
    this.#held.add(session);
  }

  /** Launches `app` for `side`: a process ID from the service, a shell record, GetLaunchingSession's entry. */
  launch(app: RegisteredApplication, side: Endpoint): number {
    const processId = this.service.launch(app, side.link.id, this.signinName);
    this.launches.set(processId, side);
    this.shell.push({ kind: "launch", path: app.path, processId, sessionId: side.link.id });
    return processId;
  }

  /** Delivers a service alert; returns whether Messenger shows its popup. */
  alert(siteId: number, text: string): boolean {
    if (!this.signedIn) return false;
    const popup = ref(true);
    for (const o of [...this.objects]) if (o.lock.unlocked) o.alert?.(siteId, text, popup);
    if (popup.value) this.shell.push({ kind: "alert-popup", siteId, text });
    return popup.value;
  }

  signIn(): void {
    if (!this.running) throw new Error(`${this.signinName}: the Messenger client has shut down`);
    if (this.signedIn) throw new Error(`${this.signinName} is already signed in`);
    this.signedIn = true;
    for (const o of [...this.objects]) o.lock.enable(this.lockAndKey, true);
  }

  /** Ends every live session, re-locks every object, releases the client's session references. */
  signOut(): void {
    if (!this.signedIn) return;
    this.signedIn = false;
    for (const side of [...this.sessions]) side.link.drop(side);
    for (const o of [...this.objects]) {
      o.lock.reset();
      o.signedOut?.();
    }
    this.launches.clear();
    const held = [...this.#held];
    this.#held.clear();
    for (const session of held) session.Release();
  }

  /** OnAppShutdown to every session manager, then sign-out; the client's objects stay locked for good. */
  shutdown(): void {
    if (!this.running) return;
    for (const o of [...this.objects]) o.appShutdown?.();
    this.signOut();
    this.running = false;
    for (const o of [...this.objects]) o.lock.close();
    this.classes.unregister(CLSID_MsgrSessionManager);
    this.classes.unregister(CLSID_MessengerPriv);
  }
}

/**
 * A user of the in-process Messenger service, with their own Messenger client. Applications
 * create this user's MsgrSessionManager and MessengerPriv objects with CoCreateInstance against
 * {@link MessengerUser.classes}.
 */
export class MessengerUser {
  readonly #core: UserCore;

  /** @internal Created by MessengerService.addUser. */
  constructor(core: UserCore) {
    this.#core = core;
  }

  get signinName(): string {
    return this.#core.signinName;
  }

  get friendlyName(): string {
    return this.#core.friendlyName;
  }

  get localAddress(): string {
    return this.#core.localAddress;
  }

  /** This client's class table: CLSID_MsgrSessionManager and CLSID_MessengerPriv (not MsgrSession). */
  get classes(): ClassRegistry {
    return this.#core.classes;
  }

  /** This client's application registry. */
  get apps(): AppRegistry {
    return this.#core.apps;
  }

  get signedIn(): boolean {
    return this.#core.signedIn;
  }

  /** False once the client has shut down. */
  get running(): boolean {
    return this.#core.running;
  }

  /** The contact list (sign-in names), as AddContact built it. */
  get contacts(): readonly string[] {
    return this.#core.contacts.names;
  }

  /** What Messenger's own UI did: conversation windows, browser, launches, alert popups. */
  get shell(): readonly ShellRecord[] {
    return [...this.#core.shell];
  }

  /** Signs in: OnLockEnable on every object of this client (API.md §8.1 step 3). */
  signIn(): void {
    this.#core.signIn();
  }

  /** Signs out: sessions end, objects lock again (NOTINITIALIZED until the next sign-in). */
  signOut(): void {
    this.#core.signOut();
  }

  /** Windows Messenger exits on this machine: OnAppShutdown, then sign-out; the client cannot restart. */
  shutdown(): void {
    this.#core.shutdown();
  }

  /**
   * A MessengerContact for `signinName` (the stand-in for IMessenger::GetContact, which the
   * docs' sample uses to get Invite's pUser). Any name gives a contact; Invite decides whether
   * that user is online. The caller owns the returned reference.
   */
  getContact(signinName: string): IDispatch {
    return this.#core.service.contact(signinName);
  }

  /** The MessengerService object of the service (what AddContact's vService may be). */
  getService(): IDispatch {
    return this.#core.service.serviceObject();
  }

  /** The service sends this user an alert from `siteId`; returns whether Messenger shows its popup. */
  receiveAlert(siteId: number, text: string): boolean {
    return this.#core.alert(siteId, text);
  }
}
