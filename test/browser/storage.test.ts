import { expect } from '@open-wc/testing';
import {
  Ak1StorageError,
  createDeviceStore,
  DEVICE_STORE_LIMITS,
  SESSION_KEYS,
  type DeviceStoreOptions,
  type DiscardNotice,
} from '../../src/storage/index.js';
import { emptyAnswers, type Answers } from '../../src/components/form/answers.js';
import { fullApplication } from '../fixtures/application.js';

/*
 * The device store against chromium's real sessionStorage, IndexedDB and WebCrypto (the runner serves
 * http://localhost, a secure context). The storage audit lives in storage-audit.test.ts.
 */

const NIK = '3604055209900003';
const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-11-28T02:00:00.000Z');

let clock = START;
let dbCount = 0;
let discarded: DiscardNotice[] = [];

/** A store on its own database with the test clock; a second call with the same name is "the page reloaded". */
function store(options: DeviceStoreOptions = {}, dbName = `ak1-form-test-${dbCount}`) {
  return createDeviceStore({ now: () => clock, dbName, onDiscard: (notice) => discarded.push(notice), ...options });
}

function typedAnswers(): Answers {
  return { ...emptyAnswers(), nik: NIK, fullName: 'Siti Nur’aini', phone: '0812-3456-7890', birthDate: { day: '12', month: '09', year: '1990' } };
}

