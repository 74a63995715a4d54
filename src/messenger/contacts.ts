/**
 * MessengerContact and MessengerService, the two objects of the public Messenger API
 * (MessengerAPI, Msgrua.h) that the private API passes around as bare IDispatch: Invite's pUser,
 * IMsgrSession::User, OnContactListAdd's pMContact and AddContact's vService. They are not in
 * msgrpriv.idl, so this module declares a minimal dispatch interface for each (the documented
 * property names; IIDs, CLSIDs and DISPIDs reconstructed here) on the same runtime.
 * Also each user's contact list.
 */
import {
  ComObject, Guid, VT, dispatchTable, invoke, type CoclassInfo, type HRESULT, type IDispatch, IID_IDispatch,
} from "midl-ts/runtime";
import { MSGR_E_ALREADY_IN_LIST, MSGR_E_LIST_FULL } from "./errors.js";
import { signinKey } from "./limits.js";

/** IID of the contact interface (reconstructed; IMessengerContact's real IID is not in our docs). */
export const IID_IMessengerContact: Guid = Guid.parse("{E30FA23A-A2DD-4A82-95EB-78EB24A95B07}");
/** CLSID of the contact object (reconstructed). Contacts are handed out, never CoCreated. */
export const CLSID_MessengerContact: Guid = Guid.parse("{1AC24350-B305-421D-94F3-18A7DDB51125}");
/** IID of the service interface (reconstructed). */
export const IID_IMessengerService: Guid = Guid.parse("{9F47DAED-75F7-4A97-83E6-D81125A744BD}");
/** CLSID of the service object (reconstructed). */
export const CLSID_MessengerServiceObject: Guid = Guid.parse("{FDEA2347-BB50-4490-B1E7-487E365ECDF1}");

/** The part of IMessengerContact this service implements (docs/im-imessengercontact.md). */
export interface IMessengerContact extends IDispatch {
  /** The contact's sign-in name. [id(1)] */
  readonly SigninName: string;
  /** The contact's friendly name. [id(2)] */
  readonly FriendlyName: string;
  /** The ID of the contact's service. [id(3)] */
  readonly ServiceID: string;
}

/** The part of IMessengerService this service implements (docs/im-imessengerservice.md). */
export interface IMessengerService extends IDispatch {
  /** The service's name. [id(1)] */
  readonly ServiceName: string;
  /** The service's ID, a GUID string: what AddContact's vService may carry instead of the object. [id(2)] */
  readonly ServiceID: string;
}

const getter = <I>(dispid: number, name: keyof I & string) =>
  ({ dispid, name, member: name, kind: "get", access: "property", params: [], result: VT.BSTR }) as const;

/** Dispatch table of {@link IMessengerContact}. */
export const IMessengerContact_dispatch = dispatchTable<IMessengerContact>(IID_IMessengerContact, "IMessengerContact", [
  getter<IMessengerContact>(1, "SigninName"),
  getter<IMessengerContact>(2, "FriendlyName"),
  getter<IMessengerContact>(3, "ServiceID"),
]);

/** Dispatch table of {@link IMessengerService}. */
export const IMessengerService_dispatch = dispatchTable<IMessengerService>(IID_IMessengerService, "IMessengerService", [
  getter<IMessengerService>(1, "ServiceName"),
  getter<IMessengerService>(2, "ServiceID"),
]);

/** A MessengerContact: the local representation of a user, by sign-in name. */
export class MessengerContact extends ComObject implements IMessengerContact {
  static readonly coclass: CoclassInfo = {
    clsid: CLSID_MessengerContact,
    name: "MessengerContact",
    interfaces: [{ iid: IID_IMessengerContact, name: "IMessengerContact", bases: [], dispatch: IMessengerContact_dispatch, isDefault: true }],
  };
  readonly #signinName: string;
  readonly #friendlyName: () => string;
  readonly #serviceId: string;

  /** @param friendlyName read each time, so a contact shows the current name. */
  constructor(signinName: string, friendlyName: () => string, serviceId: string) {
    super();
    this.#signinName = signinName;
    this.#friendlyName = friendlyName;
    this.#serviceId = serviceId;
  }

  get SigninName(): string {
    return this.#signinName;
  }

  get FriendlyName(): string {
    return this.#friendlyName();
  }

  get ServiceID(): string {
    return this.#serviceId;
  }
}

/** A MessengerService object: what AddContact's vService may be. */
export class MessengerServiceObject extends ComObject implements IMessengerService {
  static readonly coclass: CoclassInfo = {
    clsid: CLSID_MessengerServiceObject,
    name: "MessengerService",
    interfaces: [{ iid: IID_IMessengerService, name: "IMessengerService", bases: [], dispatch: IMessengerService_dispatch, isDefault: true }],
  };
  readonly #name: string;
  readonly #id: string;

  constructor(name: string, id: string) {
    super();
    this.#name = name;
    this.#id = id;
  }

  get ServiceName(): string {
    return this.#name;
  }

  get ServiceID(): string {
    return this.#id;
  }
}

/** Returns the IDispatch of a new COM object, holding the one reference the caller owns. */
export function handOut(obj: ComObject): IDispatch {
  return obj.QueryInterface<IDispatch>(IID_IDispatch);
}

/**
 * Reads a late-bound string property (SigninName, ServiceID) the way a client of the public
 * API would: through IDispatch, by name. Any IDispatch with the property works; anything else
 * gives undefined.
 */
export function readStringProperty(disp: unknown, name: string): string | undefined {
  if (typeof disp !== "object" || disp === null || typeof (disp as IDispatch).Invoke !== "function") return undefined;
  try {
    const value = invoke(disp as IDispatch, name, [], { kind: "get" });
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A user's contact list: sign-in names in the order they were added. */
export class ContactList {
  readonly #names = new Map<string, string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The sign-in names, as added. */
  get names(): readonly string[] {
    return [...this.#names.values()];
  }

  has(signinName: string): boolean {
    return this.#names.has(signinKey(signinName));
  }

  /** Adds a name and returns the HRESULT OnContactListAdd reports: S_OK, MSGR_E_ALREADY_IN_LIST or MSGR_E_LIST_FULL. */
  add(signinName: string): HRESULT {
    const key = signinKey(signinName);
    if (this.#names.has(key)) return MSGR_E_ALREADY_IN_LIST;
    if (this.#names.size >= this.#capacity) return MSGR_E_LIST_FULL;
    this.#names.set(key, signinName);
    return 0;
  }
}
