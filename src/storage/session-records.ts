import { Ak1StorageError, storageFailure } from './errors.js';

/*
 * JSON records in a Web Storage area (the tab's sessionStorage). Every key ak1-form writes starts with
 * `STORAGE_KEY_PREFIX`, so a wipe can find its own keys and leave the host page's alone.
 */

import { STORAGE_KEY_PREFIX } from './capability.js';

export { STORAGE_KEY_PREFIX };
export const SESSION_KEYS = {
  draft: `${STORAGE_KEY_PREFIX}draft`,
  outbox: `${STORAGE_KEY_PREFIX}outbox`,
} as const;

/** The format of the records in sessionStorage; a record of any other version is discarded on load. */
export const SESSION_RECORD_VERSION = 1;

export type SessionRead =
  | { status: 'found'; value: Record<string, unknown> & { savedAt: number } }
  | { status: 'absent' }
  | { status: 'discarded'; reason: 'corrupt' | 'version' };

/** Reads a record; a malformed or other-version record is removed. Never throws. */
export function readSessionRecord(storage: Storage | undefined, key: string): SessionRead {
  if (!storage) return { status: 'absent' };
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return { status: 'absent' };
  }
  if (text === null) return { status: 'absent' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text it choked on: the error is dropped, never logged or passed on.
    return discardSessionRecord(storage, key, 'corrupt');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return discardSessionRecord(storage, key, 'corrupt');
  const record = value as Record<string, unknown>;
  if (record.v !== SESSION_RECORD_VERSION) {
    return discardSessionRecord(storage, key, typeof record.v === 'number' ? 'version' : 'corrupt');
  }
  if (typeof record.savedAt !== 'number' || !Number.isFinite(record.savedAt)) return discardSessionRecord(storage, key, 'corrupt');
  return { status: 'found', value: record as Record<string, unknown> & { savedAt: number } };
}

export function discardSessionRecord(storage: Storage, key: string, reason: 'corrupt' | 'version'): SessionRead {
  removeSessionRecord(storage, key);
  return { status: 'discarded', reason };
}

/** Writes a record, or throws Ak1StorageError (`storage.tooLarge` before trying, `storage.quota` when the area is full). */
export function writeSessionRecord(storage: Storage | undefined, key: string, record: object, maxChars: number): void {
  if (!storage) throw new Ak1StorageError('storage.unavailable');
  const text = JSON.stringify({ ...record, v: SESSION_RECORD_VERSION });
  // Web Storage quotas count UTF-16 code units, which is what `length` counts.
  if (text.length > maxChars) throw new Ak1StorageError('storage.tooLarge');
  try {
    storage.setItem(key, text);
  } catch (error) {
    throw storageFailure(error);
  }
}

/** Best effort: a storage that cannot be written cannot have kept anything of ours either. */
export function removeSessionRecord(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: see above.
  }
}

/** Removes every key of ours from the area; throws the browser's error when the area refuses. */
export function removePrefixedKeys(storage: Storage): void {
  const ours: string[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index);
    if (key?.startsWith(STORAGE_KEY_PREFIX)) ours.push(key);
  }
  for (const key of ours) storage.removeItem(key);
}
