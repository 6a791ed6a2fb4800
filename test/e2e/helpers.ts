/**
 * Shared pieces of the end-to-end tests (test/e2e/*.test.ts), which drive the built bundle in Debian's
 * chromium (playwright-core) against the real demo server of `npm start` and its SQLite file:
 *
 * - `startDemo()`: `node demo/start.mjs` on a free port with its own data folder, stopped with SIGTERM;
 *   `registrations()` reads the SQLite file it writes.
 * - `openPage()`: a fresh browser context whose pages record every `ak1-*` event, every CSP violation and
 *   every console message from the first script on.
 * - The journey, keyboard only: focus moves with Tab, text is typed with `keyboard.type`, selects take
 *   typed letters, radios and checkboxes Space, buttons Enter, the photo and document come through the
 *   browser's own file chooser opened from the keyboard. No `fill`, no `click`, nothing set by script.
 *   `evaluate` only reads.
 * - `readDevice()`: everything the origin keeps (sessionStorage, localStorage, cookies, every IndexedDB
 *   database and object store), for the storage audits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import jpeg from 'jpeg-js';
import { photoJpeg } from '../fixtures/card-photo.js';
import { testApplicant } from '../node/helpers/applicants.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

// ---- the demo server ---------------------------------------------------------------------------------------

export interface Registration {
  registration_number: string;
  idempotency_key: string;
  nik: string;
  full_name: string;
}

export interface Demo {
  /** `http://localhost:<port>`: localhost is a secure context, so "Ingat di perangkat ini" is offered. */
  url: string;
  dataDir: string;
  /** Every line the server printed (its request log), for the log audit. */
  output(): string;
  /** The registrations in the server's SQLite file, oldest first (read while the server runs: WAL). */
  registrations(nik?: string): Registration[];
  /** The server process, for signals (the load test's heap probe) and its output as it comes. */
  process: ChildProcess;
  stop(): Promise<void>;
  /**
   * Stops the server (SIGTERM: it closes its databases) and starts it again on the same data folder and port, with
   * `settings` over the first start's (a setting given as `undefined` is dropped): the office's server restarted,
   * e.g. with `AK1_NOW` months later. `process` is then the new one; `output()` holds both runs.
   */
  restart(settings?: NodeJS.ProcessEnv): Promise<void>;
}

const BUILT = ['dist/cdn/ak1-form.js', 'dist/server/index.js', 'dist/index.js'];

/** The tests run the built bundle as a district would: without it they fail here, not later and obscurely. */
export function requireBuild(): void {
  const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length) {
    throw new Error(`The end-to-end tests need the build (${missing.join(', ')} missing): run \`npm run build\` first (npm test does).`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node demo/start.mjs` as `npm start` does, on a free port, with a fresh data folder (its own SQLite
 * file); `settings` are more of its environment variables (`AK1_FRAME_ANCESTORS` …).
 */
export async function startDemo(settings: NodeJS.ProcessEnv = {}): Promise<Demo> {
  requireBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'ak1-e2e-data-'));
  const port = await freePort();
  let current = settings;
  let output = '';
  let run = await launchDemo(dataDir, port, current, (chunk) => (output += chunk));
  const database = join(dataDir, 'ak1.sqlite');
  const url = run.url;
  return {
    url,
    dataDir,
    get process() {
      return run.child;
    },
    output: () => output,
    registrations(nik) {
      if (!existsSync(database)) return [];
      const db = new Database(database, { readonly: true, fileMustExist: true });
      try {
        const rows = db
          .prepare('SELECT registration_number, idempotency_key, nik, full_name FROM ak1_registrations ORDER BY serial')
          .all() as Registration[];
        return nik ? rows.filter((row) => row.nik === nik) : rows;
      } finally {
        db.close();
      }
    },
    stop: async () => {
      await stopDemo(run.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart(changes = {}) {
      await stopDemo(run.child);
      current = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([, value]) => value !== undefined));
      output += '\n--- restarted ---\n';
      run = await launchDemo(dataDir, port, current, (chunk) => (output += chunk));
      if (run.url !== url) throw new Error(`The demo came back on ${run.url}, not ${url}`);
    },
  };
}

/** `node demo/start.mjs` on `dataDir` and `port`; resolves once it listens, with its URL. */
async function launchDemo(dataDir: string, port: number, settings: NodeJS.ProcessEnv, onOutput: (chunk: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings, PORT: String(port), AK1_DATA_DIR: dataDir };
  delete env.AK1_PUBLIC_URL;
  delete env.AK1_SIGNING_KEY;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'demo/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
    onOutput(String(chunk));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo server did not start within 30 s:\n${output}`)), 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`The demo server exited (${code}) before listening:\n${output}`));
    };
    child.once('exit', onExit);
    const onData = () => {
      const match = /http:\/\/localhost:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve(`http://localhost:${match[1]}`);
    };
    child.stdout!.on('data', onData);
  });
  return { child, url };
}

