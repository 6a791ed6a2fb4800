import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodedLength } from '../../schema/index.js';
import { base64ToBytes } from '../../media/index.js';
import { readPictureHeader } from '../../media/sniff.js';

/** A value as the application carries it. */
export interface MediaValue {
  mediaType: string;
  dataBase64: string;
}

/** What the step shows about a value: its `blob:` preview (JPEG pictures only), size in pixels and in bytes. */
export interface Preview {
  url: string | undefined;
  width: number | undefined;
  height: number | undefined;
  byteLength: number;
}

/**
 * The previews of the host's current values, by field. A picture's preview is a `blob:` URL made from the
 * prepared bytes, never from the picked file; it is revoked when its value is replaced or removed, and
 * when the host leaves the page (made again if it comes back). Its size is read from the JPEG header, so a
 * restored value shows it too. Values are compared by identity, so an unchanged value is never decoded twice.
 */
export class PreviewController<K extends string> implements ReactiveController {
  private readonly shown = new Map<K, Preview & { value: MediaValue }>();

  /** `values` gives the host's current values by field; it is read before each render. */
  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly values: () => ReadonlyMap<K, MediaValue>,
  ) {
    host.addController(this);
  }

  get(key: K): Preview | undefined {
    return this.shown.get(key);
  }

  hostConnected() {
    // Back on the page after previews were revoked: render again to make them for the values still held.
    this.host.requestUpdate();
  }

  hostUpdate() {
    const wanted = this.values();
    for (const [key, shown] of this.shown) {
      if (wanted.get(key) !== shown.value) this.drop(key);
    }
    if (!this.host.isConnected) return;
    for (const [key, value] of wanted) {
      if (!this.shown.has(key)) this.shown.set(key, { value, ...preview(value) });
    }
  }

  hostDisconnected() {
    for (const key of [...this.shown.keys()]) this.drop(key);
  }

  private drop(key: K) {
    const url = this.shown.get(key)?.url;
    if (url) URL.revokeObjectURL(url);
    this.shown.delete(key);
  }
}

function preview(value: MediaValue): Preview {
  if (value.mediaType !== 'image/jpeg') {
    return { url: undefined, width: undefined, height: undefined, byteLength: decodedLength(value.dataBase64) };
  }
  const bytes = base64ToBytes(value.dataBase64);
  const header = readPictureHeader(bytes, 'image/jpeg');
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
  return { url, width: header?.width, height: header?.height, byteLength: bytes.length };
}
