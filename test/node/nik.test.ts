import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNik, PROVINCES } from '../../src/nik/index.js';

const TODAY = { today: '2026-11-28' };

/** Builds a NIK from its parts so each case says what it varies. */
function nik({ region = '360405', day = '12', month = '09', yy = '90', serial = '0003' } = {}) {
  return `${region}${day}${month}${yy}${serial}`;
}

describe('parseNik', () => {
  it('reads the example of design.md', () => {
    assert.deepEqual(parseNik('3604055209900003', TODAY), {
      ok: true,
      value: {
        provinceCode: '36',
        regencyCode: '36.04',
        districtCode: '36.04.05',
        birthDate: '1990-09-12',
        sex: 'P',
        serial: '0003',
      },
      warnings: [],
    });
  });

  it('ignores spaces, as the number is printed and typed in groups', () => {
    const result = parseNik('3604 0552 0990 0003', TODAY);
    assert.equal(result.ok && result.value.birthDate, '1990-09-12');
    assert.equal(parseNik(' 360405 520990 0003 ', TODAY).ok, true);
  });

  const errors: Array<[string, string, string]> = [
    ['15 digits', '360405520990000', 'nik.length'],
    ['17 digits', '36040552099000031', 'nik.length'],
    ['empty', '', 'nik.length'],
    ['a letter', '36040552099O0003', 'nik.digits'],
    ['a dash', '3604-0552-0990-0003', 'nik.digits'],
    ['full-width digits', '３６０４０５５２０９９００００３', 'nik.digits'],
    ['province 00', nik({ region: '000405' }), 'nik.province'],
    ['province 20 (none such)', nik({ region: '200405' }), 'nik.province'],
    ['province 97 (none such)', nik({ region: '970405' }), 'nik.province'],
    ['day 00', nik({ day: '00' }), 'nik.date'],
    ['day 32', nik({ day: '32' }), 'nik.date'],
    ['day 40', nik({ day: '40' }), 'nik.date'],
    ['day 72', nik({ day: '72' }), 'nik.date'],
    ['day 99', nik({ day: '99' }), 'nik.date'],
    ['month 00', nik({ month: '00' }), 'nik.date'],
    ['month 13', nik({ month: '13' }), 'nik.date'],
    ['31 April', nik({ day: '31', month: '04' }), 'nik.date'],
    ['31 April, a woman (71)', nik({ day: '71', month: '04' }), 'nik.date'],
    ['30 February', nik({ day: '30', month: '02', yy: '00' }), 'nik.date'],
    ['29 February 2001', nik({ day: '29', month: '02', yy: '01' }), 'nik.date'],
    ['29 February 1997', nik({ day: '29', month: '02', yy: '97' }), 'nik.date'],
    ['29 February 1997, a woman (69)', nik({ day: '69', month: '02', yy: '97' }), 'nik.date'],
    ['serial 0000', nik({ serial: '0000' }), 'nik.serial'],
  ];
  for (const [name, input, code] of errors) {
    it(`refuses ${name} with ${code}`, () => {
      assert.deepEqual(parseNik(input, TODAY), { ok: false, error: { code } });
    });
  }

  const dates: Array<[string, string, string, 'L' | 'P']> = [
    ['a man born on the 1st', nik({ day: '01', month: '01', yy: '85' }), '1985-01-01', 'L'],
    ['a man born on the 31st', nik({ day: '31', month: '12', yy: '85' }), '1985-12-31', 'L'],
    ['a woman born on the 1st (41)', nik({ day: '41', month: '01', yy: '85' }), '1985-01-01', 'P'],
    ['a woman born on the 31st (71)', nik({ day: '71', month: '03', yy: '85' }), '1985-03-31', 'P'],
    ['29 February 2000', nik({ day: '29', month: '02', yy: '00' }), '2000-02-29', 'L'],
    ['29 February 2000, a woman (69)', nik({ day: '69', month: '02', yy: '00' }), '2000-02-29', 'P'],
    ['29 February 1996', nik({ day: '29', month: '02', yy: '96' }), '1996-02-29', 'L'],
    ['30 April', nik({ day: '30', month: '04', yy: '90' }), '1990-04-30', 'L'],
    ['serial 0001', nik({ serial: '0001' }), '1990-09-12', 'L'],
    ['serial 9999', nik({ serial: '9999' }), '1990-09-12', 'L'],
  ];
  for (const [name, input, birthDate, sex] of dates) {
    it(`reads ${name}`, () => {
      const result = parseNik(input, TODAY);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.birthDate, birthDate);
      assert.equal(result.value.sex, sex);
    });
  }

  describe('the century of the two-digit year', () => {
    const century = (yy: string, today: string | Date) => {
      const result = parseNik(nik({ yy }), { today });
      return result.ok ? result.value.birthDate.slice(0, 4) : result.error.code;
    };
    it('is 20yy up to the year of today, 19yy after it', () => {
      assert.equal(century('26', '2026-11-28'), '2026');
      assert.equal(century('27', '2026-11-28'), '1927');
      assert.equal(century('25', '2026-01-01'), '2025');
      assert.equal(century('99', '2026-11-28'), '1999');
      assert.equal(century('26', '2025-12-31'), '1926');
      assert.equal(century('99', '2099-06-01'), '2099');
    });
    it('reads 00 as 2000 whatever the day', () => {
      for (const today of ['2026-11-28', '2000-01-01', '2099-12-31']) assert.equal(century('00', today), '2000');
    });
    it('takes the year of a Date as Jakarta sees it', () => {
      // 31 December 2026 17:30 UTC is already 1 January 2027 in Jakarta.
      assert.equal(century('27', new Date('2026-12-31T17:30:00Z')), '2027');
      assert.equal(century('27', new Date('2026-12-31T16:30:00Z')), '1927');
    });
    it('defaults to the current year', () => {
      const yy = String(new Date().getFullYear() % 100).padStart(2, '0');
      const result = parseNik(nik({ yy }));
      assert.equal(result.ok && result.value.birthDate.slice(0, 4), String(new Date().getFullYear()));
    });
  });

  it('accepts every one of the 38 provinces and only those', () => {
    assert.equal(PROVINCES.length, 38);
    const known = new Set<string>(PROVINCES.map(([code]) => code));
    for (let p = 0; p < 100; p++) {
      const code = String(p).padStart(2, '0');
      const result = parseNik(nik({ region: `${code}0405` }), TODAY);
      assert.equal(result.ok, known.has(code), code);
    }
    assert.ok(known.has('93') && known.has('96'), 'the Papua provinces of 2022');
  });
});
