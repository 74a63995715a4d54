/**
 * One session between two users, as the Messenger service sees it: the inviter's and the
 * invitee's {@link Endpoint} and the state machine that moves both (API.md §9). The COM objects
 * (session.ts) validate arguments and call in here; this module decides states and the order of
 * events. Every transition sets the new state of both sides before any event fires, so a handler
 * that calls back into the session (Cancel inside OnAccepted, …) sees the new state.
 *
 * States (decision, from the order of SESSION_STATE, API.md §9): READY after CreateSession;
 * INVITATION after Invite (both sides); ACCEPTED then CONNECTED after Accept; DECLINED after
 * Decline; CANCELLED after Cancel before the connection; TERMINATED after Cancel once connected,
 * after a failed send, a sign-out, or the final Release of one side. The last three are final.
 */
import { ref, type IDispatch } from "midl-ts/runtime";
import { SESSION_FLAGS, SESSION_RESULT, SESSION_STATE, type MsgrSessionStub } from "../../generated/msgrpriv.js";
import { asLong } from "./errors.js";
import type { UserCore } from "./user.js";

/** True for CANCELLED, DECLINED and TERMINATED: nothing can happen to the session any more. */
export function isFinal(state: SESSION_STATE): boolean {
  return state === SESSION_STATE.SS_CANCELLED || state === SESSION_STATE.SS_DECLINED || state === SESSION_STATE.SS_TERMINATED;
}

/** The session's application as the invitation carries it: the inviter's registration. */
export interface SessionApp {
  readonly guid: string;
  readonly name: string;
  readonly url: string;
}

/** One side of a session: the state behind one MsgrSession object. */
export class Endpoint {
  state: SESSION_STATE;
  flags: number;
  /** The MsgrSession object; null once its final Release has run. */
  com: MsgrSessionStub | null = null;
  /** ContextData: the latest data that arrived from the other side (decision). */
  contextData = "";
  localAddress: string;
  /** What the other side reads as RemoteAddress once connected. */
  remoteAddress = "";
  /** LocalAddress as it was when this side sent Invite or Accept (the overview's "before Invite / before Accept"). */
  sentAddress = "";
  /** SendContextData calls made from this side. */
  contextSends = 0;

  constructor(
    readonly link: SessionLink,
    readonly user: UserCore,
    readonly role: "inviter" | "invitee",
    state: SESSION_STATE,
  ) {
    this.state = state;
    this.flags = role === "inviter" ? SESSION_FLAGS.SF_INVITER : SESSION_FLAGS.SF_INVITEE;
    this.localAddress = user.localAddress;
  }

  /** The other side, once there is one. */
  get peer(): Endpoint | undefined {
    return this.role === "inviter" ? this.link.invitee : this.link.inviter;
  }

  /** The sign-in name of the other party (IMsgrSession::User), once someone was invited. */
  get peerName(): string | undefined {
    return this.role === "inviter" ? this.link.inviteeName : this.link.inviter.user.signinName;
  }

  /** Fires an event on this side's object, if it still exists. */
  fire(event: (session: MsgrSessionStub) => void): void {
    const com = this.com;
    if (com !== null) event(com);
  }
}

type Fire = (session: MsgrSessionStub) => void;

/** The two sides of one session and the transitions between its states. */
export class SessionLink {
  /** The application, set by the inviter's put_Application. */
  app: SessionApp | undefined;
  readonly inviter: Endpoint;
  invitee: Endpoint | undefined;
  /** Whom the inviter invited (set by Invite, even when the invitation could not be delivered). */
  inviteeName: string | undefined;

  constructor(readonly id: string, inviter: UserCore) {
    this.inviter = new Endpoint(this, inviter, "inviter", SESSION_STATE.SS_READY);
  }

