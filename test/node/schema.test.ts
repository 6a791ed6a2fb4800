import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AK1_MESSAGE_KEYS,
  LIMITS,
  addMonths,
  ak1ApplicationSchema,
  calendarDate,
  EDUCATION_LEVELS,
  formatPhone,
  highestEducationLevel,
  normalizePhone,
  validateApplication,
  type ValidationOptions,
} from '../../src/schema/index.js';
import { fullApplication, fullApplicationOn, minimalApplication, TINY_JPEG_BASE64, TINY_PDF_BASE64, TODAY } from '../fixtures/application.js';

type App = Record<string, any>;
type Case = [name: string, change: (app: App) => void, issues: Array<[path: (string | number)[], code: string]>, options?: ValidationOptions];

const base: ValidationOptions = { today: TODAY };

function check(app: App, options: ValidationOptions = {}) {
  return validateApplication(app, { ...base, ...options });
}

/** Runs each case on a fresh full application and compares the exact issues, in any order. */
function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const [name, change, expected, options] of cases) {
      it(name, () => {
        const app = fullApplication();
        change(app);
        const result = check(app, options);
        const actual = result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
        const sort = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
        assert.deepEqual(sort(actual), sort(expected));
        for (const [, code] of actual as Array<[unknown, string]>) assert.ok((AK1_MESSAGE_KEYS as readonly string[]).includes(code), code);
      });
    }
  });
}

/** A school-leaver's history, for cases that move the birth date close to today. */
const youngHistory = (a: App) => {
  a.education[0].graduationYear = 2026;
  delete a.skills;
  delete a.workExperience;
};
const long = (n: number, ch = 'a') => ch.repeat(n);
const base64OfSize = (bytes: number, magic: string) => btoa(magic + 'x'.repeat(bytes - magic.length));

