/**
 * Why the device could not keep what the form asked it to keep. Each code is a stable key: the form chooses
 * its own translated text by it (the module has no user-facing strings).
 */
export const AK1_STORAGE_ERROR_CODES = [
  /** The browser's quota for this site is full: sessionStorage's ~5 M characters, or IndexedDB's share of the disk. */
  'storage.quota',
  /** The storage exists but refused to work: blocked by the browser's settings, private mode, a database deleted under us. */
  'storage.unavailable',
  /** "Ingat di perangkat ini" needs a secure context, WebCrypto and IndexedDB, and this page lacks one of them. */
  'storage.unsupported',
  /** The record is larger than this kind of record may be (a draft over 1 M characters; an outbox over the body limit). */
  'storage.tooLarge',
] as const;

export type Ak1StorageErrorCode = (typeof AK1_STORAGE_ERROR_CODES)[number];

/**
 * A write the device refused. `message` is the code and nothing else, and `cause` holds the browser's own
 * exception (its message names at most our storage key): neither ever carries what was being stored.
 */
export class Ak1StorageError extends Error {
  readonly code: Ak1StorageErrorCode;

  constructor(code: Ak1StorageErrorCode, options?: { cause?: unknown }) {
    super(code, options);
    // Set explicitly: minifiers rename classes, and callers tell errors apart by name.
    this.name = 'Ak1StorageError';
    this.code = code;
  }
}

export function isAk1StorageError(error: unknown): error is Ak1StorageError {
  return error instanceof Ak1StorageError || (error instanceof Error && error.name === 'Ak1StorageError');
}

/** Browsers name a full quota differently (Firefox's legacy name, old WebKit's bare code 22). */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException) && !(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/** A browser exception from a storage call, as the error callers handle. */
export function storageFailure(error: unknown): Ak1StorageError {
  if (isAk1StorageError(error)) return error;
  return new Ak1StorageError(isQuotaError(error) ? 'storage.quota' : 'storage.unavailable', { cause: error });
}
