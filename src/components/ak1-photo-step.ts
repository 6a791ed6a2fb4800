import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { id as indonesian, type Ak1Catalogue, type Ak1MediaTexts } from '../i18n/index.js';
import { messageText } from '../i18n/messages.js';
import { idMedia } from '../i18n/id/media.js';
import { DOCUMENT_KINDS, decodedLength, type DocumentKind } from '../schema/index.js';
import {
  isAk1MediaError,
  openPicture,
  prepareDocument,
  preparePhoto,
  type Ak1PreparedDocument,
  type Ak1PreparedPhoto,
} from '../media/index.js';
import { errorId, fieldId, hintId } from './form/fields.js';
import { CropController } from './photo/crop-controller.js';
import { MediaWorkController, type Busy } from './photo/media-work.js';
import { PreviewController, type MediaValue } from './photo/previews.js';

export { photoStepStyles } from './ak1-photo-step.styles.js';

/** Which value changed: the photo, or one document by kind. */
export type Ak1MediaField = 'photo' | `documents.${DocumentKind}`;

/** The photo as the application carries it (an `Ak1PreparedPhoto` is one). */
export type Ak1PhotoValue = Pick<Ak1PreparedPhoto, 'mediaType' | 'dataBase64'>;
/** A document as the application carries it (an `Ak1PreparedDocument` is one). */
export type Ak1DocumentValue = Pick<Ak1PreparedDocument, 'kind' | 'mediaType' | 'dataBase64'>;

/** The step's values after a change, in the application's shape: `{ photo, documents }` fit it as they are. */
export interface Ak1MediaChangeDetail {
  /** Which value changed. */
  field: Ak1MediaField;
  photo: Ak1PhotoValue | undefined;
  /** One per kind, in `DOCUMENT_KINDS` order. */
  documents: Ak1DocumentValue[];
}

/** What the file pickers offer: the types we decode (HEIC where the browser can). */
const PICTURE_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
const DOCUMENT_TYPES = `${PICTURE_TYPES},application/pdf`;
/** The crop frame's preview: sharp enough at a few times zoom, small enough for a cheap phone's memory. */
const PREVIEW_SIDE = 1280;

/**
 * A field's ids, made by the form's helpers from the field's path (`photo`, `documents.KTP`): the error
 * summary's links and the form's `focusField` find the control as they find any other field's.
 */
function idsOf(field: Ak1MediaField) {
  const control = fieldId(field);
  return {
    control,
    file: `${control}-file`,
    hint: hintId(field),
    error: errorId(field),
    cropHint: `${hintId(field)}-crop`,
    zoom: `${control}-zoom`,
    progress: `${control}-progress`,
    status: `${control}-status`,
  };
}

/**
 * `<ak1-photo-step>`: the photo and documents step of `<ak1-form>`.
 *
 * The pas foto: take it with the camera or pick a file, frame it in a 3:4 crop (drag, pinch, wheel, the
 * zoom slider, or the arrow keys and `+`/`-` on the focused frame), confirm, and see the prepared result
 * with its size. Each document the district asks for gets a row to photograph or pick (PDF allowed) with
 * a preview. Every picture is re-encoded on the device: no EXIF, no GPS.
 *
 * It renders into its own light DOM, so inside the form's shadow root its ids (`f-photo`,
 * `f-documents.KTP`, …) are the form's: the error summary links to them, and the form's `::part()` names
 * (`label`, `hint`, `error-message`, `button`, `button-secondary`) reach its pieces. Its styles
 * (`photoStepStyles`, from `./ak1-photo-step.styles.js`, which has no side effects) go into the form's,
 * after the form's own, whose visually-hidden class and focus ring it uses. The work is done by three
 * controllers: the crop frame (`photo/crop-controller.ts`), the previews and their `blob:` URLs
 * (`photo/previews.ts`) and the media work with its aborts (`photo/media-work.ts`).
 *
 * @summary Pas foto and documents, prepared on the device.
 * @fires ak1-media-change - Internal, heard only on this element (neither bubbling nor composed): the photo or a document was prepared or removed; detail `{ field, photo, documents }`.
 */