describe('validateApplication', () => {
  it('accepts the full example of design.md and returns it unchanged', () => {
    const result = check(fullApplication(), { requiredDocuments: ['KTP'] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value, fullApplication());
    assert.deepEqual(result.warnings, []);
  });

  it('accepts only the required fields', () => {
    const result = check(minimalApplication());
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(Object.keys(result.value).sort(), Object.keys(minimalApplication()).sort());
  });

  it('never throws, whatever it is given', () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error('boom'); } });
    const getter = Object.defineProperty({}, 'nik', { enumerable: true, get() { throw new Error('boom'); } });
    for (const input of [undefined, null, 0, 'x', [], [fullApplication()], hostile, getter, Symbol('x')]) {
      const result = validateApplication(input);
      assert.equal(result.ok, false);
    }
    assert.deepEqual(validateApplication([]), { ok: false, issues: [{ path: [], code: 'application.format' }], warnings: [] });
  });

  it('normalises what people type', () => {
    const app = fullApplication();
    app.nik = ' 3604 0552 0990 0003 ';
    app.kkNumber = '3604 0517 0315 0002';
    app.fullName = '  Siti   Nur\u2019aini ';
    app.birthPlace = 'Serang\u0020';
    app.phone = '0812-3456-7890';
    app.address.rt = '3';
    app.address.rw = '15';
    app.address.postalCode = '42 182';
    app.address.street = 'Jl. Raya  Serang No. 12';
    app.email = ' siti.nuraini@example.com ';
    app.disability.kinds = ['SENSORIK_RUNGU', 'SENSORIK_RUNGU'];
    const result = check(app);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.nik, '3604055209900003');
    assert.equal(result.value.kkNumber, '3604051703150002');
    assert.equal(result.value.fullName, 'Siti Nur’aini');
    assert.equal(result.value.phone, '+6281234567890');
    assert.equal(result.value.address.rt, '003');
    assert.equal(result.value.address.rw, '015');
    assert.equal(result.value.address.postalCode, '42182');
    assert.equal(result.value.address.street, 'Jl. Raya Serang No. 12');
    assert.equal(result.value.email, 'siti.nuraini@example.com');
    assert.deepEqual(result.value.disability?.kinds, ['SENSORIK_RUNGU']);
  });

  it('normalises names to NFC', () => {
    const app = fullApplication();
    app.fullName = 'Muhammad Al-Fa\u0304tih\u0323'; // a + combining macron, h + combining dot below
    const result = check(app);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.fullName, 'Muhammad Al-Fātiḥ');
    assert.equal(result.value.fullName.length, 'Muhammad Al-Fātiḥ'.length);
  });

  it('treats blank optional text as not given', () => {
    const app = fullApplication();
    app.email = '  ';
    app.kkNumber = '';
    app.preferredVisitDate = '';
    app.education[0].major = ' ';
    const result = check(app);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal('email' in result.value, false);
    assert.equal('kkNumber' in result.value, false);
    assert.equal('preferredVisitDate' in result.value, false);
    assert.equal('major' in result.value.education[0]!, false);
  });

  it('accepts the phone as people type it', () => {
    for (const typed of ['081234567890', '0812 3456 7890', '0812-3456-7890', '0812.3456.7890', '(0812) 3456 7890',
      '6281234567890', '+62 812 3456 7890', '+62 (812) 3456-7890', '+62 0812 3456 7890', '081234567', '+62812345678901']) {
      const app = fullApplication();
      app.phone = typed;
      const result = check(app);
      assert.ok(result.ok, `${typed}: ${JSON.stringify(!result.ok && result.issues)}`);
      assert.match(result.value.phone, /^\+628\d{7,11}$/);
    }
  });

  it('reads the highest education level, and no school at all as Tidak/belum tamat SD', () => {
    assert.equal(highestEducationLevel([]), 'BELUM_TAMAT_SD');
    assert.equal(highestEducationLevel([{ level: 'SMP' }, { level: 'SMK' }, { level: 'SD' }]), 'SMK');
    assert.equal(EDUCATION_LEVELS[0], 'BELUM_TAMAT_SD');
    const app = fullApplication();
    app.education = [];
    const result = check(app);
    assert.ok(result.ok);
    assert.deepEqual(result.value.education, []);
  });

  it('shows the phone as people write it, whether stored or typed (the check page, the done screen, the card)', () => {
    for (const given of ['+6281234567890', '081234567890', '0812 3456 7890', '+62 (812) 3456-7890', '6281234567890']) {
      assert.equal(formatPhone(given), '0812-3456-7890', given);
    }
    assert.equal(formatPhone('+628123456789'), '0812-3456-789');
    assert.equal(formatPhone(normalizePhone('0813.0000.1111')!), '0813-0000-1111');
    // Not an Indonesian mobile number: shown as given, never rewritten into something else.
    for (const given of ['+14155550100', '0254 123456', '']) assert.equal(formatPhone(given), given);
  });

  it('warns, without refusing, when the NIK disagrees with the birth date or sex', () => {
    const app = fullApplication();
    app.birthDate = '1990-09-13';
    app.sex = 'L';
    const result = check(app);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, [
      { path: ['nik'], code: 'nik.birthDateMismatch' },
      { path: ['nik'], code: 'nik.sexMismatch' },
    ]);
  });

  it('warns when the region lists at hand lack the NIK\'s regency, and checks the address codes exist', () => {
    const lists: Record<string, string[]> = { '36': ['36.01', '36.04'], '36.04': ['36.04.05'], 'v36.04': ['36.04.05.2001'] };
    const regions = {
      has(code: string) {
        if (/^\d\d\.\d\d$/.test(code)) return lists[code.slice(0, 2)]?.includes(code);
        if (/^\d\d\.\d\d\.\d\d$/.test(code)) return lists[code.slice(0, 5)]?.includes(code);
        if (/^\d\d\.\d\d\.\d\d\.\d{4}$/.test(code)) return lists[`v${code.slice(0, 5)}`]?.includes(code);
        return undefined;
      },
    };
    let app = fullApplication();
    assert.deepEqual(check(app, { regions }), { ok: true, value: app, warnings: [] });

    app = fullApplication();
    app.nik = '3699055209900003';
    let result = check(app, { regions });
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, [{ path: ['nik'], code: 'nik.unknownRegion' }]);

    app = fullApplication();
    app.address.districtCode = '36.04.99';
    app.address.villageCode = '36.04.99.2001';
    result = check(app, { regions });
    assert.deepEqual(!result.ok && result.issues, [{ path: ['address', 'districtCode'], code: 'address.districtCode.unknown' }]);

    app = fullApplication();
    app.address.villageCode = '36.04.05.2999';
    result = check(app, { regions });
    assert.deepEqual(!result.ok && result.issues, [{ path: ['address', 'villageCode'], code: 'address.villageCode.unknown' }]);

    // A list that is not at hand is not a reason to refuse.
    app = fullApplication();
    app.address = { ...app.address, provinceCode: '32', regencyCode: '32.04', districtCode: '32.04.05', villageCode: '32.04.05.2001' };
    assert.ok(check(app, { regions }).ok);
  });

  it('is what the strict schema accepts, with the default options', () => {
    // The strict schema judges dates by the real clock, so the applications are made on the same clock's day.
    const today = calendarDate(new Date());
    assert.equal(ak1ApplicationSchema.safeParse(fullApplicationOn(today)).success, true);
    const app = fullApplicationOn(today);
    app.extra = 1;
    assert.equal(ak1ApplicationSchema.safeParse(app).success, false);
    const young = fullApplicationOn(today);
    young.birthDate = addMonths(today, -12 * 10);
    const [year, month, day] = young.birthDate.split('-');
    young.nik = `360405${String(Number(day) + 40).padStart(2, '0')}${month}${year.slice(2)}0003`;
    young.education[0].graduationYear = Number(year) + 10;
    delete young.skills;
    delete young.workExperience;
    const result = ak1ApplicationSchema.safeParse(young);
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => [issue.path, issue.message]), [[['birthDate'], 'tooYoung']]);
  });
});

table('the application as a whole', [
  ['an unknown key', (a) => { a.salary = 1; }, [[['salary'], 'application.unknownKey']]],
  ['a __proto__ key', (a) => { Object.defineProperty(a, '__proto__', { value: { x: 1 }, enumerable: true }); }, [[['__proto__'], 'application.unknownKey']]],
  ['schemaVersion missing', (a) => { delete a.schemaVersion; }, [[['schemaVersion'], 'schemaVersion.required']]],
  ['schemaVersion 2', (a) => { a.schemaVersion = 2; }, [[['schemaVersion'], 'schemaVersion.enum']]],
]);

