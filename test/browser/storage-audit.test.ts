import { expect } from '@open-wc/testing';
import { createDeviceStore, type DeviceStore } from '../../src/storage/index.js';
import { emptyAnswers, type Answers, type Attachments } from '../../src/components/form/answers.js';
import { STEP_IDS } from '../../src/components/form/steps.js';
import { fullApplication } from '../fixtures/application.js';

/*
 * The storage audit of issue 8: after each step and after success, read back everything the origin holds
 * (sessionStorage, localStorage, cookies, every IndexedDB database and object store, raw) and look for the
 * applicant's NIK, phone and photo bytes. Uses the default database name, as the form does.
 */

const NIK = '3604055209900003';
const PHONE_MARKERS = ['+6281234567890', '6281234567890', '081234567890', '0812-3456-7890', '81234567890'];
const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-11-28T02:00:00.000Z');

/** A pseudo-random ~300 kB photo; its base64 and its raw bytes each get a marker taken from the middle. */
function makePhoto(byteLength = 300 * 1024, seed = 5) {
  const bytes = new Uint8Array(byteLength);
  let state = seed;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const dataBase64 = btoa(binary);
  const middle = Math.floor(dataBase64.length / 2 / 4) * 4;
  return {
    dataBase64,
    base64Marker: dataBase64.slice(middle, middle + 64),
    byteMarker: binary.slice(middle, middle + 32),
  };
}

const photo = makePhoto();
const ktp = makePhoto(200 * 1024, 9);
const SECRETS = [NIK, ...PHONE_MARKERS, photo.base64Marker, photo.byteMarker, ktp.base64Marker, ktp.byteMarker];

/** Everything readable in a value, binary included: bytes are read as Latin-1, UTF-8 and UTF-16. */
async function readable(value: unknown): Promise<string> {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const view = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    let latin1 = '';
    for (let i = 0; i < view.length; i += 0x8000) latin1 += String.fromCharCode(...view.subarray(i, i + 0x8000));
    const even = view.subarray(0, view.length - (view.length % 2));
    return [latin1, new TextDecoder('utf-8').decode(view), new TextDecoder('utf-16le').decode(even)].join('\n');
  }
  if (value instanceof Blob) return readable(await value.arrayBuffer());
  if (value instanceof CryptoKey) return `CryptoKey ${JSON.stringify(value.algorithm)} ${value.extractable} ${value.usages.join()}`;
  if (value instanceof Date) return value.toISOString();
  const parts: string[] = [];
  for (const [key, inner] of Object.entries(value)) parts.push(key, await readable(inner));
  return parts.join('\n');
}

interface DeviceContents {
  sessionStorage: string[];
  localStorage: string[];
  cookies: string;
  /** `database/store` → every key and value in it, described. */
  indexedDB: Map<string, string[]>;
}

function readArea(area: Storage): string[] {
  const texts: string[] = [];
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i)!;
    texts.push(key, area.getItem(key) ?? '');
  }
  return texts;
}

/** Opens an existing database at its own version, without creating or upgrading anything. */
function openExisting(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function readDatabases(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const { name, version } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await openExisting(name, version);
    try {
      for (const storeName of Array.from(db.objectStoreNames)) {
        const entries = await new Promise<Array<[unknown, unknown]>>((resolve, reject) => {
          const rows: Array<[unknown, unknown]> = [];
          const request = db.transaction(storeName).objectStore(storeName).openCursor();
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor) return resolve(rows);
            rows.push([cursor.key, cursor.value]);
            cursor.continue();
          };
          request.onerror = () => reject(request.error);
        });
        const texts: string[] = [];
        for (const [key, value] of entries) texts.push(await readable(key), await readable(value));
        found.set(`${name}/${storeName}`, texts);
      }
      if (db.objectStoreNames.length === 0) found.set(`${name}/`, []);
    } finally {
      db.close();
    }
  }
  return found;
}

async function deviceContents(): Promise<DeviceContents> {
  return {
    sessionStorage: readArea(sessionStorage),
    localStorage: readArea(localStorage),
    cookies: document.cookie,
    indexedDB: await readDatabases(),
  };
}

/** Where each secret turns up: `place: secret`. */
function leaks(texts: Iterable<[string, string]>): string[] {
  const found: string[] = [];
  for (const [place, text] of texts) {
    for (const secret of SECRETS) if (text.includes(secret)) found.push(`${place}: ${secret === NIK ? 'NIK' : PHONE_MARKERS.includes(secret) ? 'phone' : 'photo bytes'}`);
  }
  return found;
}

const inSession = (contents: DeviceContents) => contents.sessionStorage.map((text) => ['sessionStorage', text] as [string, string]);
const outsideSession = (contents: DeviceContents): Array<[string, string]> => [
  ...contents.localStorage.map((text) => ['localStorage', text] as [string, string]),
  ['cookies', contents.cookies],
  ...[...contents.indexedDB].flatMap(([place, texts]) => texts.map((text) => [`indexedDB ${place}`, text] as [string, string])),
];

