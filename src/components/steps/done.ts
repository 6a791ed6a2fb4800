import { css, html, nothing } from 'lit';
import { formatDate } from '../../i18n/index.js';
import { provinceName } from '../../nik/index.js';
import { formatPhone } from '../../schema/phone.js';
import { ak1Event } from '../events.js';
import { registrationCalendar } from '../form/calendar.js';
import type { StepHost } from '../form/step-host.js';
import type { Ak1CardPlaceNames } from '../../card/options.js';
import type { RegionLookup } from '../../regions/index.js';
import type { Ak1Application } from '../../schema/index.js';

/** This step's own styles: they join the form's when the step loads. */
export const styles = css`
  .panel {
    background: var(--ak1-color-primary, #00703c);
    color: #fff;
    padding: 1.25rem;
    margin-bottom: 1.5rem;
    text-align: center;
  }
  .panel-number {
    display: block;
    /* One line even on a 320 px phone: the number is read out and copied, a break inside it misleads. */
    white-space: nowrap;
    font-size: clamp(1.25rem, 6.5vw, 1.75rem);
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    letter-spacing: 0.02em;
  }
  .access-code-value {
    display: block;
    font-family: ui-monospace, Menlo, Consolas, monospace;
    font-size: 1.5rem;
    font-weight: 700;
    /* Read out letter by letter and typed in again later: the spacing keeps the eight characters apart. */
    letter-spacing: 0.2em;
  }
`;


type CardState = { state: 'idle' } | { state: 'making' } | { state: 'failed' } | { state: 'ready'; blob: Blob; url: string; fileName: string };
const cards = new WeakMap<StepHost, CardState>();

/** Chat apps' in-app browsers often swallow downloads: offer opening and sharing the PDF instead. */
const IN_APP_BROWSER = /\b(FBAN|FBAV|Instagram|Line\/|WhatsApp|MicroMessenger|TikTok|Twitter)\b|; wv\)/;

/** The card PDF, made on the device the first time it is asked for (the renderer and jsPDF load only then). */
async function card(host: StepHost): Promise<Extract<CardState, { state: 'ready' }> | undefined> {
  const current = cards.get(host);
  if (current?.state === 'ready') return current;
  if (current?.state === 'making') return undefined;
  const { registration, submittedApplication: application } = host;
  if (!registration || !application) return undefined;
  cards.set(host, { state: 'making' });
  host.requestUpdate();
  try {
    const { renderCardPdf } = await import('../../card/index.js');
    const settings = host.settings;
    const office = host.office;
    const bytes = await renderCardPdf(application, registration, {
      district: { name: office?.districtName ?? settings.districtName ?? '', officeName: office?.officeName ?? '', officeAddress: office?.officeAddress ?? '' },
      logo: await logoBytes(office?.logo ?? settings.logo),
      officer: settings.officerName && settings.officerNip ? { name: settings.officerName, nip: settings.officerNip } : undefined,
      // The address step loaded these lists; the card prints names where it knows them.
      placeNames: cardPlaceNames(host.regions, application.address),
    });
    const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
    const fileName = `kartu-ak1-${registration.registrationNumber}.pdf`;
    const ready = { state: 'ready' as const, blob, url: URL.createObjectURL(blob), fileName };
    cards.set(host, ready);
    host.dispatchEvent(ak1Event('ak1-card-ready', { fileName, byteLength: bytes.byteLength }));
    return ready;
  } catch {
    cards.set(host, { state: 'failed' });
    return undefined;
  } finally {
    host.requestUpdate();
  }
}

/**
 * The names of the applicant's village, district, regency and province as the card prints them: from the region
 * lists `regions` has loaded (a list not loaded leaves its name out), the province always. The status view uses it too.
 */
export function cardPlaceNames(
  regions: RegionLookup | undefined,
  address: Pick<Ak1Application['address'], 'villageCode' | 'districtCode' | 'regencyCode' | 'provinceCode'>,
): Ak1CardPlaceNames {
  return {
    village: regions?.name(address.villageCode),
    district: regions?.name(address.districtCode),
    regency: regions?.name(address.regencyCode),
    province: provinceName(address.provinceCode),
  };
}

