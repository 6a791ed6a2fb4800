import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createAk1Client, createAk1OfficeClient } from '../../src/client/index.js';
import type { Ak1Office } from '../../src/components/office/ak1-office.js';
import { enOfficeReports } from '../../src/i18n/en/office-reports.js';
import { idOfficeReports } from '../../src/i18n/id/office-reports.js';
import { id as catalogue } from '../../src/i18n/index.js';
import { createAk1Handlers, type Ak1MockOfficer } from '../../src/mocks/index.js';
import { addDays, type Ak1IpkReport } from '../../src/schema/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import '../../src/office.js';
import { fullApplication } from '../fixtures/application.js';

/*
 * <ak1-office>'s report screen against the mocks (`ak1-form/mocks`, the reference backend with a memory store):
 * a card signed last month shows in that month's tables, the rows are checked, the charts say their numbers,
 * and the downloads read back (the CSV parsed, the .xlsx unzipped and its cells read).
 *
 * The mocks' clock stands on the 2nd of the month before the real one (in the district's zone), so the screen's
 * default month, the one before today's, is the month the card was signed in, whatever day the tests run.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const PASSWORD = 'kata-sandi-loket-1';
const OFFICERS: Ak1MockOfficer[] = [
  { username: 'siti', password: PASSWORD, name: 'Siti Aminah', roles: ['petugas'] },
  { username: 'budi', password: PASSWORD, name: 'Budi Santoso', nip: '196912202007012018', roles: ['pengantar-kerja'] },
];
const R = idOfficeReports;
const ZONE = 'Asia/Jakarta';

/** `YYYY-MM` of the month before the real one, where the district is. */
function previousMonth(): string {
  const now = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  const [y, m] = now.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const MONTH = previousMonth();
const DAY = `${MONTH}-02`;
const now = () => new Date(`${DAY}T03:00:00Z`);

/** The age band (IPK) of someone born on `birthDate` at the month's last day, counted here without the product's code. */
function ageBand(birthDate: string, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  let age = Number(last.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (last.slice(5) < birthDate.slice(5)) age--;
  return age >= 55 ? '55+' : age >= 45 ? '45-54' : age >= 30 ? '30-44' : age >= 20 ? '20-29' : '15-19';
}

/** A registration made, checked in, verified and signed at the mocks' clock: one job seeker on the books. */
async function setUp(signed = true, lang = '') {
  const store = createMemoryStore();
  worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store, now, officers: OFFICERS }));
  const application: Record<string, any> = {
    ...fullApplication(),
    preferredVisitDate: addDays(DAY, 1),
    consent: { noticeVersion: '2026-11', acceptedAt: new Date(now().getTime() - 3_600_000).toISOString() },
  };
  const registration = await createAk1Client({ endpoint: ENDPOINT, today: DAY, requiredDocuments: ['KTP'] }).submit(application);
  if (signed) {
    const budi = createAk1OfficeClient({ endpoint: ENDPOINT });
    await budi.login({ username: 'budi', password: PASSWORD });
    const number = registration.registrationNumber;
    let version = (await budi.open(number)).version;
    for (const action of ['check-in', 'verify', 'sign'] as const) version = (await budi.act(number, { action, version })).version;
  }
  const el = await fixture<Ak1Office>(html`<ak1-office endpoint=${ENDPOINT} lang=${lang}></ak1-office>`);
  await settle(el);
  return { el, store, registration, application };
}

async function settle(el: Ak1Office, ms = 30) {
  for (let i = 0; i < 6; i++) {
    await el.updateComplete;
    await aTimeout(ms);
  }
}

