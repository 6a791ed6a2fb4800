import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CropController } from '../../src/components/photo/crop-controller.js';
import { MediaWorkController } from '../../src/components/photo/media-work.js';
import { PreviewController, type MediaValue } from '../../src/components/photo/previews.js';
import { largestPhotoCrop, type OpenedPicture } from '../../src/media/index.js';
import { encode, paint } from './media-corpus.js';

/**
 * The photo step's controllers on a bare host: what each owns and when it lets go. The element's own tests
 * (photo-step.test.ts) cover them as the applicant meets them.
 */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  isConnected = true;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController) {
    this.controllers.push(controller);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  /** What Lit does around a render. */
  update() {
    for (const controller of this.controllers) controller.hostUpdate?.();
    for (const controller of this.controllers) controller.hostUpdated?.();
  }
  disconnect() {
    this.isConnected = false;
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
  connect() {
    this.isConnected = true;
    for (const controller of this.controllers) controller.hostConnected?.();
  }
}

/** A promise with its resolve and reject handed out, for work that finishes when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const isRevoked = (url: string) => fetch(url).then(() => false, () => true);

describe('photo step controllers', () => {
  describe('MediaWorkController', () => {
    it('shows progress while a run works, and clears it when the run ends', async () => {
      const host = new FakeHost();
      const work = new MediaWorkController<'photo'>(host);
      const step = deferred<string>();
      const outcome = work.run('photo', 'Menyiapkan…', ({ onProgress }) => {
        onProgress(0.5);
        return step.promise;
      });
      expect(work.busy('photo')).to.deep.equal({ label: 'Menyiapkan…', progress: 0.5 });
      step.resolve('done');
      expect(await outcome).to.deep.equal({ status: 'complete', value: 'done' });
      expect(work.busy('photo')).to.equal(undefined);
      expect(host.updates).to.be.greaterThan(0);
    });

    it('a new run aborts the previous one, whose late result is dropped and disposed', async () => {
      const host = new FakeHost();
      const work = new MediaWorkController<'photo'>(host);
      const first = deferred<{ name: string }>();
      const disposed: string[] = [];
      let firstSignal: AbortSignal | undefined;
      const firstOutcome = work.run(
        'photo',
        'first',
        ({ signal }) => {
          firstSignal = signal;
          return first.promise;
        },
        (value) => disposed.push(value.name),
      );
      const secondOutcome = work.run('photo', 'second', async () => ({ name: 'second' }));
      expect(firstSignal!.aborted).to.equal(true);
      expect(await secondOutcome).to.deep.equal({ status: 'complete', value: { name: 'second' } });
      // The first ignores its signal and finishes after the second: the stale-result guard drops it.
      first.resolve({ name: 'first' });
      expect(await firstOutcome).to.deep.equal({ status: 'aborted' });
      expect(disposed).to.deep.equal(['first']);
    });

    it('an error is reported for the current run only; fields do not abort each other', async () => {
      const host = new FakeHost();
      const work = new MediaWorkController<'photo' | 'documents.KTP'>(host);
      const photo = deferred<string>();
      const photoOutcome = work.run('photo', 'photo', () => photo.promise);
      const refused = new Error('refused');
      const ktp = await work.run('documents.KTP', 'ktp', () => Promise.reject(refused));
      expect(ktp).to.deep.equal({ status: 'error', error: refused });
      expect(work.busy('photo')?.label).to.equal('photo');
      work.abort('photo');
      expect(work.busy('photo')).to.equal(undefined);
      photo.reject(new DOMException('Aborted', 'AbortError'));
      expect(await photoOutcome).to.deep.equal({ status: 'aborted' });
    });

    it('leaving the page aborts every field', async () => {
      const host = new FakeHost();
      const work = new MediaWorkController<'photo' | 'documents.KTP'>(host);
      const signals: AbortSignal[] = [];
      const never = ({ signal }: { signal: AbortSignal }) => {
        signals.push(signal);
        return new Promise<never>(() => {});
      };
      void work.run('photo', 'photo', never);
      void work.run('documents.KTP', 'ktp', never);
      host.disconnect();
      expect(signals.map((signal) => signal.aborted)).to.deep.equal([true, true]);
      expect(work.busy('photo')).to.equal(undefined);
      expect(work.busy('documents.KTP')).to.equal(undefined);
    });
  });

  describe('PreviewController', () => {
    async function jpegValue(): Promise<MediaValue> {
      const bytes = await encode(paint({ width: 30, height: 40 }), 'image/jpeg', 0.8);
      return { mediaType: 'image/jpeg', dataBase64: btoa(String.fromCharCode(...bytes)) };
    }

    it('makes a blob: URL per picture with its size, revokes it when the value is replaced, and keeps an unchanged one', async () => {
      const host = new FakeHost();
      const values = new Map<string, MediaValue>();
      const previews = new PreviewController<string>(host, () => values);
      const photo = await jpegValue();
      values.set('photo', photo);
      values.set('documents.IJAZAH', { mediaType: 'application/pdf', dataBase64: 'JVBERi0xLjQK' });
      host.update();
      const shown = previews.get('photo')!;
      expect(shown.url).to.match(/^blob:/);
      expect([shown.width, shown.height]).to.deep.equal([30, 40]);
      expect(previews.get('documents.IJAZAH')).to.deep.include({ url: undefined, byteLength: 9 });

      host.update();
      expect(previews.get('photo')!.url).to.equal(shown.url);

      values.set('photo', { ...photo });
      host.update();
      expect(previews.get('photo')!.url).to.not.equal(shown.url);
      expect(await isRevoked(shown.url!)).to.equal(true);

      const replaced = previews.get('photo')!.url!;
      values.delete('photo');
      host.update();
      expect(previews.get('photo')).to.equal(undefined);
      expect(await isRevoked(replaced)).to.equal(true);
    });

    it('revokes everything on disconnect and makes the previews again on reconnect', async () => {
      const host = new FakeHost();
      const values = new Map<string, MediaValue>([['photo', await jpegValue()]]);
      const previews = new PreviewController<string>(host, () => values);
      host.update();
      const url = previews.get('photo')!.url!;
      host.disconnect();
      expect(await isRevoked(url)).to.equal(true);
      // An update while off the page makes nothing.
      host.update();
      expect(previews.get('photo')).to.equal(undefined);
      const before = host.updates;
      host.connect();
      expect(host.updates).to.equal(before + 1);
      host.update();
      const again = previews.get('photo')!.url!;
      expect(again).to.not.equal(url);
      expect((await fetch(again)).ok).to.equal(true);
    });
  });

  describe('CropController', () => {
    function picture(width: number, height: number): OpenedPicture & { closed: () => boolean } {
      let closed = false;
      const bitmap = { width, height, close: () => (closed = true) } as unknown as ImageBitmap;
      return { bitmap, width, height, closed: () => closed } as unknown as OpenedPicture & { closed: () => boolean };
    }

    it('starts whole and centred, keeps the frame inside the picture, and closes the bitmap it owns', () => {
      const host = new FakeHost();
      const crop = new CropController(host, () => {});
      const first = picture(1200, 900);
      crop.start(new Blob(), first);
      expect(crop.open).to.equal(true);
      expect(crop.rect()).to.deep.equal(largestPhotoCrop({ width: 1200, height: 900 }));
      crop.set(2, 0, 0);
      const rect = crop.rect();
      expect([rect.x, rect.y]).to.deep.equal([0, 0]);
      crop.set(100);
      expect(crop.zoom).to.equal(crop.maxZoom);

      const second = picture(900, 1200);
      crop.start(new Blob(), second);
      expect(first.closed()).to.equal(true);
      host.disconnect();
      expect(second.closed()).to.equal(true);
      expect(crop.open).to.equal(false);
    });

    it('tells where the frame settled once keys pause, not on every key', async () => {
      const host = new FakeHost();
      const said: unknown[] = [];
      const crop = new CropController(host, (status) => said.push(status));
      crop.start(new Blob(), picture(1200, 900));
      const key = (name: string) => crop.onKey(new KeyboardEvent('keydown', { key: name, cancelable: true }));
      key('+');
      key('ArrowLeft');
      key('ArrowLeft');
      expect(said).to.deep.equal([]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(said).to.deep.equal([{ zoom: 110, left: 40, top: 50 }]);
    });
  });
});
