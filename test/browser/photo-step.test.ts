import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import '../../src/components/ak1-photo-step.define.js';
import { photoStepStyles, type Ak1MediaChangeDetail, type Ak1PhotoStep } from '../../src/components/ak1-photo-step.js';
import { errorId, fieldId, hintId } from '../../src/components/form/fields.js';
import { formStyles } from '../../src/components/form/styles.js';
import { id, type Ak1Catalogue } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en/form.js';
import { idMedia } from '../../src/i18n/id/media.js';
import { idJourney } from '../../src/i18n/id/journey.js';
import { enMedia } from '../../src/i18n/en/media.js';
import type { Ak1MediaTexts } from '../../src/i18n/types.js';
import { largestPhotoCrop, preparePhoto, type Ak1CropRect, type Ak1PhotoOptions, type OpenedPicture } from '../../src/media/index.js';
import type { DocumentKind } from '../../src/schema/index.js';
import { base64Bytes, gifFile, htmlAsJpeg, pdfBytes, pixelsOf, pngFile } from './media-corpus.js';

/**
 * How `<ak1-form>` hosts the step: inside its own shadow root, with the step's styles adopted after its
 * own (the step uses the form's field classes and focus ring). The step renders into its light DOM, so its ids live in this shadow root.
 */
class TestStepHost extends LitElement {
  static override styles = [formStyles, photoStepStyles];
  static override properties = {
    documents: { attribute: false },
    photoRules: { attribute: false },
    catalogue: { attribute: false },
    texts: { attribute: false },
  };
  declare documents: DocumentKind[];
  declare photoRules: string | undefined;
  declare catalogue: Ak1Catalogue;
  declare texts: Ak1MediaTexts;

  constructor() {
    super();
    this.documents = ['KTP', 'IJAZAH'];
    this.photoRules = 'Latar belakang merah, memakai kemeja berkerah.';
    this.catalogue = id;
    this.texts = idMedia;
  }

  get step(): Ak1PhotoStep {
    return this.renderRoot.querySelector('ak1-photo-step')!;
  }

  find<T extends Element = HTMLElement>(selector: string): T {
    return this.renderRoot.querySelector<T>(selector)!;
  }

  protected override render() {
    return html`<ak1-photo-step
      .documents=${this.documents}
      .photoRules=${this.photoRules}
      .catalogue=${this.catalogue}
      .texts=${this.texts}
      .messages=${idJourney.messages}
    ></ak1-photo-step>`;
  }
}
customElements.define('test-step-host', TestStepHost);

async function host(options: { catalogue?: Ak1Catalogue; texts?: Ak1MediaTexts } = {}) {
  const element = await fixture<TestStepHost>(
    html`<test-step-host .catalogue=${options.catalogue ?? id} .texts=${options.texts ?? idMedia}></test-step-host>`,
  );
  await element.step.updateComplete;
  return element;
}

/** Hands a file to a file input as the picker would. */
function pick(input: HTMLInputElement, file: File) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Wraps the step's preparePhoto to record the crops it asks for. */
function spyOnPreparePhoto(step: Ak1PhotoStep) {
  const crops: (Ak1CropRect | undefined)[] = [];
  step.media = {
    ...step.media,
    preparePhoto: (file: Blob, options?: Ak1PhotoOptions) => {
      crops.push(options?.crop && { ...options.crop });
      return preparePhoto(file, options);
    },
  };
  return crops;
}

async function openCrop(element: TestStepHost, file: File) {
  pick(element.find<HTMLInputElement>('#f-photo-file'), file);
  await waitUntil(() => element.find('.ak1-media-frame'), 'the crop frame did not open', { timeout: 10_000 });
  await element.step.updateComplete;
  return element.find('.ak1-media-frame');
}

function describedBy(element: TestStepHost, control: Element): string[] {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((ref) => element.find(`#${CSS.escape(ref)}`)?.textContent?.trim() ?? `missing #${ref}`);
}

