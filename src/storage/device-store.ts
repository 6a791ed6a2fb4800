import { IDEMPOTENCY_KEY_PATTERN } from '../schema/index.js';
import { canRememberWith } from './capability.js';
import { Ak1StorageError, storageFailure } from './errors.js';
import { deleteDatabase } from './indexed-db.js';
import { DEVICE_STORE_LIMITS } from './limits.js';
import { createSealedStore, type SealedKind, type SealedRead, type SealedStore } from './sealed-store.js';
import {
  readSessionRecord,
  removePrefixedKeys,
  removeSessionRecord,
  SESSION_KEYS,
  writeSessionRecord,
  type SessionRead,
} from './session-records.js';

/** The tab draft: the typed answers (never the photo or documents) and the step the applicant is on. */
export interface DraftInput {
  answers: unknown;
  step: string;
  /** The tab draft is never the remembered one: "Ingat di perangkat ini" goes through `remember()`. */
  remember?: false;
}

/** A tab draft as loaded: what was saved, and when (ms since the epoch, by the store's clock). */
export interface SavedDraft {
  answers: unknown;
  step: string;
  savedAt: number;
}

/** "Ingat di perangkat ini": the whole draft, attachments included. */
export interface RememberInput {
  answers: unknown;
  step: string;
  attachments: unknown;
}

export interface RememberedDraft extends RememberInput {
  savedAt: number;
  /** When it will be gone unless written again (72 hours after `savedAt`). */
  expiresAt: number;
}

/** A submission the server has not confirmed yet, with the key that makes its resending harmless. */
export interface OutboxInput {
  application: unknown;
  idempotencyKey: string;
  endpoint: string;
  /** Kept encrypted in IndexedDB (the applicant chose "Ingat") rather than in the tab's sessionStorage. */
  remember: boolean;
}

export interface OutboxEntry extends OutboxInput {
  savedAt: number;
}

/**
 * Something the store found and deleted instead of returning. It never carries the content: `record` says
 * which, `reason` why (too old, unreadable, or written by another version of ak1-form).
 */
export interface DiscardNotice {
  record: 'draft' | 'remembered' | 'outbox';
  reason: 'expired' | 'corrupt' | 'version';
}

export interface DeviceStoreOptions {
  /** Default: the page's sessionStorage. `null` (or an own property set to `undefined`): none. */
  sessionStorage?: Storage | null;
  /** Only ever cleaned by `wipe()` (ak1-form never writes to it). Default: the page's localStorage. */
  localStorage?: Storage | null;
  /** The clock every stamp and expiry uses, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** The IndexedDB database of remembered records. Default `ak1-form`. */
  dbName?: string;
  /** Default: `globalThis.crypto`. `null` (or an own property set to `undefined`): none. */
  crypto?: Crypto | null;
  /** Default: `globalThis.indexedDB`. `null` (or an own property set to `undefined`): none. */
  indexedDB?: IDBFactory | null;
  /** Default: `globalThis.isSecureContext`. WebCrypto's `subtle` exists only in secure contexts anyway. */
  isSecureContext?: boolean;
  /** Told about each record found expired, unreadable or of another version, and deleted. */
  onDiscard?: (notice: DiscardNotice) => void;
}

/**
 * What ak1-form keeps on the applicant's device, and the only code that touches that storage. Writes throw
 * (or reject with) `Ak1StorageError`; loads never throw: what cannot be used is deleted and reported through
 * `onDiscard`. Asynchronous operations run one after another in call order, so a `wipe()` is never undone by
 * a `remember()` that was still encrypting.
 */
export interface DeviceStore {
  /** True only in a secure context with WebCrypto and IndexedDB: otherwise the "Ingat" choice is hidden. */
  readonly canRemember: boolean;
  /** Keeps the tab draft in sessionStorage. Throws `storage.tooLarge` over 1 M characters, `storage.quota`, `storage.unavailable`. */
  saveDraft(draft: DraftInput): void;
  /** The tab draft, or undefined when there is none, it is unreadable, of another version, or idle for over 2 hours. */
  loadDraft(): SavedDraft | undefined;
  /** Encrypts the whole draft into IndexedDB for 72 hours and then removes the tab draft (now superseded). */
  remember(record: RememberInput): Promise<void>;
  /** The remembered draft, or undefined (also when `canRemember` is false). */
  loadRemembered(): Promise<RememberedDraft | undefined>;
  /** Deletes the remembered draft; the key and the database go with the last remembered record. */
  forget(): Promise<void>;
  /** Keeps the submission until the server confirms it, in sessionStorage or (remember) encrypted in IndexedDB. */
  putOutbox(entry: OutboxInput): Promise<void>;
  /** The unconfirmed submission, from wherever it is kept, or undefined. */
  loadOutbox(): Promise<OutboxEntry | undefined>;
  clearOutbox(): Promise<void>;
  /** Removes everything ak1-form ever put on the device (its storage keys, its database), nothing of the host's. */
  wipe(): Promise<void>;
}

