/**
 * An in-process Windows Messenger service for the private session API (msgrpriv.idl): users who
 * sign in and out, Lock and Key, application registration, session invitations and context
 * data, MessengerPriv contacts and alerts — all as COM objects on the generated stubs and the
 * midl-ts runtime. See the "Windows Messenger" section of the README.
 */
export { MessengerService, DEFAULT_SERVICE_ID } from "./service.js";
export type { MessengerServiceOptions } from "./service.js";
export { MessengerUser } from "./user.js";
export type { UserOptions, ShellRecord } from "./user.js";
export { AppRegistry } from "./app-registry.js";
export type { RegisteredApplication, AppRegistryChange, AppRegistryOptions } from "./app-registry.js";
export { KeyStore, lockAndKeyResponse, verifyLockResponse } from "./lock-and-key.js";
export type { KeyLookup, HashEncoding } from "./lock-and-key.js";
export { ManualClock, systemClock } from "./clock.js";
export type { Clock, Timer } from "./clock.js";
export {
  CLSID_MessengerContact, CLSID_MessengerServiceObject, IID_IMessengerContact, IID_IMessengerService,
  IMessengerContact_dispatch, IMessengerService_dispatch, MessengerContact, MessengerServiceObject,
} from "./contacts.js";
export type { IMessengerContact, IMessengerService } from "./contacts.js";
export { MSGR_E, MSGR_E_ALREADY_IN_LIST, MSGR_E_LIST_FULL, MSGR_E_USER_NOT_FOUND, messengerHresultName } from "./errors.js";
export {
  MAX_ALERT_SITES, MAX_APP_DATA_BYTES, MAX_APP_NAME_CHARS, MAX_APP_PATH_CHARS, MAX_APP_URL_CHARS, MAX_CONTEXT_DATA_CALLS,
  MAX_CONTEXT_DATA_CHARS, MAX_GUID_CHARS, MAX_LOCAL_ADDRESS_CHARS,
} from "./limits.js";
export { SessionManager } from "./session-manager.js";
export { Session } from "./session.js";
export { MessengerPriv } from "./messenger-priv.js";
