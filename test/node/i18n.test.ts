import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { en } from '../../src/i18n/en/form.js';
import { FIRST_STEP_FIELDS, formatDate, id, loadCatalogue, resolveLang, withTranslations } from '../../src/i18n/index.js';
import { messageText } from '../../src/i18n/messages.js';
import type { Ak1Catalogue, Ak1JourneyTexts, Ak1Translations } from '../../src/i18n/index.js';
import { idJourney } from '../../src/i18n/id/journey.js';
import { enJourney } from '../../src/i18n/en/journey.js';
import { idMedia } from '../../src/i18n/id/media.js';
import { enMedia } from '../../src/i18n/en/media.js';
import { idCard } from '../../src/i18n/id/card.js';
import { enCard } from '../../src/i18n/en/card.js';
import { idServer } from '../../src/i18n/id/server.js';
import { enServer } from '../../src/i18n/en/server.js';
import { idUnsupported } from '../../src/i18n/id/unsupported.js';
import { enUnsupported } from '../../src/i18n/en/unsupported.js';
import { idDebug } from '../../src/i18n/id/debug.js';
import { enDebug } from '../../src/i18n/en/debug.js';
import { enOffice } from '../../src/i18n/en/office.js';
import { idOffice } from '../../src/i18n/id/office.js';
import { enOfficeReports } from '../../src/i18n/en/office-reports.js';
import { idOfficeReports } from '../../src/i18n/id/office-reports.js';
import { serverTexts } from '../../src/i18n/server.js';
import { enStatus } from '../../src/i18n/en/status.js';
import { idStatus } from '../../src/i18n/id/status.js';
import { statusTexts } from '../../src/i18n/status.js';
import { UNSUPPORTED_TEXTS } from '../../src/i18n/unsupported.js';
import { STEP_FIELDS } from '../../src/components/form/steps.js';
import { AK1_MEDIA_ERROR_CODES } from '../../src/media/errors.js';
import { APPLICATION_FIELD_NAMES } from '../../src/schema/application.js';
import {
  DISABILITY_KINDS,
  DOCUMENT_KINDS,
  EDUCATION_LEVELS,
  JOB_LOCATIONS,
  MARITAL_STATUSES,
  REGISTRATION_STATUSES,
  RELIGIONS,
  SEXES,
} from '../../src/schema/codes.js';
import { AK1_MESSAGE_KEYS, AK1_WARNING_KEYS } from '../../src/schema/messages.js';

const catalogues: Record<string, Ak1Catalogue> = { id, en };
const journeys: Record<string, Ak1JourneyTexts> = { id: idJourney, en: enJourney };
/** Every message text of a language: the first step's in the catalogue, the rest with the later steps' texts. */
const messagesOf = (lang: string): Record<string, string> => ({ ...catalogues[lang]!.messages, ...journeys[lang]!.messages });
const ALL_KEYS = [...AK1_MESSAGE_KEYS, ...AK1_WARNING_KEYS];

const LABEL_CODES: Record<keyof Ak1Catalogue['labels'], readonly string[]> = {
  sex: SEXES,
  religion: RELIGIONS,
  maritalStatus: MARITAL_STATUSES,
  educationLevel: EDUCATION_LEVELS,
  disabilityKind: DISABILITY_KINDS,
  documentKind: DOCUMENT_KINDS,
  jobLocation: JOB_LOCATIONS,
};

/** Every text of a catalogue that is a plain string, with where it is. */
function allTexts(catalogue: Ak1Catalogue): [string, string][] {
  const texts: [string, string][] = [];
  for (const [key, text] of Object.entries(catalogue.messages)) texts.push([`messages.${key}`, text]);
  for (const [section, labels] of Object.entries(catalogue.labels)) {
    for (const [code, text] of Object.entries(labels)) texts.push([`labels.${section}.${code}`, text]);
  }
  catalogue.months.forEach((text, i) => texts.push([`months.${i}`, text]));
  for (const [key, text] of Object.entries(catalogue.ui)) if (typeof text === 'string') texts.push([`ui.${key}`, text]);
  return texts;
}