export class Ak1PhotoStep extends LitElement {
  /** The district's photo rules (`photo-rules`), shown with the photo's hint, e.g. a red background. */
  @property({ attribute: 'photo-rules' }) photoRules?: string;
  /** The document kinds the district asks for, one row each (`documents="KTP,IJAZAH"`). */
  @property({ converter: { fromAttribute: (value: string | null) => (value ?? '').split(',').map((kind) => kind.trim()) } })
  documents: readonly DocumentKind[] = [];
  /** The texts; Indonesian by default. */
  @property({ attribute: false }) catalogue: Ak1Catalogue = indonesian;
  /** The step's own texts (they load with it, not with the form); Indonesian by default. */
  @property({ attribute: false }) texts: Ak1MediaTexts = idMedia;
  /** The validation messages of the photo and documents (they load with the later steps' texts). */
  @property({ attribute: false }) messages: Partial<Record<string, string>> | undefined;
  /** The photo (`{ mediaType, dataBase64 }`). Set it to restore one; the step sets it when a crop is confirmed. */
  @property({ attribute: false }) photo: Ak1PhotoValue | undefined;
  /** The prepared documents, one per kind (the application's `documents`). */
  @property({ attribute: false }) documentFiles: readonly Ak1DocumentValue[] = [];
  /** Message keys from the form's validation, by field: `{ photo: 'photo.required', 'documents.KTP': … }`. */
  @property({ attribute: false }) errors: Partial<Record<string, string>> = {};

  /** Choosing a new photo while one is kept: the pickers show instead of the preview. */
  @state() private replacing = false;
  /** The last refusal by field (a media error code); shown before the form's errors, until the next pick. */
  @state() private refusals: Partial<Record<Ak1MediaField, string>> = {};
  /** What each field's status region says (politely). */
  @state() private announcements: Partial<Record<Ak1MediaField, string>> = {};

  /**
   * The media functions the step calls.
   * @internal Replaceable in tests, to see the crop the step asks for.
   */
  media = { preparePhoto, prepareDocument, openPicture };

  private readonly crop = new CropController(this, (status) => this.announce('photo', this.texts.cropStatus(status)));
  private readonly previews = new PreviewController<Ak1MediaField>(this, () => this.values());
  private readonly work = new MediaWorkController<Ak1MediaField>(this);
  /** A PDF's file name, shown beside it on the device only. */
  private readonly documentNames = new Map<DocumentKind, string>();

