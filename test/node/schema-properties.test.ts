import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AK1_MESSAGE_KEYS,
  AK1_WARNING_KEYS,
  EDUCATION_LEVELS,
  DISABILITY_KINDS,
  JOB_LOCATIONS,
  MARITAL_STATUSES,
  RELIGIONS,
  ak1ApplicationSchema,
  addMonths,
  isCalendarDate,
  nameCodePoints,
  validateApplication,
} from '../../src/schema/index.js';
import { PROVINCES } from '../../src/nik/index.js';
import { id } from '../../src/i18n/id/form.js';
import { en } from '../../src/i18n/en/form.js';
import { idJourney } from '../../src/i18n/id/journey.js';
import { enJourney } from '../../src/i18n/en/journey.js';
import { fullApplication, TINY_JPEG_BASE64, TINY_PDF_BASE64, TODAY } from '../fixtures/application.js';

const RUNS = 10_000;
/** Set FC_SEED to replay a failure; the seed of every run is printed. */
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const settings = (name: string) => {
  console.log(`fast-check "${name}": ${RUNS} runs, seed ${SEED} (FC_SEED=${SEED} to replay)`);
  return { numRuns: RUNS, seed: SEED };
};

const KEYS: ReadonlySet<string> = new Set(AK1_MESSAGE_KEYS);
const WARNINGS: ReadonlySet<string> = new Set(AK1_WARNING_KEYS);
const FIELD_NAMES = Object.keys(fullApplication());
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** An object with own properties even for keys like `__proto__`, as JSON.parse makes them. */
function objectFrom(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS, ...FIELD_NAMES), fc.string({ maxLength: 12 }));
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, '', ' ', '0', '\u202E', '\uD800'),
    fc.double(),
    fc.string({ maxLength: 30 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map(objectFrom),
  ),
})).value;

