import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { validateApplication } from '../../src/schema/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { TODAY } from '../fixtures/application.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 5: only a cell's first character was neutralised and only cells holding the chosen delimiter
 * were quoted, so a position title `Staf;=cmd|' /C calc'!A0` in the default `,` export became a formula cell
 * once Excel opened the file with `;` (the list separator of Indonesian Windows). Each export below is read
 * the way Excel reads a CSV with each separator (quoted fields, and what follows a closing quote kept as
 * text), and no cell may then start like a formula.
 */

const ORIGIN = 'http://localhost:8080';
const EXPORT_TOKEN = 'rahasia-kantor-123';
const FORMULA_START = /^[=+\-@\t\r]/;
/** The NIK, phone, RT and RW are written as Excel text literals (`="3604…"`) on purpose. */
const TEXT_LITERAL = /^="[\d+]*"$/;

/** Formulas hidden behind every separator a spreadsheet may split on, and behind quotes and spaces. */
const PAYLOADS = [
  "Staf;=cmd|' /C calc'!A0",
  'Staf,=cmd|\' /C calc\'!A0',
  'Staf; =1+1',
  'Staf;"=1+1"',
  'Staf;""=1+1',
  'Staf|=1+1',
  'Guru\t=1+1',
  'Guru;+1',
  'Guru;-1',
  'Guru;@SUM(A1)',
  '=HYPERLINK("http://evil.example";"klik")',
  ' =1+1',
  'Admin; -',
  'a;b;=c;+d,@e,-f',
];

/** A CSV line split as Excel splits it: a field that opens with a quote runs to its closing quote. */
function excelFields(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (; i < text.length; i++) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            i++;
            break;
          }
        } else field += text[i];
      }
    }
    // After a closing quote, or in an unquoted field, everything up to the separator is the field's text.
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n') field += text[i++];
    fields.push(field.replace(/\r$/, ''));
    i++;
  }
  return fields;
}

async function exportWith(payloads: string[]) {
  const handle = createAk1Handler({
    store: createMemoryStore(),
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: [],
    exportToken: EXPORT_TOKEN,
    limits: false,
    now: () => new Date('2026-11-28T02:00:00Z'),
  } as Parameters<typeof createAk1Handler>[0]);
  let accepted = 0;
  const fields: string[] = [];
  for (const [i, payload] of payloads.entries()) {
    // The payload in every free-text field the schema takes it in.
    const candidates: Record<string, unknown> = {
      jobPreferences: { positions: [{ title: 'Operator' }, { title: payload }], location: 'DALAM_NEGERI' },
      address: { ...testApplicant(0).address, street: payload },
      education: [{ level: 'SMA', institution: payload, graduationYear: 2000 }],
      birthPlace: payload,
      fullName: payload,
    };
    const changes: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(candidates)) {
      if (validateApplication(testApplicant(100 + i, { ...changes, [field]: value }), { today: TODAY, requiredDocuments: ['KTP'] }).ok) {
        changes[field] = value;
        fields.push(field);
      }
    }
    const response = await handle(
      new Request(`${ORIGIN}/api/ak1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `item-5-${i}` },
        body: JSON.stringify(testApplicant(100 + i, changes)),
      }),
    );
    assert.equal(response.status, 201, await response.text());
    accepted++;
  }
  const csv = async (delimiter: string) =>
    (await handle(new Request(`${ORIGIN}/api/ak1/export.csv?registeredOn=2026-11-28&delimiter=${encodeURIComponent(delimiter)}`, {
      headers: { authorization: `Bearer ${EXPORT_TOKEN}` },
    }))).text();
  return { accepted, fields, comma: await csv(','), semicolon: await csv(';') };
}

function formulaCells(csv: string, readAs: string): string[] {
  const found: string[] = [];
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r\n/)) {
    for (const field of excelFields(line, readAs)) {
      if (TEXT_LITERAL.test(field)) continue;
      if (FORMULA_START.test(field) || FORMULA_START.test(field.trimStart())) found.push(field);
    }
  }
  return found;
}

describe('item 5: CSV formulas after a separator', () => {
  it('an export made with "," or ";" has no cell that starts like a formula, read with ",", ";", "|" or tab', async (t) => {
    const { accepted, fields, comma, semicolon } = await exportWith(PAYLOADS);
    assert.ok(fields.includes('jobPreferences') && fields.includes('address'), fields.join());
    let cells = 0;
    for (const [made, csv] of [[',', comma], [';', semicolon]] as const) {
      for (const readAs of [',', ';', '|', '\t']) {
        assert.deepEqual(formulaCells(csv, readAs), [], `made with "${made}", read with "${readAs === '\t' ? 'tab' : readAs}"`);
        cells += csv.split(/\r\n/).reduce((sum, line) => sum + excelFields(line, readAs).length, 0);
      }
    }
    figure(t, 'item-5', 'payloads registered', `${accepted} (in ${new Set(fields).size} free-text fields)`);
    figure(t, 'item-5', 'cells read (2 exports × 4 separators)', `${cells}, 0 starting like a formula`);
  });

  it('every text cell is quoted, and a CSV reader gets the text back with only the neutralising quote added', async () => {
    const { comma, semicolon } = await exportWith(["Staf;=cmd|' /C calc'!A0"]);
    for (const [delimiter, csv] of [[',', comma], [';', semicolon]] as const) {
      const [headings, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
      for (const cell of [...excelFieldsRaw(headings!, delimiter), ...excelFieldsRaw(row!, delimiter)]) {
        assert.ok(cell === '' || cell.startsWith('"') || TEXT_LITERAL.test(cell), `not quoted: ${cell}`);
      }
      const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true, delimiter });
      assert.equal(rows[0]!['Jabatan yang Dicari'], "Operator; Staf;'=cmd|' /C calc'!A0");
      assert.equal(rows[0]!['Alamat'], "Staf;'=cmd|' /C calc'!A0");
    }
  });
});

/** A line's fields as written (quotes included), for a file read with the delimiter it was made with. */
function excelFieldsRaw(line: string, delimiter: string): string[] {
  const fields = [''];
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === delimiter && !quoted) fields.push('');
    else fields[fields.length - 1] += char;
  }
  return fields;
}