  /** Light DOM: inside the form's shadow root, label, aria and error-summary references must resolve. */
  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    const kinds = this.documentKinds();
    return html`
      <div class="ak1-media" lang=${this.catalogue.lang}>
        ${this.renderPhoto()}
        ${kinds.length
          ? html`<fieldset class="ak1-media-fieldset">
              <legend class="legend ak1-media-legend" part="label">${this.texts.documentsLegend}</legend>
              <p class="hint" part="hint">${this.texts.documentsHint}</p>
              ${kinds.map((kind) => this.renderDocument(kind))}
            </fieldset>`
          : nothing}
      </div>
    `;
  }

  private renderPhoto(): TemplateResult {
    const m = this.texts;
    const ids = idsOf('photo');
    const error = this.errorFor('photo');
    const busy = this.work.busy('photo');
    const describedBy = [ids.hint, error ? ids.error : ''].filter(Boolean).join(' ');
    const rules = this.photoRules?.trim();
    const view = this.crop.open ? 'crop' : this.photo && !this.replacing ? 'preview' : 'choose';
    return html`
      <fieldset class="ak1-media-fieldset ${error ? 'field-error' : ''}" aria-busy=${busy ? 'true' : 'false'}>
        <legend class="legend ak1-media-legend" part="label">${m.photoLegend}</legend>
        <div class="hint" id=${ids.hint} part="hint">
          <p>${m.photoHint}</p>
          ${rules ? html`<p class="ak1-media-rules"><strong>${m.photoRulesLabel}</strong> ${rules}</p>` : nothing}
        </div>
        ${error ? this.renderError('photo', error) : nothing}
        ${view === 'crop'
          ? this.renderCrop(describedBy, Boolean(busy))
          : view === 'preview'
            ? this.renderPhotoPreview(describedBy)
            : this.renderPhotoChoice(describedBy, Boolean(error))}
        ${busy ? this.renderProgress(ids.progress, busy) : nothing}
        <p class="visually-hidden" role="status" id=${ids.status}>${this.announcements.photo ?? ''}</p>
      </fieldset>
    `;
  }

  private renderPhotoChoice(describedBy: string, invalid: boolean) {
    const m = this.texts;
    const ids = idsOf('photo');
    const onChange = (event: Event) => this.pickPhoto(event);
    return html`
      <div class="ak1-media-actions">
        ${this.filePicker({ id: ids.control, accept: 'image/*', capture: 'user', describedBy, invalid, onChange })}
        <label for=${ids.control} class="ak1-media-button" part="button">${m.takePhoto}</label>
        ${this.filePicker({ id: ids.file, accept: PICTURE_TYPES, describedBy, invalid, onChange })}
        <label for=${ids.file} class="ak1-media-button ak1-media-button-secondary" part="button-secondary">${m.chooseFile}</label>
        ${this.photo
          ? html`<button type="button" class="ak1-media-link" part="button-secondary" @click=${() => this.stopReplacing()}>
              ${m.cancel}
            </button>`
          : nothing}
      </div>
    `;
  }

  /** A real file input, visually hidden but focusable: the label after it is the button people see. */
  private filePicker(o: { id: string; accept: string; capture?: string; describedBy: string; invalid: boolean; onChange: (event: Event) => void }) {
    return html`<input
      type="file"
      class="visually-hidden ak1-media-file"
      id=${o.id}
      accept=${o.accept}
      capture=${o.capture ?? nothing}
      aria-describedby=${o.describedBy}
      aria-invalid=${o.invalid ? 'true' : 'false'}
      @change=${o.onChange}
    />`;
  }

  private renderCrop(describedBy: string, busy: boolean) {
    const m = this.texts;
    const ids = idsOf('photo');
    const crop = this.crop;
    return html`
      <p class="hint" id=${ids.cropHint} part="hint">${m.cropHint}</p>
      <div class="ak1-media-crop">
        <div
          id=${ids.control}
          class="ak1-media-frame"
          tabindex="0"
          role="application"
          aria-label=${m.cropLabel}
          aria-describedby=${`${ids.cropHint} ${describedBy}`}
          @keydown=${crop.onKey}
          @pointerdown=${crop.onPointerDown}
          @pointermove=${crop.onPointerMove}
          @pointerup=${crop.onPointerEnd}
          @pointercancel=${crop.onPointerEnd}
          @lostpointercapture=${crop.onPointerEnd}
          @wheel=${crop.wheel}
        >
          <canvas class="ak1-media-picture" aria-hidden="true" ${ref(crop.canvas)}></canvas>
          <span class="ak1-media-guide" aria-hidden="true"></span>
        </div>
        <div class="ak1-media-zoom">
          <label for=${ids.zoom} part="label">${m.zoom}</label>
          <input
            id=${ids.zoom}
            class="ak1-media-range"
            type="range"
            min="1"
            max=${crop.maxZoom}
            step="0.01"
            .value=${String(crop.zoom)}
            aria-valuetext=${`${Math.round(crop.zoom * 100)}%`}
            @input=${(event: Event) => crop.set(Number((event.target as HTMLInputElement).value))}
          />
        </div>
      </div>
      <div class="ak1-media-actions">
        <button
          type="button"
          class="ak1-media-button"
          part="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => this.confirmCrop()}
        >
          ${m.usePhoto}
        </button>
        <button
          type="button"
          class="ak1-media-button ak1-media-button-secondary"
          part="button-secondary"
          @click=${() => this.chooseAnother()}
        >
          ${m.chooseAnother}
        </button>
      </div>
    `;
  }

  private renderPhotoPreview(describedBy: string) {
    const m = this.texts;
    const shown = this.previews.get('photo');
    const size = m.fileSize(shown?.byteLength ?? decodedLength(this.photo!.dataBase64));
    const { width, height } = shown ?? {};
    return html`
      <div class="ak1-media-result">
        ${shown?.url
          ? html`<img class="ak1-media-photo" src=${shown.url} alt=${m.photoPreviewAlt} width=${width ?? nothing} height=${height ?? nothing} />`
          : nothing}
        <p class="ak1-media-summary">${width && height ? m.photoReady({ width, height, size }) : m.imageSummary(size)}</p>
      </div>
      <div class="ak1-media-actions">
        <button
          type="button"
          id=${idsOf('photo').control}
          class="ak1-media-button ak1-media-button-secondary"
          part="button-secondary"
          aria-describedby=${describedBy}
          @click=${() => this.startReplacing()}
        >
          ${m.changePhoto}
        </button>
        <button type="button" class="ak1-media-button ak1-media-button-warning" part="button-secondary" @click=${() => this.removePhoto()}>
          ${m.remove}<span class="visually-hidden"> ${m.photoLegend}</span>
        </button>
      </div>
    `;
  }

  private renderDocument(kind: DocumentKind) {
    const m = this.texts;
    const field: Ak1MediaField = `documents.${kind}`;
    const ids = idsOf(field);
    const label = this.catalogue.labels.documentKind[kind];
    const error = this.errorFor(field);
    const busy = this.work.busy(field);
    const value = this.documentOf(kind);
    const describedBy = [ids.hint, error ? ids.error : ''].filter(Boolean).join(' ');
    const invalid = Boolean(error);
    const onChange = (event: Event) => this.pickDocument(kind, event);
    return html`
      <fieldset class="ak1-media-fieldset ${error ? 'field-error' : ''}" aria-busy=${busy ? 'true' : 'false'}>
        <legend class="legend ak1-media-legend" part="label">${label}</legend>
        <p class="hint" id=${ids.hint} part="hint">${m.documentHint}</p>
        ${error ? this.renderError(field, error) : nothing}
        ${value ? this.renderDocumentPreview(kind, value, label) : nothing}
        <div class="ak1-media-actions">
          ${this.filePicker({ id: ids.control, accept: 'image/*', capture: 'environment', describedBy, invalid, onChange })}
          <label for=${ids.control} class="ak1-media-button" part="button">${m.takeDocumentPhoto}</label>
          ${this.filePicker({ id: ids.file, accept: DOCUMENT_TYPES, describedBy, invalid, onChange })}
          <label for=${ids.file} class="ak1-media-button ak1-media-button-secondary" part="button-secondary">${m.chooseFile}</label>
          ${value
            ? html`<button
                type="button"
                class="ak1-media-button ak1-media-button-warning"
                part="button-secondary"
                @click=${() => this.removeDocument(kind)}
              >
                ${m.remove}<span class="visually-hidden"> ${label}</span>
              </button>`
            : nothing}
        </div>
        ${busy ? this.renderProgress(ids.progress, busy) : nothing}
        <p class="visually-hidden" role="status" id=${ids.status}>${this.announcements[field] ?? ''}</p>
      </fieldset>
    `;
  }

  private renderDocumentPreview(kind: DocumentKind, value: Ak1DocumentValue, label: string) {
    const m = this.texts;
    const shown = this.previews.get(`documents.${kind}`);
    const size = m.fileSize(shown?.byteLength ?? decodedLength(value.dataBase64));
    if (value.mediaType === 'application/pdf') {
      return html`<p class="ak1-media-summary">${m.pdfSummary({ name: this.documentNames.get(kind), size })}</p>`;
    }
    return html`
      <div class="ak1-media-result">
        ${shown?.url ? html`<img class="ak1-media-thumb" src=${shown.url} alt=${m.documentPreviewAlt(label)} />` : nothing}
        <p class="ak1-media-summary">${m.imageSummary(size)}</p>
      </div>
    `;
  }

  /** The form's inline error: its id, part and class, with the hidden prefix. */
  private renderError(field: Ak1MediaField, key: string) {
    return html`<p class="error-message" id=${errorId(field)} part="error-message">
      <span class="visually-hidden">${this.texts.errorPrefix}</span> ${this.message(key)}
    </p>`;
  }

  private renderProgress(id: string, busy: Busy) {
    const percent = Math.round(busy.progress * 100);
    return html`
      <div class="ak1-media-progress">
        <label for=${id} part="label">${busy.label}</label>
        <progress id=${id} max="100" .value=${percent}>${percent}%</progress>
      </div>
    `;
  }

  // ---- the photo ----

  private async pickPhoto(event: Event) {
    const file = takeFile(event);
    if (!file) return;
    const m = this.texts;
    this.setRefusal('photo', undefined);
    const outcome = await this.work.run(
      'photo',
      m.openingPhoto,
      ({ signal, onProgress }) => this.media.openPicture(file, { maxSide: PREVIEW_SIDE, signal, onProgress }),
      (picture) => picture.bitmap.close(),
    );
    if (outcome.status === 'error') this.refuse('photo', outcome.error);
    if (outcome.status !== 'complete') return;
    this.crop.start(file, outcome.value);
    this.announce('photo', m.cropHint);
    await this.focusField('photo');
  }

  private async confirmCrop() {
    const file = this.crop.file;
    if (!file || this.work.busy('photo')) return;
    const m = this.texts;
    const crop = this.crop.rect();
    const outcome = await this.work.run('photo', m.preparingPhoto, ({ signal, onProgress }) =>
      this.media.preparePhoto(file, { crop, signal, onProgress }),
    );
    if (outcome.status === 'error') this.refuse('photo', outcome.error);
    if (outcome.status !== 'complete') return;
    const photo = outcome.value;
    this.crop.close();
    this.replacing = false;
    this.setRefusal('photo', undefined);
    this.photo = { mediaType: photo.mediaType, dataBase64: photo.dataBase64 };
    this.announce('photo', m.photoReady({ width: photo.width, height: photo.height, size: m.fileSize(photo.byteLength) }));
    this.emitChange('photo');
    await this.focusField('photo');
  }

  private async chooseAnother() {
    this.work.abort('photo');
    this.crop.close();
    this.replacing = Boolean(this.photo);
    await this.focusField('photo');
  }

  private async startReplacing() {
    this.replacing = true;
    await this.focusField('photo');
  }

  private async stopReplacing() {
    this.work.abort('photo');
    this.replacing = false;
    this.setRefusal('photo', undefined);
    await this.focusField('photo');
  }

  private async removePhoto() {
    this.work.abort('photo');
    this.crop.close();
    this.replacing = false;
    this.photo = undefined;
    this.announce('photo', this.texts.photoRemoved);
    this.emitChange('photo');
    await this.focusField('photo');
  }

  // ---- documents ----

  private async pickDocument(kind: DocumentKind, event: Event) {
    const file = takeFile(event);
    if (!file) return;
    const field: Ak1MediaField = `documents.${kind}`;
    const m = this.texts;
    this.setRefusal(field, undefined);
    const outcome = await this.work.run(field, m.preparingDocument, ({ signal, onProgress }) =>
      this.media.prepareDocument(file, kind, { signal, onProgress }),
    );
    if (outcome.status === 'error') this.refuse(field, outcome.error);
    if (outcome.status !== 'complete') return;
    const prepared = outcome.value;
    this.documentNames.set(kind, file.name);
    this.setDocument(kind, { kind, mediaType: prepared.mediaType, dataBase64: prepared.dataBase64 });
    this.announce(field, m.documentReady(this.catalogue.labels.documentKind[kind]));
    this.emitChange(field);
  }

  private async removeDocument(kind: DocumentKind) {
    const field: Ak1MediaField = `documents.${kind}`;
    this.work.abort(field);
    this.setDocument(kind, undefined);
    this.documentNames.delete(kind);
    this.announce(field, this.texts.documentRemoved(this.catalogue.labels.documentKind[kind]));
    this.emitChange(field);
    await this.focusField(field);
  }

  private documentOf(kind: DocumentKind): Ak1DocumentValue | undefined {
    return (Array.isArray(this.documentFiles) ? this.documentFiles : []).find((document) => document.kind === kind);
  }

  /** Replaces (or removes) the document of a kind, keeping one per kind in `DOCUMENT_KINDS` order. */
  private setDocument(kind: DocumentKind, value: Ak1DocumentValue | undefined) {
    this.documentFiles = DOCUMENT_KINDS.flatMap((each) => {
      const document = each === kind ? value : this.documentOf(each);
      return document ? [document] : [];
    });
  }

  private documentKinds(): DocumentKind[] {
    const asked = Array.isArray(this.documents) ? this.documents : [];
    return DOCUMENT_KINDS.filter((kind) => asked.includes(kind));
  }

  /** The values to preview, by field. */
  private values(): Map<Ak1MediaField, MediaValue> {
    const values = new Map<Ak1MediaField, MediaValue>();
    if (this.photo) values.set('photo', this.photo);
    for (const kind of DOCUMENT_KINDS) {
      const value = this.documentOf(kind);
      if (value) values.set(`documents.${kind}`, value);
    }
    return values;
  }

  // ---- shared ----

  private setRefusal(field: Ak1MediaField, code: string | undefined) {
    const { [field]: _previous, ...rest } = this.refusals;
    this.refusals = code ? { ...rest, [field]: code } : rest;
  }

  private refuse(field: Ak1MediaField, error: unknown) {
    const code = isAk1MediaError(error) ? error.code : 'media.unreadable';
    this.setRefusal(field, code);
    this.announce(field, `${this.texts.errorPrefix} ${this.message(code)}`);
  }

  private errorFor(field: Ak1MediaField): string | undefined {
    return this.refusals[field] ?? this.errors?.[field];
  }

  /** A media refusal or a validation message key, in the catalogue's words. */
  private message(key: string): string {
    return messageText({ t: this.catalogue, j: { messages: this.messages, media: this.texts } }, key);
  }

  private announce(field: Ak1MediaField, text: string) {
    this.announcements = { ...this.announcements, [field]: text };
  }

  private emitChange(field: Ak1MediaField) {
    const detail: Ak1MediaChangeDetail = { field, photo: this.photo, documents: [...this.documentFiles] };
    // The photo and the KTP scan: this event must not leave the form's shadow root (nor bubble within it),
    // so it is heard only by a listener on this element; the host page's listeners never see it.
    this.dispatchEvent(new CustomEvent('ak1-media-change', { detail, bubbles: false, composed: false }));
  }

  /** Moves focus to a field's control after its controls changed, unless the applicant has gone elsewhere. */
  private async focusField(field: Ak1MediaField) {
    await this.updateComplete;
    const root = this.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    if (active && active !== document.body && !this.contains(active)) return;
    this.querySelector<HTMLElement>(`[id="${idsOf(field).control}"]`)?.focus();
  }
}

/** The picked file; the input is cleared so that picking the same file again still reports a change. */
function takeFile(event: Event): File | undefined {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  return file;
}

declare global {
  interface HTMLElementTagNameMap {
    'ak1-photo-step': Ak1PhotoStep;
  }
  interface GlobalEventHandlersEventMap {
    /** Internal to `<ak1-form>`: the photo step's values changed. */
    'ak1-media-change': CustomEvent<Ak1MediaChangeDetail>;
  }
}
