/*
 * XSS: hostile text in every free-text field, wherever the schema accepts it, must come out as text wherever it
 * is shown: the form's check page and done screen (the built bundle in chromium, the application restored
 * from the tab as after a reload), the verification page (npm start's server), the card PDF (text read back
 * with pdftotext) and the office's CSV export (read back with csv-parse, both delimiters). Each payload that
 * could run calls a sentinel, `__xss(n)`; nothing may call it, and each page must have exactly the elements
 * (by tag) it has for an ordinary applicant, with no `on…` attribute and no `javascript:` link.
 * Payloads the schema refuses in a field count as refused there (names take letters and . , ' - only).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { renderCardPdf } from '../../src/card/index.js';
import { validateApplication } from '../../src/schema/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT } from '../fixtures/card.js';
import { pdfText } from '../fixtures/pdf-tools.js';
import { KTP, PHOTO, launchBrowser, openPage, startDemo, waitForStep, type Demo } from '../e2e/helpers.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { figure } from './figures.js';

const s = (n: number) => `__xss(${n})`;
/** The payloads; `${n}` is each one's sentinel number. */
const PAYLOADS: string[] = [
  `<script>${s(1)}</script>`,
  `<img src=x onerror=${s(2)}>`,
  `<svg onload=${s(3)}>`,
  `"><img src=x onerror=${s(4)}>`,
  `'><svg/onload=${s(5)}>`,
  `" onmouseover="${s(6)}" x="`,
  `' onfocus='${s(7)}' autofocus='`,
  `javascript:${s(8)}`,
  `JaVaScRiPt:${s(9)}`,
  `data:text/html,<script>${s(10)}</script>`,
  `<a href="javascript:${s(11)}">klik</a>`,
  `<iframe srcdoc="<script>parent.${s(12)}</script>">`,
  `<iframe src="javascript:parent.${s(13)}">`,
  `<details open ontoggle=${s(14)}>`,
  `<body onload=${s(15)}>`,
  `<input autofocus onfocus=${s(16)}>`,
  `<video><source onerror=${s(17)}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${s(18)}>`,
  `<style>@import 'javascript:${s(19)}';</style>`,
  `<object data="javascript:${s(20)}">`,
  `<embed src="javascript:${s(21)}">`,
  `<form action="javascript:${s(22)}"><button>x</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${s(23)}">`,
  `<base href="javascript:${s(24)}//">`,
  `<template><img src=x onerror=${s(25)}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${s(26)}>">`,
  `<!--<img src=x onerror=${s(27)}>-->`,
  `]]><img src=x onerror=${s(28)}>`,
  `</textarea><img src=x onerror=${s(29)}>`,
  `</title><img src=x onerror=${s(30)}>`,
  `\${${s(31)}}`,
  `{{constructor.constructor('${s(32)}')()}}`,
  `<%= ${s(33)} %>`,
  `#{${s(34)}}`,
  `\${alert\`1\`}`,
  `{{7*7}}`,
  `&lt;img src=x onerror=${s(37)}&gt;`,
  `&#60;img src=x onerror=${s(38)}&#62;`,
  `%3Cimg%20src%3Dx%20onerror%3D${s(39)}%3E`,
  `\\u003cimg src=x onerror=${s(40)}\\u003e`,
  `<img src=x onerror="${s(41)}"`,
  `<img """><script>${s(42)}</script>">`,
  `<scr<script>ipt>${s(43)}</scr</script>ipt>`,
  `"; ${s(44)}; "`,
  `'; ${s(45)}; '`,
  `</script><script>${s(46)}</script>`,
  `=HYPERLINK("javascript:${s(47)}")`,
  `=cmd|' /C calc'!A0`,
  `Staf;=cmd|' /C calc'!A0`,
  `+${s(50)}`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  // Bidi overrides and isolates, zero-width characters: the schema refuses them all.
  `\u202Egnp.exe\u202C`,
  `Jl. Raya\u2066<b>x</b>\u2069`,
  `Jl.\u200B Raya`,
  // Homoglyphs: Cyrillic and Greek letters that look Latin (outside the card's font: refused).
  `Jl. Rаyа Sеrаng`,
  `ΡΤ Νikomas`,
  // Latin letters the card prints, with text that looks like markup in another script.
  `Ｓｔａｆ＜script＞`,
  `Siti Nur’aini d’Arc-Élise`,
  // Very long strings: at the field's limit, and over it.
  `<b>x</b>`.repeat(15),
  `<img src=x onerror=${s(63)}>`.repeat(40),
  'A'.repeat(5000),
];