  /**
   * Invite, after the checks: creates the invitee's side (its object through `create`), moves
   * both to INVITATION and delivers OnInvitation to every unlocked session manager of the
   * invitee, with one pfHandled shared by them. If none handles it, Messenger opens a
   * conversation window (recorded in the invitee's shell log). An invitee without an unlocked
   * session manager cannot be reached: OnSendError(SR_INVITATION_SEND_FAILURE), then the
   * inviter's side terminates.
   */
  invite(invitee: UserCore, appData: string, create: (side: Endpoint) => MsgrSessionStub): void {
    const inviter = this.inviter;
    const app = this.app!;
    this.inviteeName = invitee.signinName;
    inviter.sentAddress = inviter.localAddress;
    const targets = invitee.invitationTargets();
    if (targets.length === 0) {
      this.#move([inviter], SESSION_STATE.SS_INVITATION);
      const hr = SESSION_RESULT.SR_INVITATION_SEND_FAILURE;
      inviter.fire((s) => s.fireOnSendError(asLong(hr)));
      if (inviter.state === SESSION_STATE.SS_INVITATION) this.#end(inviter, SESSION_STATE.SS_TERMINATED, hr, hr, "");
      return;
    }
    const side = new Endpoint(this, invitee, "invitee", SESSION_STATE.SS_INVITATION);
    side.contextData = appData;
    if (invitee.apps.has(app.guid)) {
      // Both clients have the application registered (decision for SF_APP_INVITE_COMPATIBLE).
      side.flags |= SESSION_FLAGS.SF_APP_INVITE_COMPATIBLE;
      inviter.flags |= SESSION_FLAGS.SF_APP_INVITE_COMPATIBLE;
    }
    this.invitee = side;
    const session = create(side);
    invitee.hold(session);
    this.#move([inviter], SESSION_STATE.SS_INVITATION);
    if (side.state !== SESSION_STATE.SS_INVITATION) return;
    const handled = ref(false);
    for (const target of targets) target(session as unknown as IDispatch, appData, handled);
    if (!handled.value && side.state === SESSION_STATE.SS_INVITATION) {
      invitee.shell.push({ kind: "conversation-window", sessionId: this.id, from: inviter.user.signinName });
    }
  }