table('nik and kkNumber', [
  ['nik missing', (a) => { delete a.nik; }, [[['nik'], 'nik.required']]],
  ['nik blank', (a) => { a.nik = '  '; }, [[['nik'], 'nik.required']]],
  ['nik a number', (a) => { a.nik = 3604055209900003; }, [[['nik'], 'nik.format']]],
  ['nik too short', (a) => { a.nik = '360405520990000'; }, [[['nik'], 'nik.length']]],
  ['nik with a letter', (a) => { a.nik = '360405520990000A'; }, [[['nik'], 'nik.digits']]],
  ['nik province 99', (a) => { a.nik = '9904055209900003'; }, [[['nik'], 'nik.province']]],
  ['nik 31 April', (a) => { a.nik = '3604057104900003'; }, [[['nik'], 'nik.date']]],
  ['nik serial 0000', (a) => { a.nik = '3604055209900000'; }, [[['nik'], 'nik.serial']]],
  ['kkNumber 15 digits', (a) => { a.kkNumber = '360405170315000'; }, [[['kkNumber'], 'kkNumber.format']]],
  ['kkNumber province 00', (a) => { a.kkNumber = '0004051703150002'; }, [[['kkNumber'], 'kkNumber.format']]],
]);

table('names and places', [
  ['fullName missing', (a) => { delete a.fullName; }, [[['fullName'], 'fullName.required']]],
  ['fullName blank', (a) => { a.fullName = '   '; }, [[['fullName'], 'fullName.required']]],
  ['fullName too long', (a) => { a.fullName = long(LIMITS.nameLength + 1); }, [[['fullName'], 'fullName.tooLong']]],
  ['fullName at the limit', (a) => { a.fullName = long(LIMITS.nameLength); }, []],
  ['fullName with a digit', (a) => { a.fullName = 'Siti 2'; }, [[['fullName'], 'fullName.format']]],
  ['fullName punctuation only', (a) => { a.fullName = "'.-"; }, [[['fullName'], 'fullName.format']]],
  ['fullName in Arabic script', (a) => { a.fullName = 'سيتي'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with an emoji', (a) => { a.fullName = 'Siti 😀'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a bidi override', (a) => { a.fullName = 'Siti \u202Einiar'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a zero-width joiner', (a) => { a.fullName = 'Si\u200Dti'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a tab', (a) => { a.fullName = 'Siti\tNur'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a NUL', (a) => { a.fullName = 'Siti\u0000'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a lone surrogate', (a) => { a.fullName = 'Siti\uD800'; }, [[['fullName'], 'fullName.format']]],
  ['fullName with a multiplication sign', (a) => { a.fullName = 'A × B'; }, [[['fullName'], 'fullName.format']]],
  ['fullName Vietnamese letters', (a) => { a.fullName = 'Nguyễn Thị Ánh'; }, []],
  ['fullName a hostile megabyte', (a) => { a.fullName = long(1_000_000); }, [[['fullName'], 'fullName.tooLong']]],
  ['birthPlace missing', (a) => { delete a.birthPlace; }, [[['birthPlace'], 'birthPlace.required']]],
  ['birthPlace too long', (a) => { a.birthPlace = long(LIMITS.placeLength + 1); }, [[['birthPlace'], 'birthPlace.tooLong']]],
  ['birthPlace with a slash', (a) => { a.birthPlace = 'Serang/Cilegon'; }, [[['birthPlace'], 'birthPlace.format']]],
  ['birthPlace a number', (a) => { a.birthPlace = 42; }, [[['birthPlace'], 'birthPlace.format']]],
]);

table('birth date, sex, religion, marital status, body', [
  ['birthDate missing', (a) => { delete a.birthDate; }, [[['birthDate'], 'birthDate.required']]],
  ['birthDate in another format', (a) => { a.birthDate = '12-09-1990'; }, [[['birthDate'], 'birthDate.format']]],
  ['birthDate 31 April', (a) => { a.birthDate = '1990-04-31'; }, [[['birthDate'], 'birthDate.format']]],
  ['birthDate 29 February 1990', (a) => { a.birthDate = '1990-02-29'; }, [[['birthDate'], 'birthDate.format']]],
  ['birthDate tomorrow', (a) => { a.birthDate = '2026-11-29'; youngHistory(a); }, [[['birthDate'], 'birthDate.future']]],
  ['birthDate 18 years ago today', (a) => { a.birthDate = '2008-11-28'; youngHistory(a); }, []],
  ['birthDate a day short of 18', (a) => { a.birthDate = '2008-11-29'; youngHistory(a); }, [[['birthDate'], 'birthDate.tooYoung']]],
  ['birthDate 17 with minAge 17', (a) => { a.birthDate = '2009-01-01'; youngHistory(a); }, [], { minAge: 17 }],
  ['birthDate 101 years ago', (a) => { a.birthDate = '1925-01-01'; }, [[['birthDate'], 'birthDate.tooOld']]],
  ['sex missing', (a) => { delete a.sex; }, [[['sex'], 'sex.required']]],
  ['sex W', (a) => { a.sex = 'W'; }, [[['sex'], 'sex.enum']]],
  ['sex lower case', (a) => { a.sex = 'p'; }, [[['sex'], 'sex.enum']]],
  ['religion missing', (a) => { delete a.religion; }, [[['religion'], 'religion.required']]],
  ['religion Islam', (a) => { a.religion = 'Islam'; }, [[['religion'], 'religion.enum']]],
  ['religion KEPERCAYAAN', (a) => { a.religion = 'KEPERCAYAAN'; }, []],
  ['maritalStatus missing', (a) => { delete a.maritalStatus; }, [[['maritalStatus'], 'maritalStatus.required']]],
  ['maritalStatus JANDA', (a) => { a.maritalStatus = 'JANDA'; }, [[['maritalStatus'], 'maritalStatus.enum']]],
  ['heightCm a string', (a) => { a.heightCm = '158'; }, [[['heightCm'], 'heightCm.format']]],
  ['heightCm a fraction', (a) => { a.heightCm = 158.5; }, [[['heightCm'], 'heightCm.format']]],
  ['heightCm 49', (a) => { a.heightCm = 49; }, [[['heightCm'], 'heightCm.tooSmall']]],
  ['heightCm 251', (a) => { a.heightCm = 251; }, [[['heightCm'], 'heightCm.tooLarge']]],
  ['weightKg NaN', (a) => { a.weightKg = Number.NaN; }, [[['weightKg'], 'weightKg.format']]],
  ['weightKg 19', (a) => { a.weightKg = 19; }, [[['weightKg'], 'weightKg.tooSmall']]],
  ['weightKg 301', (a) => { a.weightKg = 301; }, [[['weightKg'], 'weightKg.tooLarge']]],
  ['disability null', (a) => { a.disability = null; }, [[['disability'], 'disability.format']]],
  ['disability with no kinds', (a) => { a.disability.kinds = []; }, [[['disability', 'kinds'], 'disability.kinds.required']]],
  ['disability kinds missing', (a) => { delete a.disability.kinds; }, [[['disability', 'kinds'], 'disability.kinds.required']]],
  ['disability an unknown kind', (a) => { a.disability.kinds = ['TUNA_RUNGU']; }, [[['disability', 'kinds', 0], 'disability.kinds.enum']]],
  ['disability kinds a string', (a) => { a.disability.kinds = 'FISIK'; }, [[['disability', 'kinds'], 'disability.kinds.format']]],
  ['disability too many kinds', (a) => { a.disability.kinds = Array(7).fill('FISIK'); }, [[['disability', 'kinds'], 'disability.kinds.tooLong']]],
  ['disability note too long', (a) => { a.disability.note = long(LIMITS.noteLength + 1); }, [[['disability', 'note'], 'disability.note.tooLong']]],
  ['disability an unknown key', (a) => { a.disability.level = 2; }, [[['disability', 'level'], 'disability.unknownKey']]],
]);

table('contact and address', [
  ['phone missing', (a) => { delete a.phone; }, [[['phone'], 'phone.required']]],
  ['phone blank', (a) => { a.phone = ' '; }, [[['phone'], 'phone.required']]],
  ['phone a landline', (a) => { a.phone = '0254 123456'; }, [[['phone'], 'phone.format']]],
  ['phone foreign', (a) => { a.phone = '+60 12 345 6789'; }, [[['phone'], 'phone.format']]],
  ['phone too short', (a) => { a.phone = '0812345'; }, [[['phone'], 'phone.format']]],
  ['phone too long', (a) => { a.phone = '0812345678901234'; }, [[['phone'], 'phone.format']]],
  ['phone with letters', (a) => { a.phone = '0812 3456 78AB'; }, [[['phone'], 'phone.format']]],
  ['email without a domain', (a) => { a.email = 'siti@'; }, [[['email'], 'email.format']]],
  ['email with a space', (a) => { a.email = 'siti nur@example.com'; }, [[['email'], 'email.format']]],
  ['email too long', (a) => { a.email = `${long(250)}@example.com`; }, [[['email'], 'email.tooLong']]],
  ['address missing', (a) => { delete a.address; }, [[['address'], 'address.required']]],
  ['address a string', (a) => { a.address = 'Serang'; }, [[['address'], 'address.format']]],
  ['address an unknown key', (a) => { a.address.city = 'Serang'; }, [[['address', 'city'], 'address.unknownKey']]],
  ['street missing', (a) => { delete a.address.street; }, [[['address', 'street'], 'address.street.required']]],
  ['street too long', (a) => { a.address.street = long(LIMITS.textLength + 1); }, [[['address', 'street'], 'address.street.tooLong']]],
  ['street with a line break', (a) => { a.address.street = 'Jl. Raya\nSerang'; }, [[['address', 'street'], 'address.street.format']]],
  ['street in Chinese', (a) => { a.address.street = '街道'; }, [[['address', 'street'], 'address.street.format']]],
  ['rt of four digits', (a) => { a.address.rt = '0003'; }, [[['address', 'rt'], 'address.rt.format']]],
  ['rt zero', (a) => { a.address.rt = '0'; }, [[['address', 'rt'], 'address.rt.format']]],
  ['rw a letter', (a) => { a.address.rw = '5a'; }, [[['address', 'rw'], 'address.rw.format']]],
  ['rt and rw absent', (a) => { delete a.address.rt; delete a.address.rw; }, []],
  ['provinceCode missing', (a) => { delete a.address.provinceCode; }, [[['address', 'provinceCode'], 'address.provinceCode.required']]],
  ['provinceCode 3', (a) => { a.address.provinceCode = '3'; }, [[['address', 'provinceCode'], 'address.provinceCode.format']]],
  ['provinceCode 37 (none such)', (a) => { a.address.provinceCode = '37'; a.address.regencyCode = '37.04'; a.address.districtCode = '37.04.05'; a.address.villageCode = '37.04.05.2001'; }, [[['address', 'provinceCode'], 'address.provinceCode.unknown']]],
  ['regencyCode undotted', (a) => { a.address.regencyCode = '3604'; }, [[['address', 'regencyCode'], 'address.regencyCode.format']]],
  ['regencyCode in another province', (a) => { a.address.regencyCode = '32.04'; }, [[['address', 'regencyCode'], 'address.regencyCode.notInProvince']]],
  ['districtCode missing', (a) => { delete a.address.districtCode; }, [[['address', 'districtCode'], 'address.districtCode.required']]],
  ['districtCode in another regency', (a) => { a.address.districtCode = '36.73.05'; }, [[['address', 'districtCode'], 'address.districtCode.notInRegency']]],
  ['villageCode of three digits', (a) => { a.address.villageCode = '36.04.05.201'; }, [[['address', 'villageCode'], 'address.villageCode.format']]],
  ['villageCode in another district', (a) => { a.address.villageCode = '36.04.06.2001'; }, [[['address', 'villageCode'], 'address.villageCode.notInDistrict']]],
  ['postalCode missing', (a) => { delete a.address.postalCode; }, [[['address', 'postalCode'], 'address.postalCode.required']]],
  ['postalCode four digits', (a) => { a.address.postalCode = '4218'; }, [[['address', 'postalCode'], 'address.postalCode.format']]],
  ['postalCode starting with 0', (a) => { a.address.postalCode = '02182'; }, [[['address', 'postalCode'], 'address.postalCode.format']]],
  ['postalCode a number', (a) => { a.address.postalCode = 42182; }, [[['address', 'postalCode'], 'address.postalCode.format']]],
]);

table('education, skills, work and languages', [
  ['education missing', (a) => { delete a.education; }, [[['education'], 'education.required']]],
  // No school at all states the level Tidak/belum tamat SD (design.md): accepted.
  ['education empty (Tidak/belum tamat SD)', (a) => { a.education = []; }, []],
  ['education missing', (a) => { delete a.education; }, [[['education'], 'education.required']]],
  ['education an object', (a) => { a.education = {}; }, [[['education'], 'education.format']]],
  ['education 11 entries', (a) => { a.education = Array(11).fill(a.education[0]); }, [[['education'], 'education.tooLong']]],
  ['education a number inside', (a) => { a.education = [5]; }, [[['education', 0], 'education.format']]],
  ['education level missing', (a) => { delete a.education[0].level; }, [[['education', 0, 'level'], 'education.level.required']]],
  ['education level SLTA', (a) => { a.education[0].level = 'SLTA'; }, [[['education', 0, 'level'], 'education.level.enum']]],
  ['education institution missing', (a) => { delete a.education[0].institution; }, [[['education', 0, 'institution'], 'education.institution.required']]],
  ['education institution too long', (a) => { a.education[0].institution = long(LIMITS.textLength + 1); }, [[['education', 0, 'institution'], 'education.institution.tooLong']]],
  ['education major with a control character', (a) => { a.education[0].major = 'TKJ\u0007'; }, [[['education', 0, 'major'], 'education.major.format']]],
  ['education graduationYear missing', (a) => { delete a.education[0].graduationYear; }, [[['education', 0, 'graduationYear'], 'education.graduationYear.required']]],
  ['education graduationYear a string', (a) => { a.education[0].graduationYear = '2008'; }, [[['education', 0, 'graduationYear'], 'education.graduationYear.format']]],
  ['education graduationYear 208', (a) => { a.education[0].graduationYear = 208; }, [[['education', 0, 'graduationYear'], 'education.graduationYear.format']]],
  ['education graduationYear next year', (a) => { a.education[0].graduationYear = 2027; }, [[['education', 0, 'graduationYear'], 'education.graduationYear.future']]],
  ['education graduationYear this year', (a) => { a.education[0].graduationYear = 2026; }, []],
  ['education graduationYear birth + 9', (a) => { a.education[0].graduationYear = 1999; }, [[['education', 0, 'graduationYear'], 'education.graduationYear.beforeBirth']]],
  ['education graduationYear birth + 10', (a) => { a.education[0].graduationYear = 2000; }, []],
  ['education an unknown key', (a) => { a.education[0].gpa = 3.5; }, [[['education', 0, 'gpa'], 'education.unknownKey']]],
  ['skills empty', (a) => { a.skills = []; }, []],
  ['skills a string', (a) => { a.skills = 'Las'; }, [[['skills'], 'skills.format']]],
  ['skills 21 entries', (a) => { a.skills = Array(21).fill(a.skills[0]); }, [[['skills'], 'skills.tooLong']]],
  ['skills name missing', (a) => { delete a.skills[0].name; }, [[['skills', 0, 'name'], 'skills.name.required']]],
  ['skills provider too long', (a) => { a.skills[0].provider = long(LIMITS.textLength + 1); }, [[['skills', 0, 'provider'], 'skills.provider.tooLong']]],
  ['skills year next year', (a) => { a.skills[0].year = 2027; }, [[['skills', 0, 'year'], 'skills.year.future']]],
  ['skills year before birth', (a) => { a.skills[0].year = 1989; }, [[['skills', 0, 'year'], 'skills.year.beforeBirth']]],
  ['skills year absent', (a) => { delete a.skills[0].year; }, []],
  ['skills an unknown key', (a) => { a.skills[0].hours = 40; }, [[['skills', 0, 'hours'], 'skills.unknownKey']]],
  ['workExperience null', (a) => { a.workExperience = null; }, [[['workExperience'], 'workExperience.format']]],
  ['workExperience employer missing', (a) => { delete a.workExperience[0].employer; }, [[['workExperience', 0, 'employer'], 'workExperience.employer.required']]],
  ['workExperience position blank', (a) => { a.workExperience[0].position = ''; }, [[['workExperience', 0, 'position'], 'workExperience.position.required']]],
  ['workExperience startYear missing', (a) => { delete a.workExperience[0].startYear; }, [[['workExperience', 0, 'startYear'], 'workExperience.startYear.required']]],
  ['workExperience startYear at 13', (a) => { a.workExperience[0].startYear = 2003; }, [[['workExperience', 0, 'startYear'], 'workExperience.startYear.beforeWorkingAge']]],
  ['workExperience startYear at 14', (a) => { a.workExperience[0].startYear = 2004; }, []],
  ['workExperience startYear next year', (a) => { a.workExperience[0].startYear = 2027; delete a.workExperience[0].endYear; }, [[['workExperience', 0, 'startYear'], 'workExperience.startYear.future']]],
  ['workExperience endYear before start', (a) => { a.workExperience[0].endYear = 2009; }, [[['workExperience', 0, 'endYear'], 'workExperience.endYear.beforeStart']]],
  ['workExperience endYear next year', (a) => { a.workExperience[0].endYear = 2027; }, [[['workExperience', 0, 'endYear'], 'workExperience.endYear.future']]],
  ['workExperience a current job', (a) => { delete a.workExperience[0].endYear; }, []],
  ['workExperience an unknown key', (a) => { a.workExperience[0].salary = 1; }, [[['workExperience', 0, 'salary'], 'workExperience.unknownKey']]],
  ['languages a string', (a) => { a.languages = 'Sunda'; }, [[['languages'], 'languages.format']]],
  ['languages a blank one', (a) => { a.languages = ['Sunda', ' ']; }, [[['languages', 1], 'languages.required']]],
  ['languages 11', (a) => { a.languages = Array(11).fill('Sunda'); }, [[['languages'], 'languages.tooLong']]],
  ['languages a long one', (a) => { a.languages = [long(41)]; }, [[['languages', 0], 'languages.tooLong']]],
]);

table('job preferences', [
  ['jobPreferences missing', (a) => { delete a.jobPreferences; }, [[['jobPreferences'], 'jobPreferences.required']]],
  ['jobPreferences an array', (a) => { a.jobPreferences = []; }, [[['jobPreferences'], 'jobPreferences.format']]],
  ['jobPreferences an unknown key', (a) => { a.jobPreferences.sector = 'x'; }, [[['jobPreferences', 'sector'], 'jobPreferences.unknownKey']]],
  ['positions empty', (a) => { a.jobPreferences.positions = []; }, [[['jobPreferences', 'positions'], 'jobPreferences.positions.required']]],
  ['positions missing', (a) => { delete a.jobPreferences.positions; }, [[['jobPreferences', 'positions'], 'jobPreferences.positions.required']]],
  ['positions four', (a) => { a.jobPreferences.positions = Array(4).fill({ title: 'Staf' }); }, [[['jobPreferences', 'positions'], 'jobPreferences.positions.tooLong']]],
  ['positions three', (a) => { a.jobPreferences.positions = Array(3).fill({ title: 'Staf' }); }, []],
  ['position a string', (a) => { a.jobPreferences.positions = ['Staf']; }, [[['jobPreferences', 'positions', 0], 'jobPreferences.positions.format']]],
  ['position title blank', (a) => { a.jobPreferences.positions[0].title = ' '; }, [[['jobPreferences', 'positions', 0, 'title'], 'jobPreferences.positions.title.required']]],
  ['position title too long', (a) => { a.jobPreferences.positions[0].title = long(81); }, [[['jobPreferences', 'positions', 0, 'title'], 'jobPreferences.positions.title.tooLong']]],
  ['position kbji with a letter', (a) => { a.jobPreferences.positions[0].kbji = '41A0'; }, [[['jobPreferences', 'positions', 0, 'kbji'], 'jobPreferences.positions.kbji.format']]],
  ['position an unknown key', (a) => { a.jobPreferences.positions[0].sector = 'x'; }, [[['jobPreferences', 'positions', 0, 'sector'], 'jobPreferences.positions.unknownKey']]],
  ['location missing', (a) => { delete a.jobPreferences.location; }, [[['jobPreferences', 'location'], 'jobPreferences.location.required']]],
  ['location abroad in English', (a) => { a.jobPreferences.location = 'ABROAD'; }, [[['jobPreferences', 'location'], 'jobPreferences.location.enum']]],
  ['expectedWage empty', (a) => { a.jobPreferences.expectedWage = {}; }, [[['jobPreferences', 'expectedWage'], 'jobPreferences.expectedWage.required']]],
  ['expectedWage only min', (a) => { a.jobPreferences.expectedWage = { min: 4500000 }; }, []],
  ['expectedWage only max', (a) => { a.jobPreferences.expectedWage = { max: 6000000 }; }, []],
  ['expectedWage min above max', (a) => { a.jobPreferences.expectedWage = { min: 7000000, max: 6000000 }; }, [[['jobPreferences', 'expectedWage', 'max'], 'jobPreferences.expectedWage.max.minAboveMax']]],
  ['expectedWage min negative', (a) => { a.jobPreferences.expectedWage.min = -1; }, [[['jobPreferences', 'expectedWage', 'min'], 'jobPreferences.expectedWage.min.tooSmall']]],
  ['expectedWage max huge', (a) => { a.jobPreferences.expectedWage.max = 1e12; }, [[['jobPreferences', 'expectedWage', 'max'], 'jobPreferences.expectedWage.max.tooLarge']]],
  ['expectedWage min a string', (a) => { a.jobPreferences.expectedWage.min = '4,5 juta'; }, [[['jobPreferences', 'expectedWage', 'min'], 'jobPreferences.expectedWage.min.format']]],
  ['expectedWage an unknown key', (a) => { a.jobPreferences.expectedWage.currency = 'IDR'; }, [[['jobPreferences', 'expectedWage', 'currency'], 'jobPreferences.expectedWage.unknownKey']]],
]);

table('photo and documents', [
  ['photo missing', (a) => { delete a.photo; }, [[['photo'], 'photo.required']]],
  ['photo a string', (a) => { a.photo = TINY_JPEG_BASE64; }, [[['photo'], 'photo.format']]],
  ['photo PNG', (a) => { a.photo.mediaType = 'image/png'; }, [[['photo', 'mediaType'], 'photo.mediaType.enum']]],
  ['photo mediaType missing', (a) => { delete a.photo.mediaType; }, [[['photo', 'mediaType'], 'photo.mediaType.required']]],
  ['photo data blank', (a) => { a.photo.dataBase64 = ''; }, [[['photo', 'dataBase64'], 'photo.dataBase64.required']]],
  ['photo data not base64', (a) => { a.photo.dataBase64 = '/9j/4AAQ!!!='; }, [[['photo', 'dataBase64'], 'photo.dataBase64.format']]],
  ['photo data with a data: prefix', (a) => { a.photo.dataBase64 = `data:image/jpeg;base64,${TINY_JPEG_BASE64}`; }, [[['photo', 'dataBase64'], 'photo.dataBase64.format']]],
  ['photo data not a JPEG', (a) => { a.photo.dataBase64 = btoa('<html><script>x</script></html>'); }, [[['photo', 'dataBase64'], 'photo.dataBase64.format']]],
  ['photo over 300 kB', (a) => { a.photo.dataBase64 = base64OfSize(LIMITS.photoBytes + 3, '\xff\xd8\xff'); }, [[['photo', 'dataBase64'], 'photo.dataBase64.tooLarge']]],
  ['photo at 300 kB', (a) => { a.photo.dataBase64 = base64OfSize(LIMITS.photoBytes, '\xff\xd8\xff'); }, []],
  ['photo an unknown key', (a) => { a.photo.width = 300; }, [[['photo', 'width'], 'photo.unknownKey']]],
  ['documents a string', (a) => { a.documents = 'KTP'; }, [[['documents'], 'documents.format']]],
  ['documents seven', (a) => { a.documents = Array(7).fill(a.documents[0]); }, [[['documents'], 'documents.tooLong']]],
  ['document kind SIM', (a) => { a.documents[0].kind = 'SIM'; }, [[['documents', 0, 'kind'], 'documents.kind.enum']]],
  ['document kind missing', (a) => { delete a.documents[0].kind; }, [[['documents', 0, 'kind'], 'documents.kind.required']]],
  ['document mediaType image/png', (a) => { a.documents[0].mediaType = 'image/png'; }, [[['documents', 0, 'mediaType'], 'documents.mediaType.enum']]],
  ['document a PDF', (a) => { a.documents[0] = { kind: 'IJAZAH', mediaType: 'application/pdf', dataBase64: TINY_PDF_BASE64 }; }, []],
  ['document a PDF labelled JPEG', (a) => { a.documents[0].dataBase64 = TINY_PDF_BASE64; }, [[['documents', 0, 'dataBase64'], 'documents.dataBase64.format']]],
  ['document over 1 MB', (a) => { a.documents[0].dataBase64 = base64OfSize(LIMITS.documentBytes + 3, '\xff\xd8\xff'); }, [[['documents', 0, 'dataBase64'], 'documents.dataBase64.tooLarge']]],
  ['document data missing', (a) => { delete a.documents[0].dataBase64; }, [[['documents', 0, 'dataBase64'], 'documents.dataBase64.required']]],
  ['document an unknown key', (a) => { a.documents[0].name = 'ktp.jpg'; }, [[['documents', 0, 'name'], 'documents.unknownKey']]],
  ['attachments over 2.5 MB together', (a) => {
    a.documents = Array(3).fill({ kind: 'SERTIFIKAT', mediaType: 'image/jpeg', dataBase64: base64OfSize(LIMITS.documentBytes - 30, '\xff\xd8\xff') });
  }, [[['documents'], 'documents.tooLarge']]],
  ['a required document missing', (a) => { a.documents = []; }, [[['documents', 'KTP'], 'documents.missing']], { requiredDocuments: ['KTP'] }],
  ['two required documents, one given', (a) => { a.documents[0].kind = 'KTP'; }, [[['documents', 'IJAZAH'], 'documents.missing']], { requiredDocuments: ['KTP', 'IJAZAH'] }],
  ['documents absent and none required', (a) => { delete a.documents; }, []],
]);

table('visit day and consent', [
  ['preferredVisitDate today', (a) => { a.preferredVisitDate = TODAY; }, [[['preferredVisitDate'], 'preferredVisitDate.tooEarly']]],
  ['preferredVisitDate yesterday', (a) => { a.preferredVisitDate = '2026-11-27'; }, [[['preferredVisitDate'], 'preferredVisitDate.tooEarly']]],
  ['preferredVisitDate tomorrow', (a) => { a.preferredVisitDate = '2026-11-29'; }, []],
  ['preferredVisitDate a year ahead (moved by the appointment rules, not refused)', (a) => { a.preferredVisitDate = '2027-11-29'; }, []],
  ['preferredVisitDate 31 November', (a) => { a.preferredVisitDate = '2026-11-31'; }, [[['preferredVisitDate'], 'preferredVisitDate.format']]],
  ['consent missing', (a) => { delete a.consent; }, [[['consent'], 'consent.required']]],
  ['consent true', (a) => { a.consent = true; }, [[['consent'], 'consent.format']]],
  ['consent an unknown key', (a) => { a.consent.ip = '1.2.3.4'; }, [[['consent', 'ip'], 'consent.unknownKey']]],
  ['noticeVersion missing', (a) => { delete a.consent.noticeVersion; }, [[['consent', 'noticeVersion'], 'consent.noticeVersion.required']]],
  ['noticeVersion with a space', (a) => { a.consent.noticeVersion = '2026 11'; }, [[['consent', 'noticeVersion'], 'consent.noticeVersion.format']]],
  ['noticeVersion too long', (a) => { a.consent.noticeVersion = long(33, '1'); }, [[['consent', 'noticeVersion'], 'consent.noticeVersion.tooLong']]],
  ['acceptedAt missing', (a) => { delete a.consent.acceptedAt; }, [[['consent', 'acceptedAt'], 'consent.acceptedAt.required']]],
  ['acceptedAt without an offset', (a) => { a.consent.acceptedAt = '2026-11-28T02:00:00'; }, [[['consent', 'acceptedAt'], 'consent.acceptedAt.format']]],
  ['acceptedAt a date', (a) => { a.consent.acceptedAt = '2026-11-28'; }, [[['consent', 'acceptedAt'], 'consent.acceptedAt.format']]],
  ['acceptedAt with +07:00', (a) => { a.consent.acceptedAt = '2026-11-28T09:00:00+07:00'; }, []],
  ['acceptedAt tomorrow', (a) => { a.consent.acceptedAt = '2026-11-29T02:00:00.000Z'; }, [[['consent', 'acceptedAt'], 'consent.acceptedAt.future']]],
  ['acceptedAt 9 minutes ahead of a Date today', (a) => { a.consent.acceptedAt = '2026-11-28T02:09:00.000Z'; }, [], { today: new Date('2026-11-28T02:00:00Z') }],
  ['acceptedAt 11 minutes ahead of a Date today', (a) => { a.consent.acceptedAt = '2026-11-28T02:11:00.000Z'; }, [[['consent', 'acceptedAt'], 'consent.acceptedAt.future']], { today: new Date('2026-11-28T02:00:00Z') }],
]);

describe('several problems at once', () => {
  it('reports every field\'s own problem, and the rules of the fields that passed', () => {
    const app = fullApplication();
    app.nik = '12';
    app.phone = 'x';
    app.education[0].graduationYear = 1995;
    app.workExperience[0].endYear = 2001;
    const result = check(app);
    assert.deepEqual(!result.ok && result.issues.map((i) => i.code).sort(), [
      'education.graduationYear.beforeBirth',
      'nik.length',
      'phone.format',
      'workExperience.endYear.beforeStart',
    ]);
  });
});
