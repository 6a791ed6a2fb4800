import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createRef } from 'lit/directives/ref.js';
import { MEDIA_LIMITS, cropAt, maxCropZoom, type Ak1CropRect, type OpenedPicture } from '../../media/index.js';
import { clamp } from '../../media/crop.js';

/** Keyboard moves: a twentieth of the frame, a quarter with Shift. */
const KEY_STEP = 0.05;
const KEY_STEP_LARGE = 0.25;
const KEY_ZOOM = 1.1;
/** Announce the frame's state this long after the last key, not on every key. */
const ANNOUNCE_DELAY_MS = 400;

/** The frame's place after keyboard moves, in percent: how far in, how far from the left and the top. */
export interface CropStatus {
  zoom: number;
  left: number;
  top: number;
}

interface Cropping {
  file: Blob;
  picture: OpenedPicture;
  zoom: number;
  maxZoom: number;
  centreX: number;
  centreY: number;
}

/**
 * The pas foto's 3:4 frame over an opened picture: its zoom and centre, and the gestures that move it
 * (drag, pinch, wheel, keys). It owns the decoded bitmap (closed when the frame closes or the host leaves
 * the page) and draws it on the canvas the host renders with `ref(crop.canvas)`.
 */
export class CropController implements ReactiveController {
  /** The canvas the picture is drawn on, inside the frame. */
  readonly canvas = createRef<HTMLCanvasElement>();
  /** For `@wheel`: a listener object, because the wheel must be allowed to `preventDefault()`. */
  readonly wheel = { handleEvent: (event: WheelEvent) => this.onWheel(event), passive: false };

  private cropping: Cropping | undefined;
  private drawnBitmap: ImageBitmap | undefined;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  /** `onSettle` hears the frame's place once keyboard moves pause, to be said politely. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onSettle: (status: CropStatus) => void,
  ) {
    host.addController(this);
  }

  get open(): boolean {
    return this.cropping !== undefined;
  }

  /** The picked file, to be prepared with the frame's rectangle. */
  get file(): Blob | undefined {
    return this.cropping?.file;
  }

  get zoom(): number {
    return this.cropping?.zoom ?? 1;
  }

  get maxZoom(): number {
    return this.cropping?.maxZoom ?? 1;
  }

  /** Frames a newly opened picture, whole and centred; the frame takes over the bitmap. */
  start(file: Blob, picture: OpenedPicture) {
    this.close();
    this.cropping = {
      file,
      picture,
      zoom: 1,
      maxZoom: maxCropZoom(picture, MEDIA_LIMITS.photoMinWidth),
      centreX: picture.width / 2,
      centreY: picture.height / 2,
    };
    this.host.requestUpdate();
  }

  close() {
    if (!this.cropping) return;
    this.cropping.picture.bitmap.close();
    this.cropping = undefined;
    this.drawnBitmap = undefined;
    this.pointers.clear();
    this.host.requestUpdate();
  }

  /** The crop the frame shows, in the upright picture's pixels. */
  rect(): Ak1CropRect {
    const { picture, zoom, centreX, centreY } = this.cropping!;
    return cropAt(picture, zoom, centreX, centreY);
  }

  /** Moves and zooms the frame, keeping it inside the picture. */
  set(zoom: number, centreX?: number, centreY?: number) {
    const cropping = this.cropping;
    if (!cropping) return;
    const nextZoom = clamp(Number.isFinite(zoom) ? zoom : cropping.zoom, 1, cropping.maxZoom);
    const rect = cropAt(cropping.picture, nextZoom, centreX ?? cropping.centreX, centreY ?? cropping.centreY);
    this.cropping = { ...cropping, zoom: nextZoom, centreX: rect.x + rect.width / 2, centreY: rect.y + rect.height / 2 };
    this.host.requestUpdate();
  }

  readonly onKey = (event: KeyboardEvent) => {
    const cropping = this.cropping;
    if (!cropping || event.altKey || event.ctrlKey || event.metaKey) return;
    const rect = this.rect();
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
        this.set(cropping.zoom * KEY_ZOOM);
        break;
      case '-':
      case '_':
        this.set(cropping.zoom / KEY_ZOOM);
        break;
      case 'Home':
        this.set(1, cropping.picture.width / 2, cropping.picture.height / 2);
        break;
      default:
        return;
    }
    event.preventDefault();
    this.settleLater();
  };

  readonly onPointerDown = (event: PointerEvent) => {
    if (!this.cropping || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const frame = event.currentTarget as HTMLElement;
    try {
      frame.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic or already-released pointer cannot be captured; moves still arrive over the frame.
    }
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  };

  readonly onPointerMove = (event: PointerEvent) => {
    const previous = this.pointers.get(event.pointerId);
    const cropping = this.cropping;
    if (!previous || !cropping) return;
    const now = { x: event.clientX, y: event.clientY };
    const frameWidth = (event.currentTarget as HTMLElement).getBoundingClientRect().width || 1;
    if (this.pointers.size === 1) {
      // The picture follows the finger, so the frame moves the other way over it.
      const perPixel = this.rect().width / frameWidth;
      this.moveBy(-(now.x - previous.x) * perPixel, -(now.y - previous.y) * perPixel);
    } else {
      const other = [...this.pointers].find(([id]) => id !== event.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(previous.x - other.x, previous.y - other.y);
        const after = Math.hypot(now.x - other.x, now.y - other.y);
        if (before > 0) this.set(cropping.zoom * (after / before));
      }
    }
    this.pointers.set(event.pointerId, now);
  };

  /** For `pointerup`, `pointercancel` and `lostpointercapture`. */
  readonly onPointerEnd = (event: PointerEvent) => {
    this.pointers.delete(event.pointerId);
  };

  hostUpdated() {
    const canvas = this.canvas.value;
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
    const rect = this.rect();
    const { style } = canvas;
    style.left = `${(-rect.x / rect.width) * 100}%`;
    style.top = `${(-rect.y / rect.height) * 100}%`;
    style.width = `${(cropping.picture.width / rect.width) * 100}%`;
    style.height = `${(cropping.picture.height / rect.height) * 100}%`;
  }

  hostDisconnected() {
    clearTimeout(this.announceTimer);
    this.close();
  }

  private moveBy(dx: number, dy: number) {
    const cropping = this.cropping;
    if (cropping) this.set(cropping.zoom, cropping.centreX + dx, cropping.centreY + dy);
  }

  private onWheel(event: WheelEvent) {
    const cropping = this.cropping;
    if (!cropping) return;
    event.preventDefault();
    this.set(cropping.zoom * Math.exp(-event.deltaY / 400));
  }

  private settleLater() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const cropping = this.cropping;
      if (!cropping) return;
      const rect = this.rect();
      const travel = (start: number, extent: number, whole: number) =>
        whole - extent < 1 ? 50 : Math.round((start / (whole - extent)) * 100);
      this.onSettle({
        zoom: Math.round(cropping.zoom * 100),
        left: travel(rect.x, rect.width, cropping.picture.width),
        top: travel(rect.y, rect.height, cropping.picture.height),
      });
    }, ANNOUNCE_DELAY_MS);
  }
}
