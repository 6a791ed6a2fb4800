import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { id as indonesian, messageText, type Ak1Catalogue, type Ak1MediaTexts } from '../i18n/index.js';
import { idMedia } from '../i18n/id/media.js';
import { DOCUMENT_KINDS, decodedLength, type DocumentKind } from '../schema/index.js';
import {
  MEDIA_LIMITS,
  base64ToBytes,
  cropAt,
  isAk1MediaError,
  maxCropZoom,
  openPicture,
  prepareDocument,
  preparePhoto,
  type Ak1CropRect,
  type Ak1PreparedDocument,
  type Ak1PreparedPhoto,
  type OpenedPicture,
} from '../media/index.js';
import { clamp } from '../media/crop.js';
import { readPictureHeader } from '../media/sniff.js';

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

/** What the step shows about a value: its `blob:` preview (pictures only), size in pixels and in bytes. */
interface Shown {
  value: object;
  url: string | undefined;
  width: number | undefined;
  height: number | undefined;
  byteLength: number;
}

/** What the file pickers offer: the types we decode (HEIC where the browser can). */
const PICTURE_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
const DOCUMENT_TYPES = `${PICTURE_TYPES},application/pdf`;
/** The crop frame's preview: sharp enough at a few times zoom, small enough for a cheap phone's memory. */
const PREVIEW_SIDE = 1280;
/** Keyboard moves: a twentieth of the frame, a quarter with Shift. */
const KEY_STEP = 0.05;
const KEY_STEP_LARGE = 0.25;
const KEY_ZOOM = 1.1;
/** Announce the frame's state this long after the last key, not on every key. */
const ANNOUNCE_DELAY_MS = 400;

interface Cropping {
  file: Blob;
  picture: OpenedPicture;
  zoom: number;
  maxZoom: number;
  centreX: number;
  centreY: number;
}

interface Busy {
  label: string;
  progress: number;
}

/**
 * `<ak1-photo-step>`: the photo and documents step of `<ak1-form>`.
 *
 * The pas foto: take it with the camera or pick a file, frame it in a 3:4 crop (drag, pinch, wheel, the
 * zoom slider, or the arrow keys and `+`/`-` on the focused frame), confirm, and see the prepared result
 * with its size. Each document the district asks for gets a row to photograph or pick (PDF allowed) with
 * a preview. Every picture is re-encoded on the device: no EXIF, no GPS.
 *
 * It renders into its own light DOM, so inside the form's shadow root its ids (`photo`, `documents-KTP`,
 * …) are the form's: the error summary links to them. Its styles (`photoStepStyles`, from
 * `./ak1-photo-step.styles.js`, which has no side effects) go into the form's. Importing this module
 * registers the element (guarded, like `<ak1-form>`); the form imports it lazily with the step.
 *
 * @summary Pas foto and documents, prepared on the device.
 * @fires ak1-media-change - The photo or a document was prepared or removed; detail `{ field, photo, documents }`.
 */
export class Ak1PhotoStep extends LitElement {
  static override properties = {
    photoRules: { type: String, attribute: 'photo-rules' },
    documents: {
      attribute: 'documents',
      converter: { fromAttribute: (value: string | null) => (value ?? '').split(',').map((kind) => kind.trim()) },
    },
    catalogue: { attribute: false },
    texts: { attribute: false },
    messages: { attribute: false },
    photo: { attribute: false },
    documentFiles: { attribute: false },
    errors: { attribute: false },
    cropping: { state: true },
    replacing: { state: true },
    busy: { state: true },
    refusals: { state: true },
    announcements: { state: true },
  };

  /** The district's photo rules (`photo-rules`), shown with the photo's hint, e.g. a red background. */
  declare photoRules: string | undefined;
  /** The document kinds the district asks for, one row each (`documents="KTP,IJAZAH"`). */
  declare documents: readonly DocumentKind[];
  /** The texts; Indonesian by default. */
  declare catalogue: Ak1Catalogue;
  /** The step's own texts (they load with it, not with the form); Indonesian by default. */
  declare texts: Ak1MediaTexts;
  /** The validation messages of the photo and documents (they load with the later steps' texts). */
  declare messages: Partial<Record<string, string>> | undefined;
  /** The photo (`{ mediaType, dataBase64 }`). Set it to restore one; the step sets it when a crop is confirmed. */
  declare photo: Ak1PhotoValue | undefined;
  /** The prepared documents, one per kind (the application's `documents`). */
  declare documentFiles: readonly Ak1DocumentValue[];
  /** Message keys from the form's validation, by field: `{ photo: 'photo.required', 'documents.KTP': … }`. */
  declare errors: Partial<Record<string, string>>;

