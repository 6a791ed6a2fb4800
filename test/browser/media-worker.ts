/** A module worker that prepares media, to show the SDK runs off the main thread (OffscreenCanvas). */
import { prepareDocument, preparePhoto } from '../../src/media/index.js';
import type { DocumentKind } from '../../src/schema/index.js';

self.addEventListener('message', async (event: MessageEvent<{ file: File; kind?: DocumentKind }>) => {
  const { file, kind } = event.data;
  try {
    const result = kind ? await prepareDocument(file, kind) : await preparePhoto(file);
    self.postMessage({ ok: true, result, hasDocument: typeof document !== 'undefined' });
  } catch (error) {
    const { name, code } = error as { name: string; code?: string };
    self.postMessage({ ok: false, name, code });
  }
});