/** Nothing of ak1-form anywhere: no key of ours in either Web Storage area, no database of ours, no cookie. */
async function expectNothingOfOurs() {
  const contents = await deviceContents();
  expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ak1-form'))).to.deep.equal([]);
  expect(Object.keys(localStorage).filter((key) => key.startsWith('ak1-form'))).to.deep.equal([]);
  expect((await indexedDB.databases()).map((db) => db.name).filter((name) => name?.startsWith('ak1-form'))).to.deep.equal([]);
  expect(contents.cookies).not.to.include('ak1');
  expect(leaks([...inSession(contents), ...outsideSession(contents)])).to.deep.equal([]);
}

/** The answers as an applicant has typed them by the time they leave `step`. */
function answersBy(step: string): Answers {
  const answers = emptyAnswers();
  const reached = (id: string) => STEP_IDS.indexOf(step as never) >= STEP_IDS.indexOf(id as never);
  if (reached('identity')) Object.assign(answers, { nik: NIK, fullName: 'Siti Nur’aini', birthPlace: 'Serang', birthDate: { day: '12', month: '09', year: '1990' }, sex: 'P' });
  if (reached('contact')) Object.assign(answers, { phone: '0812-3456-7890', email: 'siti.nuraini@example.com' });
  if (reached('education')) answers.education = [{ level: 'SMK', institution: 'SMK Negeri 1 Kragilan', major: '', graduationYear: '2008' }];
  if (reached('consent')) answers.consent = true;
  return answers;
}

function attachmentsBy(step: string): Attachments {
  const reached = STEP_IDS.indexOf(step as never) >= STEP_IDS.indexOf('documents');
  return reached
    ? { photo: { mediaType: 'image/jpeg', dataBase64: photo.dataBase64 }, documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: ktp.dataBase64 }] }
    : { documents: [] };
}

function submittedApplication() {
  const application = fullApplication();
  application.photo = { mediaType: 'image/jpeg', dataBase64: photo.dataBase64 };
  application.documents = [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: ktp.dataBase64 }];
  return application;
}

const QUESTION_AND_REVIEW_STEPS = STEP_IDS.filter((step) => step !== 'done');
let clock = START;
let logged: unknown[][] = [];
const originalConsole = { ...console };

async function wipeEverythingOfOurs() {
  await createDeviceStore().wipe();
  for (const { name } of await indexedDB.databases()) {
    if (name?.startsWith('ak1-form') || name === 'host-portal' || name === 'audit-probe') indexedDB.deleteDatabase(name);
  }
}

beforeEach(async () => {
  clock = START;
  sessionStorage.clear();
  await wipeEverythingOfOurs();
  logged = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]) => void logged.push(args);
  }
});

afterEach(() => {
  Object.assign(console, originalConsole);
  // The store writes nothing to the console, least of all personal data.
  expect(logged).to.deep.equal([]);
});

after(wipeEverythingOfOurs);

function newStore(): DeviceStore {
  return createDeviceStore({ now: () => clock });
}

