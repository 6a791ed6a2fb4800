import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderCardPdf } from '../../src/card/index.js';
import { NOTO_SANS_BOLD, NOTO_SANS_REGULAR } from '../../src/card/font/noto-sans.js';
import { nameCodePoints, textCodePoints, isNameText, isPrintableText } from '../../src/schema/index.js';
import { cardApplication } from '../fixtures/card-photo.js';
import { cardRegistration, FIXED_OUTPUT } from '../fixtures/card.js';
import { pdfText } from '../fixtures/pdf-tools.js';

/** The code points a TrueType font maps to a glyph other than .notdef, read from its cmap table. */
function mappedCodePoints(font: Buffer): Set<number> {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16;
    tables.set(font.toString('latin1', entry, entry + 4), font.readUInt32BE(entry + 8));
  }
  const cmap = tables.get('cmap');
  assert.ok(cmap !== undefined, 'the font has a cmap table');
  const mapped = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = font.readUInt16BE(cmap + 4 + i * 8);
    const encoding = font.readUInt16BE(cmap + 6 + i * 8);
    const offset = cmap + font.readUInt32BE(cmap + 8 + i * 8);
    const format = font.readUInt16BE(offset);
    if (platform !== 3 && platform !== 0) continue;
    if (format === 4 && (platform === 0 || encoding === 1)) {
      const segments = font.readUInt16BE(offset + 6) / 2;
      const ends = offset + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(ends + s * 2);
        const start = font.readUInt16BE(starts + s * 2);
        const delta = font.readInt16BE(deltas + s * 2);
        const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
            glyph = font.readUInt16BE(at);
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) mapped.add(c);
        }
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(offset + 12);
      for (let g = 0; g < groups; g++) {
        const group = offset + 16 + g * 12;
        const start = font.readUInt32BE(group);
        const end = font.readUInt32BE(group + 4);
        const glyph = font.readUInt32BE(group + 8);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) mapped.add(c);
      }
    }
  }
  return mapped;
}

const FACES = { regular: Buffer.from(NOTO_SANS_REGULAR, 'base64'), bold: Buffer.from(NOTO_SANS_BOLD, 'base64') };
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;

describe('the card font subset', () => {
  for (const [face, font] of Object.entries(FACES)) {
    it(`${face}: has a glyph for every character the schema accepts in a name`, () => {
      const mapped = mappedCodePoints(font);
      const missing = nameCodePoints().filter((cp) => !mapped.has(cp));
      assert.deepEqual(missing.map(hex), []);
    });

    it(`${face}: has a glyph for every character the schema accepts in any text`, () => {
      const mapped = mappedCodePoints(font);
      const missing = textCodePoints().filter((cp) => !mapped.has(cp));
      assert.deepEqual(missing.map(hex), []);
    });

    it(`${face}: holds nothing else but the space`, () => {
      const wanted = new Set([...textCodePoints(), 0x20]);
      const extra = [...mappedCodePoints(font)].filter((cp) => !wanted.has(cp));
      assert.deepEqual(extra.map(hex), []);
    });
  }

  it('is what the generator makes from the installed font (run `npx tsx src/card/font/generate.mjs` after a change)', async () => {
    const { generateFontModule, FONT_MODULE } = await import('../../src/card/font/generate.mjs');
    assert.equal(await generateFontModule(), readFileSync(FONT_MODULE, 'utf8'));
  });

  it('ships with its licence, naming the font and its copyright', () => {
    const licence = readFileSync(new URL('../../src/card/font/OFL.txt', import.meta.url), 'utf8');
    assert.match(licence, /^Copyright 2022 The Noto Project Authors/);
    assert.match(licence, /SIL OPEN FONT LICENSE Version 1\.1/);
    assert.match(licence, /Noto Sans Regular and Bold, version 2\.015/);
  });

  it('prints every character the schema accepts and reads back the same from the PDF', async () => {
    // Names in pieces the schema would take, each its own word; text characters in the street.
    const letters = nameCodePoints().map((cp) => String.fromCodePoint(cp)).filter((ch) => /\p{L}/u.test(ch));
    const words: string[] = [];
    for (let i = 0; i < letters.length; i += 12) words.push(letters.slice(i, i + 12).join(''));
    const punctuation = textCodePoints()
      .map((cp) => String.fromCodePoint(cp))
      .filter((ch) => !/\p{L}/u.test(ch) && ch !== ' ');
    const street = `Jl. ${punctuation.join('')}`;
    assert.ok(isPrintableText(street));
    for (let i = 0; i < words.length; i += 6) {
      const fullName = words.slice(i, i + 6).join(' ');
      assert.ok(isNameText(fullName), fullName);
      const application = { ...cardApplication(), fullName, address: { ...cardApplication().address, street } };
      const pdf = await renderCardPdf(application as never, cardRegistration() as never, FIXED_OUTPUT);
      const text = pdfText(pdf, 'raw').replace(/\s+/g, '');
      assert.ok(text.includes(fullName.replace(/\s+/g, '')), `${fullName} did not read back`);
      assert.ok(text.includes(street.replace(/\s+/g, '')), 'the punctuation did not read back');
    }
  });
});