const $ = <T extends Element = HTMLElement>(el: Ak1Office, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Ak1Office, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
/** A cell's text as read out: what is hidden from assistive technology (the check's tick) left out. */
function spoken(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return text(copy);
}
/** A row's cells, spoken, joined by spaces. */
const rowText = (row: Element) => [...row.children].map(spoken).filter(Boolean).join(' ');

async function until(el: Ak1Office, check: () => boolean, message: string) {
  await waitUntil(check, message, { timeout: 8000 });
  await settle(el);
}

async function type(el: Ak1Office, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Logs in and opens the report screen; waits for the tables and the charts. */
async function openReports(el: Ak1Office, username = 'siti') {
  await type(el, '#username', username);
  await type(el, '#password', PASSWORD);
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await until(el, () => !!$(el, '[data-nav="reports"]'), 'the menu shows');
  $(el, '[data-nav="reports"]')!.click();
  await until(el, () => !!$(el, '#table-byAge') && !!$(el, '#daily-table'), 'the report and its charts show');
}

/** A table's body rows as text cells. */
function cells(el: Ak1Office, id: string): string[][] {
  return $$(el, `#${id} tbody tr`).map((tr) => [...tr.children].map(spoken));
}

/** Captures what the screen saves: the link it clicks, instead of a real download. */
function captureDownloads() {
  const saved: Array<{ name: string; url: string }> = [];
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) saved.push({ name: this.download, url: this.href });
    else original.call(this);
  };
  return { saved, restore: () => (HTMLAnchorElement.prototype.click = original) };
}

/** RFC 4180, as a spreadsheet reads it: quoted cells with doubled quotes, CRLF lines. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && source[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

/** A zip's files by name, read with the browser's own inflater (DecompressionStream). */
async function unzip(blob: Blob): Promise<Map<string, string>> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(bytes.buffer);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.slice(start, start + size);
    const stream = method === 8 ? new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')) : new Blob([data]).stream();
    files.set(name, await new Response(stream).text());
    at += 46 + nameLength + skip;
  }
  return files;
}

/** The first sheet's cells as rows of texts, shared strings and inline strings resolved. */
function sheetRows(files: Map<string, string>): string[][] {
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
  const shared = files.has('xl/sharedStrings.xml') ? [...parse(files.get('xl/sharedStrings.xml')!).getElementsByTagName('si')].map((si) => si.textContent ?? '') : [];
  const sheetName = [...files.keys()].find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
  const sheet = parse(files.get(sheetName)!);
  return [...sheet.getElementsByTagName('row')].map((row) =>
    [...row.getElementsByTagName('c')].map((c) => {
      const value = c.getElementsByTagName('v')[0]?.textContent ?? '';
      if (c.getAttribute('t') === 's') return shared[Number(value)] ?? '';
      if (c.getAttribute('t') === 'inlineStr') return c.getElementsByTagName('is')[0]?.textContent ?? '';
      return value;
    }),
  );
}