/** Paths into the full application, to put arbitrary values where real fields are. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}
const PATHS = pathsOf(fullApplication()).filter((p) => p.length > 0);

/** The full application with one to three places replaced (or deleted, or given a hostile sibling key). */
const mutatedApplication = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), fc.oneof(json, fc.constant(undefined)), fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((changes) => {
    const app = fullApplication();
    for (const [path, value, addSibling] of changes) {
      let parent: any = app;
      for (const part of path.slice(0, -1)) parent = parent?.[part];
      if (typeof parent !== 'object' || parent === null) continue;
      const last = path[path.length - 1]!;
      if (addSibling && !Array.isArray(parent)) {
        Object.defineProperty(parent, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      } else if (value === undefined && !Array.isArray(parent)) delete parent[last];
      else parent[last] = value;
    }
    return app;
  });

describe('validateApplication, property-based', () => {
  it('never throws, and never accepts what the strict schema refuses', () => {
    fc.assert(
      fc.property(fc.oneof(json, mutatedApplication), (input) => {
        const result = validateApplication(input);
        if (result.ok) assert.equal(ak1ApplicationSchema.safeParse(input).success, true, 'the strict schema refused it');
        return true;
      }),
      settings('never throws, never looser than the schema'),
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('only produces message keys of the list, each with an Indonesian and an English text', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(json, mutatedApplication, mutatedApplication), (input) => {
        const result = validateApplication(input, { today: TODAY, requiredDocuments: ['KTP', 'IJAZAH'] });
        for (const issue of result.ok ? [] : result.issues) {
          assert.ok(KEYS.has(issue.code), `unlisted key ${issue.code} at ${JSON.stringify(issue.path)}`);
          const text = (messages: object, journey: object) =>
            ((messages as Record<string, string>)[issue.code] ?? (journey as Record<string, string>)[issue.code])?.trim();
          assert.ok(text(id.messages, idJourney.messages) && text(en.messages, enJourney.messages), issue.code);
          seen.add(issue.code);
        }
        for (const warning of result.warnings) assert.ok(WARNINGS.has(warning.code), warning.code);
      }),
      settings('message keys'),
    );
    console.log(`message keys produced: ${seen.size} of ${KEYS.size}`);
  });

  it('accepts every application generated from the field rules, and its output is a fixed point', () => {
    fc.assert(
      fc.property(validApplication(TODAY), (app) => {
        const result = validateApplication(app, { today: TODAY, requiredDocuments: ['KTP'] });
        assert.ok(result.ok, JSON.stringify({ issues: !result.ok && result.issues, app }).slice(0, 2000));
        const again = validateApplication(result.value, { today: TODAY, requiredDocuments: ['KTP'] });
        assert.ok(again.ok);
        assert.deepEqual(again.value, result.value);
        assert.deepEqual(result.warnings, []);
      }),
      settings('generated applications pass'),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Generators that follow the field rules of design.md (not variations of one example).

const LETTERS = nameCodePoints()
  .map((cp) => String.fromCodePoint(cp))
  .filter((ch) => /\p{L}/u.test(ch));

const word = (min: number, max: number) =>
  fc.array(fc.constantFrom(...LETTERS), { minLength: min, maxLength: max }).map((chars) => chars.join(''));

/** Words of letters joined by spaces, apostrophes or hyphens, within `max` characters. */
const nameText = (max: number) =>
  fc
    .array(fc.tuple(word(1, 12), fc.constantFrom(' ', ' ', '-', '’', "'", '. ')), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.map(([w, sep], i) => (i === parts.length - 1 ? w : w + sep)).join('').slice(0, max).trim())
    .filter((s) => /\p{L}/u.test(s) && s === s.trim());

const freeText = (max: number) =>
  fc
    .tuple(nameText(max), fc.constantFrom('', ' No. 12', ' (RT 3)', ' 2/B', ' #4', ' & Co.'))
    .map(([a, b]) => (a + b).slice(0, max).trim())
    .filter((s) => s.length > 0);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A calendar date between `from` and `to` (YYYY-MM-DD). */
const dateBetween = (from: string, to: string) =>
  fc
    .integer({ min: Date.parse(`${from}T00:00:00Z`) / 864e5, max: Date.parse(`${to}T00:00:00Z`) / 864e5 })
    .map((day) => new Date(day * 864e5).toISOString().slice(0, 10));

const typedPhone = fc
  .tuple(fc.integer({ min: 7, max: 11 }), fc.integer({ min: 0, max: 5 }))
  .chain(([length, style]) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((digits) => {
      const rest = digits.join('');
      return [`08${rest}`, `+628${rest}`, `628${rest}`, `0 8${rest}`, `+62 8${rest.slice(0, 2)}-${rest.slice(2)}`, `(08${rest.slice(0, 1)}) ${rest.slice(1)}`][style]!;
    }),
  );

function validApplication(today: string) {
  const thisYear = Number(today.slice(0, 4));
  return fc
    .record({
      province: fc.constantFrom(...PROVINCES.map(([code]) => code)),
      regency: fc.integer({ min: 1, max: 79 }),
      district: fc.integer({ min: 1, max: 40 }),
      village: fc.integer({ min: 1001, max: 2999 }),
      serial: fc.integer({ min: 1, max: 9999 }),
      sex: fc.constantFrom('L' as const, 'P' as const),
      birthDate: dateBetween(addMonths(today, -12 * 64), addMonths(today, -12 * 18)),
      fullName: nameText(100),
      birthPlace: nameText(60),
      religion: fc.constantFrom(...RELIGIONS),
      maritalStatus: fc.constantFrom(...MARITAL_STATUSES),
      phone: typedPhone,
      street: freeText(120),
      postalCode: fc.integer({ min: 10000, max: 99999 }),
      rt: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
      heightCm: fc.option(fc.integer({ min: 50, max: 250 }), { nil: undefined }),
      disability: fc.option(fc.uniqueArray(fc.constantFrom(...DISABILITY_KINDS), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      education: fc.array(fc.record({ level: fc.constantFrom(...EDUCATION_LEVELS), institution: freeText(120), age: fc.integer({ min: 10, max: 40 }) }), { minLength: 1, maxLength: 4 }),
      work: fc.array(fc.record({ employer: freeText(120), position: freeText(120), startAge: fc.integer({ min: 14, max: 40 }), years: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) }), { maxLength: 3 }),
      positions: fc.array(fc.record({ title: freeText(80), kbji: fc.option(fc.integer({ min: 1000, max: 9999 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
      location: fc.constantFrom(...JOB_LOCATIONS),
      wage: fc.option(fc.tuple(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 })), { nil: undefined }),
      languages: fc.array(nameText(40), { maxLength: 4 }),
      visitIn: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      pdfDocument: fc.boolean(),
    })
    .map((r) => {
      const [year, month, day] = r.birthDate.split('-');
      const nikDay = r.sex === 'P' ? Number(day) + 40 : Number(day);
      const regencyCode = `${r.province}.${pad(r.regency)}`;
      const districtCode = `${regencyCode}.${pad(r.district)}`;
      const birthYear = Number(year);
      const app: Record<string, unknown> = {
        schemaVersion: 1,
        nik: `${r.province}${pad(r.regency)}${pad(r.district)}${pad(nikDay)}${month}${year!.slice(2)}${pad(r.serial, 4)}`,
        fullName: r.fullName,
        birthPlace: r.birthPlace,
        birthDate: r.birthDate,
        sex: r.sex,
        religion: r.religion,
        maritalStatus: r.maritalStatus,
        phone: r.phone,
        address: {
          street: r.street,
          ...(r.rt === undefined ? {} : { rt: String(r.rt), rw: String(r.rt) }),
          provinceCode: r.province,
          regencyCode,
          districtCode,
          villageCode: `${districtCode}.${r.village}`,
          postalCode: String(r.postalCode),
        },
        education: r.education.map((e) => ({ level: e.level, institution: e.institution, graduationYear: Math.min(birthYear + e.age, thisYear) })),
        workExperience: r.work.map((w) => {
          const startYear = Math.min(birthYear + w.startAge, thisYear);
          return { employer: w.employer, position: w.position, startYear, ...(w.years === undefined ? {} : { endYear: Math.min(startYear + w.years, thisYear) }) };
        }),
        languages: r.languages,
        jobPreferences: {
          positions: r.positions.map((p) => (p.kbji === undefined ? { title: p.title } : { title: p.title, kbji: String(p.kbji) })),
          location: r.location,
          ...(r.wage ? { expectedWage: { min: Math.min(...r.wage), max: Math.max(...r.wage) } } : {}),
        },
        photo: { mediaType: 'image/jpeg', dataBase64: TINY_JPEG_BASE64 },
        documents: [
          { kind: 'KTP', mediaType: 'image/jpeg', dataBase64: TINY_JPEG_BASE64 },
          ...(r.pdfDocument ? [{ kind: 'IJAZAH', mediaType: 'application/pdf', dataBase64: TINY_PDF_BASE64 }] : []),
        ],
        consent: { noticeVersion: '2026-11', acceptedAt: `${today}T01:00:00.000Z` },
      };
      if (r.heightCm !== undefined) app.heightCm = r.heightCm;
      if (r.disability) app.disability = { kinds: r.disability };
      if (r.visitIn !== undefined) {
        const visit = new Date(Date.parse(`${today}T00:00:00Z`) + r.visitIn * 864e5).toISOString().slice(0, 10);
        assert.ok(isCalendarDate(visit));
        app.preferredVisitDate = visit;
      }
      return app;
    });
}
