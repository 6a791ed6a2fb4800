/**
 * Pieces of the counter's end-to-end tests (test/e2e/office*.test.ts) and of the office bench and screenshots:
 * the demo's officers with fixed passwords, registrations made through the API, the applicant's card PDF, the
 * counter's browser with a fake camera, and the keyboard inside `<ak1-office>`'s shadow roots.
 *
 * `<ak1-office>` is found by what an officer reads (accessible names from src/i18n/id/office.ts), never by its
 * inner markup, so these tests hold the screens of design.md rather than one implementation of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { testApplicant } from '../node/helpers/applicants.js';
import { CHROMIUM, KTP, PHOTO, ROOT, press, requireBuild } from './helpers.js';
import { fakeCameraArgs } from './camera.js';

// ---- officers ----------------------------------------------------------------------------------------------

export interface TestOfficer {
  username: string;
  name: string;
  nip?: string;
  roles: string[];
  password: string;
}

/** The demo's three accounts with fixed passwords, already changed (AK1_DEMO_OFFICERS; loopback only). */
export const OFFICERS = {
  petugas: { username: 'petugas', name: 'Dewi Lestari', roles: ['petugas'], password: 'loket-petugas-2026' },
  pengantar: {
    username: 'pengantar',
    name: 'Yuningsih, S.Sos.',
    nip: '196912202007012018',
    roles: ['pengantar-kerja'],
    password: 'loket-pengantar-2026',
  },
  admin: { username: 'admin', name: 'Rahmat Hidayat', roles: ['admin'], password: 'loket-admin-2026', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
} satisfies Record<string, TestOfficer & { totpSecret?: string }>;

/** `startDemo`'s settings for the counter tests: fixed officers, no proof of work or limits (many requests). */
export function counterSettings(): NodeJS.ProcessEnv {
  return { AK1_DEMO_OFFICERS: JSON.stringify(Object.values(OFFICERS)), AK1_PROOF_OF_WORK: 'off', AK1_LIMITS: 'off' };
}

// ---- the API -----------------------------------------------------------------------------------------------

export interface MadeRegistration {
  registrationNumber: string;
  verificationUrl: string;
  status: string;
  appointment?: { date: string; start: string; end: string; queueNumber?: number };
  [key: string]: unknown;
}

/**
 * Registers the `i`-th test applicant through `POST {endpoint}` as the form would (photo, KTP, consent), on
 * `visitDate` when given. Returns the `201` reply.
 */
export async function registerByApi(
  url: string,
  i: number,
  { visitDate, fullName, ktp }: { visitDate?: string; fullName?: string; ktp?: { mediaType: string; bytes: Uint8Array } } = {},
): Promise<MadeRegistration> {
  const document = ktp ?? { mediaType: 'image/jpeg', bytes: KTP.buffer };
  const application = testApplicant(i, {
    ...(fullName ? { fullName } : {}),
    photo: { mediaType: 'image/jpeg', dataBase64: PHOTO.buffer.toString('base64') },
    documents: [{ kind: 'KTP', mediaType: document.mediaType, dataBase64: Buffer.from(document.bytes).toString('base64') }],
    consent: { noticeVersion: '2026-11', acceptedAt: new Date(Date.now() - 60_000).toISOString() },
    ...(visitDate ? { preferredVisitDate: visitDate } : {}),
  });
  const response = await fetch(`${url}/api/ak1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(application),
  });
  const body = (await response.json()) as MadeRegistration;
  if (response.status !== 201) throw new Error(`registerByApi: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Logs in through `POST {endpoint}/office/login`; the bearer token. */
export async function loginByApi(url: string, officer: TestOfficer, endpoint = '/api/ak1'): Promise<string> {
  const response = await fetch(`${url}${endpoint}/office/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ username: officer.username, password: officer.password }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token) throw new Error(`loginByApi(${officer.username}): ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** `GET` or `POST` under `{endpoint}/office/` with a bearer token: the status and the parsed body. */
export async function officeApi(
  url: string,
  token: string,
  path: string,
  body?: unknown,
  endpoint = '/api/ak1',
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${url}${endpoint}/office/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * One action on a record's current version, as an officer at the counter takes it (logged in, the record opened,
 * the action sent with its version); fails the test unless it is taken. The reply's body.
 */
export async function officeAct(
  url: string,
  officer: TestOfficer,
  registrationNumber: string,
  request: Record<string, unknown>,
): Promise<{ registration: { issuedAt?: string; reportDueDates: string[]; status: string; version: number } }> {
  const token = await loginByApi(url, officer);
  const path = `registrations/${encodeURIComponent(registrationNumber)}`;
  const record = await officeApi(url, token, path);
  if (record.status !== 200) throw new Error(`officeAct: opening ${registrationNumber}: ${record.status} ${JSON.stringify(record.body)}`);
  const reply = await officeApi(url, token, `${path}/actions`, { ...request, version: record.body.version });
  if (reply.status !== 200) throw new Error(`officeAct: ${String(request.action)}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

// ---- PDFs ---------------------------------------------------------------------------------------------------

/**
 * A scanned KTP as a PDF of about `size` bytes: one A4 page showing one uncompressed RGB image of noise (a scan
 * that does not compress), well formed (cross-reference table, trailer) so the form's and the server's checks take it.
 */
export function scannedPdf(size = 1_000_000): Uint8Array {
  const side = Math.floor(Math.sqrt((size - 1200) / 3));
  const pixels = Buffer.alloc(side * side * 3);
  let seed = 13;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    pixels[i] = 150 + ((seed >>> 16) % 90);
  }
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (chunk: string | Buffer) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (n: number, body: string | Buffer[]) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    if (typeof body === 'string') add(body);
    else body.forEach(add);
    add('\nendobj\n');
  };
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>');
  object(4, [
    Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, 'latin1'),
    pixels,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  const content = 'q 480 0 0 302 57 500 cm /Im1 Do Q';
  object(5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const xref = length;
  add(`xref\n0 6\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

// ---- PDFs (reading) --------------------------------------------------------------------------------------------------

/** "Unduh kartu (PDF)" on the form's done screen with Enter; the PDF's bytes. */
export async function downloadCardPdf(page: Page): Promise<Uint8Array> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await press(page, 'Unduh kartu (PDF)');
  const file = await download;
  const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-pdf-'));
  try {
    const path = join(dir, 'card.pdf');
    await file.saveAs(path);
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('The download is not a PDF');
    return new Uint8Array(bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF's text (pdftotext -raw, UTF-8). */
export function pdfToText(pdf: Uint8Array): string {
  const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Notes every PDF the page makes into a `blob:` URL (the counter opens the card it prints that way, in a new tab,
 * design.md "At the counter"), so the test can read the bytes whether the tab shows a viewer or, as headless
 * chromium may, turns it into a download. Records only: the URL is made and returned as before.
 */
export async function watchPdfs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const create = URL.createObjectURL;
    const made: Blob[] = [];
    Object.defineProperty(window, '__ak1Pdfs', { value: made });
    URL.createObjectURL = function (object: Blob | MediaSource) {
      if (object instanceof Blob && object.type === 'application/pdf') made.push(object);
      return create.call(URL, object);
    };
  });
}

/**
 * The PDF the counter makes after `trigger` (the page's context must be watched with `watchPdfs`): waits for it
 * and for the new tab it opens in; its bytes.
 */
export async function capturePdf(page: Page, trigger: () => Promise<void>, timeout = 60_000): Promise<Uint8Array> {
  const count = () => page.evaluate(() => (window as unknown as { __ak1Pdfs: Blob[] }).__ak1Pdfs.length);
  const before = await count();
  const tab = page.context().waitForEvent('page', { timeout });
  tab.catch(() => undefined);
  await trigger();
  await page.waitForFunction((before) => (window as unknown as { __ak1Pdfs: Blob[] }).__ak1Pdfs.length > before, before, { timeout });
  const opened = await tab;
  await opened.close().catch(() => undefined);
  const base64 = await page.evaluate(async () => {
    const pdfs = (window as unknown as { __ak1Pdfs: Blob[] }).__ak1Pdfs;
    const bytes = new Uint8Array(await pdfs[pdfs.length - 1]!.arrayBuffer());
    let latin1 = '';
    for (let i = 0; i < bytes.length; i += 0x8000) latin1 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(latin1);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

// ---- the counter's browser ---------------------------------------------------------------------------------

/** Debian's chromium with a camera that plays `cameraFile` (a Y4M from camera.ts), or none. */
export function launchCounter(cameraFile?: string): Promise<Browser> {
  requireBuild();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', ...(cameraFile ? fakeCameraArgs(cameraFile) : [])],
  });
}

// ---- the keyboard inside <ak1-office> ----------------------------------------------------------------------

export interface Focused {
  tag: string;
  type: string;
  /** What a screen reader would roughly announce: aria-label, the label's text, or the element's own text. */
  name: string;
}

/** The element that has focus, through every shadow root, and its name. */
export async function focusedControl(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return { tag: 'body', type: '', name: '' };
    const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const labelled = active.getAttribute('aria-labelledby');
    const root = active.getRootNode() as Document | ShadowRoot;
    const byId = labelled
      ?.split(/\s+/)
      .map((id) => root.getElementById?.(id)?.textContent)
      .join(' ');
    const labels = (active as HTMLInputElement).labels;
    const name =
      squeeze(active.getAttribute('aria-label')) ||
      squeeze(byId) ||
      squeeze(labels?.[0]?.textContent) ||
      squeeze(active.textContent) ||
      squeeze(active.getAttribute('title'));
    return { tag: active.localName, type: (active as HTMLInputElement).type ?? '', name };
  });
}

/**
 * Presses Tab until the focused control's name matches `name` (and its tag, when given), as an officer at the
 * counter would; fails naming the controls focus went through.
 */
export async function tabToControl(page: Page, name: string | RegExp, { tag, max = 150, backwards = false }: { tag?: string; max?: number; backwards?: boolean } = {}): Promise<void> {
  const matches = (f: Focused) => (typeof name === 'string' ? f.name === name || f.name.startsWith(`${name} `) : name.test(f.name)) && (!tag || f.tag === tag);
  const visited: string[] = [];
  for (let i = 0; i <= max; i++) {
    const now = await focusedControl(page);
    if (matches(now)) return;
    if (i === max) break;
    visited.push(`${now.tag}${now.name ? ` "${now.name.slice(0, 40)}"` : ''}`);
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach "${name}" with ${backwards ? 'Shift+Tab' : 'Tab'}; focus went: ${visited.slice(-40).join(' → ')}`);
}

/** Tabs to a control by name and presses `key` (Enter for buttons and links, Space for checkboxes). */
export async function pressControl(page: Page, name: string | RegExp, key = 'Enter', options: { tag?: string } = {}): Promise<void> {
  await tabToControl(page, name, options);
  await page.keyboard.press(key);
}

/** Tabs to a field by its label and types into it (what was there is selected first, so it is replaced). */
export async function typeIntoControl(page: Page, name: string | RegExp, text: string): Promise<void> {
  await tabToControl(page, name);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/**
 * Types a date into a date field by its label, as an officer would, in the order the browser's date field shows
 * its parts (the browser's own locale decides: month/day/year in an en-US chromium, day/month/year in an Indonesian
 * one): each order is tried until the field holds `isoDate`, leaving the field backwards and tabbing in again
 * between tries.
 */
export async function typeDate(page: Page, name: string, isoDate: string): Promise<void> {
  const [y, m, d] = isoDate.split('-') as [string, string, string];
  const value = () =>
    page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return (active as HTMLInputElement | null)?.value ?? '';
    });
  for (const order of [`${m}${d}${y}`, `${d}${m}${y}`, `${y}${m}${d}`]) {
    await tabToControl(page, name);
    await page.keyboard.type(order);
    if ((await value()) === isoDate) return;
    for (let i = 0; i < 6 && (await focusedControl(page)).name === name; i++) await page.keyboard.press('Shift+Tab');
  }
  throw new Error(`Typing ${isoDate} into "${name}" in any order of its parts did not give that date`);
}

/** The visible text of `<ak1-office>`, shadow roots included, squeezed (for `includes` checks). */
export async function officeText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && parent.closest('[hidden]') === null) texts.push(node.textContent ?? '');
        return;
      }
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      if (node instanceof HTMLSlotElement) node.assignedNodes().forEach(walk);
      node.childNodes.forEach(walk);
    };
    const office = document.querySelector('ak1-office');
    if (office) walk(office);
    return texts.join(' ').replace(/\s+/g, ' ').trim();
  });
}

/** Waits until `<ak1-office>` shows `text` (a substring, or a pattern); fails with what it shows instead. */
export async function waitForOfficeText(page: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let shown = '';
  for (;;) {
    shown = await officeText(page).catch(() => '');
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`<ak1-office> did not show ${String(text)} within ${timeout} ms; it shows: ${shown.slice(0, 1500)}`);
}

/**
 * What axe-core finds on the whole page, shadow roots included, as `rule: element` lines (none is the aim: design.md
 * holds the demo pages to the form's standard). axe is evaluated through the debugging protocol, which the page's
 * strict CSP does not govern; the page's own scripts stay under it.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
  return violations;
}

const AXE_SOURCE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** `YYYY-MM-DD` of today in Asia/Jakarta (the district's day). */
export function jakartaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
