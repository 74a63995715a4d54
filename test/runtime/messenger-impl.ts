/**
 * What a user writes on top of the generated stubs: subclasses overriding members.
 */
import { ComError, ref, S_FALSE, type HRESULT, type IDispatch, type Ref, type VARIANT } from "../../src/runtime/index.js";
import { LockStatus, MsgrSessionManagerStub, MsgrSessionStub } from "./messenger-fixture.js";

export class MySession extends MsgrSessionStub {
  app = "";
  invited: [IDispatch | null, string][] = [];
  override get Application(): string { return this.app; }
  override set Application(value: string) { this.app = value; }
  override get State(): number { return 7; }
  override Invite(pUser: IDispatch | null, bstrAppData: string): HRESULT | void {
    this.invited.push([pUser, bstrAppData]);
  }
}

export class MyManager extends MsgrSessionManagerStub {
  finalReleases = 0;
  sinkErrors: { error: unknown; cookie: number; event: string }[] = [];
  calls: unknown[][] = [];
  app = "none";
  items = new Map<number, VARIANT>();
  applications: VARIANT = undefined;
  owner: IDispatch | null = null;
  shortValue = 0;
  flag: boolean | undefined;
  siteIds: number[] = [];

  override CreateSession(): IDispatch | null { return new MySession(); }
  override GetLaunchingSession(lProcessID: number): IDispatch | null {
    this.calls.push(["GetLaunchingSession", lProcessID]);
    return null;
  }
  override RegisterApplication(bstrAppGUID: string, bstrAppName: string, bstrAppURL: string, bstrPath: string, ulFlags: number): HRESULT | void {
    this.calls.push(["RegisterApplication", bstrAppGUID, bstrAppName, bstrAppURL, bstrPath, ulFlags]);
    this.fireOnAppRegistered(bstrAppGUID);
    return ulFlags === 0 ? undefined : S_FALSE;
  }
  override set Applications(value: VARIANT) { this.applications = value; }
  override get Application(): string { return this.app; }
  override set Application(value: string) { this.app = value; }
  override get State(): number { return 3; }
  override get_Item(index: number): VARIANT {
    if (!this.items.has(index)) throw new ComError(0x8002000b, `no item ${index}`);
    return this.items.get(index);
  }
  override put_Item(index: number, value: VARIANT): HRESULT | void { this.items.set(index, value); }
  override get Owner(): IDispatch | null { return this.owner; }
  override set Owner(value: IDispatch | null) { this.owner = value; }
  override Divide(lNumerator: number, lDenominator: number, plRemainder: Ref<number>): number {
    if (lDenominator === 0) throw new ComError(0x80020012); // DISP_E_DIVBYZERO
    plRemainder.value = lNumerator % lDenominator;
    return Math.trunc(lNumerator / lDenominator);
  }
  override Swap(pbstrA: Ref<string>, pbstrB: Ref<string>): HRESULT | void {
    [pbstrA.value, pbstrB.value] = [pbstrB.value, pbstrA.value];
  }
  override FormatValue(dblValue: number, varPrefix: VARIANT, lWidth: number): string {
    this.calls.push(["FormatValue", dblValue, varPrefix, lWidth]);
    const prefix = typeof varPrefix === "string" ? varPrefix : "";
    return (prefix + String(dblValue)).padStart(lWidth, ".");
  }
  override Add(a: number, b: number): number { return a + b; }
  override Fail(hrFailure: HRESULT): HRESULT | void {
    if (hrFailure === 0x80004005) throw new Error("plain failure");
    if (hrFailure === 0x80070005) return hrFailure; // returned, not thrown
    throw new ComError(hrFailure, "asked to fail");
  }
  override SetShort(sValue: number): HRESULT | void { this.shortValue = sValue; }
  override SetFlag(fValue: boolean): HRESULT | void { this.flag = fValue; }
  override EnableAlertEvents(ppsaSiteIds: Ref<number[]>): HRESULT | void {
    this.siteIds = ppsaSiteIds.value;
    ppsaSiteIds.value = ppsaSiteIds.value.map((id) => id * 10);
  }
  override GetLocale(lcid: number): number { return lcid; }
  override RequestChallenge(lCookie: number): HRESULT | void { this.fireOnChallenge(lCookie); }
  override get Status(): LockStatus { return LockStatus.LOCK_UNLOCKED; }
  override SendResponse(bstrResponse: string): HRESULT | void { this.calls.push(["SendResponse", bstrResponse]); }

  /** A member only the subclass has. */
  extra(): string { return "extra"; }

  /** Fires OnInvitation and returns what the sinks decided. */
  invite(appData: string): boolean {
    const handled = ref(false);
    this.fireOnInvitation(null, appData, handled);
    return handled.value;
  }

  protected override onFinalRelease(): void { this.finalReleases++; }
  protected override onSinkError(error: unknown, sinkCookie: number, eventName: string): void {
    this.sinkErrors.push({ error, cookie: sinkCookie, event: eventName });
  }
}