describe('storage audit', () => {
  it('the audit finds a planted NIK, phone or photo bytes in every place it looks (so its silence means something)', async () => {
    localStorage.setItem('probe', `x${NIK}x`);
    document.cookie = `probe=${PHONE_MARKERS[1]}; path=/`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('audit-probe', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('things');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const utf16 = new Uint8Array(NIK.length * 2);
    for (let i = 0; i < NIK.length; i++) utf16[i * 2] = NIK.charCodeAt(i);
    const photoBytes = Uint8Array.from(photo.byteMarker, (char) => char.charCodeAt(0));
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction('things', 'readwrite');
      const store = transaction.objectStore('things');
      store.put({ nested: [{ text: `a${NIK}` }] }, 'plain');
      store.put(new TextEncoder().encode(NIK), 'utf8-bytes');
      store.put(utf16.buffer, 'utf16-bytes');
      store.put(new Blob([photoBytes]), 'photo-blob');
      store.put(`${photo.base64Marker}`, 'photo-base64');
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error);
    });
    db.close();
    try {
      const found = leaks(outsideSession(await deviceContents()));
      expect(found).to.include.members(['localStorage: NIK', 'cookies: phone', 'indexedDB audit-probe/things: NIK', 'indexedDB audit-probe/things: photo bytes']);
      // One hit per planted value: plain, UTF-8 bytes, UTF-16 bytes; the photo as a Blob and as base64.
      expect(found.filter((hit) => hit === 'indexedDB audit-probe/things: NIK')).to.have.length(3);
      expect(found.filter((hit) => hit === 'indexedDB audit-probe/things: photo bytes')).to.have.length(2);
    } finally {
      localStorage.removeItem('probe');
      document.cookie = 'probe=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
      indexedDB.deleteDatabase('audit-probe');
    }
  });

  it('without "Ingat": after each step the answers are only in sessionStorage; no NIK, phone or photo in localStorage, IndexedDB or cookies', async () => {
    const store = newStore();
    for (const step of QUESTION_AND_REVIEW_STEPS) {
      // What the form keeps for the tab: the typed answers, never the attachments.
      store.saveDraft({ answers: answersBy(step), step });
      const contents = await deviceContents();
      expect(leaks(outsideSession(contents)), step).to.deep.equal([]);
      expect(contents.indexedDB.size, step).to.equal(0);
      const sessionLeaks = leaks(inSession(contents));
      expect(sessionLeaks.filter((hit) => hit.endsWith('photo bytes')), step).to.deep.equal([]);
      // The audit is not vacuous: the tab draft really holds the NIK (and from the contact step, the phone).
      expect(sessionLeaks, step).to.include('sessionStorage: NIK');
    }
    await store.putOutbox({ application: submittedApplication(), idempotencyKey: crypto.randomUUID(), endpoint: '/api/ak1', remember: false });
    const queued = await deviceContents();
    expect(leaks(outsideSession(queued))).to.deep.equal([]);
    expect(leaks(inSession(queued))).to.include('sessionStorage: photo bytes');

    // The server confirmed: every trace goes.
    await store.wipe();
    await expectNothingOfOurs();
  });

  it('with "Ingat": after each step and with the outbox queued, everything of ours on the device is ciphertext', async () => {
    const store = newStore();
    expect(store.canRemember).to.equal(true);
    for (const step of QUESTION_AND_REVIEW_STEPS) {
      await store.remember({ answers: answersBy(step), step, attachments: attachmentsBy(step) });
      const contents = await deviceContents();
      expect(leaks([...inSession(contents), ...outsideSession(contents)]), step).to.deep.equal([]);
      expect([...contents.indexedDB.keys()].sort(), step).to.deep.equal(['ak1-form/keys', 'ak1-form/records']);
    }
    await store.putOutbox({ application: submittedApplication(), idempotencyKey: crypto.randomUUID(), endpoint: '/api/ak1', remember: true });
    const queued = await deviceContents();
    expect(leaks([...inSession(queued), ...outsideSession(queued)])).to.deep.equal([]);
    // Ours are the only keys and nothing is in clear: ciphertext, IVs, the opaque key and the expiry stamps.
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ak1-form'))).to.deep.equal([]);
    const records = queued.indexedDB.get('ak1-form/records')!;
    expect(records.filter((_, i) => i % 2 === 0)).to.deep.equal(['draft', 'outbox']);

    // And it still decrypts for the form.
    expect((await newStore().loadRemembered())?.attachments).to.deep.equal(attachmentsBy('review'));
    expect((await newStore().loadOutbox())?.application).to.deep.equal(submittedApplication());

    await store.wipe();
    await expectNothingOfOurs();
  });

  it('wipe() ("Hapus data saya") leaves nothing of ak1-form anywhere and the host page\'s own storage untouched', async () => {
    sessionStorage.setItem('host-cart', 'keep me');
    localStorage.setItem('host-theme', 'dark');
    // ak1-form never writes localStorage; were a stray key of ours there, a wipe would still take it.
    localStorage.setItem('ak1-form:stray', NIK);
    const hostDb = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('host-portal', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('news').put('berita', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    hostDb.close();

    const store = newStore();
    store.saveDraft({ answers: answersBy('review'), step: 'review' });
    await store.remember({ answers: answersBy('review'), step: 'review', attachments: attachmentsBy('review') });
    store.saveDraft({ answers: answersBy('review'), step: 'review' });
    await store.putOutbox({ application: submittedApplication(), idempotencyKey: 'k-wipe', endpoint: '/api/ak1', remember: false });
    await store.wipe();

    await expectNothingOfOurs();
    expect(sessionStorage.getItem('host-cart')).to.equal('keep me');
    expect(localStorage.getItem('host-theme')).to.equal('dark');
    expect((await deviceContents()).indexedDB.get('host-portal/news')).to.deep.equal(['1', 'berita']);
    localStorage.removeItem('host-theme');
  });

  it('with "Ingat": nothing is left 72 hours after the last write (controlled clock)', async () => {
    const store = newStore();
    await store.remember({ answers: answersBy('review'), step: 'review', attachments: attachmentsBy('review') });
    await store.putOutbox({ application: submittedApplication(), idempotencyKey: 'k-72', endpoint: '/api/ak1', remember: true });
    clock = START + 72 * HOUR + 1;
    const later = newStore();
    expect(await later.loadRemembered()).to.equal(undefined);
    expect(await later.loadOutbox()).to.equal(undefined);
    await expectNothingOfOurs();
  });

  it('an abandoned tab draft is gone when the next person opens the page two hours later', async () => {
    newStore().saveDraft({ answers: answersBy('contact'), step: 'contact' });
    clock = START + 2 * HOUR + 1;
    expect(newStore().loadDraft()).to.equal(undefined);
    await expectNothingOfOurs();
  });
});