describe('<ak1-office> reports', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('shows last month by default, with the signed card counted in its rows, every row checked, accessible', async () => {
    const { el, application } = await setUp();
    await openReports(el);
    expect($<HTMLSelectElement>(el, '#report-month')!.value).to.equal(MONTH);
    const band = ageBand(application.birthDate, MONTH);
    const ageRows = cells(el, 'table-byAge');
    const ageRow = ageRows.find((r) => r[0] === R.ageGroup(band) && r[1] === 'Perempuan')!;
    // start, registered, placed, removed, end, check
    expect(ageRow.slice(2)).to.deep.equal(['0', '1', '0', '0', '1', R.checkOk]);
    // Every other row is empty: one job seeker in all.
    const others = ageRows.filter((r) => r !== ageRow);
    expect(others.every((r) => r.slice(2, 7).every((n) => n === '0'))).to.equal(true);
    expect(ageRows).to.have.length(10);
    const eduRow = cells(el, 'table-byEducation').find((r) => r[0] === catalogue.labels.educationLevel.SMK && r[1] === 'Perempuan')!;
    expect(eduRow.slice(2)).to.deep.equal(['0', '1', '0', '0', '1', R.checkOk]);
    const jobRow = cells(el, 'table-byJobGroup').find((r) => r[0] === R.jobGroups['4'] && r[1] === 'Perempuan')!;
    expect(jobRow.slice(2)).to.deep.equal(['1']);
    expect(rowText($(el, '#table-byAge tfoot tr')!)).to.equal(`${R.total} 0 1 0 0 1`);
    expect(text($(el, '#report-check')!)).to.equal(R.allRowsAddUp);
    // Real tables: a caption, column headers, row headers.
    for (const id of ['table-byAge', 'table-byEducation', 'table-byJobGroup']) {
      expect($(el, `#${id} caption`)!.textContent).to.contain(R.tables[id.slice(6) as 'byAge'](''));
      expect($$(el, `#${id} thead th[scope="col"]`).length).to.be.greaterThan(2);
      expect($$(el, `#${id} tbody th[scope="row"]`).length).to.be.greaterThan(0);
    }
    await expect(el).to.be.accessible();
  });

  it('draws visits per day against capacity and the status funnel, each with a text alternative', async () => {
    const { el, registration } = await setUp();
    // The chart and the funnel come from one month read, not from the month's day queues.
    const asked: string[] = [];
    const listen = ({ request }: { request: Request }) => {
      if (request.url.includes('/office/')) asked.push(new URL(request.url).pathname + new URL(request.url).search);
    };
    worker.events.on('request:start', listen);
    try {
      await openReports(el);
    } finally {
      worker.events.removeListener('request:start', listen);
    }
    expect(asked.filter((url) => url.includes('/office/reports/daily'))).to.deep.equal([`/api/ak1/office/reports/daily?month=${MONTH}`]);
    expect(asked.filter((url) => url.includes(`visitDate=${MONTH}-`))).to.deep.equal([]);
    const chart = $(el, 'svg[data-chart="daily-chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    const [titleId, descId] = chart.getAttribute('aria-labelledby')!.split(' ');
    expect(el.shadowRoot!.getElementById(titleId!)!.textContent).to.contain(R.daily.chartLabel(''));
    expect(el.shadowRoot!.getElementById(descId!)!.textContent).to.contain(R.daily.description(1, 1, 0, undefined).split(' dalam')[0]);
    // No inline style anywhere: the strict CSP's style-src would refuse it.
    expect($$(el, '[style]')).to.have.length(0);
    const days = cells(el, 'daily-table');
    const [year, month] = MONTH.split('-').map(Number) as [number, number];
    expect(days).to.have.length(new Date(Date.UTC(year, month, 0)).getUTCDate());
    const visitDay = Number(registration.appointment!.date.slice(8));
    // Columns: registered, booked, came, capacity. Registered on the 2nd; its visit booked and come on a later day,
    // whose capacity is the district's 100 (past days have theirs too); a Saturday is closed.
    expect(days[1]![1]).to.equal('1');
    expect(days[visitDay - 1]!.slice(1)).to.deep.equal(['0', '1', '1', '100']);
    expect(days.reduce((sum, row) => sum + Number(row[1]), 0)).to.equal(1);
    const saturday = days.findIndex((_, i) => new Date(Date.UTC(year, month - 1, i + 1)).getUTCDay() === 6);
    expect(days[saturday]!.slice(1)).to.deep.equal(['0', '0', '0', R.daily.closed]);
    expect(el.shadowRoot!.getElementById(descId!)!.textContent).to.contain(R.daily.registeredSentence(1));
    // Each day has its registrations' bar beside the visits'.
    expect($$(el, 'svg[data-chart="daily-chart"] rect.bar-registered')).to.have.length(days.length);
    const funnel = Object.fromEntries($$(el, '#funnel-table tbody tr').map((tr) => [tr.dataset['step'], text(tr.querySelector('td')!)]));
    expect(funnel).to.deep.equal({ booked: '1', arrived: '1', verified: '1', signed: '1', placed: '0' });
    expect(text($(el, '#funnel-chart-desc')!)).to.contain(R.funnel.step(R.funnel.steps.signed, 1));
    for (const details of $$<HTMLDetailsElement>(el, 'details')) details.open = true;
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('flags a row that does not add up, in words', async () => {
    const { el } = await setUp(false);
    const row = (group: string, sex: 'L' | 'P', end = 0) => ({ group, sex, start: 2, registered: 3, placed: 1, removed: 1, end });
    const report: Ak1IpkReport = {
      month: MONTH,
      byAge: [row('20-29', 'L', 3), row('20-29', 'P', 4)],
      byEducation: [row('SMA', 'L', 3), row('SMA', 'P', 3)],
      byJobGroup: [{ group: '7', sex: 'L', registered: 3 }],
    };
    worker.use(http.get(`${ENDPOINT}/office/reports/ipk`, () => HttpResponse.json(report)));
    await openReports(el);
    const bad = $$(el, '#table-byAge tbody tr.mismatch');
    expect(bad).to.have.length(1);
    expect(text(bad[0]!)).to.contain(R.checkBad(3));
    expect($(el, '#table-byAge [data-row="1"] [data-check]')!.dataset['check']).to.equal('bad');
    expect($(el, '#table-byAge [data-row="0"] [data-check]')!.dataset['check']).to.equal('ok');
    expect(text($(el, '#report-check')!)).to.equal(R.rowsDoNotAddUp(1));
    expect(rowText($(el, '#table-byAge tfoot tr')!)).to.equal(`${R.total} 4 6 2 2 7`);
    await expect(el).to.be.accessible();
  });

  it('downloads a table as CSV that parses back to the rows on screen', async () => {
    const { el } = await setUp();
    await openReports(el);
    const capture = captureDownloads();
    try {
      $(el, '[data-download="byEducation-csv"]')!.click();
      await waitUntil(() => capture.saved.length === 1, 'the CSV is saved');
    } finally {
      capture.restore();
    }
    expect(capture.saved[0]!.name).to.equal(`${R.downloads.files.byEducation(MONTH)}.csv`);
    const bytes = new Uint8Array(await (await fetch(capture.saved[0]!.url)).arrayBuffer());
    // UTF-8 with its byte-order mark, which is how Excel knows the file is UTF-8.
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).to.deep.equal([R.columns.education, R.columns.sex, R.columns.start, R.columns.registered, R.columns.placed, R.columns.removed, R.columns.end]);
    const onScreen = cells(el, 'table-byEducation').map((r) => r.slice(0, 7));
    expect(rows.slice(1, -1)).to.deep.equal(onScreen);
    expect(rows[rows.length - 1]).to.deep.equal([R.total, '', '0', '1', '0', '0', '1']);
  });

  it('downloads a table as a spreadsheet file whose cells read back, numbers as numbers', async () => {
    const { el } = await setUp();
    await openReports(el);
    const capture = captureDownloads();
    try {
      $(el, '[data-download="byAge-xlsx"]')!.click();
      await waitUntil(() => capture.saved.length === 1 || !!$(el, '#ak1-problem'), 'the spreadsheet is saved', { timeout: 8000 });
      expect($(el, '#ak1-problem')?.textContent ?? '').to.equal('');
    } finally {
      capture.restore();
    }
    expect(capture.saved[0]!.name).to.equal(`${R.downloads.files.byAge(MONTH)}.xlsx`);
    const blob = await (await fetch(capture.saved[0]!.url)).blob();
    const files = await unzip(blob);
    expect(files.has('[Content_Types].xml')).to.equal(true);
    const rows = sheetRows(files);
    expect(rows[0]).to.deep.equal([R.columns.age, R.columns.sex, R.columns.start, R.columns.registered, R.columns.placed, R.columns.removed, R.columns.end]);
    expect(rows.slice(1, -1)).to.deep.equal(cells(el, 'table-byAge').map((r) => r.slice(0, 7)));
    expect(rows[rows.length - 1]![0]).to.equal(R.total);
    // A count is a number cell, not a text: the spreadsheet can add it up.
    const sheetName = [...files.keys()].find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
    const firstCount = new DOMParser().parseFromString(files.get(sheetName)!, 'application/xml').getElementsByTagName('row')[1]!.getElementsByTagName('c')[2]!;
    expect(firstCount.getAttribute('t') ?? 'n').to.equal('n');
  });

  it('works from the keyboard: menu, month, the tables’ scroll regions and the downloads', async () => {
    const { el } = await setUp();
    await type(el, '#username', 'siti');
    await type(el, '#password', PASSWORD);
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await until(el, () => !!$(el, '[data-nav="reports"]'), 'the menu shows');
    $(el, '[data-nav="reports"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => !!$(el, '#table-byAge'), 'the report shows');
    expect(el.shadowRoot!.activeElement?.id).to.equal('report-results');
    const reached: string[] = [];
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      reached.push(active?.dataset['download'] ?? active?.getAttribute('role') ?? active?.tagName ?? '');
    }
    expect(reached.slice(0, 3)).to.deep.equal(['region', 'byAge-csv', 'byAge-xlsx']);
    // The month from the keyboard: another month, then Show.
    $(el, '#report-month')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const earlier = $<HTMLSelectElement>(el, '#report-month')!.value;
    expect(earlier < MONTH).to.equal(true);
    const earlierName = `${catalogue.months[Number(earlier.slice(5)) - 1]} ${earlier.slice(0, 4)}`;
    await until(el, () => $(el, '#table-byAge caption')!.textContent!.includes(earlierName), 'the earlier month shows');
    expect(rowText($(el, '#table-byAge tfoot tr')!)).to.equal(`${R.total} 0 0 0 0 0`);
  });

  it('speaks English with lang="en": the screen, its tables and its charts, accessible', async () => {
    const { el } = await setUp(true, 'en');
    await openReports(el);
    await until(el, () => $(el, '#reports-heading')?.textContent === enOfficeReports.title, 'the English texts load');
    expect($(el, '[data-nav="reports"]')!.textContent!.trim()).to.equal(enOfficeReports.nav);
    expect($(el, '#table-byJobGroup caption')!.textContent).to.contain(enOfficeReports.tables.byJobGroup(''));
    expect(cells(el, 'table-byJobGroup').some((r) => r[0] === enOfficeReports.jobGroups['4'])).to.equal(true);
    expect($(el, '#funnel-chart-title')!.textContent).to.contain(enOfficeReports.funnel.chartLabel(''));
    await expect(el).to.be.accessible();
  });

  it('marks a signed card as entered in Karirhub with its number, from the record', async () => {
    const { el, registration } = await setUp();
    await type(el, '#username', 'siti');
    await type(el, '#password', PASSWORD);
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await until(el, () => !!$(el, '#visit-date') && !!$(el, '#karirhub-pending'), 'the queue and the count show');
    // The home screen counts the signed card not yet in Karirhub, and offers the backend's list to re-key from.
    expect(text($(el, '#karirhub-pending')!)).to.equal(R.karirhub.pending(1));
    const capture = captureDownloads();
    try {
      $(el, '[data-download="karirhub-csv"]')!.click();
      await waitUntil(() => capture.saved.length === 1, 'the list is saved');
    } finally {
      capture.restore();
    }
    const list = parseCsv(new TextDecoder().decode(new Uint8Array(await (await fetch(capture.saved[0]!.url)).arrayBuffer())).replace(/^\uFEFF/, ''));
    expect(list).to.have.length(2);
    expect(list[1]!.join(' ')).to.contain(registration.registrationNumber);
    await type(el, '#visit-date', registration.appointment!.date);
    $<HTMLFormElement>(el, 'form.row')!.requestSubmit();
    await until(el, () => !!$(el, `[data-open="${registration.registrationNumber}"]`), 'the visitor shows');
    $(el, `[data-open="${registration.registrationNumber}"]`)!.click();
    await until(el, () => !!$(el, '[data-action="karirhub"]'), 'the record offers the hand-over');
    $(el, '[data-action="karirhub"]')!.click();
    await until(el, () => !!$(el, '#karirhub-number'), 'the form asks for the number');
    expect($(el, '#action-form-heading')!.textContent).to.equal(R.karirhub.formTitle);
    // Without the number it says so on the field and sends nothing.
    $<HTMLFormElement>(el, '#action-form')!.requestSubmit();
    await until(el, () => !!$(el, '#ak1-problem'), 'the problem shows');
    expect($(el, '#karirhub-number')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await type(el, '#karirhub-number', ' KH-3604-2026-000123 ');
    $<HTMLFormElement>(el, '#action-form')!.requestSubmit();
    await until(el, () => $(el, '#record-karirhub')?.textContent === 'KH-3604-2026-000123', 'the number shows on the record');
    expect(text(el.shadowRoot!)).to.contain('karirhubNumber');
    await expect(el).to.be.accessible();
    // Back on the home screen, none is left.
    $(el, 'nav button')!.click();
    await until(el, () => $(el, '#karirhub-pending')?.textContent === R.karirhub.pending(0), 'the count is asked again');
    expect($(el, '[data-download="karirhub-csv"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('holds at 320 px wide: the tables scroll inside their own region, accessible', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await setUp();
      await openReports(el);
      expect(el.scrollWidth).to.be.at.most(320);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
