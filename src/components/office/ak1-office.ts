import { LitElement, html, nothing } from 'lit';
import type { Ak1OfficeClient } from '../../client/index.js';
import { OfficeController } from './app.js';
import { renderLogin } from './login.js';
import { RecordMedia, renderRecord } from './record.js';
import { OfficeReports, renderKarirhubPending, renderReports } from './reports.js';
import { reportsStyles } from './reports-styles.js';
import { renderScan } from './scan.js';
import { ScannerController } from './scanner.js';
import { officeStyles } from './styles.js';
import { renderToday } from './today.js';

// The class is thin: the state and the work live in OfficeController (app.ts), the session in
// SessionController, the camera in ScannerController; each screen is a template of its own file.
/**
 * `<ak1-office>`: the office counter for AK/I registrations. Officers log in, see the day's visits by window,
 * check visitors in, find a registration by number, NIK or name, scan the QR code of a card or type its number,
 * open the record (photo, documents, every field, the history), take the actions its status allows, sign and
 * print the final card, and record a report or a placement; and the month's IPK tables with their charts and downloads
 * ("Laporan"). Keyboard first; Indonesian, or English with `lang="en"`.
 *
 * The token lives in memory only: a reload asks to log in again. When the session ends in the middle of work, the
 * login shows above the screen, what was typed stays, and the interrupted call is made again after logging in.
 *
 * @summary The office counter: queue, scan, record, actions, the final card.
 * @fires ak1-office-error - A call failed; detail `{ name, code }` (the error's class and problem type), no personal data.
 * @csspart error-summary - The problem shown above a screen's form.
 * @csspart label - Labels.
 * @csspart hint - Hints.
 * @csspart error-message - Inline error messages.
 * @csspart input - Text inputs.
 * @csspart button - Primary buttons.
 * @csspart button-secondary - Secondary buttons.
 * @cssproperty --ak1-font-family - Font; default the host page's.
 * @cssproperty --ak1-color-text - Text colour.
 * @cssproperty --ak1-color-primary - Buttons and the header's rule.
 * @cssproperty --ak1-color-link - Links and the login-again frame.
 * @cssproperty --ak1-color-error - Errors and the refusing buttons.
 * @cssproperty --ak1-focus-color - The focus ring's colour (its width and dark halo are fixed).
 * @cssproperty --ak1-office-max-width - The counter's widest width; default 70rem.
 */
export class Ak1Office extends LitElement {
  static override styles = [officeStyles, reportsStyles];

  static override properties = {
    endpoint: { type: String },
    lang: { type: String },
    client: { attribute: false },
  };

  /** The backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1` (the office routes are under `/office`). */
  declare endpoint: string;
  /** `id` (default) or `en`. */
  declare lang: string;
  /** A client made by the page (its own `fetch`, say); default `createAk1OfficeClient({ endpoint })`. */
  declare client: Ak1OfficeClient | undefined;

  private readonly app = new OfficeController(this);
  private readonly scanner = new ScannerController(this, (text) => {
    this.app.scanText = text;
    void this.app.openScanned(text);
  });
  private readonly media = new RecordMedia();
  private readonly reports = new OfficeReports(this.app);

  constructor() {
    super();
    this.endpoint = '';
    this.lang = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media.clear();
  }

  override render() {
    const app = this.app;
    const session = app.session;
    const t = app.texts;
    const officer = session.officer;
    const inPlace = officer !== undefined && session.expired;
    const working = officer !== undefined && (session.expired || session.stage !== 'change');
    // No <header> or <main> of its own: the element sits inside the host page's landmarks (an intranet page has
    // its banner and its main), where a second banner or a nested main is an error (axe: landmark-no-duplicate-banner,
    // landmark-main-is-top-level).
    return html`<div class="ak1-root" lang=${t.lang}>
      <div class="header">
        <p class="title">${t.title}</p>
        ${working && !inPlace
          ? html`<nav aria-label=${t.nav.label}>
              <ul>
                <li>
                  <button type="button" class="secondary" part="button-secondary" aria-current=${app.screen === 'today' ? 'page' : nothing} @click=${() => app.show('today')}>
                    ${t.nav.today}
                  </button>
                </li>
                <li>
                  <button type="button" class="secondary" part="button-secondary" aria-current=${app.screen === 'scan' ? 'page' : nothing} @click=${() => app.show('scan')}>
                    ${t.nav.scan}
                  </button>
                </li>
                ${mayReport(officer.roles)
                  ? html`<li>
                      <button type="button" class="secondary" part="button-secondary" data-nav="reports" aria-current=${app.screen === 'reports' ? 'page' : nothing} @click=${() => this.showReports()}>
                        ${this.reports.textsFor(t.lang).nav}
                      </button>
                    </li>`
                  : nothing}
                <li>${t.nav.signedInAs(officer.name)}</li>
                <li><button type="button" class="link" @click=${() => this.logout()}>${t.nav.logout}</button></li>
              </ul>
            </nav>`
          : nothing}
      </div>
      <div role="status" class="visually-hidden">${app.announcement}</div>
      ${!working ? renderLogin(app, false) : nothing} ${inPlace ? renderLogin(app, true) : nothing}
      ${working ? html`<div class="screen" ?inert=${inPlace} aria-hidden=${inPlace ? 'true' : nothing}>${this.renderScreen()}</div>` : nothing}
    </div>`;
  }

  private renderScreen() {
    const app = this.app;
    if (app.screen === 'scan') return renderScan(app, this.scanner, () => this.startCamera());
    if (app.screen === 'record') return renderRecord(app, this.media, this.reports.textsFor(app.texts.lang));
    if (app.screen === 'reports') return renderReports(app, this.reports);
    return renderToday(app, mayReport(app.session.officer?.roles ?? []) ? renderKarirhubPending(this.reports) : nothing);
  }

  private startCamera() {
    const video = this.renderRoot.querySelector('video');
    if (video) void this.scanner.start(video);
  }

  private async logout() {
    this.scanner.stop();
    this.media.clear();
    this.reports.clear();
    await this.app.logout();
  }

  private showReports() {
    this.app.show('reports');
    void this.reports.open();
  }

  /** Whether "Hari ini" showed at the last update: its Karirhub count is asked for again each time it opens. */
  private onToday = false;

  override updated() {
    if (this.app.screen !== 'scan' && this.scanner.state !== 'off') this.scanner.stop();
    const onToday = this.app.session.loggedIn && this.app.screen === 'today';
    if (onToday && !this.onToday && mayReport(this.app.session.officer?.roles ?? [])) void this.reports.loadSummary();
    this.onToday = onToday;
  }
}

/** The report route's roles (design.md, "Reports"): admins and the counter; a Pengantar Kerja counts as a petugas. */
function mayReport(roles: readonly string[]): boolean {
  return roles.some((role) => role === 'admin' || role === 'petugas' || role === 'pengantar-kerja');
}
