/*
 * media/structure.ts: the structural walk the server runs on every attachment. Real files pass with their
 * declared size; cut, padded, re-chunked or noisy ones fail; and it is fast enough to run on every request.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { pictureStructure } from '../../src/media/structure.js';
import { TINY_JPEG_BASE64 } from '../fixtures/application.js';

function realJpeg(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256);
  return new Uint8Array(jpeg.encode({ data, width, height }, 75).data);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(width: number, height: number, { idatSplit = false } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const compressed = deflateSync(raw);
  const idats = idatSplit
    ? [chunk('IDAT', compressed.subarray(0, 4)), chunk('IDAT', compressed.subarray(4))]
    : [chunk('IDAT', compressed)];
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...idats, chunk('IEND', new Uint8Array())]);
}

/** A lossless WebP's container and header (its bit stream is not decoded by the structure walk). */
function webp(width: number, height: number, extra: Buffer = Buffer.alloc(0)): Buffer {
  const bits = (width - 1) | ((height - 1) << 14);
  const payload = Buffer.from([0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff, 0, 0, 0, 0, 0, 0]);
  const vp8l = Buffer.concat([Buffer.from('VP8L'), u32le(payload.length), payload, Buffer.alloc(payload.length % 2)]);
  const body = Buffer.concat([Buffer.from('WEBP'), vp8l, extra]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

describe('pictureStructure', () => {
  it('reads real JPEGs (jpeg-js, and the fixtures’ 1×1) with their declared size', () => {
    assert.deepEqual(pictureStructure(realJpeg(600, 800), 'image/jpeg'), { width: 600, height: 800 });
    assert.deepEqual(pictureStructure(realJpeg(17, 9), 'image/jpeg'), { width: 17, height: 9 });
    assert.deepEqual(pictureStructure(Buffer.from(TINY_JPEG_BASE64, 'base64'), 'image/jpeg'), { width: 1, height: 1 });
  });

  it('refuses a JPEG cut short, with bytes after its end, with a broken segment length, or with noise after its header', () => {
    const good = realJpeg(64, 48);
    const cases: Array<[string, Uint8Array]> = [
      ['without EOI', good.subarray(0, -2)],
      ['cut in the middle', good.subarray(0, good.length >> 1)],
      ['trailing bytes', Buffer.concat([good, Buffer.from('hello')])],
      ['no SOI', good.subarray(2)],
      ['a segment longer than the file', Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0xff]), good.subarray(6)])],
      ['only SOI and EOI', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ];
    for (const [name, bytes] of cases) assert.equal(pictureStructure(bytes, 'image/jpeg'), undefined, name);
    // A real header followed by random bytes (the attack of issue 12, item 4), 200 times.
    const header = good.subarray(0, good.indexOf(0xda, 2) + 14);
    for (let i = 0; i < 200; i++) {
      const noise = crypto.getRandomValues(new Uint8Array(4096));
      assert.equal(pictureStructure(Buffer.concat([header, noise]), 'image/jpeg'), undefined);
    }
  });

  it('reads PNGs chunk by chunk, with their CRCs, IDATs together and IEND last', () => {
    assert.deepEqual(pictureStructure(png(30, 20), 'image/png'), { width: 30, height: 20 });
    assert.deepEqual(pictureStructure(png(30, 20, { idatSplit: true }), 'image/png'), { width: 30, height: 20 });
    const good = png(30, 20);
    const flipped = Buffer.from(good);
    flipped[40] = flipped[40]! ^ 1;
    assert.equal(pictureStructure(flipped, 'image/png'), undefined, 'a CRC that does not match');
    assert.equal(pictureStructure(good.subarray(0, -12), 'image/png'), undefined, 'no IEND');
    assert.equal(pictureStructure(Buffer.concat([good, Buffer.alloc(3)]), 'image/png'), undefined, 'bytes after IEND');
  });

  it('reads WebP containers whose chunks fill the RIFF size exactly', () => {
    assert.deepEqual(pictureStructure(webp(300, 400), 'image/webp'), { width: 300, height: 400 });
    const exif = Buffer.concat([Buffer.from('EXIF'), u32le(3), Buffer.from([1, 2, 3, 0])]);
    assert.deepEqual(pictureStructure(webp(300, 400, exif), 'image/webp'), { width: 300, height: 400 });
    const good = webp(300, 400);
    assert.equal(pictureStructure(good.subarray(0, -2), 'image/webp'), undefined, 'cut short');
    assert.equal(pictureStructure(Buffer.concat([good, Buffer.alloc(2)]), 'image/webp'), undefined, 'longer than RIFF says');
  });

  it('walks 2.5 MB in milliseconds', (t) => {
    const header = realJpeg(600, 800);
    const body = crypto.getRandomValues(new Uint8Array(65536)).map((b) => (b === 0xff ? 0xfe : b));
    const parts = [header.subarray(0, -2)];
    for (let i = 0; i < 40; i++) parts.push(body);
    parts.push(Buffer.from([0xff, 0xd9]));
    const big = Buffer.concat(parts);
    const started = performance.now();
    assert.deepEqual(pictureStructure(big, 'image/jpeg'), { width: 600, height: 800 });
    const ms = performance.now() - started;
    t.diagnostic(`2.5 MB JPEG walked in ${ms.toFixed(1)} ms`);
    // Reported, not asserted beyond a bound no loaded machine misses.
    assert.ok(ms < 2000, `${ms} ms`);
  });
});
