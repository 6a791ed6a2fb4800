import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';

/** The region lists as the build emits them; the test runner serves the project root. */
export const REGIONS_URL = '/dist/region-data/';

/** Nothing of ak1-form's on the device (other test files in this browser may have left drafts or outboxes). */
export async function resetDevice() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('ak1-form:')) sessionStorage.removeItem(key);
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('ak1-form');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

export async function newForm(attributes = '', { keepDevice = false } = {}): Promise<Ak1Form> {
  if (!keepDevice) await resetDevice();
  const container = document.createElement('div');
  container.innerHTML = `<ak1-form endpoint="/api/ak1" district-code="36.04" district-name="Kabupaten Serang"
    office-name="Disnakertrans Kabupaten Serang" office-address="Jl. Veteran No. 1, Serang" documents="KTP"
    regions-url="${REGIONS_URL}" ${attributes}></ak1-form>`;
  const el = await fixture<Ak1Form>(html`${container.firstElementChild}`);
  await settle(el);
  return el;
}

/** Waits for Lit's updates and lazy step modules to settle. */
export async function settle(el: Ak1Form, ms = 30) {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await aTimeout(ms);
  }
}

export const $ = <T extends Element = HTMLElement>(el: Ak1Form, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Ak1Form, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];

/** Sets a field as typing would: value, then an input event (radios and checkboxes: checked + change). */
export async function fill(el: Ak1Form, values: Record<string, string | boolean>) {
  for (const [name, value] of Object.entries(values)) {
    const inputs = $$<HTMLInputElement | HTMLSelectElement>(el, `[name="${name}"]`);
    if (!inputs.length) throw new Error(`no input named ${name}`);
    const input = inputs.find((i) => i instanceof HTMLInputElement && (i.type === 'radio' || i.type === 'checkbox') && (typeof value === 'boolean' || i.value === value)) ?? inputs[0]!;
    if (input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox')) {
      input.checked = typeof value === 'boolean' ? value : true;
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    } else {
      input.value = String(value);
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
    // Region selects load their lists when the level above is chosen.
    if (name.startsWith('address.') && name.endsWith('Code')) await settle(el, 60);
  }
}

/** The photo step's values, as `<ak1-photo-step>` reports a confirmed crop and prepared documents. */
export function attach(el: Ak1Form, attachments: { photo?: { mediaType: 'image/jpeg'; dataBase64: string }; documents: Array<{ kind: string; mediaType: string; dataBase64: string }> }) {
  const step = $(el, 'ak1-photo-step');
  if (!step) throw new Error('attach: not on the photo step');
  step.dispatchEvent(new CustomEvent('ak1-media-change', { detail: attachments }));
}

/**
 * Presses Continue and waits for its outcome: another step (loaded lazily, so it may take a moment on a
 * busy machine), an error summary, or warnings to confirm.
 */
export async function pressContinue(el: Ak1Form) {
  const state = () => [$(el, '.step-heading')?.textContent, $(el, '.error-summary')?.textContent, !!$(el, '.warning')].join('|');
  const before = state();
  const hadProblems = !!$(el, '.error-summary');
  $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
  // A second failing Continue may change nothing visible; give it a moment rather than a condition.
  if (hadProblems) await settle(el, 100);
  else await waitUntil(() => state() !== before, 'Continue had no outcome', { timeout: 15_000 });
  await settle(el);
}

export const IDENTITY = {
  nik: '3604 0552 0990 0003',
  fullName: 'Siti Nur’aini',
  birthPlace: 'Serang',
  religion: 'ISLAM',
  maritalStatus: 'BELUM_KAWIN',
  hasDisability: 'no',
};

export const CONTACT = {
  phone: '0812-3456-7890',
  'address.provinceCode': '36',
  'address.regencyCode': '36.04',
  'address.districtCode': '36.04.05',
  'address.villageCode': '36.04.05.2001',
  'address.street': 'Jl. Raya Serang No. 12',
  'address.postalCode': '42182',
};

export const EDUCATION = {
  'education.0.level': 'SMK',
  'education.0.institution': 'SMK Negeri 1 Kragilan',
  'education.0.graduationYear': '2008',
};

export const WORK = {
  'jobPreferences.positions.0.title': 'Staf Administrasi',
  'jobPreferences.location': 'DALAM_NEGERI',
};

export const heading = (el: Ak1Form) => $(el, '.step-heading')!.textContent!.trim();

/** A real JPEG made by the browser, as the photo step would hand it over. */
export async function jpegBase64(width: number, height: number): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c0392b';
  context.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Fills every step with a valid application and arrives on the check page. */
export async function journeyToReview(el: Ak1Form, phone = CONTACT.phone, education: Record<string, string> = EDUCATION) {
  await fill(el, IDENTITY);
  await pressContinue(el);
  await fill(el, { ...CONTACT, phone });
  await pressContinue(el);
  await fill(el, education);
  await pressContinue(el);
  await fill(el, WORK);
  await pressContinue(el);
  const photo = await jpegBase64(300, 400);
  attach(el, { photo: { mediaType: 'image/jpeg', dataBase64: photo }, documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: photo }] });
  await settle(el);
  await pressContinue(el);
  await pressContinue(el);
  await fill(el, { consent: true });
  await pressContinue(el);
  expect(heading(el)).to.equal('Periksa jawaban Anda');
}
