import { storageFailure } from './errors.js';
import { deleteDatabase, KEY_STORE, openDatabase, RECORD_STORE, requestResult, runTransaction } from './indexed-db.js';

/*
 * Records encrypted at rest in IndexedDB ("Ingat di perangkat ini" and the remembered outbox).
 *
 * What this protects against: another site (IndexedDB is per origin), a later user of a shared PC once the
 * records expired or were wiped (the key goes with them), and anyone holding the records without the key
 * (it is non-extractable: script cannot carry its bytes away). What it does not protect against: a copy of
 * the browser profile from disk. Chromium stores the non-extractable key in the profile's IndexedDB files
 * next to the records, so another Chromium opened on that copy decrypts them
 * (test/reliability/item-9-profile-copy.test.ts). Nor against script on the same page, which can ask the
 * browser to decrypt with the key as the form does (see docs/storage.md).
 */

/** The kinds of sealed records; each is bound into its ciphertext, so one cannot be passed off as another. */
export type SealedKind = 'draft' | 'outbox';

export const SEALED_VERSION = 1;
const DEVICE_KEY = 'device';
const IV_BYTES = 12;

/** What IndexedDB holds for a record: everything but `expiresAt` is ciphertext or random. */
interface Envelope {
  v: typeof SEALED_VERSION;
  iv: Uint8Array;
  ct: Uint8Array;
  expiresAt: number;
}

/** The key as stored. `id` tells a write whether the key it encrypted with is still the device's key. */
interface KeyRecord {
  key: CryptoKey;
  id: string;
}

export type SealedRead =
  | { status: 'found'; value: unknown; expiresAt: number }
  | { status: 'absent' }
  | { status: 'discarded'; reason: 'expired' | 'corrupt' | 'version' };

export interface SealedStoreEnvironment {
  indexedDB: IDBFactory;
  crypto: Crypto;
  dbName: string;
  /** How long a record lives after its write, and how far in the future a stamp may be before it is distrusted. */
  lifetimeMs: number;
  clockSkewMs: number;
}

export interface SealedStore {
  /** Encrypts and writes `value` as the record of `kind`, expiring `lifetimeMs` after `now`. Rejects with Ak1StorageError. */
  write(kind: SealedKind, value: unknown, now: number): Promise<void>;
  /** Reads and decrypts; anything expired, of another version or that fails to decrypt is deleted. Never rejects. */
  read(kind: SealedKind, now: number): Promise<SealedRead>;
  /** Deletes the record; the key and the database go with the last record. Rejects with Ak1StorageError. */
  remove(kind: SealedKind): Promise<void>;
  /** Deletes the whole database, key included. Rejects with Ak1StorageError. */
  destroy(): Promise<void>;
}

/** Binds the format version, the record's kind and its clear-text expiry into the authentication tag. */
function associatedData(kind: SealedKind, expiresAt: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`ak1-form:sealed:v${SEALED_VERSION}:${kind}:${expiresAt}`);
}

function isKeyRecord(value: unknown): value is KeyRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { key, id } = value as Partial<KeyRecord>;
  return (
    typeof CryptoKey !== 'undefined' &&
    key instanceof CryptoKey &&
    key.algorithm.name === 'AES-GCM' &&
    key.usages.includes('encrypt') &&
    key.usages.includes('decrypt') &&
    typeof id === 'string'
  );
}

function envelopeVersion(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { v?: unknown }).v : undefined;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const { v, iv, ct, expiresAt } = value as Partial<Envelope>;
  return (
    v === SEALED_VERSION &&
    iv instanceof Uint8Array &&
    iv.byteLength === IV_BYTES &&
    ct instanceof Uint8Array &&
    ct.byteLength >= 16 &&
    typeof expiresAt === 'number' &&
    Number.isFinite(expiresAt)
  );
}

