import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the camera stands: off, starting, looking for a code, or why it cannot be used. */
export type CameraState = 'off' | 'starting' | 'on' | 'insecure' | 'unavailable' | 'denied';

interface Detector {
  detect(source: HTMLVideoElement): Promise<string | undefined>;
}

/** Frames per second the decoder looks at: enough for a counter, light on an office PC. */
const FRAME_INTERVAL_MS = 150;

/**
 * The counter's camera: `BarcodeDetector` where the browser has it, else jsQR in a chunk of its own, loaded
 * only when the camera starts (Debian's chromium and Windows Chrome have no `BarcodeDetector`; a WebAssembly
 * decoder would need `'wasm-unsafe-eval'` in the page's CSP). A camera needs a secure context: on plain
 * `http://` the state says so and the officer types or uses a USB scanner. Nothing read is logged.
 */
export class ScannerController implements ReactiveController {
  state: CameraState = 'off';
  private stream: MediaStream | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onRead: (text: string) => void,
  ) {
    host.addController(this);
  }

  /** Whether a camera can be asked for at all on this page. */
  static available(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  }

  async start(video: HTMLVideoElement): Promise<void> {
    this.stop();
    const run = ++this.run;
    if (!globalThis.isSecureContext) return this.set('insecure');
    if (!ScannerController.available()) return this.set('unavailable');
    this.set('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (run !== this.run) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this.stream = stream;
      video.srcObject = stream;
      video.muted = true;
      video.playsInline = true;
      await video.play();
      const detector = await makeDetector();
      if (run !== this.run) return;
      this.set('on');
      const look = async () => {
        if (run !== this.run) return;
        const text = video.readyState >= 2 ? await detector.detect(video).catch(() => undefined) : undefined;
        if (run !== this.run) return;
        if (text) {
          this.stop();
          this.onRead(text);
          return;
        }
        this.timer = setTimeout(look, FRAME_INTERVAL_MS);
      };
      void look();
    } catch (error) {
      if (run !== this.run) return;
      this.stop();
      const name = (error as { name?: string })?.name;
      this.set(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
    }
  }

  stop(): void {
    this.run++;
    clearTimeout(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    if (this.state === 'on' || this.state === 'starting') this.set('off');
  }

  hostDisconnected(): void {
    this.stop();
  }

  private set(state: CameraState) {
    this.state = state;
    this.host.requestUpdate();
  }
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
type BarcodeDetectorClass = (new (options: { formats: string[] }) => BarcodeDetectorLike) & {
  getSupportedFormats?: () => Promise<string[]>;
};

async function makeDetector(): Promise<Detector> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.().catch((): string[] => []))?.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return { detect: async (video) => (await detector.detect(video))[0]?.rawValue };
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    async detect(video) {
      if (!context || !video.videoWidth) return undefined;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data || undefined;
    },
  };
}