/** A text tree's keys at every depth, with the kind of each value (text, function, list of n). */
const shape = (value: unknown): unknown =>
  Array.isArray(value)
    ? `list of ${value.length}`
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]))
      : typeof value;

for (const [lang, catalogue] of Object.entries(catalogues)) {
  describe(`catalogue ${lang}`, () => {
    it('says which language it is', () => {
      assert.equal(catalogue.lang, lang);
    });

    it('has a text for every message and warning key', () => {
      for (const key of ALL_KEYS) {
        const text = messagesOf(lang)[key] ?? '';
        assert.ok(text.length > 0, `${lang}: ${key} has no text`);
        assert.equal(text, text.trim(), `${lang}: ${key} has leading or trailing space`);
      }
    });

    it('has no text for keys the schema does not have', () => {
      assert.deepEqual(Object.keys(messagesOf(lang)).sort(), [...ALL_KEYS].sort());
      // No key in both places: one text per key.
      const both = Object.keys(catalogue.messages).filter((key) => Object.hasOwn(journeys[lang]!.messages, key));
      assert.deepEqual(both, []);
    });

    it('has no leftover placeholders, field names or doubled spaces', () => {
      for (const [where, text] of allTexts(catalogue)) {
        assert.ok(text.trim().length > 0, `${lang}: ${where} is empty`);
        assert.equal(text, text.trim(), `${lang}: ${where} has leading or trailing space`);
        assert.doesNotMatch(text, /[{}]|\$\{|TODO|FIXME|XXX|undefined|\bnull\b|NaN/, `${lang}: ${where}: ${text}`);
        assert.doesNotMatch(text, /\bdataBase64\b|\bschemaVersion\b|\bmediaType\b|\b[a-z]+[A-Z][A-Za-z]*Code\b/, `${lang}: ${where}: ${text}`);
        assert.doesNotMatch(text, / {2}/, `${lang}: ${where} has doubled spaces`);
      }
    });

    it('labels exactly the codes of each code list', () => {
      assert.deepEqual(Object.keys(catalogue.labels).sort(), Object.keys(LABEL_CODES).sort());
      for (const [section, codes] of Object.entries(LABEL_CODES)) {
        const labels = catalogue.labels[section as keyof Ak1Catalogue['labels']];
        assert.deepEqual(Object.keys(labels).sort(), [...codes].sort(), `${lang}: labels.${section}`);
      }
    });

    it('words every registration status, outside the catalogue (the form shows none)', () => {
      const words = statusTexts[catalogue.lang];
      assert.deepEqual(Object.keys(words).sort(), [...REGISTRATION_STATUSES].sort());
      for (const [code, text] of Object.entries(words)) {
        assert.ok(text.length > 0 && text === text.trim() && !/ {2}/.test(text), `${lang}: status ${code}`);
      }
      assert.equal(new Set(Object.values(words)).size, REGISTRATION_STATUSES.length, `${lang}: two statuses read alike`);
      assert.ok(!('registrationStatus' in catalogue.labels));
    });

    it('has twelve distinct month names', () => {
      assert.equal(catalogue.months.length, 12);
      assert.equal(new Set(catalogue.months).size, 12);
    });

    it('has no empty or padded text anywhere', () => {
      const walk = (value: unknown, where: string) => {
        if (typeof value === 'string') {
          assert.ok(value.length > 0 && value === value.trim(), `${lang}: ${where} is empty or padded`);
          assert.doesNotMatch(value, /\bTODO\b|\{\w+\}|undefined/, `${lang}: ${where}`);
        } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}.${i}`));
        else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
      };
      walk(catalogue, lang);
    });
  });
}

describe('the two catalogues', () => {
  it('have the same keys in every section', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(id).sort());
    assert.deepEqual(Object.keys(en.messages).sort(), Object.keys(id.messages).sort());
    assert.deepEqual(Object.keys(en.labels).sort(), Object.keys(id.labels).sort());
    for (const section of Object.keys(id.labels) as (keyof Ak1Catalogue['labels'])[]) {
      assert.deepEqual(Object.keys(en.labels[section]).sort(), Object.keys(id.labels[section]).sort(), `labels.${section}`);
    }
    // Every section at every depth: the same keys, and the same kind of value (text, function, list).
    const { lang: _en, ...enRest } = en;
    const { lang: _id, ...idRest } = id;
    assert.deepEqual(shape(enRest), shape(idRest));
    assert.deepEqual(shape(enJourney), shape(idJourney));
  });

  it('are translated, not copied', () => {
    const [idMessages, enMessages] = [messagesOf('id'), messagesOf('en')];
    for (const key of ALL_KEYS) {
      if (idMessages[key]!.length <= 20) continue;
      assert.notEqual(enMessages[key], idMessages[key], `${key} is the same in both languages`);
    }
    assert.notEqual(en.ui.configError, id.ui.configError);
    assert.notEqual(en.form.identity.nikHint, id.form.identity.nikHint);
    assert.notEqual(enJourney.privacy.consentLabel, idJourney.privacy.consentLabel);
  });

  it('give a privacy notice that says what UU PDP asks of it (issue 14)', () => {
    const notice = idJourney.privacy.sections('Disnaker Kabupaten Serang', 'Jl. Veteran No. 1')
      .flatMap((section) => [section.heading, ...section.paragraphs]).join('\n');
    // The basis is the district's obligation and public task, not consent; consent only for what is optional.
    assert.match(notice, /Pasal 20 ayat \(2\) huruf c dan e/);
    assert.match(notice, /bukan persetujuan Anda/);
    assert.doesNotMatch(idJourney.privacy.consentLabel, /setuju/i);
    // Every field collected, those a review found missing included; who receives it; how long; rights; why disability.
    for (const field of ['disabilitas', 'tinggi badan', 'berat badan', 'gaji yang diharapkan', 'nomor HP', 'pas foto']) assert.ok(notice.includes(field), field);
    assert.match(notice, /Kemnaker/);
    assert.match(notice, /90 hari/);
    assert.match(notice, /5 tahun/);
    assert.match(notice, /membetulkan data yang salah, dan meminta penghapusan/);
    assert.match(notice, /UU No\. 8 Tahun 2016/);
    assert.equal(idJourney.privacy.version, enJourney.privacy.version);
  });

  it('give the official Indonesian labels', () => {
    assert.equal(id.labels.religion.KEPERCAYAAN, 'Kepercayaan terhadap Tuhan YME');
    assert.equal(id.labels.religion.KHONGHUCU, 'Khonghucu');
    assert.equal(id.labels.maritalStatus.BELUM_KAWIN, 'Belum kawin');
    assert.equal(id.labels.maritalStatus.CERAI_HIDUP, 'Cerai hidup');
    assert.equal(id.labels.sex.L, 'Laki-laki');
    assert.equal(id.labels.sex.P, 'Perempuan');
    assert.equal(id.labels.educationLevel.SMA, 'SMA/sederajat');
    assert.equal(id.labels.documentKind.KK, 'Kartu Keluarga (KK)');
    assert.equal(idStatus.EXPIRED, 'Tidak berlaku lagi');
    assert.deepEqual(id.months.slice(0, 3), ['Januari', 'Februari', 'Maret']);
    assert.equal(id.months[11], 'Desember');
  });
});

describe('withTranslations', () => {
  it('returns the catalogue itself without overrides', () => {
    assert.equal(withTranslations(id, undefined), id);
  });

  it('overrides one message and keeps the others', () => {
    const merged = withTranslations(id, { messages: { 'nik.length': 'NIK wajib 16 angka' } });
    assert.equal(merged.messages['nik.length'], 'NIK wajib 16 angka');
    for (const key of Object.keys(id.messages) as (keyof typeof id.messages)[]) {
      if (key !== 'nik.length') assert.equal(merged.messages[key], id.messages[key], key);
    }
    assert.deepEqual(merged.labels, id.labels);
    assert.equal(merged.ui, id.ui);
    // The built-in catalogue is left as it was.
    assert.notEqual(id.messages['nik.length'], 'NIK wajib 16 angka');
  });

  it('ignores unknown keys and __proto__ in a section', () => {
    const overrides = JSON.parse(
      '{"messages": {"fullName.format": "Nama salah", "no.such.key": "x", "__proto__": {"polluted": "yes"}}}',
    ) as Ak1Translations;
    const merged = withTranslations(id, overrides);
    assert.equal(merged.messages['fullName.format'], 'Nama salah');
    assert.equal(merged.messages['nik.required'], id.messages['nik.required']);
    assert.ok(!Object.hasOwn(merged.messages, 'no.such.key'));
    assert.ok(!Object.hasOwn(merged.messages, '__proto__'));
    assert.equal(Object.getPrototypeOf(merged.messages), Object.prototype);
    assert.equal((merged.messages as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(merged.messages).sort(), Object.keys(id.messages).sort());
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('ignores unknown codes and __proto__ inside a label section', () => {
    const overrides = JSON.parse('{"labels": {"sex": {"X": "Lainnya", "__proto__": {"polluted": "yes"}}}}') as Ak1Translations;
    const merged = withTranslations(id, overrides);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(merged.labels.sex).sort(), ['L', 'P']);
  });

  it('ignores unknown sections, a top-level __proto__ and values of the wrong kind', () => {
    const merged = withTranslations(id, JSON.parse('{"__proto__": {"lang": "en"}, "bogus": 1}') as Ak1Translations);
    assert.equal(({} as Record<string, unknown>).lang, undefined);
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    assert.deepEqual(Object.keys(merged).sort(), Object.keys(id).sort());
    const wrongKinds = withTranslations(id, JSON.parse('{"messages": "oops", "ui": {"configError": 5}, "months": ["x"]}'));
    assert.deepEqual(wrongKinds.messages, id.messages);
    assert.equal(wrongKinds.ui.configError, id.ui.configError);
    assert.deepEqual(wrongKinds.months, id.months);
  });

  it('overrides a single label inside a label section', () => {
    const merged = withTranslations(id, { labels: { sex: { P: 'Wanita' } } });
    assert.equal(merged.labels.sex.P, 'Wanita');
    assert.equal(merged.labels.sex.L, 'Laki-laki');
    assert.deepEqual(merged.labels.religion, id.labels.religion);
    assert.equal(id.labels.sex.P, 'Perempuan');
  });
});

describe('formatDate', () => {
  it('writes a date out in the catalogue’s language', () => {
    assert.equal(formatDate('1990-09-12', id), '12 September 1990');
    assert.equal(formatDate('2026-01-05', id), '5 Januari 2026');
    assert.equal(formatDate('2026-12-31', en), '31 December 2026');
  });
});

describe('resolveLang and loadCatalogue', () => {
  it('gives English for en and its regions, Indonesian for everything else', () => {
    assert.equal(resolveLang('en'), 'en');
    assert.equal(resolveLang('en-GB'), 'en');
    assert.equal(resolveLang('EN-us'), 'en');
    assert.equal(resolveLang('fr'), 'id');
    assert.equal(resolveLang('id-ID'), 'id');
    assert.equal(resolveLang(''), 'id');
    assert.equal(resolveLang(undefined), 'id');
  });

  it('loads the catalogue of the language', async () => {
    assert.equal(await loadCatalogue('en-GB'), en);
    assert.equal(await loadCatalogue('fr'), id);
    assert.equal(await loadCatalogue(undefined), id);
  });
});

describe('messageText: one fallback chain for message keys', () => {
  const MEDIA_CODES: readonly string[] = AK1_MEDIA_ERROR_CODES;

  it('finds each kind of key where it lives', () => {
    assert.equal(messageText({ t: id }, 'nik.length'), id.messages['nik.length']);
    assert.equal(messageText({ t: id, j: idJourney }, 'phone.format'), idJourney.messages['phone.format']);
    assert.equal(messageText({ t: id, j: idJourney }, 'media.pdfEncrypted'), idMedia.errors['media.pdfEncrypted']);
    assert.equal(messageText({ t: en, j: enJourney }, 'generic'), en.form.messages.generic);
  });

  it('gives the generic text, never a key, for a key it has no text for', () => {
    // Before the later steps' texts load, and for keys nobody has (a newer version's, say).
    for (const key of ['phone.format', 'media.unreadable', 'no.such.key', 'nik', '']) {
      assert.equal(messageText({ t: id }, key), id.form.messages.generic, key);
    }
    for (const key of ['no.such.key', 'photo', 'media']) {
      assert.equal(messageText({ t: en, j: enJourney }, key), en.form.messages.generic, key);
    }
  });

  it('has a text for every validation, warning and media key once the later steps have loaded', () => {
    for (const [t, j] of [[id, idJourney], [en, enJourney]] as const) {
      for (const key of [...ALL_KEYS, ...MEDIA_CODES]) {
        const text = messageText({ t, j }, key);
        assert.notEqual(text, t.form.messages.generic, `${t.lang}: ${key} falls back`);
        assert.ok(text.length > 0, `${t.lang}: ${key}`);
      }
    }
  });

  it('gives the photo step the same text as the form for every key', () => {
    // <ak1-photo-step> holds the later steps' messages and its own texts, not the whole journey.
    for (const [t, j, media] of [[id, idJourney, idMedia], [en, enJourney, enMedia]] as const) {
      for (const key of [...ALL_KEYS, ...MEDIA_CODES, 'generic', 'no.such.key']) {
        assert.equal(messageText({ t, j: { messages: j.messages, media } }, key), messageText({ t, j }, key), `${t.lang}: ${key}`);
      }
      assert.equal(messageText({ t, j: { messages: undefined, media } }, 'media.type'), media.errors['media.type']);
    }
  });

  it('uses a district’s wording when it overrides a text', () => {
    const t = withTranslations(id, { messages: { 'nik.length': 'NIK wajib 16 angka' }, form: { messages: { generic: 'Cek lagi' } } });
    assert.equal(messageText({ t }, 'nik.length'), 'NIK wajib 16 angka');
    assert.equal(messageText({ t }, 'no.such.key'), 'Cek lagi');
  });
});

describe('the first step’s fields', () => {
  it('are the first step of the form, written once', () => {
    assert.equal(STEP_FIELDS.identity, FIRST_STEP_FIELDS);
    for (const field of FIRST_STEP_FIELDS) assert.ok(APPLICATION_FIELD_NAMES.includes(field), field);
  });

  it('have their messages in the catalogue, and every other field has them in the later steps’ texts', () => {
    const scope = new Set<string>([...FIRST_STEP_FIELDS, 'application', 'schemaVersion']);
    const isFirst = (key: string) => scope.has(key.split('.')[0]!);
    for (const catalogue of [id, en]) {
      assert.deepEqual(Object.keys(catalogue.messages).sort(), ALL_KEYS.filter(isFirst).sort(), catalogue.lang);
    }
    for (const journey of [idJourney, enJourney]) {
      assert.deepEqual(Object.keys(journey.messages).sort(), ALL_KEYS.filter((key) => !isFirst(key)).sort());
    }
  });
});

describe('the catalogue files', () => {
  const i18nDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/i18n');
  const srcDir = resolve(i18nDir, '..');
  const filesIn = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));

  it('are one per language and area, the same areas in every language', () => {
    const areas = (lang: string) => readdirSync(join(i18nDir, lang)).sort();
    assert.deepEqual(areas('id'), ['card.ts', 'debug.ts', 'form.ts', 'journey.ts', 'media.ts', 'office-reports.ts', 'office.ts', 'reasons.ts', 'self.ts', 'server.ts', 'status.ts', 'unsupported.ts']);
    assert.deepEqual(areas('en'), areas('id'));
  });

  it('have the same keys and kinds of value in every language, in every area', () => {
    assert.deepEqual(shape(enMedia), shape(idMedia));
    assert.deepEqual(shape(enCard), shape(idCard));
    assert.deepEqual(shape(enServer), shape(idServer));
    assert.deepEqual(shape(enUnsupported), shape(idUnsupported));
    assert.deepEqual(shape(enDebug), shape(idDebug));
    assert.deepEqual(shape(enOffice), shape(idOffice));
    assert.deepEqual(shape(enOfficeReports), shape(idOfficeReports));
    assert.deepEqual(shape(enStatus), shape(idStatus));
    assert.equal(idJourney.media, idMedia);
    assert.equal(enJourney.media, enMedia);
    assert.deepEqual(serverTexts, { id: idServer, en: enServer });
    assert.deepEqual(statusTexts, { id: idStatus, en: enStatus });
    assert.deepEqual(UNSUPPORTED_TEXTS, { id: idUnsupported, en: enUnsupported });
  });

  it('import no cycle, no lit, and nothing of ours but schema and the media error codes', () => {
    // Every import, static or dynamic, type-only included: a cycle of types is still a cycle to a reader.
    const graph = new Map<string, string[]>();
    for (const file of filesIn(i18nDir).filter((f) => f.endsWith('.ts'))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const imports: string[] = [];
      for (const { fileName: spec } of importedFiles) {
        assert.ok(spec.startsWith('.'), `${relative(srcDir, file)} imports ${spec}`);
        const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        const where = relative(srcDir, target);
        assert.ok(/^(i18n|schema)[\\/]/.test(where) || where === join('media', 'errors.ts'), `${relative(srcDir, file)} imports ${where}`);
        if (where.startsWith('i18n')) imports.push(target);
      }
      graph.set(file, imports);
    }
    // A language's files import the types and their own folder only, never the other language's.
    for (const [file, imports] of graph) {
      const lang = /[\\/]i18n[\\/](\w+)[\\/]/.exec(file)?.[1];
      if (!lang) continue;
      for (const target of imports) {
        assert.ok(target === join(i18nDir, 'types.ts') || dirname(target) === join(i18nDir, lang), `${relative(srcDir, file)} imports ${relative(srcDir, target)}`);
      }
    }
    const done = new Set<string>();
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) assert.fail(`import cycle: ${[...path.slice(path.indexOf(file)), file].map((f) => relative(srcDir, f)).join(' → ')}`);
      if (done.has(file)) return;
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      done.add(file);
    };
    for (const file of graph.keys()) visit(file, []);
    assert.ok(graph.size >= 16, `only ${graph.size} files read`);
  });
});

describe('the office says how long a lockout lasts in words an officer reads at a glance', () => {
  it('seconds under a minute and a half, whole minutes (rounded up) beyond, a general wait without a figure', () => {
    assert.equal(idOffice.errors.rateLimited(30), 'Terlalu banyak percobaan. Coba lagi dalam 30 detik.');
    assert.equal(idOffice.errors.rateLimited(900), 'Terlalu banyak percobaan. Coba lagi dalam 15 menit.');
    assert.equal(idOffice.errors.rateLimited(3599), 'Terlalu banyak percobaan. Coba lagi dalam 60 menit.');
    assert.equal(enOffice.errors.rateLimited(900), 'Too many attempts. Try again in 15 minutes.');
    assert.equal(enOffice.errors.rateLimited(undefined), 'Too many attempts. Try again in a moment.');
  });
});