/** SIGTERM, and the exit awaited: the demo finishes its requests and closes its databases first. */
function stopDemo(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// ---- the browser -------------------------------------------------------------------------------------------

export function launchBrowser(): Promise<Browser> {
  requireBuild();
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** What a page recorded since its last load (window.__ak1, set up by RECORDER before any page script). */
export interface Recorded {
  step: string | undefined;
  steps: string[];
  /** Every ak1-* event, its detail as JSON, and the page's clock when it was dispatched. */
  events: Array<{ type: string; detail: string; at: number }>;
  violations: Array<{ directive: string; blocked: string; sample: string }>;
}

/**
 * Runs in every page before its own scripts: notes every `ak1-*` event dispatched anywhere (with its detail
 * as JSON) and every `securitypolicyviolation`. Reads only; changes nothing the page sees.
 */
function recorder() {
  const store = { step: undefined as string | undefined, steps: [] as string[], events: [] as Array<{ type: string; detail: string; at: number }>, violations: [] as Array<{ directive: string; blocked: string; sample: string }> };
  Object.defineProperty(window, '__ak1', { value: store, configurable: false });
  const json = (value: unknown) => {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    if (event.type.startsWith('ak1-')) {
      store.events.push({ type: event.type, detail: json((event as CustomEvent).detail), at: Date.now() });
      if (event.type === 'ak1-step-change') {
        const step = (event as CustomEvent<{ step: string }>).detail?.step;
        store.step = step;
        store.steps.push(step);
      }
    }
    return dispatch.call(this, event);
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    store.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Every console message and uncaught error of every page in the context, as text (arguments included). */
  console: string[];
  /** The method, URL and Idempotency-Key of every request to the API. */
  apiRequests: Array<{ method: string; url: string; idempotencyKey: string | undefined }>;
  /** The browser's own dialogs, by type: `beforeunload` is the leave warning, accepted as a person leaving would. */
  dialogs: string[];
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; clockAt?: Date; deviceScaleFactor?: number; mobile?: boolean } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1024, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  // tsx (esbuild's keepNames) wraps named functions in __name(…); functions sent to the page need it too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(recorder);
  const page = await context.newPage();
  if (options.clockAt) await page.clock.install({ time: options.clockAt });
  const opened: OpenedPage = { context, page, console: [], apiRequests: [], dialogs: [] };
  watch(opened, page);
  return opened;
}

/** Records the console, page errors and API requests of a page (openPage does it for the first). */
export function watch(opened: OpenedPage, page: Page): void {
  // File choosers are intercepted from the start: playwright turns interception on without waiting when a
  // listener is added, so a key pressed right after `waitForEvent('filechooser')` could beat it.
  page.on('filechooser', () => undefined);
  page.on('console', (message: ConsoleMessage) => {
    const entry = { text: `${message.type()}: ${message.text()}`, args: [] as string[] };
    opened.console.push(entry.text);
    // The arguments themselves too (an object's or an error's fields, not only its preview).
    for (const arg of message.args()) {
      void arg
        .evaluate((value) => {
          if (value instanceof Error) return `${value.name}: ${value.message} ${JSON.stringify(value)} ${String((value as { cause?: unknown }).cause ?? '')}`;
          try {
            return typeof value === 'string' ? value : JSON.stringify(value);
          } catch {
            return String(value);
          }
        })
        .then((text) => opened.console.push(`  arg: ${text}`))
        .catch(() => undefined);
    }
  });
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.type());
    // "Leave site? Changes you made may not be saved": the applicant reloads anyway.
    void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  });
  page.on('pageerror', (error) => opened.console.push(`pageerror: ${error.name}: ${error.message}\n${error.stack ?? ''}`));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      opened.apiRequests.push({ method: request.method(), url: request.url(), idempotencyKey: request.headers()['idempotency-key'] });
    }
  });
}

export async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { __ak1: Recorded }).__ak1);
}

// ---- the applicant -----------------------------------------------------------------------------------------