/** The free-text fields of the application (paths into it), names and places first. */
const FIELDS = [
  'fullName',
  'birthPlace',
  'address.street',
  'education.0.institution',
  'education.0.major',
  'skills.0.name',
  'skills.0.provider',
  'workExperience.0.employer',
  'workExperience.0.position',
  'jobPreferences.positions.0.title',
  'disability.note',
  'languages.0',
] as const;

function setPath(target: Record<string, any>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: any = target;
  for (const part of parts.slice(0, -1)) at = at[part];
  at[parts.at(-1)!] = value;
}

function getPath(target: Record<string, any>, path: string): unknown {
  return path.split('.').reduce<any>((at, part) => at?.[part], target);
}

const photo = { mediaType: 'image/jpeg', dataBase64: PHOTO.buffer.toString('base64') };
const documents = [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: KTP.buffer.toString('base64') }];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

/** An ordinary applicant, with every field the payloads go into filled. */
function baseApplication(i: number): Record<string, any> {
  return testApplicant(3_000_000 + i, {
    photo,
    documents,
    disability: { kinds: ['SENSORIK_RUNGU'], note: 'Memakai alat bantu dengar' },
    consent: { noticeVersion: '2026-11', acceptedAt: new Date(Date.now() - 60_000).toISOString() },
  });
}

const valid = (application: unknown) =>
  validateApplication(application, { today: today(), minAge: 18, requiredDocuments: ['KTP'] }).ok;

/** For each payload: the fields that accept it (alone), and the application with it in all of them. */
function placements(): Array<{ index: number; payload: string; fields: string[]; application: Record<string, any> }> {
  return PAYLOADS.map((payload, index) => {
    const fields = FIELDS.filter((field) => {
      const application = baseApplication(index);
      setPath(application, field, payload);
      return valid(application);
    });
    const application = baseApplication(index);
    for (const field of fields) setPath(application, field, payload);
    return { index, payload, fields, application };
  });
}

/** The form's answers for an application, as its tab draft keeps them (so the check page can show them). */
function answersOf(a: Record<string, any>): Record<string, unknown> {
  const [year, month, day] = (a.birthDate as string).split('-');
  const str = (value: unknown) => (value === undefined ? '' : String(value));
  return {
    nik: a.nik, kkNumber: str(a.kkNumber), fullName: a.fullName, birthPlace: a.birthPlace,
    birthDate: { day: String(Number(day)), month: String(Number(month)), year },
    sex: a.sex, religion: a.religion, maritalStatus: a.maritalStatus, heightCm: str(a.heightCm), weightKg: str(a.weightKg),
    hasDisability: a.disability ? 'yes' : 'no',
    disability: { kinds: a.disability?.kinds ?? [], note: str(a.disability?.note) },
    phone: a.phone, email: str(a.email),
    address: { ...Object.fromEntries(Object.entries(a.address).map(([k, v]) => [k, str(v)])), rt: str(a.address.rt), rw: str(a.address.rw) },
    education: a.education.map((e: any) => ({ level: e.level, institution: e.institution, major: str(e.major), graduationYear: str(e.graduationYear) })),
    skills: (a.skills ?? []).map((k: any) => ({ name: k.name, provider: str(k.provider), year: str(k.year) })),
    languages: (a.languages ?? []).join(', '),
    workExperience: (a.workExperience ?? []).map((w: any) => ({ employer: w.employer, position: w.position, startYear: str(w.startYear), endYear: str(w.endYear) })),
    jobPreferences: {
      positions: a.jobPreferences.positions.map((p: any) => ({ title: p.title, kbji: str(p.kbji) })),
      location: a.jobPreferences.location,
      expectedWage: { min: str(a.jobPreferences.expectedWage?.min), max: str(a.jobPreferences.expectedWage?.max) },
    },
    preferredVisitDate: '',
    consent: true,
  };
}

/** What a page (or the form's shadow tree) is made of: tag → count, and anything that could run. */
interface Anatomy {
  tags: Record<string, number>;
  handlers: string[];
}