  declare private cropping: Cropping | undefined;
  declare private replacing: boolean;
  declare private busy: Partial<Record<Ak1MediaField, Busy>>;
  /** The last refusal by field (a media error code); shown before the form's errors, until the next pick. */
  declare private refusals: Partial<Record<Ak1MediaField, string>>;
  declare private announcements: Partial<Record<Ak1MediaField, string>>;

  /**
   * The media functions the step calls.
   * @internal Replaceable in tests, to see the crop the step asks for.
   */
  media = { preparePhoto, prepareDocument, openPicture };

  private readonly cropCanvas = createRef<HTMLCanvasElement>();
  private drawnBitmap: ImageBitmap | undefined;
  private readonly work = new Map<Ak1MediaField, AbortController>();
  private readonly shown = new Map<Ak1MediaField, Shown>();
  private readonly documentNames = new Map<DocumentKind, string>();
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.documents = [];
    this.catalogue = indonesian;
    this.texts = idMedia;
    this.documentFiles = [];
    this.errors = {};
    this.replacing = false;
    this.busy = {};
    this.refusals = {};
    this.announcements = {};
  }

  /** Light DOM: inside the form's shadow root, label, aria and error-summary references must resolve. */
  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const controller of this.work.values()) controller.abort();
    this.work.clear();
    this.busy = {};
    this.closeCropping();
    for (const { url } of this.shown.values()) if (url) URL.revokeObjectURL(url);
    this.shown.clear();
    this.pointers.clear();
    clearTimeout(this.announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('photo') || changed.has('documentFiles')) this.syncPreviews();
  }

  protected override updated() {
    const canvas = this.cropCanvas.value;
    const cropping = this.cropping;
    if (!canvas || !cropping) return;
    const { bitmap } = cropping.picture;
    if (this.drawnBitmap !== bitmap) {
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
      this.drawnBitmap = bitmap;
    }
    // Through CSSOM, which a strict CSP allows. Not styleMap: on its first render it writes a `style`
    // attribute string, which `style-src 'self'` blocks.
    const rect = this.cropRect();
    const { style } = canvas;
    style.left = `${(-rect.x / rect.width) * 100}%`;
    style.top = `${(-rect.y / rect.height) * 100}%`;
    style.width = `${(cropping.picture.width / rect.width) * 100}%`;
    style.height = `${(cropping.picture.height / rect.height) * 100}%`;
  }

  protected override render() {
    const t = this.catalogue;
    const kinds = this.documentKinds();
    return html`
      <div class="ak1-media" lang=${t.lang}>
        ${this.renderPhoto()}
        ${kinds.length
          ? html`<fieldset class="ak1-media-fieldset">
              <legend class="ak1-media-legend">${this.texts.documentsLegend}</legend>
              <p class="ak1-media-hint">${this.texts.documentsHint}</p>
              ${kinds.map((kind) => this.renderDocument(kind))}
            </fieldset>`
          : nothing}
      </div>
    `;
  }

  private renderPhoto(): TemplateResult {
    const m = this.texts;
    const error = this.errorFor('photo');
    const busy = this.busy.photo;
    const describedBy = ['photo-hint', error ? 'photo-error' : ''].filter(Boolean).join(' ');
    const rules = this.photoRules?.trim();
    const view = this.cropping ? 'crop' : this.photo && !this.replacing ? 'preview' : 'choose';
    return html`
      <fieldset class="ak1-media-fieldset ${error ? 'ak1-media-field-error' : ''}" aria-busy=${busy ? 'true' : 'false'}>
        <legend class="ak1-media-legend">${m.photoLegend}</legend>
        <div class="ak1-media-hint" id="photo-hint">
          <p>${m.photoHint}</p>
          ${rules ? html`<p class="ak1-media-rules"><strong>${m.photoRulesLabel}</strong> ${rules}</p>` : nothing}
        </div>
        ${error ? this.renderError('photo-error', error) : nothing}
        ${view === 'crop'
          ? this.renderCrop(describedBy, Boolean(busy))
          : view === 'preview'
            ? this.renderPhotoPreview(describedBy)
            : this.renderPhotoChoice(describedBy, Boolean(error))}
        ${busy ? this.renderProgress('photo-progress', busy) : nothing}
        <p class="ak1-media-vh" role="status" id="photo-status">${this.announcements.photo ?? ''}</p>
      </fieldset>
    `;
  }

  private renderPhotoChoice(describedBy: string, invalid: boolean) {
    const m = this.texts;
    const onChange = (event: Event) => this.pickPhoto(event);
    return html`
      <div class="ak1-media-actions">
        <input
          type="file"
          class="ak1-media-file"
          id="photo"
          accept="image/*"
          capture="user"
          aria-describedby=${describedBy}
          aria-invalid=${invalid ? 'true' : 'false'}
          @change=${onChange}
        />
        <label for="photo" class="ak1-media-button">${m.takePhoto}</label>
        <input
          type="file"
          class="ak1-media-file"
          id="photo-file"
          accept=${PICTURE_TYPES}
          aria-describedby=${describedBy}
          aria-invalid=${invalid ? 'true' : 'false'}
          @change=${onChange}
        />
        <label for="photo-file" class="ak1-media-button ak1-media-button-secondary">${m.chooseFile}</label>
        ${this.photo
          ? html`<button type="button" class="ak1-media-link" @click=${() => this.stopReplacing()}>${m.cancel}</button>`
          : nothing}
      </div>
    `;
  }

  private renderCrop(describedBy: string, busy: boolean) {
    const m = this.texts;
    const cropping = this.cropping!;
    const zoomPercent = Math.round(cropping.zoom * 100);
    return html`
      <p class="ak1-media-hint" id="photo-crop-hint">${m.cropHint}</p>
      <div class="ak1-media-crop">
        <div
          id="photo"
          class="ak1-media-frame"
          tabindex="0"
          role="application"
          aria-label=${m.cropLabel}
          aria-describedby=${`photo-crop-hint ${describedBy}`}
          @keydown=${(event: KeyboardEvent) => this.onFrameKey(event)}
          @pointerdown=${(event: PointerEvent) => this.onPointerDown(event)}
          @pointermove=${(event: PointerEvent) => this.onPointerMove(event)}
          @pointerup=${(event: PointerEvent) => this.pointers.delete(event.pointerId)}
          @pointercancel=${(event: PointerEvent) => this.pointers.delete(event.pointerId)}
          @lostpointercapture=${(event: PointerEvent) => this.pointers.delete(event.pointerId)}
          @wheel=${{ handleEvent: (event: WheelEvent) => this.onWheel(event), passive: false }}
        >
          <canvas class="ak1-media-picture" aria-hidden="true" ${ref(this.cropCanvas)}></canvas>
          <span class="ak1-media-guide" aria-hidden="true"></span>
        </div>
        <div class="ak1-media-zoom">
          <label for="photo-zoom">${m.zoom}</label>
          <input
            id="photo-zoom"
            class="ak1-media-range"
            type="range"
            min="1"
            max=${cropping.maxZoom}
            step="0.01"
            .value=${String(cropping.zoom)}
            aria-valuetext=${`${zoomPercent}%`}
            @input=${(event: Event) => this.setCrop(Number((event.target as HTMLInputElement).value))}
          />
        </div>
      </div>
      <div class="ak1-media-actions">
        <button
          type="button"
          class="ak1-media-button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => this.confirmCrop()}
        >
          ${m.usePhoto}
        </button>
        <button type="button" class="ak1-media-button ak1-media-button-secondary" @click=${() => this.chooseAnother()}>
          ${m.chooseAnother}
        </button>
      </div>
    `;
  }

  private renderPhotoPreview(describedBy: string) {
    const m = this.texts;
    const shown = this.shown.get('photo');
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
          id="photo"
          class="ak1-media-button ak1-media-button-secondary"
          aria-describedby=${describedBy}
          @click=${() => this.startReplacing()}
        >
          ${m.changePhoto}
        </button>
        <button type="button" class="ak1-media-button ak1-media-button-warning" @click=${() => this.removePhoto()}>
          ${m.remove}<span class="ak1-media-vh"> ${m.photoLegend}</span>
        </button>
      </div>
    `;
  }

  private renderDocument(kind: DocumentKind) {
    const t = this.catalogue;
    const m = this.texts;
    const field: Ak1MediaField = `documents.${kind}`;
    const id = `documents-${kind}`;
    const label = t.labels.documentKind[kind];
    const error = this.errorFor(field);
    const busy = this.busy[field];
    const value = this.documentOf(kind);
    const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const invalid = error ? 'true' : 'false';
    const onChange = (event: Event) => this.pickDocument(kind, event);
    return html`
      <fieldset class="ak1-media-fieldset ${error ? 'ak1-media-field-error' : ''}" aria-busy=${busy ? 'true' : 'false'}>
        <legend class="ak1-media-legend">${label}</legend>
        <p class="ak1-media-hint" id=${`${id}-hint`}>${m.documentHint}</p>
        ${error ? this.renderError(`${id}-error`, error) : nothing}
        ${value ? this.renderDocumentPreview(kind, value, label) : nothing}
        <div class="ak1-media-actions">
          <input
            type="file"
            class="ak1-media-file"
            id=${id}
            accept="image/*"
            capture="environment"
            aria-describedby=${describedBy}
            aria-invalid=${invalid}
            @change=${onChange}
          />
          <label for=${id} class="ak1-media-button">${m.takeDocumentPhoto}</label>
          <input
            type="file"
            class="ak1-media-file"
            id=${`${id}-file`}
            accept=${DOCUMENT_TYPES}
            aria-describedby=${describedBy}
            aria-invalid=${invalid}
            @change=${onChange}
          />
          <label for=${`${id}-file`} class="ak1-media-button ak1-media-button-secondary">${m.chooseFile}</label>
          ${value
            ? html`<button type="button" class="ak1-media-button ak1-media-button-warning" @click=${() => this.removeDocument(kind)}>
                ${m.remove}<span class="ak1-media-vh"> ${label}</span>
              </button>`
            : nothing}
        </div>
        ${busy ? this.renderProgress(`${id}-progress`, busy) : nothing}
        <p class="ak1-media-vh" role="status" id=${`${id}-status`}>${this.announcements[field] ?? ''}</p>
      </fieldset>
    `;
  }

  private renderDocumentPreview(kind: DocumentKind, value: Ak1DocumentValue, label: string) {
    const m = this.texts;
    const shown = this.shown.get(`documents.${kind}`);
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

  private renderError(id: string, key: string) {
    const m = this.texts;
    return html`<p class="ak1-media-error" id=${id}><span class="ak1-media-vh">${m.errorPrefix}</span> ${this.message(key)}</p>`;
  }

  private renderProgress(id: string, busy: Busy) {
    const percent = Math.round(busy.progress * 100);
    return html`
      <div class="ak1-media-progress">
        <label for=${id}>${busy.label}</label>
        <progress id=${id} max="100" .value=${percent}>${percent}%</progress>
      </div>
    `;
  }

  // ---- the photo ----

  private async pickPhoto(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that picking the same file again (after fixing nothing) still reports a change.
    input.value = '';
    if (!file) return;
    const signal = this.startWork('photo');
    const m = this.texts;
    this.setRefusal('photo', undefined);
    this.setBusy('photo', { label: m.openingPhoto, progress: 0 });
    try {
      const picture = await this.media.openPicture(file, {
        maxSide: PREVIEW_SIDE,
        signal,
        onProgress: (progress) => this.setBusy('photo', { label: m.openingPhoto, progress }),
      });
      this.endWork('photo', signal);
      if (signal.aborted) {
        picture.bitmap.close();
        return;
      }
      this.closeCropping();
      this.cropping = {
        file,
        picture,
        zoom: 1,
        maxZoom: maxCropZoom(picture, MEDIA_LIMITS.photoMinWidth),
        centreX: picture.width / 2,
        centreY: picture.height / 2,
      };
      this.announce('photo', m.cropHint);
      await this.focusField('photo');
    } catch (error) {
      this.endWork('photo', signal);
      if (!signal.aborted) this.refuse('photo', error);
    }
  }

  private async confirmCrop() {
    const cropping = this.cropping;
    if (!cropping || this.busy.photo) return;
    const m = this.texts;
    const signal = this.startWork('photo');
    this.setBusy('photo', { label: m.preparingPhoto, progress: 0 });
    try {
      const photo = await this.media.preparePhoto(cropping.file, {
        crop: this.cropRect(),
        signal,
        onProgress: (progress) => this.setBusy('photo', { label: m.preparingPhoto, progress }),
      });
      this.endWork('photo', signal);
      if (signal.aborted) return;
      this.closeCropping();
      this.replacing = false;
      this.setRefusal('photo', undefined);
      this.photo = { mediaType: photo.mediaType, dataBase64: photo.dataBase64 };
      this.announce('photo', m.photoReady({ width: photo.width, height: photo.height, size: m.fileSize(photo.byteLength) }));
      this.emitChange('photo');
      await this.focusField('photo');
    } catch (error) {
      this.endWork('photo', signal);
      if (!signal.aborted) this.refuse('photo', error);
    }
  }

  private async chooseAnother() {
    this.work.get('photo')?.abort();
    this.closeCropping();
    this.replacing = Boolean(this.photo);
    await this.focusField('photo');
  }

  private async startReplacing() {
    this.replacing = true;
    await this.focusField('photo');
  }

  private async stopReplacing() {
    this.work.get('photo')?.abort();
    this.replacing = false;
    this.setRefusal('photo', undefined);
    await this.focusField('photo');
  }

  private async removePhoto() {
    this.work.get('photo')?.abort();
    this.closeCropping();
    this.replacing = false;
    this.photo = undefined;
    this.announce('photo', this.texts.photoRemoved);
    this.emitChange('photo');
    await this.focusField('photo');
  }

  private closeCropping() {
    this.cropping?.picture.bitmap.close();
    this.cropping = undefined;
    this.drawnBitmap = undefined;
    this.pointers.clear();
  }

  // ---- the crop frame ----

  /** The crop the frame shows, in the upright picture's pixels. */
  private cropRect(): Ak1CropRect {
    const { picture, zoom, centreX, centreY } = this.cropping!;
    return cropAt(picture, zoom, centreX, centreY);
  }

  /** Moves and zooms the frame, keeping it inside the picture. */
  private setCrop(zoom: number, centreX?: number, centreY?: number) {
    const cropping = this.cropping;
    if (!cropping) return;
    const nextZoom = clamp(Number.isFinite(zoom) ? zoom : cropping.zoom, 1, cropping.maxZoom);
    const rect = cropAt(cropping.picture, nextZoom, centreX ?? cropping.centreX, centreY ?? cropping.centreY);
    this.cropping = { ...cropping, zoom: nextZoom, centreX: rect.x + rect.width / 2, centreY: rect.y + rect.height / 2 };
  }

  private moveBy(dx: number, dy: number) {
    const cropping = this.cropping;
    if (cropping) this.setCrop(cropping.zoom, cropping.centreX + dx, cropping.centreY + dy);
  }

  private onFrameKey(event: KeyboardEvent) {
    const cropping = this.cropping;
    if (!cropping || event.altKey || event.ctrlKey || event.metaKey) return;
    const rect = this.cropRect();
    const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    switch (event.key) {
      case 'ArrowLeft':
        this.moveBy(-rect.width * step, 0);
        break;
      case 'ArrowRight':
        this.moveBy(rect.width * step, 0);
        break;
      case 'ArrowUp':
        this.moveBy(0, -rect.height * step);
        break;
      case 'ArrowDown':
        this.moveBy(0, rect.height * step);
        break;
      case '+':
      case '=':
        this.setCrop(cropping.zoom * KEY_ZOOM);
        break;
      case '-':
      case '_':
        this.setCrop(cropping.zoom / KEY_ZOOM);
        break;
      case 'Home':
        this.setCrop(1, cropping.picture.width / 2, cropping.picture.height / 2);
        break;
      default:
        return;
    }
    event.preventDefault();
    this.announceCropLater();
  }

  private onPointerDown(event: PointerEvent) {
    if (!this.cropping || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const frame = event.currentTarget as HTMLElement;
    try {
      frame.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic or already-released pointer cannot be captured; moves still arrive over the frame.
    }
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  }

  private onPointerMove(event: PointerEvent) {
    const previous = this.pointers.get(event.pointerId);
    const cropping = this.cropping;
    if (!previous || !cropping) return;
    const now = { x: event.clientX, y: event.clientY };
    const frameWidth = (event.currentTarget as HTMLElement).getBoundingClientRect().width || 1;
    if (this.pointers.size === 1) {
      // The picture follows the finger, so the frame moves the other way over it.
      const perPixel = this.cropRect().width / frameWidth;
      this.moveBy(-(now.x - previous.x) * perPixel, -(now.y - previous.y) * perPixel);
    } else {
      const other = [...this.pointers].find(([id]) => id !== event.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(previous.x - other.x, previous.y - other.y);
        const after = Math.hypot(now.x - other.x, now.y - other.y);
        if (before > 0) this.setCrop(cropping.zoom * (after / before));
      }
    }
    this.pointers.set(event.pointerId, now);
  }

  private onWheel(event: WheelEvent) {
    const cropping = this.cropping;
    if (!cropping) return;
    event.preventDefault();
    this.setCrop(cropping.zoom * Math.exp(-event.deltaY / 400));
  }

  private announceCropLater() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const cropping = this.cropping;
      if (!cropping) return;
      const rect = this.cropRect();
      const travel = (start: number, extent: number, whole: number) =>
        whole - extent < 1 ? 50 : Math.round((start / (whole - extent)) * 100);
      this.announce(
        'photo',
        this.texts.cropStatus({
          zoom: Math.round(cropping.zoom * 100),
          left: travel(rect.x, rect.width, cropping.picture.width),
          top: travel(rect.y, rect.height, cropping.picture.height),
        }),
      );
    }, ANNOUNCE_DELAY_MS);
  }

  // ---- documents ----

  private async pickDocument(kind: DocumentKind, event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const field: Ak1MediaField = `documents.${kind}`;
    const m = this.texts;
    const signal = this.startWork(field);
    this.setRefusal(field, undefined);
    this.setBusy(field, { label: m.preparingDocument, progress: 0 });
    try {
      const prepared = await this.media.prepareDocument(file, kind, {
        signal,
        onProgress: (progress) => this.setBusy(field, { label: m.preparingDocument, progress }),
      });
      this.endWork(field, signal);
      if (signal.aborted) return;
      this.documentNames.set(kind, file.name);
      this.setDocument(kind, { kind, mediaType: prepared.mediaType, dataBase64: prepared.dataBase64 });
      this.announce(field, m.documentReady(this.catalogue.labels.documentKind[kind]));
      this.emitChange(field);
    } catch (error) {
      this.endWork(field, signal);
      if (!signal.aborted) this.refuse(field, error);
    }
  }

  private async removeDocument(kind: DocumentKind) {
    const field: Ak1MediaField = `documents.${kind}`;
    this.work.get(field)?.abort();
    this.setDocument(kind, undefined);
    this.documentNames.delete(kind);
    this.announce(field, this.texts.documentRemoved(this.catalogue.labels.documentKind[kind]));
    this.emitChange(field);
    await this.focusField(`documents-${kind}`);
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

  // ---- shared ----

  /** Starts work on a field, aborting what was running there. */
  private startWork(field: Ak1MediaField): AbortSignal {
    this.work.get(field)?.abort();
    const controller = new AbortController();
    this.work.set(field, controller);
    return controller.signal;
  }

  private endWork(field: Ak1MediaField, signal: AbortSignal) {
    if (this.work.get(field)?.signal !== signal) return;
    this.work.delete(field);
    this.setBusy(field, undefined);
  }

  private setBusy(field: Ak1MediaField, busy: Busy | undefined) {
    const { [field]: _previous, ...rest } = this.busy;
    this.busy = busy ? { ...rest, [field]: busy } : rest;
  }

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
    this.dispatchEvent(new CustomEvent('ak1-media-change', { detail, bubbles: true, composed: true }));
  }

  /** Moves focus to a field after its controls changed, unless the applicant has gone elsewhere. */
  private async focusField(id: string) {
    await this.updateComplete;
    const root = this.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    if (active && active !== document.body && !this.contains(active)) return;
    this.querySelector<HTMLElement>(`[id="${id}"]`)?.focus();
  }

  /**
   * What is shown for each value: a `blob:` URL per picture, made from the prepared bytes and revoked when
   * the value changes, and its size (read from the JPEG header, so a restored value shows it too).
   */
  private syncPreviews() {
    const wanted = new Map<Ak1MediaField, { mediaType: string; dataBase64: string }>();
    if (this.photo) wanted.set('photo', this.photo);
    for (const kind of DOCUMENT_KINDS) {
      const value = this.documentOf(kind);
      if (value) wanted.set(`documents.${kind}`, value);
    }
    for (const [field, shown] of this.shown) {
      if (wanted.get(field) !== shown.value) {
        if (shown.url) URL.revokeObjectURL(shown.url);
        this.shown.delete(field);
      }
    }
    if (!this.isConnected) return;
    for (const [field, value] of wanted) {
      if (this.shown.has(field)) continue;
      if (value.mediaType !== 'image/jpeg') {
        this.shown.set(field, { value, url: undefined, width: undefined, height: undefined, byteLength: decodedLength(value.dataBase64) });
        continue;
      }
      const bytes = base64ToBytes(value.dataBase64);
      const header = readPictureHeader(bytes, 'image/jpeg');
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
      this.shown.set(field, { value, url, width: header?.width, height: header?.height, byteLength: bytes.length });
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    // Previews were revoked when the step left the page; make them again for the values it still has.
    if (this.hasUpdated) {
      this.syncPreviews();
      this.requestUpdate();
    }
  }
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