describe('<ak1-photo-step>', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('is accessible with no pictures, and offers camera and file for each field', async () => {
    const element = await host();
    await expect(element).to.be.accessible();
    expect(element.find('.ak1-media').getAttribute('lang')).to.equal('id');
    const camera = element.find<HTMLInputElement>('#f-photo');
    expect(camera.type).to.equal('file');
    expect(camera.getAttribute('capture')).to.equal('user');
    expect(camera.accept).to.equal('image/*');
    expect(element.find('label[for="f-photo"]').textContent!.trim()).to.equal('Ambil foto');
    expect(element.find<HTMLInputElement>('#f-photo-file').accept).to.equal('image/jpeg,image/png,image/webp,image/heic,image/heif');
    expect(element.find('#h-photo').textContent).to.contain('Latar belakang merah');
    expect(describedBy(element, camera)[0]).to.contain('3×4');
    for (const kind of ['KTP', 'IJAZAH']) {
      expect(element.find<HTMLInputElement>(`#f-documents\\.${kind}`).getAttribute('capture')).to.equal('environment');
      expect(element.find<HTMLInputElement>(`#f-documents\\.${kind}-file`).accept).to.contain('application/pdf');
    }
    expect(element.find('#f-documents\\.KK')).to.equal(null);
  });

  it('shows the form’s errors beside each field, with a hidden prefix, aria-invalid and aria-describedby', async () => {
    const element = await host();
    element.step.errors = { photo: 'photo.required', 'documents.KTP': 'documents.missing' };
    await element.step.updateComplete;
    const photoError = element.find('#e-photo');
    expect(photoError.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Kesalahan: ${idJourney.messages['photo.required']}`);
    expect(photoError.querySelector('.visually-hidden')!.textContent).to.equal('Kesalahan:');
    const camera = element.find('#f-photo');
    expect(camera.getAttribute('aria-invalid')).to.equal('true');
    expect(camera.getAttribute('aria-describedby')).to.equal('h-photo e-photo');
    const ktp = element.find('#f-documents\\.KTP');
    expect(ktp.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(element, ktp)[1]).to.contain(idJourney.messages['documents.missing']);
    expect(element.find('#f-documents\\.IJAZAH').getAttribute('aria-invalid')).to.equal('false');
    await expect(element).to.be.accessible();
  });

  it('frames the photo by keyboard: arrows move, + and - zoom, and the crop is what gets prepared', async () => {
    const element = await host();
    const crops = spyOnPreparePhoto(element.step);
    const frame = await openCrop(element, await pngFile(1200, 900));
    expect(frame.id).to.equal('f-photo');
    expect(element.step.ownerDocument.activeElement).to.equal(element);
    expect(element.shadowRoot!.activeElement).to.equal(frame);
    await expect(element).to.be.accessible();

    for (const key of ['+', '+', '+', '+', '-', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) {
      await sendKeys({ press: key });
    }
    await element.step.updateComplete;
    const zoom = 1.1 ** 3;
    const base = largestPhotoCrop({ width: 1200, height: 900 });
    const width = base.width / zoom;
    const height = base.height / zoom;
    const expected = { x: 600 + 3 * 0.05 * width - width / 2, y: 450 + 2 * 0.05 * height - height / 2, width, height };
    expect(Number(element.find<HTMLInputElement>('#f-photo-zoom').value)).to.be.closeTo(zoom, 0.01);
    await waitUntil(() => element.find('#f-photo-status').textContent!.includes('Perbesaran 133%'), 'no polite announcement');

    // Confirm with the keyboard too: Tab past the zoom slider to "Gunakan foto ini".
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement!.id).to.equal('f-photo-zoom');
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Gunakan foto ini');
    const changed = oneEvent(element.step, 'ak1-media-change');
    await sendKeys({ press: 'Enter' });
    const event = (await changed) as CustomEvent<Ak1MediaChangeDetail>;

    expect(crops).to.have.length(1);
    const crop = crops[0]!;
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(crop[key]).to.be.closeTo(expected[key], 0.01);
    expect(event.detail.field).to.equal('photo');
    // The photo must not reach the host page: heard only on the step itself.
    expect(event.composed || event.bubbles).to.equal(false);
    const photo = event.detail.photo!;
    // The application's shape, nothing more: the schema refuses unknown keys.
    expect(Object.keys(photo).sort()).to.deep.equal(['dataBase64', 'mediaType']);
    const pixels = await pixelsOf(base64Bytes(photo.dataBase64));
    expect(pixels.width).to.equal(Math.floor(width / 3) * 3);
    expect(pixels.width / pixels.height).to.equal(3 / 4);
    expect(element.step.photo).to.equal(photo);
    await element.step.updateComplete;
    const preview = element.find<HTMLImageElement>('.ak1-media-photo');
    expect(preview.src).to.match(/^blob:/);
    expect(element.shadowRoot!.activeElement!.id).to.equal('f-photo');
    expect(element.find('#f-photo').textContent!.trim()).to.equal('Ganti foto');
  });

  it('drags the picture with a pointer and zooms with the wheel', async () => {
    const element = await host();
    const frame = await openCrop(element, await pngFile(1200, 900));
    const zoom = element.find<HTMLInputElement>('#f-photo-zoom');
    frame.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, bubbles: true, cancelable: true }));
    await element.step.updateComplete;
    expect(Number(zoom.value)).to.be.greaterThan(1.5);
    const spy = spyOnPreparePhoto(element.step);
    const box = frame.getBoundingClientRect();
    const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x - 40, y + 30] });
    await sendMouse({ type: 'up' });
    await element.step.updateComplete;
    element.find<HTMLButtonElement>('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button').click();
    await waitUntil(() => spy.length === 1);
    const crop = spy[0]!;
    // Dragged left and down: the frame moved right and up over the picture.
    expect(crop.x + crop.width / 2).to.be.greaterThan(600);
    expect(crop.y + crop.height / 2).to.be.lessThan(450);
  });

  it('keeps the photo and the KTP scan inside: the host, the document and window never hear ak1-media-change', async () => {
    const element = await host();
    const outside: Array<{ where: string; detail: unknown }> = [];
    const listeners: Array<[EventTarget, string]> = [[window, 'window'], [document, 'document'], [element, 'host']];
    const record = (where: string) => (event: Event) => outside.push({ where, detail: (event as CustomEvent).detail });
    const handlers = listeners.map(([target, where]) => {
      const handler = record(where);
      target.addEventListener('ak1-media-change', handler, { capture: true });
      target.addEventListener('ak1-media-change', handler);
      return [target, handler] as const;
    });
    try {
      const heard: Ak1MediaChangeDetail[] = [];
      element.step.addEventListener('ak1-media-change', (event) => heard.push(event.detail));
      await openCrop(element, await pngFile(1200, 900));
      element.find<HTMLButtonElement>('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button').click();
      await waitUntil(() => heard.length === 1, 'the step did not report the photo', { timeout: 10_000 });
      pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), await pngFile(800, 500));
      await waitUntil(() => heard.length === 2, 'the step did not report the KTP', { timeout: 10_000 });
      expect(heard[1]!.documents.map((document) => document.kind)).to.deep.equal(['KTP']);
    } finally {
      for (const [target, handler] of handlers) {
        target.removeEventListener('ak1-media-change', handler, { capture: true });
        target.removeEventListener('ak1-media-change', handler);
      }
    }
    expect(outside).to.deep.equal([]);
  });

  it('is accessible with a photo preview; Ganti foto and Batal go back and forth; Hapus removes it', async () => {
    const element = await host();
    await openCrop(element, await pngFile(1200, 900));
    const changed = oneEvent(element.step, 'ak1-media-change');
    element.find<HTMLButtonElement>('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button').click();
    await changed;
    await element.step.updateComplete;
    await expect(element).to.be.accessible();
    expect(element.find('.ak1-media-summary').textContent).to.match(/Pas foto siap: 600 × 800 piksel, \d+ KB\./);
    const url = element.find<HTMLImageElement>('.ak1-media-photo').src;
    expect((await fetch(url)).ok).to.equal(true);

    element.find<HTMLButtonElement>('#f-photo').click();
    await element.step.updateComplete;
    expect(element.find<HTMLInputElement>('#f-photo').type).to.equal('file');
    expect(element.step.photo).to.not.equal(undefined);
    element.find<HTMLButtonElement>('.ak1-media-link').click();
    await element.step.updateComplete;
    expect(element.find('#f-photo').textContent!.trim()).to.equal('Ganti foto');

    const removed = oneEvent(element.step, 'ak1-media-change');
    element.find<HTMLButtonElement>('.ak1-media-button-warning').click();
    const event = (await removed) as CustomEvent<Ak1MediaChangeDetail>;
    expect(event.detail.photo).to.equal(undefined);
    await element.step.updateComplete;
    expect(element.find('#f-photo-status').textContent).to.equal('Pas foto dihapus.');
    expect(element.find<HTMLInputElement>('#f-photo').type).to.equal('file');
    // The preview's blob: URL was revoked with the photo.
    const revoked = await fetch(url).then(() => false, () => true);
    expect(revoked).to.equal(true);
  });

  it('refuses a file beside the field, in Indonesian and in English', async () => {
    for (const [catalogue, texts] of [[id, idMedia], [en, enMedia]] as const) {
      const element = await host({ catalogue, texts });
      pick(element.find<HTMLInputElement>('#f-photo-file'), htmlAsJpeg());
      await waitUntil(() => element.find('#e-photo'), 'no refusal shown');
      const text = texts.errors['media.type'];
      expect(element.find('#e-photo').textContent!.replace(/\s+/g, ' ').trim()).to.equal(`${texts.errorPrefix} ${text}`);
      expect(element.find('#f-photo-status').textContent).to.contain(text);
      expect(element.find('#f-photo').getAttribute('aria-invalid')).to.equal('true');
      expect(element.find('.ak1-media-fieldset').classList.contains('field-error')).to.equal(true);
      await expect(element).to.be.accessible();
    }
  });

  it('prepares documents: a thumbnail for a picture, name and size for a PDF, a message for a refusal', async () => {
    const element = await host();
    const first = oneEvent(element.step, 'ak1-media-change');
    pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), await pngFile(1600, 1000));
    const ktp = (await first) as CustomEvent<Ak1MediaChangeDetail>;
    expect(ktp.detail.field).to.equal('documents.KTP');
    expect(ktp.detail.documents.map((document) => [document.kind, document.mediaType])).to.deep.equal([['KTP', 'image/jpeg']]);
    expect(Object.keys(ktp.detail.documents[0]!).sort()).to.deep.equal(['dataBase64', 'kind', 'mediaType']);

    const second = oneEvent(element.step, 'ak1-media-change');
    pick(element.find<HTMLInputElement>('#f-documents\\.IJAZAH-file'), new File([pdfBytes() as BlobPart], 'ijazah-smk.pdf'));
    const ijazah = (await second) as CustomEvent<Ak1MediaChangeDetail>;
    expect(ijazah.detail.documents.map((document) => [document.kind, document.mediaType])).to.deep.equal([
      ['KTP', 'image/jpeg'],
      ['IJAZAH', 'application/pdf'],
    ]);
    await element.step.updateComplete;

    const thumb = element.find<HTMLImageElement>('.ak1-media-thumb');
    expect(thumb.src).to.match(/^blob:/);
    expect(thumb.alt).to.equal('Pratinjau KTP');
    const rows = [...element.renderRoot.querySelectorAll('.ak1-media-fieldset .ak1-media-fieldset')];
    expect(rows[1]!.textContent).to.match(/PDF ijazah-smk\.pdf, 1 KB/);
    await expect(element).to.be.accessible();

    pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), gifFile());
    await waitUntil(() => element.find('#e-documents\\.KTP'), 'no refusal shown');
    expect(element.find('#e-documents\\.KTP').textContent).to.contain(idMedia.errors['media.documentType']);
    // A refused file does not replace the one already prepared.
    expect(element.step.documentFiles.find((document) => document.kind === 'KTP')!.mediaType).to.equal('image/jpeg');
    await expect(element).to.be.accessible();

    const removed = oneEvent(element.step, 'ak1-media-change');
    element.find<HTMLButtonElement>('#f-documents\\.IJAZAH ~ .ak1-media-button-warning').click();
    expect(((await removed) as CustomEvent<Ak1MediaChangeDetail>).detail.documents.map((document) => document.kind)).to.deep.equal(['KTP']);
  });

  it('shows progress and is busy while a picture is processed', async () => {
    const element = await host();
    let finish!: () => void;
    element.step.media = {
      ...element.step.media,
      prepareDocument: (_file, kind, options) =>
        new Promise((resolve) => {
          options?.onProgress?.(0.4);
          finish = () => resolve({ kind, mediaType: 'application/pdf', dataBase64: 'JVBERi0xLjQK', byteLength: 9 });
        }),
    };
    pick(element.find<HTMLInputElement>('#f-documents\\.KTP'), new File(['x'], 'x.jpg'));
    await element.step.updateComplete;
    const progress = element.find<HTMLProgressElement>('#f-documents\\.KTP-progress');
    expect(progress.value).to.equal(40);
    expect(element.find('label[for="f-documents.KTP-progress"]').textContent).to.equal('Menyiapkan dokumen…');
    expect(progress.closest('fieldset')!.getAttribute('aria-busy')).to.equal('true');
    await expect(element).to.be.accessible();
    finish();
    await waitUntil(() => !element.find('#f-documents\\.KTP-progress'));
    expect(element.find('#f-documents\\.KTP').closest('fieldset')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('fits a 320 px wide screen with touch targets of 44 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await host();
    const check = () => {
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      for (const target of element.renderRoot.querySelectorAll<HTMLElement>('.ak1-media-button, .ak1-media-link, .ak1-media-range')) {
        const box = target.getBoundingClientRect();
        expect(box.height, target.textContent!).to.be.at.least(44);
        expect(box.right, target.textContent!).to.be.at.most(320);
      }
    };
    check();
    const frame = await openCrop(element, await pngFile(900, 1200));
    check();
    expect(frame.getBoundingClientRect().right).to.be.at.most(320);
  });

  it('shows values the form sets (a restored draft) with their size', async () => {
    const element = await host();
    const photo = await preparePhoto(await pngFile(900, 1200));
    element.step.photo = { mediaType: photo.mediaType, dataBase64: photo.dataBase64 };
    element.step.documentFiles = [{ kind: 'IJAZAH', mediaType: 'application/pdf', dataBase64: btoa(String.fromCharCode(...pdfBytes())) }];
    await element.step.updateComplete;
    expect(element.find('.ak1-media-summary').textContent).to.equal(
      `Pas foto siap: 600 × 800 piksel, ${idMedia.fileSize(photo.byteLength)}.`,
    );
    expect(element.find<HTMLImageElement>('.ak1-media-photo').src).to.match(/^blob:/);
    expect(element.find('#f-documents\\.IJAZAH').closest('fieldset')!.textContent).to.match(/PDF, 1 KB/);
    await expect(element).to.be.accessible();
  });

  it('revokes its preview URLs when it leaves the page', async () => {
    const element = await host();
    const changed = oneEvent(element.step, 'ak1-media-change');
    pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), await pngFile(1600, 1000));
    await changed;
    await element.step.updateComplete;
    const url = element.find<HTMLImageElement>('.ak1-media-thumb').src;
    expect((await fetch(url)).ok).to.equal(true);
    element.remove();
    const revoked = await fetch(url).then(() => false, () => true);
    expect(revoked).to.equal(true);
  });

  it('has the form’s ids, so the error summary’s links and the form’s focusField reach its controls', async () => {
    const element = await host();
    element.step.errors = { photo: 'photo.required', 'documents.KTP': 'documents.missing' };
    await element.step.updateComplete;
    for (const [path, control] of [['photo', 'input[type="file"][capture="user"]'], ['documents.KTP', 'input[type="file"][capture="environment"]']] as const) {
      // As the form finds a field from an issue's path (ak1-form.ts, focusField).
      const input = element.renderRoot.querySelector(`#${CSS.escape(fieldId(path))}`)!;
      expect(input.matches(control), path).to.equal(true);
      expect(input.getAttribute('aria-describedby')).to.equal(`${hintId(path)} ${errorId(path)}`);
      expect(input.closest('fieldset')!.querySelector('legend')).to.exist;
    }
  });

  it('gives the form’s part names to its pieces, so ::part() theming of the form reaches the step', async () => {
    const theme = document.createElement('style');
    theme.textContent = `
      test-step-host::part(label) { color: rgb(1, 2, 3); }
      test-step-host::part(hint) { color: rgb(4, 5, 6); }
      test-step-host::part(error-message) { color: rgb(7, 8, 9); }
      test-step-host::part(button) { background-color: rgb(10, 11, 12); }
      test-step-host::part(button-secondary) { background-color: rgb(13, 14, 15); }
    `;
    document.head.append(theme);
    try {
      const element = await host();
      element.step.errors = { photo: 'photo.required' };
      await element.step.updateComplete;
      const style = (selector: string) => getComputedStyle(element.find(selector));
      expect(style('.ak1-media-legend').color).to.equal('rgb(1, 2, 3)');
      expect(style(`#${CSS.escape(hintId('photo'))}`).color).to.equal('rgb(4, 5, 6)');
      expect(style(`#${CSS.escape(errorId('photo'))}`).color).to.equal('rgb(7, 8, 9)');
      expect(style('label[for="f-photo"]').backgroundColor).to.equal('rgb(10, 11, 12)');
      expect(style('label[for="f-photo-file"]').backgroundColor).to.equal('rgb(13, 14, 15)');
      await openCrop(element, await pngFile(1200, 900));
      expect(style('.ak1-media-zoom label').color).to.equal('rgb(1, 2, 3)');
      expect(style('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button').backgroundColor).to.equal('rgb(10, 11, 12)');
      expect(style('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button-secondary').backgroundColor).to.equal('rgb(13, 14, 15)');
    } finally {
      theme.remove();
    }
  });

  it('keeps the newest pick: a slower earlier file is aborted and its late result dropped', async () => {
    const element = await host();
    const slow: Array<{ signal: AbortSignal; finish: () => void }> = [];
    element.step.media = {
      ...element.step.media,
      prepareDocument: (file, kind, options) =>
        new Promise((resolve) => {
          // Ignores its signal on purpose: the step must not trust the media functions to stop in time.
          const { name } = file as File;
          const result = { kind, mediaType: 'application/pdf' as const, dataBase64: btoa(name), byteLength: name.length };
          slow.push({ signal: options!.signal!, finish: () => resolve(result) });
        }),
    };
    const events: Ak1MediaChangeDetail[] = [];
    element.step.addEventListener('ak1-media-change', (event) => events.push(event.detail));
    pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), new File(['1'], 'first.pdf'));
    pick(element.find<HTMLInputElement>('#f-documents\\.KTP-file'), new File(['2'], 'second.pdf'));
    expect(slow.map(({ signal }) => signal.aborted)).to.deep.equal([true, false]);
    slow[1]!.finish();
    await waitUntil(() => events.length === 1);
    slow[0]!.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.step.updateComplete;
    expect(events).to.have.length(1);
    expect(element.step.documentFiles.map((document) => atob(document.dataBase64))).to.deep.equal(['second.pdf']);
    expect(element.find('#f-documents\\.KTP').closest('fieldset')!.textContent).to.contain('second.pdf');
    expect(element.find('#f-documents\\.KTP-progress')).to.equal(null);
  });

  it('closes a picture that was opened too late for the crop frame', async () => {
    const element = await host();
    const opened: Array<{ closed: boolean; finish: () => void }> = [];
    element.step.media = {
      ...element.step.media,
      // Resolves when the test says, after a newer pick has replaced it.
      openPicture: () =>
        new Promise((resolve, reject) => {
          const entry = { closed: false, finish: () => Promise.resolve() };
          entry.finish = () =>
            createImageBitmap(paint1200x900()).then((bitmap) => {
              const close = bitmap.close.bind(bitmap);
              bitmap.close = () => {
                entry.closed = true;
                close();
              };
              resolve({ bitmap, width: 1200, height: 900 } as OpenedPicture);
            }, reject);
          opened.push(entry);
        }),
    };
    pick(element.find<HTMLInputElement>('#f-photo-file'), await pngFile(1200, 900));
    pick(element.find<HTMLInputElement>('#f-photo-file'), await pngFile(1200, 900));
    await opened[1]!.finish();
    await waitUntil(() => element.find('.ak1-media-frame'), 'the crop frame did not open');
    await opened[0]!.finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opened.map((entry) => entry.closed)).to.deep.equal([true, false]);
    element.find<HTMLButtonElement>('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button-secondary').click();
    await element.step.updateComplete;
    expect(opened[1]!.closed).to.equal(true);
  });
});

function paint1200x900(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 1200;
  canvas.height = 900;
  canvas.getContext('2d')!.fillRect(0, 0, 1200, 900);
  return canvas;
}
