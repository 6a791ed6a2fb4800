import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { jsPDF as FullJsPdf } from 'jspdf';
import { jsPDF as TrimmedJsPdf } from '../../src/card/jspdf/jspdf.js';
import { DROPPED_PLUGINS, JSPDF_MODULE, generateJsPdfModule } from '../../src/card/jspdf/generate.mjs';
import { renderCard } from '../../src/card/render.js';
import * as fonts from '../../src/card/font/noto-sans.js';
import type { Ak1CardOptions } from '../../src/card/index.js';
import { cardApplication, logoPng } from '../fixtures/card-photo.js';
import { CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT, SAMPLE_OVERLAY, cardRegistration, signedRegistration } from '../fixtures/card.js';

/*
 * The card's jsPDF is jsPDF's ES build less the plugins the card never calls (src/card/jspdf/generate.mjs).
 * It must be the module the generator makes from the installed jsPDF, and it must make the same card: every
 * fixture card rendered with it and with the full jsPDF (Node's build of the package) is the same bytes.
 */

const OPTIONS: Ak1CardOptions = { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT };

const CARDS: [string, () => [unknown, unknown, Ak1CardOptions]][] = [
  ['the card not yet signed, with its booked visit', () => [cardApplication(), cardRegistration(), OPTIONS]],
  ['the signed card', () => [cardApplication(), signedRegistration(), OPTIONS]],
  ['the signed copy, placed', () => [cardApplication(), signedRegistration('PLACED'), { ...OPTIONS, copy: true }]],
  ['the card with a PNG logo', () => [cardApplication(), cardRegistration(), { ...OPTIONS, logo: logoPng() }]],
  ['a district blank (overlay) with a logo', () => [cardApplication(), signedRegistration(), { ...OPTIONS, layout: SAMPLE_OVERLAY, logo: logoPng(16) }]],
];

describe("the card's trimmed jsPDF", () => {
  it('is what the generator makes from the installed jsPDF', async () => {
    const committed = readFileSync(JSPDF_MODULE, 'utf8');
    assert.ok(committed === (await generateJsPdfModule()), 'src/card/jspdf/jspdf.js is out of date: run npm run jspdf');
    assert.match(committed, /@license[\s\S]*jsPDF - PDF Document creation from JavaScript[\s\S]*Permission is hereby granted/, "jsPDF's MIT header is kept");
  });

  it('leaves out the plugins it names, and keeps what the card calls', () => {
    const full = FullJsPdf.API as unknown as Record<string, unknown>;
    const trimmed = TrimmedJsPdf.API as unknown as Record<string, unknown>;
    for (const method of ['html', 'addSvgAsImage', 'cell', 'autoPrint', 'addJS', 'processGIF89A', 'processBMP', 'processWEBP', 'viewerPreferences', 'putTotalPages', 'loadFile']) {
      assert.equal(typeof full[method], 'function', `the full jsPDF has ${method}`);
      assert.equal(trimmed[method], undefined, `the trimmed jsPDF has no ${method}`);
    }
    for (const method of ['addImage', 'processJPEG', 'processPNG', 'addFileToVFS', 'setLanguage', 'splitTextToSize', 'getStringUnitWidth']) {
      assert.equal(typeof trimmed[method], 'function', `the trimmed jsPDF keeps ${method}`);
    }
    assert.equal(DROPPED_PLUGINS.length, 15);
  });

  for (const [name, inputs] of CARDS) {
    it(`renders ${name} to the same bytes as the full jsPDF`, () => {
      const [application, registration, options] = inputs();
      const withFull = renderCard(FullJsPdf, fonts, application, registration, options);
      const withTrimmed = renderCard(TrimmedJsPdf, fonts, application, registration, options);
      assert.ok(withFull.length > 10_000, 'a whole card');
      assert.ok(Buffer.from(withTrimmed).equals(Buffer.from(withFull)), `${withTrimmed.length} B against ${withFull.length} B`);
    });
  }
});