/** An option the caller set, even to undefined (meaning: this environment has none), else the page's own. */
function chosen<T>(options: DeviceStoreOptions, name: keyof DeviceStoreOptions, pageDefault: () => T | undefined): T | undefined {
  if (Object.hasOwn(options, name)) return ((options as Record<string, unknown>)[name] ?? undefined) as T | undefined;
  try {
    return pageDefault() ?? undefined;
  } catch {
    // Reading `sessionStorage` throws a SecurityError where the browser blocks site data.
    return undefined;
  }
}

// A stored key the contract would refuse is never sent: the same rule as the client's and the server's.
const IDEMPOTENCY_KEY = IDEMPOTENCY_KEY_PATTERN;

export function createDeviceStore(options: DeviceStoreOptions = {}): DeviceStore {
  const now = options.now ?? Date.now;
  const dbName = options.dbName ?? 'ak1-form';
  const session = () => chosen<Storage>(options, 'sessionStorage', () => globalThis.sessionStorage);
  const local = () => chosen<Storage>(options, 'localStorage', () => globalThis.localStorage);
  const crypto = chosen<Crypto>(options, 'crypto', () => globalThis.crypto);
  const indexedDB = chosen<IDBFactory>(options, 'indexedDB', () => globalThis.indexedDB);
  const secure = options.isSecureContext ?? globalThis.isSecureContext === true;
  const canRemember = canRememberWith({ isSecureContext: secure, crypto, indexedDB });

  const sealed: SealedStore | undefined =
    canRemember && crypto && indexedDB
      ? createSealedStore({
          indexedDB,
          crypto,
          dbName,
          lifetimeMs: DEVICE_STORE_LIMITS.rememberMs,
          clockSkewMs: DEVICE_STORE_LIMITS.clockSkewMs,
        })
      : undefined;

  let tail: Promise<unknown> = Promise.resolve();
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  }

  function report(notice: DiscardNotice) {
    if (!options.onDiscard) return;
    try {
      options.onDiscard(notice);
    } catch (error) {
      // A faulty listener must not turn a load into a throw; the page still hears of it.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** Within [savedAt - skew, savedAt + lifetime]: a stamp far in the future came from a wrong clock. */
  function fresh(savedAt: number, lifetimeMs: number): boolean {
    const age = now() - savedAt;
    return age <= lifetimeMs && age >= -DEVICE_STORE_LIMITS.clockSkewMs;
  }

  function fromSession(record: 'draft' | 'outbox', read: SessionRead): Record<string, unknown> & { savedAt: number } | undefined {
    if (read.status === 'discarded') report({ record, reason: read.reason });
    return read.status === 'found' ? read.value : undefined;
  }

  function discardSession(record: 'draft' | 'outbox', reason: DiscardNotice['reason']): undefined {
    removeSessionRecord(session(), SESSION_KEYS[record]);
    report({ record, reason });
    return undefined;
  }

  async function fromSealed(kind: SealedKind): Promise<(Record<string, unknown> & { savedAt: number; expiresAt: number }) | undefined> {
    if (!sealed) return undefined;
    const read: SealedRead = await sealed.read(kind, now());
    const record = kind === 'draft' ? 'remembered' : 'outbox';
    if (read.status === 'discarded') report({ record, reason: read.reason });
    if (read.status !== 'found') return undefined;
    const value = read.value;
    if (typeof value !== 'object' || value === null || typeof (value as { savedAt?: unknown }).savedAt !== 'number') {
      await sealed.remove(kind).catch(() => undefined);
      report({ record, reason: 'corrupt' });
      return undefined;
    }
    return { ...(value as Record<string, unknown> & { savedAt: number }), expiresAt: read.expiresAt };
  }

  function requireSealed(): SealedStore {
    if (!sealed) throw new Ak1StorageError('storage.unsupported');
    return sealed;
  }

  return {
    canRemember,

    saveDraft(draft) {
      if ((draft as { remember?: unknown }).remember === true) {
        throw new TypeError('saveDraft keeps the tab draft only; use remember() for "Ingat di perangkat ini"');
      }
      writeSessionRecord(session(), SESSION_KEYS.draft, { savedAt: now(), step: draft.step, answers: draft.answers }, DEVICE_STORE_LIMITS.draftMaxChars);
    },

    loadDraft() {
      const value = fromSession('draft', readSessionRecord(session(), SESSION_KEYS.draft));
      if (!value) return undefined;
      if (typeof value.step !== 'string' || !('answers' in value)) return discardSession('draft', 'corrupt');
      if (!fresh(value.savedAt, DEVICE_STORE_LIMITS.draftIdleMs)) return discardSession('draft', 'expired');
      return { answers: value.answers, step: value.step, savedAt: value.savedAt };
    },

    remember(record) {
      return serial(async () => {
        const store = requireSealed();
        const at = now();
        await store.write('draft', { savedAt: at, step: record.step, answers: record.answers, attachments: record.attachments }, at);
        // The encrypted copy now holds everything: no plaintext copy of the answers may stay beside it.
        removeSessionRecord(session(), SESSION_KEYS.draft);
      });
    },

    loadRemembered() {
      return serial(async () => {
        const value = await fromSealed('draft');
        if (!value) return undefined;
        if (typeof value.step !== 'string' || !('answers' in value) || !('attachments' in value)) {
          await sealed?.remove('draft').catch(() => undefined);
          report({ record: 'remembered', reason: 'corrupt' });
          return undefined;
        }
        return { answers: value.answers, step: value.step, attachments: value.attachments, savedAt: value.savedAt, expiresAt: value.expiresAt };
      });
    },

    forget() {
      return serial(async () => {
        if (sealed) await sealed.remove('draft');
      });
    },

    putOutbox(entry) {
      return serial(async () => {
        if (!IDEMPOTENCY_KEY.test(entry.idempotencyKey)) throw new TypeError('The idempotency key must be 1–255 visible ASCII characters');
        const at = now();
        const record = { savedAt: at, idempotencyKey: entry.idempotencyKey, endpoint: entry.endpoint, application: entry.application };
        // Only one outbox: the new one is written first, then the other place's copy goes.
        if (entry.remember) {
          const store = requireSealed();
          if (JSON.stringify(record).length > DEVICE_STORE_LIMITS.outboxMaxChars) throw new Ak1StorageError('storage.tooLarge');
          await store.write('outbox', record, at);
          removeSessionRecord(session(), SESSION_KEYS.outbox);
        } else {
          writeSessionRecord(session(), SESSION_KEYS.outbox, record, DEVICE_STORE_LIMITS.outboxMaxChars);
          // The submission is safe in the tab. An encrypted copy that failed to go is read only when the tab has none, and expires.
          if (sealed) await sealed.remove('outbox').catch(() => undefined);
        }
      });
    },

    loadOutbox() {
      return serial(async () => {
        const inSession = fromSession('outbox', readSessionRecord(session(), SESSION_KEYS.outbox));
        const value = inSession ?? (await fromSealed('outbox'));
        if (!value) return undefined;
        const remember = inSession === undefined;
        const valid =
          typeof value.idempotencyKey === 'string' &&
          IDEMPOTENCY_KEY.test(value.idempotencyKey) &&
          typeof value.endpoint === 'string' &&
          'application' in value;
        if (!valid || !fresh(value.savedAt, DEVICE_STORE_LIMITS.rememberMs)) {
          const reason = valid ? 'expired' : 'corrupt';
          if (remember) {
            await sealed?.remove('outbox').catch(() => undefined);
            report({ record: 'outbox', reason });
            return undefined;
          }
          return discardSession('outbox', reason);
        }
        return {
          application: value.application,
          idempotencyKey: value.idempotencyKey as string,
          endpoint: value.endpoint as string,
          remember,
          savedAt: value.savedAt,
        };
      });
    },

    clearOutbox() {
      return serial(async () => {
        removeSessionRecord(session(), SESSION_KEYS.outbox);
        if (sealed) await sealed.remove('outbox');
      });
    },

    wipe() {
      return serial(async () => {
        const failures: unknown[] = [];
        for (const area of [session(), local()]) {
          try {
            if (area) removePrefixedKeys(area);
          } catch (error) {
            failures.push(error);
          }
        }
        // Deleted even where "Ingat" is not offered now: the same site may have offered it over https before.
        if (sealed) {
          await sealed.destroy().catch((error: unknown) => failures.push(error));
        } else if (indexedDB) {
          await deleteDatabase(indexedDB, dbName).catch((error: unknown) => failures.push(error));
        }
        if (failures.length) throw storageFailure(failures[0]);
      });
    },
  };
}