/** An own copy on a plain ArrayBuffer: what WebCrypto's BufferSource wants, whatever IndexedDB handed back. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}

export function createSealedStore(env: SealedStoreEnvironment): SealedStore {
  const { indexedDB: factory, crypto, dbName } = env;
  const subtle = crypto.subtle;

  async function withDatabase<T>(create: boolean, use: (db: IDBDatabase) => Promise<T>): Promise<T | undefined> {
    const db = await openDatabase(factory, dbName, { create });
    if (!db) return undefined;
    try {
      return await use(db);
    } finally {
      db.close();
    }
  }

  async function readKey(db: IDBDatabase): Promise<unknown> {
    let stored: unknown;
    await runTransaction(db, [KEY_STORE], 'readonly', (transaction) => {
      const request = transaction.objectStore(KEY_STORE).get(DEVICE_KEY);
      request.onsuccess = () => (stored = request.result);
    });
    return stored;
  }

  async function deviceKey(db: IDBDatabase): Promise<KeyRecord> {
    const existing = await readKey(db);
    if (isKeyRecord(existing)) return existing;
    const fresh: KeyRecord = {
      key: await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      id: Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join(''),
    };
    // Two tabs may both have found no key: the first to commit wins, the other uses the winner's.
    let winner = fresh;
    await runTransaction(db, [KEY_STORE], 'readwrite', (transaction) => {
      const store = transaction.objectStore(KEY_STORE);
      const request = store.get(DEVICE_KEY);
      request.onsuccess = () => {
        if (isKeyRecord(request.result)) winner = request.result;
        else store.put(fresh, DEVICE_KEY);
      };
    });
    return winner;
  }

  /** Deletes the record and, when it was the last one, the key in the same transaction. Resolves whether none is left. */
  async function removeRecord(db: IDBDatabase, kind: SealedKind): Promise<boolean> {
    let empty = false;
    await runTransaction(db, [KEY_STORE, RECORD_STORE], 'readwrite', (transaction) => {
      const records = transaction.objectStore(RECORD_STORE);
      records.delete(kind);
      const count = records.count();
      count.onsuccess = () => {
        empty = count.result === 0;
        if (empty) transaction.objectStore(KEY_STORE).delete(DEVICE_KEY);
      };
    });
    return empty;
  }

  async function removeAndTidy(kind: SealedKind): Promise<void> {
    const empty = await withDatabase(false, (db) => removeRecord(db, kind));
    // Nothing remembered is left: the database goes too, so the device shows no sign of ak1-form at all.
    if (empty) await deleteDatabase(factory, dbName);
  }

  async function discard(kind: SealedKind, reason: 'expired' | 'corrupt' | 'version'): Promise<SealedRead> {
    try {
      await removeAndTidy(kind);
    } catch {
      // The read still reports the record as gone; it stays unreadable, and the next write or wipe replaces it.
    }
    return { status: 'discarded', reason };
  }

  async function encryptOnce(db: IDBDatabase, kind: SealedKind, plaintext: Uint8Array<ArrayBuffer>, now: number): Promise<boolean> {
    const { key, id } = await deviceKey(db);
    const expiresAt = now + env.lifetimeMs;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(kind, expiresAt) }, key, plaintext);
    const envelope: Envelope = { v: SEALED_VERSION, iv, ct: new Uint8Array(ciphertext), expiresAt };
    let keyChanged = false;
    await runTransaction(db, [KEY_STORE, RECORD_STORE], 'readwrite', (transaction) => {
      const request = transaction.objectStore(KEY_STORE).get(DEVICE_KEY);
      request.onsuccess = () => {
        // The key went (another tab removed the last record) while we encrypted: this ciphertext would be unreadable.
        if (!isKeyRecord(request.result) || request.result.id !== id) keyChanged = true;
        else transaction.objectStore(RECORD_STORE).put(envelope, kind);
      };
    });
    return !keyChanged;
  }

  return {
    async write(kind, value, now) {
      const plaintext = new TextEncoder().encode(JSON.stringify(value));
      try {
        for (let attempt = 0; attempt < 2; attempt++) {
          const written = await withDatabase(true, (db) => encryptOnce(db, kind, plaintext, now));
          if (written) return;
        }
      } catch (error) {
        throw storageFailure(error);
      }
      throw storageFailure(new DOMException('The device key kept changing during the write', 'InvalidStateError'));
    },

    async read(kind, now) {
      let found: { envelope: unknown; key: unknown } | undefined;
      try {
        found = await withDatabase(false, async (db) => {
          let envelope: unknown;
          let key: unknown;
          await runTransaction(db, [KEY_STORE, RECORD_STORE], 'readonly', (transaction) => {
            const record = transaction.objectStore(RECORD_STORE).get(kind);
            record.onsuccess = () => (envelope = record.result);
            const stored = transaction.objectStore(KEY_STORE).get(DEVICE_KEY);
            stored.onsuccess = () => (key = stored.result);
          });
          return { envelope, key };
        });
      } catch {
        return { status: 'absent' };
      }
      if (!found || found.envelope === undefined) return { status: 'absent' };
      const { envelope, key } = found;
      if (envelopeVersion(envelope) !== SEALED_VERSION) {
        return discard(kind, typeof envelopeVersion(envelope) === 'number' ? 'version' : 'corrupt');
      }
      if (!isEnvelope(envelope)) return discard(kind, 'corrupt');
      const expired = now > envelope.expiresAt || envelope.expiresAt - now > env.lifetimeMs + env.clockSkewMs;
      if (expired) return discard(kind, 'expired');
      if (!isKeyRecord(key)) return discard(kind, 'corrupt');
      try {
        const plaintext = await subtle.decrypt(
          { name: 'AES-GCM', iv: bytes(envelope.iv), additionalData: associatedData(kind, envelope.expiresAt) },
          key.key,
          bytes(envelope.ct),
        );
        return { status: 'found', value: JSON.parse(new TextDecoder().decode(plaintext)) as unknown, expiresAt: envelope.expiresAt };
      } catch {
        // A flipped byte, a record moved under another kind, a key replaced: AES-GCM's tag refuses them all.
        return discard(kind, 'corrupt');
      }
    },

    async remove(kind) {
      try {
        await removeAndTidy(kind);
      } catch (error) {
        throw storageFailure(error);
      }
    },

    async destroy() {
      try {
        await deleteDatabase(factory, dbName);
      } catch (error) {
        throw storageFailure(error);
      }
    },
  };
}