async function anatomy(page: Page, inForm: boolean): Promise<Anatomy> {
  return page.evaluate((inForm) => {
    const tags: Record<string, number> = {};
    const handlers: string[] = [];
    const visit = (root: ParentNode) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        tags[element.localName] = (tags[element.localName] ?? 0) + 1;
        for (const attribute of Array.from(element.attributes)) {
          if (/^on/i.test(attribute.name)) handlers.push(`${element.localName}[${attribute.name}]`);
          if (/^\s*(javascript|data|vbscript):/i.test(attribute.value) && /^(href|src|action|formaction|data|srcdoc)$/i.test(attribute.name)) {
            handlers.push(`${element.localName}[${attribute.name}=${attribute.value.slice(0, 30)}]`);
          }
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    const form = document.querySelector('ak1-form');
    visit(inForm && form?.shadowRoot ? form.shadowRoot : document);
    return { tags, handlers };
  }, inForm);
}

/**
 * What a page has that the ordinary applicant's has not: handlers, and more elements of a tag. (Fewer is no
 * injection: e.g. no appointment once the day's seats are gone.)
 */
function differences(expected: Anatomy, actual: Anatomy): string[] {
  const out = [...actual.handlers];
  for (const tag of Object.keys(actual.tags)) {
    if (actual.tags[tag]! > (expected.tags[tag] ?? 0)) out.push(`<${tag}>: ${expected.tags[tag] ?? 0} → ${actual.tags[tag]}`);
  }
  return out;
}

describe('XSS: hostile text stays text', () => {
  const all = placements();
  const accepted = all.filter((p) => p.fields.length > 0);
  const acceptedPlacements = all.reduce((sum, p) => sum + p.fields.length, 0);

  it('is refused or kept as text by the server: the card PDF and the CSV export', { timeout: 300_000 }, async (t) => {
    const store = createMemoryStore();
    const handler = createAk1Handler({
      store,
      endpointPath: '/api/ak1',
      publicUrl: 'http://localhost:8080',
      district: ak1DemoDistrict,
      corsOrigins: [],
      exportToken: 'xss-export-token-0123456789',
      ...({ limits: false } as object),
    });
    const problems: string[] = [];
    let printed = 0;
    let printable = 0;
    for (const { index, payload, fields, application } of accepted) {
      const reply = await handler(
        new Request('http://localhost:8080/api/ak1', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `xss-${index}` },
          body: JSON.stringify(application),
        }),
      );
      if (reply.status !== 201) {
        problems.push(`payload ${index}: registration ${reply.status} ${await reply.text()}`);
        continue;
      }
      const registration = await reply.json();
      const pdf = await renderCardPdf(application as never, registration, { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT });
      const raw = Buffer.from(pdf).toString('latin1');
      if (/\/(JavaScript|JS|Launch|SubmitForm|ImportData)\b/.test(raw) || /\/URI\s*\(\s*(javascript|data):/i.test(raw)) {
        problems.push(`payload ${index}: the card PDF holds an action`);
      }
      const text = pdfText(pdf, 'raw').replace(/\s+/g, '');
      const onCard = fields.filter((field) => ['fullName', 'birthPlace', 'address.street'].includes(field));
      for (const field of onCard) {
        printable++;
        if (text.includes(String(getPath(application, field)).replace(/\s+/g, ''))) printed++;
        else problems.push(`payload ${index}: ${field} is not read back from the card as it was typed: ${JSON.stringify(payload.slice(0, 40))}`);
      }
    }
    const date = today();
    let cells = 0;
    let formulas = 0;
    const formulaExamples = new Set<string>();
    let found = 0;
    for (const delimiter of [',', ';']) {
      const reply = await handler(
        new Request(`http://localhost:8080/api/ak1/export.csv?registeredOn=${date}&delimiter=${encodeURIComponent(delimiter)}`, {
          headers: { authorization: 'Bearer xss-export-token-0123456789' },
        }),
      );
      assert.equal(reply.status, 200);
      const csv = await reply.text();
      // As a spreadsheet would read it with either list separator, whichever was chosen for the export.
      for (const readAs of [',', ';']) {
        const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: readAs, relax_quotes: true, relax_column_count: true }) as string[][];
        for (const cell of rows.flat()) {
          cells++;
          // Numbers, and the export's own ="0123" that keeps a NIK's or phone's digits as text, are no formula.
          if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+([.,]\d+)?$/.test(cell) && !/^="\+?\d*"$/.test(cell)) {
            formulas++;
            if (formulaExamples.size < 8) formulaExamples.add(`${delimiter} read as ${readAs}: ${cell.slice(0, 50)}`);
          }
        }
        if (readAs === delimiter) found += accepted.filter((p) => p.fields.some((f) => rows.flat().some((cell) => cell.includes(String(getPath(p.application, f)))))).length;
      }
    }
    figure(t, 'xss', 'payloads, fields', `${PAYLOADS.length} payloads, ${FIELDS.length} free-text fields`);
    figure(t, 'xss', 'accepted / refused placements (payload × field)', `${acceptedPlacements} / ${PAYLOADS.length * FIELDS.length - acceptedPlacements}`);
    figure(t, 'xss', 'payloads accepted in some field / refused in all', `${accepted.length} / ${PAYLOADS.length - accepted.length}`);
    figure(
      t,
      'xss',
      'accepted in names (fullName, birthPlace)',
      `${all.filter((p) => p.fields.includes('fullName')).length}, ${all.filter((p) => p.fields.includes('birthPlace')).length}`,
    );
    figure(t, 'xss', 'card PDF: placements read back as typed / printed fields', `${printed} / ${printable}`);
    figure(t, 'xss', 'CSV: cells read (both exports, both separators), formula cells', `${cells}, ${formulas}`);
    figure(t, 'xss', 'CSV: exports holding each accepted payload verbatim (of 2 × accepted; the rest neutralised)', `${found} of ${2 * accepted.length}`);
    assert.deepEqual(problems, []);
    assert.equal(formulas, 0, `formula cells, e.g. ${[...formulaExamples].join(' | ')}`);
    assert.ok(PAYLOADS.length >= 50);
  });

  it('never runs in the form (check page, done screen) or on the verification page', { timeout: 600_000 }, async (t) => {
    process.env.AK1_LIMITS = 'off';
    process.env.AK1_PROOF_OF_WORK = 'off';
    const demo: Demo = await startDemo().finally(() => {
      delete process.env.AK1_LIMITS;
      delete process.env.AK1_PROOF_OF_WORK;
    });
    const browser = await launchBrowser();
    const fired = new Set<number>();
    const problems: string[] = [];
    const database = join(demo.dataDir, 'ak1.sqlite');
    const tokenOf = (nik: string) => {
      const db = new Database(database, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT token FROM ak1_registrations WHERE nik = ?').get(nik) as { token: string } | undefined)?.token;
      } finally {
        db.close();
      }
    };
    let pages = 0;

    /** One applicant through the check page, the done screen and the verification page; their anatomies. */
    async function journey(application: Record<string, any>): Promise<{ review: Anatomy; done: Anatomy; verify: Anatomy }> {
      const opened = await openPage(browser);
      const { page, context } = opened;
      try {
        await context.exposeFunction('__xss', (n: number) => void fired.add(n));
        const draft = JSON.stringify({ savedAt: Date.now(), step: 'review', answers: answersOf(application), v: 1 });
        const outbox = JSON.stringify({ savedAt: Date.now(), idempotencyKey: crypto.randomUUID(), endpoint: '/api/ak1', application, v: 1 });
        await context.addInitScript(
          ([draft, outbox]) => {
            if (sessionStorage.getItem('seeded')) return;
            sessionStorage.setItem('ak1-form:draft', draft!);
            sessionStorage.setItem('ak1-form:outbox', outbox!);
            sessionStorage.setItem('seeded', '1');
          },
          [draft, outbox],
        );
        // The registration waits until the check page has been looked at.
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        await page.route(/\/api\/ak1$/, async (route) => {
          if (route.request().method() === 'POST') await released;
          await route.continue();
        });
        await page.goto(`${demo.url}/`);
        await waitForStep(page, 'review');
        const review = await anatomy(page, true);
        release();
        await waitForStep(page, 'done', 20_000).catch((error: Error) => {
          const log = demo.output().trim().split('\n').filter((line) => line.startsWith('POST /api/ak1 '));
          throw new Error(`${error.message.split('\n')[0]} (the server's last reply: ${log.at(-1) ?? 'none'})`);
        });
        const done = await anatomy(page, true);
        const token = tokenOf(application.nik);
        assert.ok(token, 'registered');
        await page.goto(`${demo.url}/verify/${token}`);
        const verify = await anatomy(page, false);
        pages += 3;
        return { review, done, verify };
      } finally {
        await context.close();
      }
    }

    const started = performance.now();
    try {
      const baseline = await journey(baseApplication(9_999));
      let next = 0;
      await Promise.all(
        Array.from({ length: 3 }, async () => {
          while (next < accepted.length) {
            const { index, application } = accepted[next++]!;
            try {
              const seen = await journey(application);
              for (const where of ['review', 'done', 'verify'] as const) {
                for (const difference of differences(baseline[where], seen[where])) problems.push(`payload ${index}, ${where}: ${difference}`);
              }
            } catch (error) {
              problems.push(`payload ${index}: ${(error as Error).message.split('\n')[0]}`);
            }
          }
        }),
      );
    } finally {
      await browser.close();
      await demo.stop();
    }
    figure(t, 'xss', 'browser: applicants, pages checked, wall time', `${accepted.length}, ${pages}, ${Math.round((performance.now() - started) / 1000)} s`);
    figure(t, 'xss', 'browser: sentinels fired', fired.size ? [...fired].join(', ') : '0');
    figure(t, 'xss', 'browser: elements or attributes the templates did not make', problems.filter((p) => /: <|\[/.test(p)).length);
    assert.deepEqual([...fired], [], 'no payload ran');
    assert.deepEqual(problems, []);
  });
});