/** A pseudo-random ~300 kB "photo" (seeded, so a failure replays), as base64 behind a JPEG's first bytes. */
function photoBase64(byteLength = 300 * 1024, seed = 7): string {
  const bytes = new Uint8Array(byteLength);
  let state = seed;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

/** Opens a test database as an outsider would, to read or tamper with what the store wrote. */
function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function rawGet(dbName: string, storeName: string, key: string): Promise<any> {
  const db = await openRaw(dbName);
  try {
    return await new Promise((resolve, reject) => {
      const request = db.transaction(storeName).objectStore(storeName).get(key);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

async function rawPut(dbName: string, storeName: string, key: string, value: unknown): Promise<void> {
  const db = await openRaw(dbName);
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(storeName, 'readwrite');
      transaction.objectStore(storeName).put(value, key);
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** A Storage whose every write fails as a full quota does. */
function fullStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: () => {
      throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.", 'QuotaExceededError');
    },
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
}

beforeEach(() => {
  clock = START;
  dbCount++;
  discarded = [];
  sessionStorage.clear();
});

after(async () => {
  sessionStorage.clear();
  for (const name of await databaseNames()) if (name.startsWith('ak1-form-test-')) indexedDB.deleteDatabase(name);
});

describe('storage: the tab draft', () => {
  it('round-trips the typed answers and the step through sessionStorage, and a reload (a new store) restores them', () => {
    const answers = typedAnswers();
    store().saveDraft({ answers, step: 'contact' });
    expect(Object.keys(sessionStorage)).to.deep.equal([SESSION_KEYS.draft]);
    expect(SESSION_KEYS.draft.startsWith('ak1-form:')).to.equal(true);
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEYS.draft)!);
    expect(stored).to.include({ v: 1, savedAt: START, step: 'contact' });

    const restored = store().loadDraft();
    expect(restored).to.deep.equal({ answers, step: 'contact', savedAt: START });
  });

  it('keeps a draft idle for exactly two hours and removes it one millisecond later', () => {
    store().saveDraft({ answers: typedAnswers(), step: 'education' });
    clock = START + 2 * HOUR;
    expect(store().loadDraft()?.step).to.equal('education');
    clock += 1;
    expect(store().loadDraft()).to.equal(undefined);
    expect(sessionStorage.getItem(SESSION_KEYS.draft)).to.equal(null);
    expect(discarded).to.deep.equal([{ record: 'draft', reason: 'expired' }]);
  });

  it('counts the two hours from the last save, not the first', () => {
    const drafts = store();
    drafts.saveDraft({ answers: typedAnswers(), step: 'identity' });
    clock += 90 * 60 * 1000;
    drafts.saveDraft({ answers: typedAnswers(), step: 'contact' });
    clock += 90 * 60 * 1000;
    expect(drafts.loadDraft()?.step).to.equal('contact');
  });

  it('removes a draft of corrupt JSON, or of the wrong shape, without throwing', () => {
    const broken = ['{"v":1,"savedAt":', 'null', '[]', '"text"', '42', '{"v":1,"step":"contact","answers":{}}', '{"v":1,"savedAt":1,"answers":{}}', '{"savedAt":1,"step":"x","answers":{}}'];
    for (const text of broken) {
      sessionStorage.setItem(SESSION_KEYS.draft, text);
      expect(store().loadDraft(), text).to.equal(undefined);
      expect(sessionStorage.getItem(SESSION_KEYS.draft), text).to.equal(null);
    }
    expect(discarded.every((notice) => notice.record === 'draft' && notice.reason === 'corrupt')).to.equal(true);
    expect(discarded).to.have.length(broken.length);
  });

  it('discards a draft written by another version of the record format', () => {
    sessionStorage.setItem(SESSION_KEYS.draft, JSON.stringify({ v: 2, savedAt: START, step: 'contact', answers: typedAnswers() }));
    expect(store().loadDraft()).to.equal(undefined);
    expect(sessionStorage.getItem(SESSION_KEYS.draft)).to.equal(null);
    expect(discarded).to.deep.equal([{ record: 'draft', reason: 'version' }]);
  });

  it('distrusts a draft stamped further in the future than clock skew explains', () => {
    clock = START + DEVICE_STORE_LIMITS.clockSkewMs + 1;
    store().saveDraft({ answers: typedAnswers(), step: 'contact' });
    clock = START;
    expect(store().loadDraft()).to.equal(undefined);
    expect(discarded).to.deep.equal([{ record: 'draft', reason: 'expired' }]);
  });

  it('refuses a draft over 1 M characters with storage.tooLarge and keeps the previous one', () => {
    const drafts = store();
    drafts.saveDraft({ answers: typedAnswers(), step: 'identity' });
    const error = thrown(() => drafts.saveDraft({ answers: { ...typedAnswers(), fullName: 'x'.repeat(DEVICE_STORE_LIMITS.draftMaxChars) }, step: 'contact' }));
    expect(error).to.be.instanceOf(Ak1StorageError);
    expect(error).to.include({ name: 'Ak1StorageError', code: 'storage.tooLarge' });
    expect(drafts.loadDraft()?.step).to.equal('identity');
  });

  it('reports a full quota as Ak1StorageError storage.quota, with the browser error as cause and no answers in the message', () => {
    const error = thrown(() => store({ sessionStorage: fullStorage() }).saveDraft({ answers: typedAnswers(), step: 'contact' })) as Ak1StorageError;
    expect(error).to.be.instanceOf(Ak1StorageError);
    expect(error.name).to.equal('Ak1StorageError');
    expect(error.code).to.equal('storage.quota');
    expect(error.message).to.equal('storage.quota');
    expect((error.cause as DOMException).name).to.equal('QuotaExceededError');
    expect(String(error) + String(error.stack) + String(error.cause)).not.to.include(NIK);
  });

  it('without sessionStorage: saving throws storage.unavailable and loading finds nothing', () => {
    for (const sessionStorage of [null, undefined]) {
      const drafts = store({ sessionStorage });
      expect(thrown(() => drafts.saveDraft({ answers: typedAnswers(), step: 'contact' }))).to.include({ code: 'storage.unavailable' });
      expect(drafts.loadDraft()).to.equal(undefined);
    }
  });

  it('refuses remember: true in saveDraft (the tab draft is never the remembered one)', () => {
    const error = thrown(() => store().saveDraft({ answers: typedAnswers(), step: 'contact', remember: true } as never));
    expect(error).to.be.instanceOf(TypeError);
    expect(sessionStorage.length).to.equal(0);
  });
});

describe('storage: "Ingat di perangkat ini"', () => {
  it('is offered in chromium over http://localhost (a secure context with WebCrypto and IndexedDB)', () => {
    expect(isSecureContext).to.equal(true);
    expect(store().canRemember).to.equal(true);
  });

  it('is not offered without IndexedDB, without crypto.subtle, or outside a secure context, and refuses to remember', async () => {
    const noSubtle = { getRandomValues: crypto.getRandomValues.bind(crypto) } as unknown as Crypto;
    const variants: DeviceStoreOptions[] = [{ indexedDB: undefined }, { indexedDB: null }, { crypto: undefined }, { crypto: noSubtle }, { isSecureContext: false }];
    for (const options of variants) {
      const devices = store(options);
      expect(devices.canRemember, JSON.stringify(Object.keys(options))).to.equal(false);
      expect(await rejection(devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } }))).to.include({
        name: 'Ak1StorageError',
        code: 'storage.unsupported',
      });
      expect(await devices.loadRemembered()).to.equal(undefined);
      const outbox = { application: fullApplication(), idempotencyKey: 'k-1', endpoint: '/api/ak1', remember: true };
      expect(await rejection(devices.putOutbox(outbox))).to.include({ code: 'storage.unsupported' });
      // The tab's own storage still works without it.
      await devices.putOutbox({ ...outbox, remember: false });
      expect((await devices.loadOutbox())?.remember).to.equal(false);
      await devices.wipe();
    }
  });

  it('round-trips the whole draft with a ~300 kB photo, and a reload (a new store) decrypts it', async () => {
    const photo = photoBase64();
    expect(photo.length).to.be.greaterThan(400_000);
    const attachments = { photo: { mediaType: 'image/jpeg', dataBase64: photo }, documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: photoBase64(50_000, 3) }] };
    await store().remember({ answers: typedAnswers(), step: 'documents', attachments });

    const restored = await store().loadRemembered();
    expect(restored).to.deep.equal({
      answers: typedAnswers(),
      step: 'documents',
      attachments,
      savedAt: START,
      expiresAt: START + 72 * HOUR,
    });
  });

  it('replaces the tab draft: the plaintext copy goes once the encrypted one is written', async () => {
    const devices = store();
    devices.saveDraft({ answers: typedAnswers(), step: 'contact' });
    await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    expect(sessionStorage.getItem(SESSION_KEYS.draft)).to.equal(null);
    expect(devices.loadDraft()).to.equal(undefined);
  });

  it('keeps the remembered draft for exactly 72 hours after the last write, then deletes it with its key and database', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    clock = START + 48 * HOUR;
    await devices.remember({ answers: typedAnswers(), step: 'work', attachments: { documents: [] } });
    clock = START + 48 * HOUR + 72 * HOUR;
    expect((await store().loadRemembered())?.step).to.equal('work');
    clock += 1;
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(discarded).to.deep.equal([{ record: 'remembered', reason: 'expired' }]);
    expect(await databaseNames()).not.to.include(dbName);
  });

  it('the key is a non-extractable AES-GCM key that WebCrypto refuses to export', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    await store().remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    const { key } = await rawGet(dbName, 'keys', 'device');
    expect(key).to.be.instanceOf(CryptoKey);
    expect(key.extractable).to.equal(false);
    expect(key.algorithm).to.deep.equal({ name: 'AES-GCM', length: 256 });
    for (const format of ['raw', 'jwk'] as const) {
      const error = await rejection(crypto.subtle.exportKey(format, key));
      expect((error as DOMException).name).to.equal('InvalidAccessError');
    }
  });

  it('writes a versioned envelope with a fresh 96-bit IV per write', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    const ivs = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
      const envelope = await rawGet(dbName, 'records', 'draft');
      expect(Object.keys(envelope).sort()).to.deep.equal(['ct', 'expiresAt', 'iv', 'v']);
      expect(envelope.v).to.equal(1);
      expect(envelope.iv).to.be.instanceOf(Uint8Array);
      expect(envelope.iv.byteLength).to.equal(12);
      ivs.add(Array.from(envelope.iv as Uint8Array).join(','));
    }
    expect(ivs.size).to.equal(3);
  });

  it('discards (never throws) a ciphertext with one byte flipped', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    await store().remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    const envelope = await rawGet(dbName, 'records', 'draft');
    envelope.ct[100] ^= 0x01;
    await rawPut(dbName, 'records', 'draft', envelope);
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(discarded).to.deep.equal([{ record: 'remembered', reason: 'corrupt' }]);
    // It was the only record: the key and the database went with it.
    expect(await databaseNames()).not.to.include(dbName);
  });

  it('discards an outbox ciphertext moved into the draft slot: the record kind is bound as associated data', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    await devices.putOutbox({ application: fullApplication(), idempotencyKey: 'k-aad', endpoint: '/api/ak1', remember: true });
    await rawPut(dbName, 'records', 'draft', await rawGet(dbName, 'records', 'outbox'));
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(discarded).to.deep.equal([{ record: 'remembered', reason: 'corrupt' }]);
    // The outbox itself is untouched and still decrypts.
    expect((await store().loadOutbox())?.idempotencyKey).to.equal('k-aad');
  });

  it('binds the format version, the kind and the expiry as associated data (checked with the stored key itself)', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    await devices.putOutbox({ application: fullApplication(), idempotencyKey: 'k-bound', endpoint: '/api/ak1', remember: true });
    const { key } = await rawGet(dbName, 'keys', 'device');
    const draft = await rawGet(dbName, 'records', 'draft');
    const outbox = await rawGet(dbName, 'records', 'outbox');
    const open = ({ iv, ct }: { iv: Uint8Array; ct: Uint8Array }, aad: string) =>
      crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: new TextEncoder().encode(aad) }, key, new Uint8Array(ct)).then(
        (plain) => {
          const value = JSON.parse(new TextDecoder().decode(plain));
          return (value.step ?? value.idempotencyKey) as string;
        },
        (error: DOMException) => error.name,
      );
    const at = draft.expiresAt;
    expect(await open(draft, `ak1-form:sealed:v1:draft:${at}`)).to.equal('contact');
    expect(await open(draft, `ak1-form:sealed:v1:outbox:${at}`)).to.equal('OperationError');
    expect(await open(draft, `ak1-form:sealed:v2:draft:${at}`)).to.equal('OperationError');
    expect(await open(draft, `ak1-form:sealed:v1:draft:${at + 1}`)).to.equal('OperationError');
    expect(await open(outbox, `ak1-form:sealed:v1:outbox:${outbox.expiresAt}`)).to.equal('k-bound');
    expect(await open(outbox, `ak1-form:sealed:v1:draft:${outbox.expiresAt}`)).to.equal('OperationError');
  });

  it('discards a record whose clear-text expiry was pushed back: the expiry is bound as associated data', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    await store().remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    const envelope = await rawGet(dbName, 'records', 'draft');
    envelope.expiresAt += 60 * 1000;
    await rawPut(dbName, 'records', 'draft', envelope);
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(discarded).to.deep.equal([{ record: 'remembered', reason: 'corrupt' }]);
  });

  it('discards an envelope of another version, and one that is not an envelope at all', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    await store().remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    const envelope = await rawGet(dbName, 'records', 'draft');
    await rawPut(dbName, 'records', 'draft', { ...envelope, v: 2 });
    expect(await store().loadRemembered()).to.equal(undefined);
    await store().remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    await rawPut(dbName, 'records', 'draft', 'not an envelope');
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(discarded).to.deep.equal([
      { record: 'remembered', reason: 'version' },
      { record: 'remembered', reason: 'corrupt' },
    ]);
  });

  it('forget() deletes the remembered draft, and with nothing else remembered the key and database too', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    await devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    await devices.putOutbox({ application: fullApplication(), idempotencyKey: 'k-f', endpoint: '/api/ak1', remember: true });
    await devices.forget();
    expect(await devices.loadRemembered()).to.equal(undefined);
    expect((await devices.loadOutbox())?.idempotencyKey).to.equal('k-f');
    await devices.clearOutbox();
    expect(await databaseNames()).not.to.include(dbName);
    expect(discarded).to.deep.equal([]);
  });

  it('looking for a remembered draft that was never written creates no database', async () => {
    const dbName = `ak1-form-test-${dbCount}`;
    const devices = store();
    expect(await devices.loadRemembered()).to.equal(undefined);
    expect(await devices.loadOutbox()).to.equal(undefined);
    await devices.forget();
    await devices.clearOutbox();
    expect(await databaseNames()).not.to.include(dbName);
  });

  it('applies overlapping writes in call order, and a wipe waits for a remember still encrypting', async () => {
    const devices = store();
    const big = { photo: { mediaType: 'image/jpeg', dataBase64: photoBase64() }, documents: [] };
    const first = devices.remember({ answers: typedAnswers(), step: 'identity', attachments: big });
    const second = devices.remember({ answers: typedAnswers(), step: 'contact', attachments: { documents: [] } });
    await Promise.all([first, second]);
    expect((await devices.loadRemembered())?.step).to.equal('contact');

    const pending = devices.remember({ answers: typedAnswers(), step: 'work', attachments: big });
    const wiped = devices.wipe();
    await Promise.all([pending, wiped]);
    expect(await store().loadRemembered()).to.equal(undefined);
    expect(await databaseNames()).not.to.include(`ak1-form-test-${dbCount}`);
  });
});