/** The district's logo for the card; a logo that cannot be fetched leaves the header without one. */
export async function logoBytes(logo: string | undefined): Promise<Uint8Array | string | undefined> {
  if (!logo) return undefined;
  if (logo.startsWith('data:')) return logo;
  try {
    const response = await fetch(logo, { credentials: 'omit' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

/** Saves a file made on the device (the card, the calendar); the status view saves its own with it. */
export function saveFile(root: HTMLElement | DocumentFragment, url: string, fileName: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  // Inside the shadow root, so the host page's click handlers on links never see it.
  root.appendChild(link);
  link.click();
  link.remove();
}

async function download(host: StepHost) {
  const ready = await card(host);
  if (ready) saveFile(host.renderRoot, ready.url, ready.fileName);
}

async function print(host: StepHost) {
  const ready = await card(host);
  // The browser's PDF viewer prints it as laid out; a new tab also works where an iframe is forbidden by CSP.
  if (ready) window.open(ready.url, '_blank', 'noopener');
}

async function share(host: StepHost) {
  const ready = await card(host);
  if (!ready) return;
  const file = new File([ready.blob], ready.fileName, { type: 'application/pdf' });
  try {
    await navigator.share({ files: [file], title: ready.fileName });
  } catch {
    // The applicant closed the share sheet: nothing to do.
  }
}

function calendar(host: StepHost) {
  const registration = host.registration;
  if (!registration) return;
  const c = host.j.done.calendar;
  const ics = registrationCalendar(registration, c);
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
  saveFile(host.renderRoot, url, `jadwal-ak1-${registration.registrationNumber}.ics`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Done: the registration number, the appointment, what to bring, the card and the calendar. */
export function render(host: StepHost) {
  const t = host.t;
  const f = host.j.done;
  const registration = host.registration;
  if (!registration) return nothing;
  const appointment = registration.appointment;
  const state = cards.get(host) ?? { state: 'idle' };
  const inAppBrowser = IN_APP_BROWSER.test(navigator.userAgent);
  const canShare = state.state === 'ready' && typeof navigator.canShare === 'function' &&
    navigator.canShare({ files: [new File([state.blob], state.fileName, { type: 'application/pdf' })] });
  const bring = [f.bringCard, f.bringKtp, f.bringPhotos, ...host.settings.documents.filter((kind) => kind !== 'KTP').map((kind) => f.bringDocument(t.labels.documentKind[kind]))];
  return html`<div part="form">
    <div class="panel">
      <h2 class="step-heading" part="step-heading">${f.title}</h2>
      <p>${f.numberLabel}<span class="panel-number">${registration.registrationNumber}</span></p>
    </div>
    ${registration.accessCode
      ? html`<div class="inset access-code">
          <p>${f.accessCodeLabel}<span class="access-code-value">${registration.accessCode}</span></p>
          <p>${f.accessCodeHint}</p>
        </div>`
      : nothing}
    <h3>${f.visitTitle}</h3>
    ${appointment
      ? html`<p>${f.appointment(formatDate(appointment.date, t), appointment.start, appointment.end, appointment.place)}</p>
          ${appointment.queueNumber ? html`<p>${f.queue} <strong>${appointment.queueNumber}</strong></p>` : nothing}`
      : html`<p>${f.noAppointment}</p>`}
    ${host.submittedApplication?.phone ? html`<p>${f.phoneNote(formatPhone(host.submittedApplication.phone))}</p>` : nothing}
    <h3>${f.bringTitle}</h3>
    <ul>
      ${bring.map((item) => html`<li>${item}</li>`)}
    </ul>
    <div class="inset"><p>${f.notValidYet}</p><p>${f.free}</p></div>
    <h3>${f.cardTitle}</h3>
    <p>${f.cardText(formatDate(registration.validUntil, t))}</p>
    <div class="actions">
      <button class="button" part="button" type="button" @click=${() => download(host)}>${f.download}</button>
      <button class="button button-secondary" part="button-secondary" type="button" @click=${() => print(host)}>${f.print}</button>
      <button class="button button-secondary" part="button-secondary" type="button" @click=${() => calendar(host)}>${f.addToCalendar}</button>
    </div>
    <div role="status" aria-live="polite">
      ${state.state === 'making' ? html`<p>${f.making}</p>` : nothing}
      ${state.state === 'failed' ? html`<p class="error-message">${f.cardFailed}</p>` : nothing}
      ${state.state === 'ready' && (inAppBrowser || canShare)
        ? html`<div class="inset">
            <p>${f.downloadBlocked}</p>
            <p><a href=${state.url} target="_blank" rel="noopener">${f.openPdf}</a></p>
            ${canShare ? html`<button class="button button-secondary" part="button-secondary" type="button" @click=${() => share(host)}>${f.share}</button>` : nothing}
          </div>`
        : nothing}
    </div>
    <h3>${f.reportTitle}</h3>
    <ul>
      ${registration.reportDueDates.map((date, i) => html`<li>${f.reportN(i + 1, formatDate(date, t))}</li>`)}
    </ul>
  </div>`;
}