export interface Applicant {
  /** The NIK as stored and as the audits look for it (typed without spaces). */
  nik: string;
  fullName: string;
  birthPlace: string;
  religion: string;
  maritalStatus: string;
  /** As typed; the application carries +62… . The audits look for `phoneDigits`, which every form contains. */
  phone: string;
  phoneDigits: string;
  province: string;
  regency: string;
  district: string;
  village: string;
  street: string;
  postalCode: string;
  educationLevel: string;
  institution: string;
  graduationYear: string;
  position: string;
}

/**
 * Siti Nur’aini, a woman born on 12 September 1990 in Kecamatan Kramatwatu, Kabupaten Serang, as design.md's
 * example. `serial` (3 to 9999) gives another NIK with the same birth date, for another registration on the
 * same server (the server refuses a second active registration for one NIK).
 */
export function applicant(serial = 3): Applicant {
  return {
    nik: `360405520990${String(serial).padStart(4, '0')}`,
    fullName: 'Siti Nur’aini',
    birthPlace: 'Serang',
    religion: 'Islam',
    maritalStatus: 'Belum kawin',
    phone: '081234567890',
    phoneDigits: '81234567890',
    province: 'Banten',
    regency: 'Kabupaten Serang',
    district: 'Kramatwatu',
    village: 'Kramatwatu',
    street: 'Jl. Raya Serang No. 12',
    postalCode: '42182',
    educationLevel: 'SMK',
    institution: 'SMK Negeri 1 Kragilan',
    graduationYear: '2008',
    position: 'Staf Administrasi',
  };
}

/**
 * A made-up KTP photographed on a table: 856×540 (the card's proportions, long side over the 640 px a
 * document needs), a pale blue card with dark lines where the text would be. Deterministic.
 */
function ktpJpeg(): Uint8Array {
  const width = 856;
  const height = 540;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const line = y > 90 && y < 470 && x > 40 && x < 600 && (y - 90) % 34 < 12 && (x * 7 + y * 3) % 97 > 8;
      const portrait = x > 640 && x < 810 && y > 120 && y < 350;
      const [r, g, b] = line ? [40, 44, 60] : portrait ? [196, 30, 36] : [150 + ((x + y) % 23), 190 + (y % 17), 225];
      const i = (y * width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 82).data);
}

/** The pas foto: the deterministic 300×400 JPEG of the fixtures. The KTP: see ktpJpeg. */
export const PHOTO = { name: 'pas-foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photoJpeg()) };
export const KTP = { name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(ktpJpeg()) };

/** A complete application as the form's outbox keeps it: real photo and KTP, consent given a minute ago. */
export function outboxApplication(i: number): Record<string, any> {
  return testApplicant(i, {
    photo: { mediaType: 'image/jpeg', dataBase64: PHOTO.buffer.toString('base64') },
    documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: KTP.buffer.toString('base64') }],
    consent: { noticeVersion: '2026-11', acceptedAt: new Date(Date.now() - 60_000).toISOString() },
  });
}

/** Puts `application` in the tab's outbox before the page's first load, as after "Kirim" and a reload. */
export async function seedOutbox(context: BrowserContext, application: Record<string, unknown>): Promise<void> {
  const outbox = JSON.stringify({ savedAt: Date.now(), idempotencyKey: crypto.randomUUID(), endpoint: '/api/ak1', application, v: 1 });
  await context.addInitScript((record) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('ak1-form:outbox', record);
      sessionStorage.setItem('seeded', '1');
    }
  }, outbox);
}

// ---- reading the form (reads only) -------------------------------------------------------------------------

export const form = (page: Page) => page.locator('ak1-form');
export const inForm = (page: Page, selector: string) => page.locator('ak1-form').locator(selector);

/** The text of the form's shadow root, spaces collapsed. */
export async function formText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('ak1-form')!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' '));
}

/** Waits until the form shows `text`; the failure says what it shows instead. */
export async function waitForFormText(page: Page, text: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction((text) => (document.querySelector('ak1-form')?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(text), text, { timeout });
  } catch (error) {
    throw new Error(`<ak1-form> did not show "${text}"; it shows: ${(await formText(page)).slice(0, 1500)}`, { cause: error });
  }
}