  /**
   * Accept: the invitee's client checks that the application is registered. If not:
   * OnAppNotPresent(name, URL) on the invitee, a browser to the URL, and the client declines
   * (both sides DECLINED, OnDeclined("") to the inviter, OnTermination(SR_APPLICATION_LAUNCH_FAILED)).
   * Otherwise both sides go ACCEPTED, the inviter gets OnAccepted(data) (API.md §10 item 16), the
   * invitee gets BeforeAppLaunch and, unless a sink wrote FALSE, OnReadyToLaunch and the launch;
   * then both sides are CONNECTED.
   */
  accept(side: Endpoint, appData: string): void {
    const inviter = this.inviter;
    const app = this.app!;
    side.sentAddress = side.localAddress;
    const local = side.user.apps.get(app.guid);
    if (local === undefined) {
      side.fire((s) => s.fireOnAppNotPresent(app.name, app.url));
      side.user.shell.push({ kind: "browser", url: app.url, sessionId: this.id });
      if (side.state !== SESSION_STATE.SS_INVITATION) return;
      const hr = SESSION_RESULT.SR_APPLICATION_LAUNCH_FAILED;
      this.#end(side, SESSION_STATE.SS_DECLINED, hr, hr, "", (s) => s.fireOnDeclined(""));
      return;
    }
    inviter.contextData = appData;
    this.#move([side, inviter], SESSION_STATE.SS_ACCEPTED, new Map([[inviter, (s: MsgrSessionStub) => s.fireOnAccepted(appData)]]));
    if (!this.#both(SESSION_STATE.SS_ACCEPTED)) return;
    const enable = ref(true);
    side.fire((s) => s.fireBeforeAppLaunch(enable));
    if (!this.#both(SESSION_STATE.SS_ACCEPTED)) return;
    if (enable.value) {
      side.fire((s) => s.fireOnReadyToLaunch());
      if (!this.#both(SESSION_STATE.SS_ACCEPTED)) return;
      side.user.launch(local, side);
    }
    if (!this.#both(SESSION_STATE.SS_ACCEPTED)) return;
    side.remoteAddress = inviter.sentAddress;
    inviter.remoteAddress = side.sentAddress;
    this.#move([side, inviter], SESSION_STATE.SS_CONNECTED);
  }

  /** Decline: both sides DECLINED; OnDeclined(data) to the inviter; OnTermination(SR_INVITATION_DECLINED, data) to both. */
  decline(side: Endpoint, appData: string): void {
    const hr = SESSION_RESULT.SR_INVITATION_DECLINED;
    this.#end(side, SESSION_STATE.SS_DECLINED, hr, hr, appData, (s) => s.fireOnDeclined(appData), true);
  }

  /**
   * Cancel, by either side (API.md §10 item 16): CANCELLED before the connection, TERMINATED
   * after it; the other side gets OnCancelled(data); both get OnTermination(hr, data).
   */
  cancel(side: Endpoint, hr: number, appData: string): void {
    const final = side.state === SESSION_STATE.SS_CONNECTED ? SESSION_STATE.SS_TERMINATED : SESSION_STATE.SS_CANCELLED;
    this.#end(side, final, hr, hr, appData, (s) => s.fireOnCancelled(appData), true);
  }

  /** SendContextData: the other side's ContextData changes and it gets OnContextData(data). */
  sendContextData(side: Endpoint, data: string): void {
    const peer = side.peer!;
    side.contextSends++;
    peer.contextData = data;
    peer.fire((s) => s.fireOnContextData(data));
  }

  /**
   * The side's user signed out, or its object was finally released: the session ends for both,
   * OnTermination(SR_SESSION_CANCELLED_LOCAL) here and SR_SESSION_CANCELLED_REMOTE there.
   */
  drop(side: Endpoint): void {
    if (isFinal(side.state)) return;
    this.#end(side, SESSION_STATE.SS_TERMINATED, SESSION_RESULT.SR_SESSION_CANCELLED_LOCAL, SESSION_RESULT.SR_SESSION_CANCELLED_REMOTE, "");
  }

  #both(state: SESSION_STATE): boolean {
    return this.inviter.state === state && this.invitee?.state === state;
  }

  /** Sets `state` on every side first, then fires OnStateChanged(previous) side by side, plus any extra event. */
  #move(sides: readonly Endpoint[], state: SESSION_STATE, extra?: ReadonlyMap<Endpoint, Fire>): void {
    const previous = sides.map((s) => s.state);
    for (const s of sides) s.state = state;
    sides.forEach((side, i) => {
      const prev = previous[i]!;
      if (prev !== state) side.fire((s) => s.fireOnStateChanged(prev));
      const event = extra?.get(side);
      if (event !== undefined) side.fire(event);
    });
  }

  /**
   * Ends the session: the actor's side and the other side (if it is not final yet) go to
   * `final`; the actor gets OnStateChanged and OnTermination(actorHr); the other side
   * OnStateChanged, `peerEvent`, OnTermination(peerHr). With `delivers`, the data becomes the
   * other side's ContextData.
   */
  #end(actor: Endpoint, final: SESSION_STATE, actorHr: number, peerHr: number, appData: string, peerEvent?: Fire, delivers = false): void {
    const peer = actor.peer;
    const sides = peer !== undefined && !isFinal(peer.state) ? [actor, peer] : [actor];
    if (delivers && peer !== undefined) peer.contextData = appData;
    const events = new Map<Endpoint, Fire>();
    events.set(actor, (s) => s.fireOnTermination(asLong(actorHr), appData));
    if (sides.length === 2) {
      events.set(peer!, (s) => {
        peerEvent?.(s);
        s.fireOnTermination(asLong(peerHr), appData);
      });
    }
    this.#move(sides, final, events);
  }
}