describe('storage: the outbox', () => {
  const entry = (remember: boolean, idempotencyKey = 'b8a3c1e0-6a0b-4c1e-9f7a-3d2e1c0b9a88') => ({
    application: fullApplication(),
    idempotencyKey,
    endpoint: 'https://disnaker.example.go.id/api/ak1',
    remember,
  });

  it('keeps the application and its key in sessionStorage until cleared; a reload reads the same key back', async () => {
    await store().putOutbox(entry(false));
    expect(Object.keys(sessionStorage)).to.deep.equal([SESSION_KEYS.outbox]);
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEYS.outbox)!)).to.include({ v: 1, savedAt: START });

    const devices = store();
    const loaded = await devices.loadOutbox();
    expect(loaded).to.deep.equal({ ...entry(false), savedAt: START });
    await devices.clearOutbox();
    expect(await devices.loadOutbox()).to.equal(undefined);
    expect(sessionStorage.length).to.equal(0);
  });

  it('with remember, keeps it encrypted in IndexedDB and nothing of it in sessionStorage', async () => {
    await store().putOutbox(entry(true));
    expect(sessionStorage.getItem(SESSION_KEYS.outbox)).to.equal(null);
    const loaded = await store().loadOutbox();
    expect(loaded).to.deep.equal({ ...entry(true), savedAt: START });
  });

  it('keeps one outbox: moving it between the tab and the encrypted store leaves no copy behind', async () => {
    const devices = store();
    await devices.putOutbox(entry(true, 'key-1'));
    await devices.putOutbox(entry(false, 'key-1'));
    expect(await databaseNames()).not.to.include(`ak1-form-test-${dbCount}`);
    expect((await devices.loadOutbox())?.remember).to.equal(false);
    await devices.putOutbox(entry(true, 'key-1'));
    expect(sessionStorage.getItem(SESSION_KEYS.outbox)).to.equal(null);
    expect((await devices.loadOutbox())?.remember).to.equal(true);
  });

  it('holds an application with 2.5 MB of attachments (~3.4 M base64 characters) in the real sessionStorage', async () => {
    const application = fullApplication();
    application.photo.dataBase64 = photoBase64(300 * 1024, 11);
    application.documents = [0, 1].map((i) => ({ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: photoBase64(1100 * 1024, 20 + i) }));
    const size = JSON.stringify(application).length;
    expect(size).to.be.within(3_300_000, DEVICE_STORE_LIMITS.outboxMaxChars);
    await store().putOutbox({ ...entry(false), application });
    expect((await store().loadOutbox())?.application).to.deep.equal(application);
  });

  it('reports a real full sessionStorage (the host page using its share) as storage.quota', async () => {
    const application = fullApplication();
    application.photo.dataBase64 = photoBase64(2_500 * 1024, 13);
    sessionStorage.setItem('host-page-cache', 'h'.repeat(2_000_000));
    const error = await rejection(store().putOutbox({ ...entry(false), application }));
    expect(error).to.be.instanceOf(Ak1StorageError);
    expect(error).to.include({ code: 'storage.quota' });
    expect(((error as Ak1StorageError).cause as DOMException).name).to.equal('QuotaExceededError');
    expect(sessionStorage.getItem('host-page-cache')).to.have.length(2_000_000);
  });

  it('reports a full quota (a Storage whose setItem throws QuotaExceededError) as storage.quota', async () => {
    const error = await rejection(store({ sessionStorage: fullStorage() }).putOutbox(entry(false)));
    expect(error).to.include({ name: 'Ak1StorageError', code: 'storage.quota' });
    expect(String((error as Error).message)).not.to.include(NIK);
  });

  it('refuses an outbox over the body limit with storage.tooLarge, in either place', async () => {
    const application = { ...fullApplication(), padding: 'x'.repeat(DEVICE_STORE_LIMITS.outboxMaxChars) };
    for (const remember of [false, true]) {
      expect(await rejection(store().putOutbox({ ...entry(remember), application })), String(remember)).to.include({ code: 'storage.tooLarge' });
    }
  });

  it('refuses an idempotency key the contract would refuse', async () => {
    for (const key of ['', 'with space', 'x'.repeat(256), 'é']) {
      expect(await rejection(store().putOutbox(entry(false, key)))).to.be.instanceOf(TypeError);
    }
  });

  it('discards an outbox of another version, or corrupt, without throwing', async () => {
    sessionStorage.setItem(SESSION_KEYS.outbox, JSON.stringify({ v: 0, savedAt: START, idempotencyKey: 'k', endpoint: '/a', application: {} }));
    expect(await store().loadOutbox()).to.equal(undefined);
    sessionStorage.setItem(SESSION_KEYS.outbox, '{"v":1,"savedAt":1,"idempotencyKey":"k","application":{}');
    expect(await store().loadOutbox()).to.equal(undefined);
    sessionStorage.setItem(SESSION_KEYS.outbox, JSON.stringify({ v: 1, savedAt: START, idempotencyKey: 'k', application: {} }));
    expect(await store().loadOutbox()).to.equal(undefined);
    expect(sessionStorage.length).to.equal(0);
    expect(discarded).to.deep.equal([
      { record: 'outbox', reason: 'version' },
      { record: 'outbox', reason: 'corrupt' },
      { record: 'outbox', reason: 'corrupt' },
    ]);
  });

  it('lets an unsent outbox go after 72 hours, in either place', async () => {
    for (const remember of [false, true]) {
      clock = START;
      await store().putOutbox(entry(remember));
      clock = START + 72 * HOUR;
      expect((await store().loadOutbox())?.remember, `kept ${remember}`).to.equal(remember);
      clock += 1;
      expect(await store().loadOutbox(), `expired ${remember}`).to.equal(undefined);
    }
    expect(discarded).to.deep.equal([
      { record: 'outbox', reason: 'expired' },
      { record: 'outbox', reason: 'expired' },
    ]);
    expect(sessionStorage.length).to.equal(0);
    expect(await databaseNames()).not.to.include(`ak1-form-test-${dbCount}`);
  });
});
