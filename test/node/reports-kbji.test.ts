import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enJourney } from '../../src/i18n/en/journey.js';
import { idJourney } from '../../src/i18n/id/journey.js';
import { KBJI_MAJOR_GROUPS, KBJI_SUB_MAJOR_GROUPS, KBJI_SUGGESTED_CODES, kbjiOfTitle } from '../../src/schema/kbji.js';
import { validateApplication } from '../../src/schema/index.js';
import { jobGroupOf } from '../../src/server/reports/ipk.js';
import { fullApplication } from '../fixtures/application.js';

/*
 * The KBJI 2014 codes of the form's position suggestions: each a code of the right shape, each with a title in
 * both languages that the schema accepts and that no other suggestion shares (a title names one code), and the
 * job group the IPK table counts it in.
 */

describe('KBJI position suggestions', () => {
  it('are distinct codes of one, two or four digits; every sub-major group sits under a listed major group', () => {
    assert.equal(new Set(KBJI_SUGGESTED_CODES).size, KBJI_SUGGESTED_CODES.length);
    for (const code of KBJI_SUGGESTED_CODES) assert.match(code, /^(\d|\d\d|\d{4})$/, code);
    for (const code of KBJI_SUB_MAJOR_GROUPS) assert.ok((KBJI_MAJOR_GROUPS as readonly string[]).includes(code[0]!), code);
    // Major group 0 (TNI, POLRI) is not offered.
    assert.ok(KBJI_SUGGESTED_CODES.every((code) => !code.startsWith('0')));
  });

  for (const [lang, journey] of [['id', idJourney], ['en', enJourney]] as const) {
    it(`${lang}: a title for every code, one code per title, each accepted as a position with its code`, () => {
      const titles = journey.work.positionSuggestions;
      assert.deepEqual(Object.keys(titles).sort(), [...KBJI_SUGGESTED_CODES].sort());
      for (const code of KBJI_SUGGESTED_CODES) {
        assert.equal(kbjiOfTitle(titles[code], titles), code, `${code} ${titles[code]}`);
        // Typed with other case and spaces: still that suggestion.
        assert.equal(kbjiOfTitle(`  ${titles[code].toUpperCase()} `, titles), code);
      }
      const application = fullApplication();
      const positions = KBJI_SUGGESTED_CODES.slice(0, 3).map((code) => ({ title: titles[code], kbji: code }));
      const result = validateApplication({ ...application, jobPreferences: { ...application.jobPreferences, positions } }, { today: '2026-11-28', requiredDocuments: ['KTP'] });
      assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
      for (const code of KBJI_SUGGESTED_CODES) assert.ok(titles[code].length <= 80, titles[code]);
    });
  }

  it('a title typed freely has no code and counts as "-"; a coded first position counts in its major group', () => {
    assert.equal(kbjiOfTitle('Tukang las listrik bawah air', idJourney.work.positionSuggestions), undefined);
    assert.equal(kbjiOfTitle('', idJourney.work.positionSuggestions), undefined);
    assert.equal(jobGroupOf({ jobPreferences: { positions: [{ title: 'Apa saja' }], location: 'DALAM_NEGERI' } }), '-');
    assert.equal(jobGroupOf({ jobPreferences: { positions: [{ title: 'Tukang Las', kbji: '7212' }, { title: 'Kasir', kbji: '5230' }], location: 'DALAM_NEGERI' } }), '7');
    assert.equal(jobGroupOf({ jobPreferences: { positions: [{ title: 'Guru', kbji: '23' }], location: 'DALAM_NEGERI' } }), '2');
  });
});
