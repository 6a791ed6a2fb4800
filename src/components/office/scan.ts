import { html, nothing } from 'lit';
import type { OfficeController } from './app.js';
import { onSubmit, problemSummary, textField } from './parts.js';
import type { ScannerController } from './scanner.js';

/**
 * Scan the QR code of the applicant's printout or phone, or type the number. A USB scanner types the card's
 * verification address into the number field and presses Enter: that works too. Without a camera (plain
 * `http://`, none plugged in, permission refused) the screen says why and the number field stays.
 */
export function renderScan(app: OfficeController, scanner: ScannerController, startCamera: () => void) {
  const t = app.texts.scan;
  const state = scanner.state;
  const cameraNote =
    state === 'insecure' ? t.insecure : state === 'unavailable' ? t.noCamera : state === 'denied' ? t.denied : state === 'on' || state === 'starting' ? t.looking : undefined;
  const secure = globalThis.isSecureContext;
  return html`<section aria-labelledby="scan-heading">
    <h2 id="scan-heading" tabindex="-1" data-screen-heading>${t.title}</h2>
    <p>${t.intro}</p>
    ${problemSummary(app)}
    <form novalidate class="row" @submit=${onSubmit(() => app.openScanned())}>
      ${textField(app, {
        id: 'scan-number',
        label: t.numberLabel,
        hint: t.numberHint,
        wide: true,
        autocomplete: 'off',
        value: app.scanText,
        onInput: (v) => (app.scanText = v),
      })}
      <div class="field"><button type="submit" part="button">${t.open}</button></div>
    </form>
    ${secure
      ? html`<div>
          ${state === 'on' || state === 'starting'
            ? html`<button type="button" part="button-secondary" class="secondary" @click=${() => scanner.stop()}>${t.stop}</button>`
            : html`<button type="button" part="button" id="camera-start" @click=${startCamera}>${t.start}</button>`}
        </div>`
      : nothing}
    ${cameraNote || !secure ? html`<p class="notice" role="status">${cameraNote ?? t.insecure}</p>` : nothing}
    <video aria-label=${t.videoLabel} ?hidden=${state !== 'on' && state !== 'starting'} muted playsinline></video>
  </section>`;
}