/** A short description of what has focus (inside the form's shadow root when focus is there). */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return '(body)';
    const name = active.getAttribute('name');
    const text = (active.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${active.localName}${active.id ? `#${active.id}` : ''}${name ? `[name="${name}"]` : ''}${text ? ` "${text}"` : ''}`;
  });
}

/** The value (or checked state) of the form's field, read from its shadow root. */
export async function fieldValue(page: Page, selector: string): Promise<string | boolean> {
  return page.evaluate((selector) => {
    const element = document.querySelector('ak1-form')?.shadowRoot?.querySelector(selector);
    if (!element) throw new Error(`No ${selector} in <ak1-form>`);
    if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) return element.checked;
    return (element as HTMLInputElement).value;
  }, selector);
}

/** The step on screen, once it is rendered and not restoring (the id of ak1-step-change's last detail). */
export async function waitForStep(page: Page, step: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (step) => {
        const root = document.querySelector('ak1-form')?.shadowRoot;
        const heading = root?.querySelector('.step-heading');
        if (!heading) return false;
        const current = (window as unknown as { __ak1: Recorded }).__ak1.step;
        // A fresh page shows the first step without an event.
        return current === step || (current === undefined && step === 'identity');
      },
      step,
      { timeout },
    );
  } catch (error) {
    const now = await recorded(page).catch(() => undefined);
    throw new Error(`Step "${step}" did not show (steps so far: ${now?.steps.join(' → ') || 'none'}): ${(error as Error).message}`);
  }
}

// ---- the keyboard ------------------------------------------------------------------------------------------

/**
 * Presses Tab (or Shift+Tab) until the focused element inside the form's shadow root matches `selector`,
 * as a keyboard user would; fails, naming what got focus on the way, when it is not reached.
 */
export async function tabTo(page: Page, selector: string, { max = 80, backwards = false } = {}): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i <= max; i++) {
    const matches = await page.evaluate((selector) => {
      const active = document.querySelector('ak1-form')?.shadowRoot?.activeElement;
      return !!active && active.matches(selector);
    }, selector);
    if (matches) return;
    if (i === max) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    visited.push(await focused(page));
  }
  throw new Error(`Could not reach ${selector} with ${backwards ? 'Shift+Tab' : 'Tab'}; focus went: ${visited.join(' → ')}`);
}

/** Tabs to a text field and types into it (appending to what is there: the fields are empty when typed). */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to a select and picks the option by typing its first letters (the select stays closed). */
export async function choose(page: Page, selector: string, optionText: string): Promise<void> {
  await page.waitForFunction(
    (selector) => {
      const select = document.querySelector('ak1-form')?.shadowRoot?.querySelector<HTMLSelectElement>(selector);
      return !!select && !select.disabled && select.options.length > 1;
    },
    selector,
    { timeout: 15_000 },
  );
  await tabTo(page, selector);
  await page.keyboard.type(optionText);
  const chosen = await page.evaluate((selector) => {
    const select = document.querySelector('ak1-form')!.shadowRoot!.querySelector<HTMLSelectElement>(selector)!;
    return select.selectedOptions[0]?.textContent?.trim() ?? '';
  }, selector);
  if (chosen !== optionText) throw new Error(`Typing "${optionText}" on ${selector} chose "${chosen}"`);
}

/** Tabs to a checkbox and presses Space. */
export async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('Space');
}

/**
 * Chooses a radio as a keyboard user does: Tab into the group (it lands on the checked radio, or the first),
 * then arrow keys (which move and check, wrapping round), Space when it is focused but not yet checked.
 */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `[name="${name}"]`);
  for (let i = 0; i < 30; i++) {
    const state = await page.evaluate(() => {
      const active = document.querySelector('ak1-form')!.shadowRoot!.activeElement as HTMLInputElement;
      return { value: active.value, checked: active.checked, type: active.type };
    });
    if (state.type !== 'radio') throw new Error(`chooseRadio: focus left the ${name} radios`);
    if (state.value === value) {
      if (!state.checked) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`chooseRadio: no ${name} radio with value "${value}"`);
}

/** Tabs to the button or link with this text and presses Enter. */
export async function press(page: Page, text: string, { tag = 'button' } = {}): Promise<void> {
  const exists = await page.evaluate(
    ({ text, tag }) =>
      [...document.querySelector('ak1-form')!.shadowRoot!.querySelectorAll<HTMLElement>(tag)].some(
        (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
      ),
    { text, tag },
  );
  if (!exists) throw new Error(`No ${tag} "${text}" in <ak1-form>`);
  const visited: string[] = [];
  for (let i = 0; i <= 80; i++) {
    const matches = await page.evaluate(
      ({ text, tag }) => {
        const active = document.querySelector('ak1-form')?.shadowRoot?.activeElement;
        return !!active && active.localName === tag && (active.textContent ?? '').replace(/\s+/g, ' ').trim() === text;
      },
      { text, tag },
    );
    if (matches) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
    visited.push(await focused(page));
  }
  throw new Error(`Could not reach ${tag} "${text}" with Tab; focus went: ${visited.join(' → ')}`);
}

/** Continue (Lanjutkan) on a question step: Tab to it and Enter. */
export async function pressContinue(page: Page): Promise<void> {
  await tabTo(page, 'form[part="form"] button[type="submit"]');
  await page.keyboard.press('Enter');
}

// ---- the journey -------------------------------------------------------------------------------------------

export const STEPS = ['identity', 'contact', 'education', 'work', 'documents', 'visit', 'consent', 'review', 'done'] as const;
export type Step = (typeof STEPS)[number];

export async function fillIdentity(page: Page, a: Applicant): Promise<void> {
  await typeInto(page, '#f-nik', a.nik);
  await typeInto(page, '#f-fullName', a.fullName);
  await typeInto(page, '#f-birthPlace', a.birthPlace);
  // Birth date and sex come from the NIK.
  await choose(page, '#f-religion', a.religion);
  await choose(page, '#f-maritalStatus', a.maritalStatus);
  await chooseRadio(page, 'hasDisability', 'no');
}

export async function fillContact(page: Page, a: Applicant): Promise<void> {
  await typeInto(page, '#f-phone', a.phone);
  await choose(page, '[name="address.provinceCode"]', a.province);
  await choose(page, '[name="address.regencyCode"]', a.regency);
  await choose(page, '[name="address.districtCode"]', a.district);
  await choose(page, '[name="address.villageCode"]', a.village);
  await typeInto(page, '[name="address.street"]', a.street);
  await typeInto(page, '[name="address.postalCode"]', a.postalCode);
}

export async function fillEducation(page: Page, a: Applicant): Promise<void> {
  await choose(page, '[name="education.0.level"]', a.educationLevel);
  await typeInto(page, '[name="education.0.institution"]', a.institution);
  await typeInto(page, '[name="education.0.graduationYear"]', a.graduationYear);
}

export async function fillWork(page: Page, a: Applicant): Promise<void> {
  await typeInto(page, '[name="jobPreferences.positions.0.title"]', a.position);
  // Typing into a field with suggestions opens the browser's list; Escape closes it, as a person would.
  await page.keyboard.press('Escape');
  await chooseRadio(page, 'jobPreferences.location', 'DALAM_NEGERI');
}

/** The pas foto through the file chooser opened with Space, framed as it comes, confirmed with Enter. */
/** Tabs to a file input and presses Space; resolves the browser's file chooser that opens. */
export async function openFileChooser(page: Page, selector: string): Promise<import('playwright-core').FileChooser> {
  await tabTo(page, selector);
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
  await page.keyboard.press('Space');
  try {
    return await chooser;
  } catch (error) {
    const state = await page.evaluate(() => `document.hasFocus() ${document.hasFocus()}, ${document.visibilityState}`);
    throw new Error(`Space on ${selector} opened no file chooser; focus is on ${await focused(page)} (${state})`, { cause: error });
  }
}

export async function choosePhoto(page: Page): Promise<void> {
  await (await openFileChooser(page, '#f-photo-file')).setFiles(PHOTO);
  // The step opens the crop frame and focuses it; one move with the arrows, then "Gunakan foto ini".
  await page.waitForFunction(() => document.querySelector('ak1-form')?.shadowRoot?.activeElement?.matches('.ak1-media-frame#f-photo'), undefined, {
    timeout: 20_000,
  });
  await page.keyboard.press('ArrowUp');
  await press(page, 'Gunakan foto ini');
  await page.waitForFunction(() => !!(document.querySelector('ak1-form') as unknown as { attachments?: { photo?: unknown } })?.attachments?.photo, undefined, {
    timeout: 20_000,
  });
}

export async function chooseKtp(page: Page): Promise<void> {
  await (await openFileChooser(page, '[id="f-documents.KTP-file"]')).setFiles(KTP);
  await page.waitForFunction(
    () => ((document.querySelector('ak1-form') as unknown as { attachments?: { documents?: unknown[] } })?.attachments?.documents?.length ?? 0) > 0,
    undefined,
    { timeout: 20_000 },
  );
}

export async function fillDocuments(page: Page): Promise<void> {
  await choosePhoto(page);
  await chooseKtp(page);
}

/** The first day the server offers (the first radio of the list it sent), with Space. */
export async function chooseVisit(page: Page): Promise<string> {
  await page.waitForFunction(() => !!document.querySelector('ak1-form')?.shadowRoot?.querySelector('[name="preferredVisitDate"]'), undefined, {
    timeout: 20_000,
  });
  const first = await page.evaluate(() => document.querySelector('ak1-form')!.shadowRoot!.querySelector<HTMLInputElement>('[name="preferredVisitDate"]')!.value);
  // "Biar kantor yang memilihkan" (the last radio) is chosen until the applicant picks a day.
  await chooseRadio(page, 'preferredVisitDate', first);
  return first;
}

export async function giveConsent(page: Page): Promise<void> {
  await tick(page, '#f-consent');
}

/** Fills the step the applicant is on and continues to the next; `after` runs before Continue. */
export async function completeStep(page: Page, step: Step, a: Applicant): Promise<void> {
  switch (step) {
    case 'identity':
      await fillIdentity(page, a);
      break;
    case 'contact':
      await fillContact(page, a);
      break;
    case 'education':
      await fillEducation(page, a);
      break;
    case 'work':
      await fillWork(page, a);
      break;
    case 'documents':
      await fillDocuments(page);
      break;
    case 'visit':
      await chooseVisit(page);
      break;
    case 'consent':
      await giveConsent(page);
      break;
    default:
      throw new Error(`completeStep: ${step} is not a question step`);
  }
  await pressContinue(page);
  await waitForStep(page, STEPS[STEPS.indexOf(step) + 1]!);
}

/** Review: "Kirim pendaftaran" with Enter. */
export async function submit(page: Page): Promise<void> {
  await press(page, 'Kirim pendaftaran');
}

/** The registration number on the done screen. */
export async function registrationNumber(page: Page): Promise<string> {
  return (await inForm(page, '.panel-number').textContent())?.trim() ?? '';
}

/**
 * The whole journey on a page that shows the form, keyboard only: every step, submit, the done screen.
 * `onStep` runs on each step once it shows (before it is filled), e.g. for an audit.
 */
export async function completeJourney(
  page: Page,
  a: Applicant,
  { onStep }: { onStep?: (step: Step) => Promise<void> } = {},
): Promise<string> {
  await waitForStep(page, 'identity');
  for (const step of STEPS.slice(0, 7)) {
    await onStep?.(step);
    await completeStep(page, step, a);
  }
  await onStep?.('review');
  await submit(page);
  await waitForStep(page, 'done');
  await onStep?.('done');
  return registrationNumber(page);
}

/** "Unduh kartu (PDF)" with Enter; the downloaded PDF's text (pdftotext, UTF-8). */
export async function downloadCardText(page: Page): Promise<{ fileName: string; text: string }> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await press(page, 'Unduh kartu (PDF)');
  const file = await download;
  const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-pdf-'));
  try {
    const path = join(dir, 'card.pdf');
    await file.saveAs(path);
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('The download is not a PDF');
    const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return { fileName: file.suggestedFilename(), text: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const REGISTRATION_NUMBER = /^3604-\d{6}-\d{6}$/;

// ---- the device --------------------------------------------------------------------------------------------

export interface DeviceContents {
  sessionStorage: Array<[string, string]>;
  localStorage: Array<[string, string]>;
  cookies: string;
  /** `database/store` → every key and value, as readable text (bytes as Latin-1, UTF-8 and UTF-16). */
  indexedDB: Record<string, string[]>;
  databases: string[];
}

/** Everything the page's origin keeps on the device. Opens databases without ever creating one. */
export async function readDevice(page: Page): Promise<DeviceContents> {
  return page.evaluate(async () => {
    async function readable(value: unknown): Promise<string> {
      if (typeof value === 'string') return value;
      if (value === null || typeof value !== 'object') return String(value);
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const view = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        let latin1 = '';
        for (let i = 0; i < view.length; i += 0x8000) latin1 += String.fromCharCode(...view.subarray(i, i + 0x8000));
        const even = view.subarray(0, view.length - (view.length % 2));
        return [latin1, new TextDecoder('utf-8').decode(view), new TextDecoder('utf-16le').decode(even)].join('\n');
      }
      if (value instanceof Blob) return readable(await value.arrayBuffer());
      if (value instanceof CryptoKey) return `CryptoKey ${JSON.stringify(value.algorithm)} extractable=${value.extractable} ${value.usages.join()}`;
      if (value instanceof Date) return value.toISOString();
      const parts: string[] = [];
      for (const [key, inner] of Object.entries(value)) parts.push(key, await readable(inner));
      return parts.join('\n');
    }
    const area = (storage: Storage): Array<[string, string]> => {
      const entries: Array<[string, string]> = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        entries.push([key, storage.getItem(key) ?? '']);
      }
      return entries;
    };
    const openExisting = (name: string) =>
      new Promise<IDBDatabase | undefined>((resolve, reject) => {
        const request = indexedDB.open(name);
        // Gone since it was listed: opening would create it empty; abort that instead.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => (request.error?.name === 'AbortError' ? resolve(undefined) : reject(request.error));
      });
    const contents = {
      sessionStorage: area(sessionStorage),
      localStorage: area(localStorage),
      cookies: document.cookie,
      indexedDB: {} as Record<string, string[]>,
      databases: [] as string[],
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      contents.databases.push(name);
      const db = await openExisting(name);
      if (!db) continue;
      try {
        if (db.objectStoreNames.length === 0) contents.indexedDB[`${name}/`] = [];
        for (const storeName of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<Array<[unknown, unknown]>>((resolve, reject) => {
            const found: Array<[unknown, unknown]> = [];
            const request = db.transaction(storeName).objectStore(storeName).openCursor();
            request.onsuccess = () => {
              const cursor = request.result;
              if (!cursor) return resolve(found);
              found.push([cursor.key, cursor.value]);
              cursor.continue();
            };
            request.onerror = () => reject(request.error);
          });
          const texts: string[] = [];
          for (const [key, value] of rows) texts.push(await readable(key), await readable(value));
          contents.indexedDB[`${name}/${storeName}`] = texts;
        }
      } finally {
        db.close();
      }
    }
    return contents;
  });
}

/** Each place's texts, named: `sessionStorage ak1-form:draft`, `indexedDB ak1-form/records`, … */
export function places(contents: DeviceContents, { withSession = true } = {}): Array<[string, string]> {
  return [
    ...(withSession ? contents.sessionStorage.map(([key, value]): [string, string] => [`sessionStorage ${key}`, `${key}\n${value}`]) : []),
    ...contents.localStorage.map(([key, value]): [string, string] => [`localStorage ${key}`, `${key}\n${value}`]),
    ['cookies', contents.cookies],
    ...Object.entries(contents.indexedDB).flatMap(([place, texts]) => texts.map((text): [string, string] => [`indexedDB ${place}`, text])),
  ];
}

/** A secret to look for, and its name for the report (never its value). */
export interface Secret {
  name: string;
  value: string;
}

/** The applicant's NIK and phone as secrets (digits only: they are also found when typed with spaces or dashes). */
export function secretsOf(a: Applicant): Secret[] {
  return [
    { name: 'NIK', value: a.nik },
    { name: 'phone', value: a.phoneDigits },
  ];
}

/**
 * Where each secret turns up, as `place: name`. Digit secrets are also looked for with spaces, dots and
 * dashes taken out of the text, so `3604 0552 …` or `0812-3456-…` count.
 */
export function leaks(texts: Iterable<[string, string]>, secrets: Secret[]): string[] {
  const found: string[] = [];
  for (const [place, text] of texts) {
    const squeezed = text.replace(/[\s.\-()]/g, '');
    for (const secret of secrets) {
      const digits = /^\d+$/.test(secret.value);
      if (text.includes(secret.value) || (digits && squeezed.includes(secret.value))) found.push(`${place}: ${secret.name}`);
    }
  }
  return found;
}

/** Markers of the prepared photo and KTP as the form holds them: a slice of the base64, and of the bytes. */
export async function attachmentSecrets(page: Page): Promise<Secret[]> {
  const values = await page.evaluate(() => {
    const attachments = (document.querySelector('ak1-form') as unknown as { attachments: { photo?: { dataBase64: string }; documents: Array<{ kind: string; dataBase64: string }> } })
      .attachments;
    return [
      ['photo', attachments.photo?.dataBase64],
      ...attachments.documents.map((document) => [document.kind, document.dataBase64]),
    ].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  });
  if (!values.length) throw new Error('attachmentSecrets: no photo in the form yet');
  return values.flatMap(([name, base64]) => {
    const middle = Math.floor(base64.length / 2 / 4) * 4;
    const bytes = Buffer.from(base64.slice(middle, middle + 64), 'base64').toString('latin1');
    return [
      { name: `${name} (base64)`, value: base64.slice(middle, middle + 64) },
      { name: `${name} (bytes)`, value: bytes.slice(0, 32) },
    ];
  });
}

/** ak1-form's own traces: storage keys with its prefix, its database, a cookie naming it. */
export function oursIn(contents: DeviceContents): string[] {
  return [
    ...contents.sessionStorage.filter(([key]) => key.startsWith('ak1-form')).map(([key]) => `sessionStorage ${key}`),
    ...contents.localStorage.filter(([key]) => key.startsWith('ak1-form')).map(([key]) => `localStorage ${key}`),
    ...contents.databases.filter((name) => name.startsWith('ak1-form')).map((name) => `indexedDB ${name}`),
    ...(contents.cookies.includes('ak1') ? ['cookies'] : []),
  ];
}

export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * The form's fields hold these values (text, select value, or checked for radios and checkboxes): waits up
 * to `timeout` for them (region lists load after a restore), then returns what they hold, for an assertion.
 */
export async function valuesOf(page: Page, expected: Record<string, string | boolean>, timeout = 10_000): Promise<Record<string, string | boolean | null>> {
  const read = () =>
    page.evaluate((selectors) => {
      const root = document.querySelector('ak1-form')?.shadowRoot;
      const values: Record<string, string | boolean | null> = {};
      for (const selector of selectors) {
        const element = root?.querySelector(selector);
        values[selector] = !element
          ? null
          : element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')
            ? element.checked
            : (element as HTMLInputElement).value;
      }
      return values;
    }, Object.keys(expected));
  const deadline = Date.now() + timeout;
  let values = await read();
  while (Date.now() < deadline && Object.entries(expected).some(([selector, value]) => values[selector] !== value)) {
    await page.waitForTimeout(50);
    values = await read();
  }
  return values;
}

/** The tab draft holds every one of these strings (it is written when typing rests). */
export async function waitForDraftWith(page: Page, texts: string[], timeout = 10_000): Promise<void> {
  await page.waitForFunction((texts) => {
    const draft = sessionStorage.getItem('ak1-form:draft') ?? '';
    return texts.every((text) => draft.includes(text));
  }, texts, { timeout });
}

/**
 * Polls an asynchronous predicate in the page until it is true (playwright's `waitForFunction` does not await
 * a returned promise: an async predicate would count as true at once).
 */
export async function waitForAsync<A>(page: Page, predicate: (arg: A) => Promise<boolean>, arg: A, { timeout = 15_000, interval = 100, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate as (arg: unknown) => Promise<boolean>, arg as unknown)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Whether the page's origin has ak1-form's IndexedDB database. */
export async function hasDatabase(page: Page): Promise<boolean> {
  return page.evaluate(async () => (await indexedDB.databases()).some((db) => db.name === 'ak1-form'));
}

export async function waitForNoDatabase(page: Page, timeout = 15_000): Promise<void> {
  await waitForAsync(page, async () => !(await indexedDB.databases()).some((db) => db.name === 'ak1-form'), undefined, {
    timeout,
    what: 'the ak1-form database to be deleted',
  });
}

/**
 * Waits until "Ingat di perangkat ini" has (re)written the encrypted draft after `sinceMs` (the page's clock):
 * its envelope's `expiresAt` is the write time + 72 hours. Reads the database without creating it.
 */
export async function waitForSealedDraft(page: Page, sinceMs: number, timeout = 15_000): Promise<void> {
  await waitForAsync(
    page,
    async (since) => {
      const databases = await indexedDB.databases();
      if (!databases.some((db) => db.name === 'ak1-form')) return false;
      const db = await new Promise<IDBDatabase | undefined>((resolve) => {
        const request = indexedDB.open('ak1-form');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(undefined);
      });
      if (!db) return false;
      try {
        if (!db.objectStoreNames.contains('records')) return false;
        const envelope = await new Promise<{ expiresAt?: number } | undefined>((resolve) => {
          const request = db.transaction('records').objectStore('records').get('draft');
          request.onsuccess = () => resolve(request.result as { expiresAt?: number } | undefined);
          request.onerror = () => resolve(undefined);
        });
        return (envelope?.expiresAt ?? 0) >= since + 72 * 3600 * 1000;
      } finally {
        db.close();
      }
    },
    sinceMs,
    { timeout, what: 'the encrypted draft to be written' },
  );
}

/** The page's clock (Date.now in the page: the controlled one where the clock is installed). */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/**
 * A TCP gate in front of the demo server: the browser talks to `url`, and while the gate is shut every
 * connection (open or new) is cut. With `context.setOffline(true)` it makes an offline spell airtight:
 * chromium lifts its offline emulation from a document it is swapping out (a reload that fails offline
 * commits an error page in another process), and that document then hears `online` and reaches the network.
 */
export interface Gate {
  url: string;
  shut(): void;
  open(): void;
  close(): Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
  const { port: targetPort, hostname } = new URL(target);
  const sockets = new Set<import('node:net').Socket>();
  let shut = false;
  const server = createServer((client) => {
    if (shut) return client.destroy();
    const upstream = connect(Number(targetPort), hostname === 'localhost' ? '127.0.0.1' : hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    shut() {
      shut = true;
      for (const socket of sockets) socket.destroy();
    },
    open() {
      shut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
