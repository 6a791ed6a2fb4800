/*
 * Issue 12, item 4: attachments were taken on their first bytes. A JPEG header followed by megabytes of random
 * bytes was registered (3.7 MB on disk). Now the server walks each attachment's structure (JPEG markers, SOF size,
 * EOI at the end; the PDF checks of the device) and a registration's stored size is bounded.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import { LIMITS } from '../../src/schema/index.js';
import { ak1DemoDistrict, createAk1Handler, createSqliteStore, type Ak1Store } from '../../src/server/index.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { figure, megabytes } from './figures.js';

const NOW = new Date('2026-11-28T02:00:00Z');
const temp = mkdtempSync(join(tmpdir(), 'ak1-item-4-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A real baseline JPEG of `width` × `height` made by jpeg-js. */
function realJpeg(width: number, height: number, quality = 80): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (i / 4) % 251;
    data[i + 1] = (i / 7) % 253;
    data[i + 2] = 128;
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, quality).data);
}

/** Everything of `jpegBytes` up to and with its first SOS segment: a header any sniffer takes for a JPEG. */
function headerOf(jpegBytes: Uint8Array): Uint8Array {
  let at = 2;
  for (;;) {
    const marker = jpegBytes[at + 1]!;
    const length = (jpegBytes[at + 2]! << 8) | jpegBytes[at + 3]!;
    at += 2 + length;
    if (marker === 0xda) return jpegBytes.subarray(0, at);
  }
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + 65536)));
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Scan data that stays a well-formed JPEG however long: no FF byte at all, then EOI. */
function filler(length: number): Uint8Array {
  const bytes = randomBytes(length);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0xff) bytes[i] = 0xfe;
  return bytes;
}

async function server(store: Ak1Store) {
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: 'http://localhost:8080',
    district: ak1DemoDistrict,
    corsOrigins: [],
    now: () => NOW,
  });
  let keys = 0;
  return (application: unknown) =>
    handler(
      new Request('http://localhost:8080/api/ak1', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `item-4-${++keys}` },
        body: JSON.stringify(application),
      }),
    );
}

