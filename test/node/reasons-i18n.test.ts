import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REASON_CODES } from '../../src/schema/lifecycle.js';
import { enReasons } from '../../src/i18n/en/reasons.js';
import { idReasons } from '../../src/i18n/id/reasons.js';
import { enOffice } from '../../src/i18n/en/office.js';
import { idOffice } from '../../src/i18n/id/office.js';
import { enSelf } from '../../src/i18n/en/self.js';
import { idSelf } from '../../src/i18n/id/self.js';

/*
 * The reason catalogue is one: what the officer picks is what the applicant reads, in each language. Only `other`
 * is worded for each (the officer is told to write the note).
 */

describe('the reason catalogue', () => {
  for (const [lang, reasons, office, self] of [
    ['id', idReasons, idOffice, idSelf],
    ['en', enReasons, enOffice, enSelf],
  ] as const) {
    it(`${lang}: the officer's and the applicant's texts are the same catalogue, but for other`, () => {
      assert.deepEqual(Object.keys(reasons).sort(), [...REASON_CODES].sort());
      for (const code of REASON_CODES) {
        assert.ok(reasons[code].trim(), `${lang} ${code} has a text`);
        assert.equal(self.reasons.codes[code], reasons[code], `${lang} ${code}: the applicant's text`);
        if (code === 'other') continue;
        assert.equal(office.reasons[code], self.reasons.codes[code], `${lang} ${code}: the officer picks what the applicant reads`);
      }
      assert.notEqual(office.reasons.other, self.reasons.codes.other, `${lang}: the officer is asked for the note`);
    });
  }

  it('says each reason in Indonesian and in English, not the same words', () => {
    for (const code of REASON_CODES) if (code !== 'other') assert.notEqual(idReasons[code], enReasons[code], code);
  });
});
