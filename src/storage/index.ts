export { createDeviceStore } from './device-store.js';
export type {
  DeviceStore,
  DeviceStoreOptions,
  DraftInput,
  SavedDraft,
  RememberInput,
  RememberedDraft,
  OutboxInput,
  OutboxEntry,
  DiscardNotice,
} from './device-store.js';
export { Ak1StorageError, AK1_STORAGE_ERROR_CODES, isAk1StorageError } from './errors.js';
export type { Ak1StorageErrorCode } from './errors.js';
export { DEVICE_STORE_LIMITS } from './limits.js';
export { STORAGE_KEY_PREFIX, SESSION_KEYS, SESSION_RECORD_VERSION } from './session-records.js';
export { SEALED_VERSION } from './sealed-store.js';
export { createLeaveGuard, onReconnect } from './page-lifecycle.js';
export type { LeaveGuard, ReconnectReason, ReconnectTarget } from './page-lifecycle.js';
export { canRememberHere, canRememberWith } from './capability.js';