describe('item 4: attachments are checked beyond their first bytes', () => {
  const photoHeader = headerOf(realJpeg(600, 800));
  const documentHeader = headerOf(realJpeg(1600, 1000));

  it('a JPEG header followed by 2.5 MB of random bytes is refused with 422 and message keys, and nothing is stored', async (t) => {
    const database = join(temp, 'random.sqlite');
    const store = await createSqliteStore(database);
    const post = await server(store);
    const photo = concat(photoHeader, randomBytes(LIMITS.photoBytes - photoHeader.length - 64));
    const perDocument = Math.floor((LIMITS.attachmentsBytes - photo.length) / 3) - 64;
    const documents = ['KTP', 'IJAZAH', 'KK'].map((kind) => ({
      kind,
      mediaType: 'image/jpeg',
      dataBase64: base64(concat(documentHeader, randomBytes(perDocument - documentHeader.length))),
    }));
    const application = testApplicant(1, { photo: { mediaType: 'image/jpeg', dataBase64: base64(photo) }, documents });
    const started = performance.now();
    const response = await post(application);
    figure(t, 'item-4', 'random-bytes registration answered in', `${Math.round(performance.now() - started)} ms`);
    assert.equal(response.status, 422, await response.clone().text());
    const body = await response.json();
    assert.equal(body.type, 'urn:ak1:problem:invalid-application');
    const codes = (body.errors as Array<{ path: unknown[]; code: string }>).map((e) => `${e.path.join('.')} ${e.code}`);
    assert.deepEqual(codes, [
      'photo.dataBase64 photo.dataBase64.unreadable',
      'documents.0.dataBase64 documents.dataBase64.unreadable',
      'documents.1.dataBase64 documents.dataBase64.unreadable',
      'documents.2.dataBase64 documents.dataBase64.unreadable',
    ]);
    assert.deepEqual(await store.listRegistrations({ registrationDate: '2026-11-28' }), []);
    await store.close();
  });

  it('JPEGs larger than the device makes them, without an end, or cut short are refused; a PDF must parse', async () => {
    const post = await server(await createSqliteStore(join(temp, 'shapes.sqlite')));
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a photo wider than 600 × 800', { photo: { mediaType: 'image/jpeg', dataBase64: base64(realJpeg(640, 800, 20)) } }, 'photo.dataBase64.dimensions'],
      ['a photo without its end marker', { photo: { mediaType: 'image/jpeg', dataBase64: base64(realJpeg(60, 80).subarray(0, -2)) } }, 'photo.dataBase64.unreadable'],
      [
        'a document with a long side over 1600',
        { documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: base64(realJpeg(1700, 100)) }] },
        'documents.dataBase64.dimensions',
      ],
      [
        'a PDF with only a header',
        { documents: [{ kind: 'KTP', mediaType: 'application/pdf', dataBase64: base64(new TextEncoder().encode('%PDF-1.4\n% nothing else')) }] },
        'documents.dataBase64.unreadable',
      ],
      ['a PDF that runs JavaScript', { documents: [{ kind: 'KTP', mediaType: 'application/pdf', dataBase64: base64(pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')) }] }, 'documents.dataBase64.pdfActive'],
    ];
    let i = 10;
    for (const [name, changes, code] of cases) {
      const response = await post(testApplicant(i++, changes));
      assert.equal(response.status, 422, name);
      const body = await response.json();
      assert.deepEqual(body.errors.map((e: { code: string }) => e.code), [code], name);
    }
    const good = await post(
      testApplicant(i++, {
        photo: { mediaType: 'image/jpeg', dataBase64: base64(realJpeg(600, 800)) },
        documents: [
          { kind: 'KTP', mediaType: 'image/jpeg', dataBase64: base64(realJpeg(1600, 1000)) },
          { kind: 'IJAZAH', mediaType: 'application/pdf', dataBase64: base64(pdf('')) },
        ],
      }),
    );
    assert.equal(good.status, 201, await good.clone().text());
  });

  it('a registration stores at most the 4 MB body limit, even with the largest attachments that pass', async (t) => {
    const database = join(temp, 'bound.sqlite');
    const store = await createSqliteStore(database);
    const post = await server(store);
    // Structurally sound and as large as the limits allow: the worst a client can make the server keep.
    const photo = concat(photoHeader, filler(LIMITS.photoBytes - photoHeader.length - 2), new Uint8Array([0xff, 0xd9]));
    const perDocument = Math.floor((LIMITS.attachmentsBytes - photo.length) / 3);
    const document = concat(documentHeader, filler(perDocument - documentHeader.length - 2), new Uint8Array([0xff, 0xd9]));
    const documents = ['KTP', 'IJAZAH', 'KK'].map((kind) => ({ kind, mediaType: 'image/jpeg', dataBase64: base64(document) }));
    const response = await post(testApplicant(2, { photo: { mediaType: 'image/jpeg', dataBase64: base64(photo) }, documents }));
    assert.equal(response.status, 201, await response.clone().text());
    await store.close();

    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(database, { readonly: true });
    const row = db.prepare('SELECT length(application) + length(attachments) AS bytes FROM ak1_registrations').get() as { bytes: number };
    db.close();
    figure(t, 'item-4', 'largest stored registration', `${megabytes(row.bytes)} (bound ${megabytes(LIMITS.bodyBytes)})`);
    assert.ok(row.bytes <= LIMITS.bodyBytes, `${row.bytes} bytes stored`);
    assert.ok(row.bytes <= Math.ceil((LIMITS.attachmentsBytes * 4) / 3) + 64 * 1024, `${row.bytes} bytes stored`);
  });
});

/** A small, well-formed PDF with `extra` in its catalogue. */
function pdf(extra: string): Uint8Array {
  const objects = [`<< /Type /Catalog /Pages 2 0 R ${extra}>>`, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}
