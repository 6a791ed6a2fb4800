import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { createAk1Client, Ak1AuthError, Ak1ConflictError, Ak1HttpError, Ak1ValidationError, type Ak1Client } from '../../client/index.js';
import { formatDate, loadJourney, type Ak1Catalogue, type Ak1JourneyTexts } from '../../i18n/index.js';
import { loadSelfTexts, type Ak1SelfTexts } from '../../i18n/self.js';
import { statusTexts } from '../../i18n/status.js';
import type { RegionLookup } from '../../regions/index.js';
import {
  addDays,
  calendarDate,
  REGISTRATION_STATUSES,
  type Ak1Application,
  type Ak1Availability,
  type Ak1District,
  type Ak1Issue,
  type Ak1Registration,
  type RegistrationStatus,
} from '../../schema/index.js';
import { dottedTime } from '../../schema/clock.js';
import { REASON_DEFAULT_PATHS, SIGNED_STATUSES, type Ak1HistoryEntry, type Ak1Reason } from '../../schema/lifecycle.js';
import { STEP_FIELDS, stepOfField, type StepId } from '../form/steps.js';
import { SELF_CORRECTION_FIXED_FIELDS, selfActionAllowed, type Ak1SelfLookupReply, type Ak1SelfRegistration } from '../../schema/self.js';
import { ak1Event } from '../events.js';
import { officeFor, type ResolvedConfig } from '../form/config.js';
import type { FocusController } from '../form/focus.js';
import { registrationCalendar } from '../form/calendar.js';
import { cardPlaceNames, logoBytes, saveFile } from '../steps/done.js';
import { checkLookup, latestReasons, lookupRequest, timeOf, type LookupField, type Typed } from './lookup.js';

/*
 * The applicant's return visit inside <ak1-form> (design.md, "The applicant comes back"): look up, the status in
 * words, the history, and the actions that apply now. A lazily loaded chunk of its own: the first step's bundle
 * never carries it. Everything of a lookup lives in this object, in memory: the token in the client, the reply
 * here; leaving the view (or the session's end) forgets it. The correction itself is the form's own steps, filled
 * with the application (the form calls back `sendCorrection`).
 */

export const styles = css`
  .status-panel {
    border-left: 0.625rem solid var(--ak1-color-primary, #00703c);
    padding: 0.5rem 1rem;
    margin-bottom: 1.5rem;
  }
  .status-word {
    display: block;
    font-size: 1.5rem;
    font-weight: 700;
  }
  .history {
    list-style: none;
    padding: 0;
  }
  .history li {
    border-bottom: 1px solid var(--ak1-color-border, #b1b4b6);
    padding: 0.5rem 0;
  }
  .history time {
    display: block;
    color: var(--ak1-color-secondary-text, #505a5f);
  }
  dialog {
    max-width: min(30rem, calc(100vw - 2rem));
    border: 0.25rem solid var(--ak1-color-text, #0b0c0c);
    padding: 1rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .section {
    margin-top: 2rem;
  }
  /* A correction's NIK and birth date: shown, not changeable; the hint beside them says why. */
  .input[readonly] {
    background: var(--ak1-color-readonly-background, #f3f2f1);
    border-style: dashed;
  }
`;

/** What the view needs of the form. */
export interface StatusHost {
  readonly t: Ak1Catalogue;
  readonly settings: ResolvedConfig;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly focus: FocusController;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  /** Back to the registration form (the view forgets the lookup first). */
  showForm(): void;
  /** Opens the form's steps on the application, in correction mode, with the office's reasons. */
  startCorrection(start: CorrectionStart): Promise<void>;
  /** The form's region lookup (the lists it has loaded stay loaded), for the card's place names. */
  regions(): RegionLookup;
}

export interface CorrectionStart {
  application: Record<string, unknown>;
  reasons: readonly Ak1Reason[];
  texts: Ak1SelfTexts;
}

/** How a correction sent from the form ended. */
export type CorrectionOutcome = { kind: 'sent' } | { kind: 'issues'; issues: readonly Ak1Issue[] } | { kind: 'failed'; message: string } | { kind: 'expired' };

type Phase = 'district' | 'lookup' | 'status';
type Panel = 'none' | 'reschedule' | 'report';
type Busy = 'lookup' | 'reschedule' | 'cancel' | 'report' | 'card' | undefined;
type Days = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; days: Ak1Availability['days'] };

interface ReportTyped {
  kind: '' | 'seeking' | 'placed';
  employer: string;
  position: string;
  startDate: string;
}

/** How far ahead another visit day may be chosen (the backend's horizon decides in the end). */
const DAYS_AHEAD = 30;

export class StatusView {
  private texts: Ak1SelfTexts | undefined;
  private journey: Ak1JourneyTexts | undefined;
  private phase: Phase;
  private district: string;
  private typed: Typed = { registrationNumber: '', nik: '', accessCode: '' };
  private errors = new Map<LookupField | 'district' | 'day' | 'report.kind' | 'report.employer' | 'report.position' | 'report.startDate', string>();
  /** A refusal or failure, said in words, at the top. */
  private problem: string | undefined;
  /** What the last action did, said in words. */
  private notice: string | undefined;
  private busy: Busy;
  private record: (Omit<Ak1SelfLookupReply, 'token' | 'expiresAt'> & { expiresAt: string }) | undefined;
  private client: { endpoint: string; client: Ak1Client } | undefined;
  private panel: Panel = 'none';
  private days: Days | undefined;
  private chosenDay = '';
  private report: ReportTyped = { kind: '', employer: '', position: '', startDate: '' };
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  /** A correction under way in the form when the session ended: it goes on after the next lookup. */
  private correcting = false;
  private cardFailed = false;

  constructor(private readonly host: StatusHost) {
    this.district = this.districtCodes().length === 1 ? this.districtCodes()[0]! : '';
    this.phase = host.settings.endpoint || this.district ? 'lookup' : 'district';
  }

  /** The texts load with the view; the journey's (the calendar's, the labels') with them. */
  async load(): Promise<void> {
    const lang = this.host.settings.lang;
    [this.texts, this.journey] = await Promise.all([loadSelfTexts(lang), loadJourney(lang)]);
  }

  /** The view closes: nothing of the lookup is kept. */
  leave() {
    this.client?.client.forgetLookup();
    this.record = undefined;
    this.typed = { registrationNumber: '', nik: '', accessCode: '' };
    this.clearTimer();
    this.correcting = false;
    this.phase = this.host.settings.endpoint || this.districtCodes().length === 1 ? 'lookup' : 'district';
    this.panel = 'none';
    this.problem = this.notice = undefined;
    this.errors.clear();
  }

  private districtCodes(): string[] {
    return Object.keys(this.host.settings.districts ?? {});
  }

  private office(): (Ak1District & { regencyCode?: string }) | undefined {
    return officeFor(this.host.settings, this.district);
  }

  private clientFor(endpoint: string): Ak1Client {
    if (this.client?.endpoint !== endpoint) {
      this.client?.client.forgetLookup();
      const { minAge, documents } = this.host.settings;
      this.client = { endpoint, client: createAk1Client({ endpoint, minAge, requiredDocuments: documents }) };
    }
    return this.client.client;
  }

  private update() {
    this.host.requestUpdate();
  }

  private event(type: Parameters<typeof ak1Event>[0], detail: unknown) {
    this.host.dispatchEvent(ak1Event(type, detail));
  }

  // ---- the session ------------------------------------------------------------------------------------------

  private startTimer(expiresAt: string) {
    this.clearTimer();
    // The token's own end, not a count from now: a phone asleep for a while wakes past it and asks again at once.
    const ms = Math.max(0, Date.parse(expiresAt) - Date.now());
    this.expiryTimer = setTimeout(() => this.expire(), Math.min(ms, 2 ** 31 - 1));
  }

  private clearTimer() {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  /** The session ended: ask to look up again; what was typed stays (in memory). */
  private expire() {
    this.clearTimer();
    this.client?.client.forgetLookup();
    this.record = undefined;
    this.panel = 'none';
    this.phase = 'lookup';
    this.problem = this.texts?.errors.expired;
    this.notice = undefined;
    this.host.focus.request('summary');
    this.update();
  }

  // ---- look up ----------------------------------------------------------------------------------------------

  private chooseDistrict(event: Event) {
    event.preventDefault();
    const texts = this.texts!;
    this.errors.clear();
    if (!this.office()) {
      this.errors.set('district', texts.district.required);
      this.host.focus.request('summary');
    } else {
      this.phase = 'lookup';
      this.host.focus.request('heading');
    }
    this.update();
  }

  private async lookup(event: Event) {
    event.preventDefault();
    const texts = this.texts!;
    this.problem = this.notice = undefined;
    this.errors = checkLookup(this.typed, texts);
    if (this.errors.size) {
      this.host.focus.request('summary');
      this.update();
      return;
    }
    const office = this.office();
    if (!office) return;
    this.busy = 'lookup';
    this.update();
    try {
      const client = this.clientFor(office.endpoint);
      const reply = await client.lookup(lookupRequest(this.typed));
      this.show(reply);
      this.event('ak1-lookup', { status: reply.registration.status });
      if (this.correcting && reply.registration.status === 'NEEDS_CORRECTION') {
        // The session ended in the middle of a correction: the form still holds what was typed; back to it.
        await this.startCorrection();
      }
    } catch (error) {
      this.problem = this.lookupFailure(error);
      this.event('ak1-error', errorDetail(error));
      this.host.focus.request('summary');
    } finally {
      this.busy = undefined;
      this.update();
    }
  }

  private show(reply: Ak1SelfLookupReply) {
    const { token: _token, ...record } = reply;
    this.record = record;
    this.phase = 'status';
    this.panel = 'none';
    this.startTimer(reply.expiresAt);
    this.host.focus.request('heading');
  }

  private lookupFailure(error: unknown): string {
    const texts = this.texts!;
    if (error instanceof Ak1HttpError && error.status === 404) return texts.errors.notFound;
    if (error instanceof Ak1HttpError && error.status === 429) {
      return texts.errors.rateLimited(error.retryAfterMs === undefined ? undefined : timeOf(Date.now() + error.retryAfterMs));
    }
    return this.failure(error);
  }

  private failure(error: unknown): string {
    const texts = this.texts!;
    if (error instanceof Ak1ConflictError) return error.type === 'version-conflict' ? texts.errors.changed : texts.errors.notAllowed;
    if (error instanceof Ak1HttpError && error.status >= 500) return texts.errors.server;
    // Without `opensOn` no report opens again for this card (all made, or the last window passed): said so, not "later".
    if (error instanceof Ak1HttpError && error.type === 'report-window-closed') {
      return texts.errors.reportClosed(error.opensOn ? formatDate(error.opensOn, this.host.t) : undefined);
    }
    if (error instanceof Ak1HttpError) return texts.errors.notAllowed;
    return texts.errors.network;
  }

  // ---- the actions ------------------------------------------------------------------------------------------

  /**
   * One action: the client call, then the registration as it now is. A session that ended asks to look up
   * again; a registration changed meanwhile is looked up afresh (the same code, still in memory) and said.
   */
  private async act(kind: Exclude<Busy, 'lookup' | 'card' | undefined>, call: (client: Ak1Client, version: number) => Promise<{ registration: Ak1SelfRegistration; version: number }>, done: (registration: Ak1SelfRegistration) => string) {
    const record = this.record;
    const client = this.client?.client;
    if (!record || !client) return;
    this.busy = kind;
    this.problem = this.notice = undefined;
    this.update();
    try {
      const reply = await call(client, record.version);
      this.record = { ...record, registration: reply.registration, version: reply.version };
      this.panel = 'none';
      this.notice = done(reply.registration);
      this.event(`ak1-${kind}` as Parameters<typeof ak1Event>[0], { status: reply.registration.status, ...(kind === 'report' ? { kind: this.report.kind } : {}) });
      this.host.focus.request('submit-status');
      // The history shows the action too: the lookup again, with the code still in memory.
      void this.refresh();
    } catch (error) {
      if (error instanceof Ak1AuthError) return this.expire();
      this.problem = this.failure(error);
      this.event('ak1-error', errorDetail(error));
      // The record moved on (another change, or the card expired meanwhile): its status as it now is, beside the message.
      if (error instanceof Ak1ConflictError) void this.refresh();
      this.host.focus.request('summary');
    } finally {
      this.busy = undefined;
      this.update();
    }
  }

  /** The record again, quietly (after an action, or a conflict). */
  private async refresh() {
    const client = this.client?.client;
    if (!client || !this.record) return;
    try {
      const reply = await client.lookup(lookupRequest(this.typed));
      const { token: _token, ...record } = reply;
      this.record = record;
      this.startTimer(reply.expiresAt);
    } catch {
      // The action's own reply is on the screen already; the history catches up at the next lookup.
    }
    this.update();
  }

  private openReschedule() {
    this.panel = 'reschedule';
    this.chosenDay = '';
    this.errors.clear();
    this.loadDays();
    this.host.focus.request('heading');
    this.update();
  }

  private loadDays() {
    const client = this.client?.client;
    if (!client) return;
    this.days = { state: 'loading' };
    const from = addDays(calendarDate(), 1);
    client
      .availability(from, addDays(from, DAYS_AHEAD - 1))
      .then(({ days }) => (this.days = { state: 'ready', days }))
      .catch(() => (this.days = { state: 'failed' }))
      .finally(() => this.update());
  }

  private reschedule(event: Event) {
    event.preventDefault();
    const texts = this.texts!;
    this.errors.clear();
    if (!this.chosenDay) {
      this.errors.set('day', texts.errors.chooseDay);
      this.host.focus.request('summary');
      this.update();
      return;
    }
    const preferredVisitDate = this.chosenDay;
    void this.act(
      'reschedule',
      (client, version) => client.reschedule({ preferredVisitDate, version }),
      // No day with room left: the registration stands without an appointment (the office will call).
      (registration) => (registration.appointment ? texts.reschedule.done(formatDate(registration.appointment.date, this.host.t)) : texts.errors.seatsFull),
    );
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('#ak1-cancel-dialog');
  }

  private askCancel() {
    this.dialog()?.showModal();
  }

  private confirmCancel() {
    this.dialog()?.close();
    const texts = this.texts!;
    void this.act('cancel', (client, version) => client.cancel({ version }), () => texts.cancel.done);
  }

  private sendReport(event: Event) {
    event.preventDefault();
    const texts = this.texts!;
    const r = this.report;
    this.errors.clear();
    if (!r.kind) this.errors.set('report.kind', texts.errors.reportKind);
    if (r.kind === 'placed') {
      if (!r.employer.trim()) this.errors.set('report.employer', texts.errors.employer);
      if (!r.position.trim()) this.errors.set('report.position', texts.errors.position);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.startDate)) this.errors.set('report.startDate', texts.errors.startDate);
    }
    if (this.errors.size) {
      this.host.focus.request('summary');
      this.update();
      return;
    }
    const report =
      r.kind === 'placed'
        ? { kind: 'placed' as const, employer: r.employer.trim(), position: r.position.trim(), startDate: r.startDate }
        : { kind: 'seeking' as const };
    void this.act('report', (client, version) => client.report({ ...report, version }), () => texts.report.done).then(() => {
      if (!this.problem) this.report = { kind: '', employer: '', position: '', startDate: '' };
    });
  }

  // ---- the correction (the form's steps) ---------------------------------------------------------------------

  private async startCorrection() {
    const record = this.record;
    if (!record || !this.texts) return;
    this.correcting = true;
    await this.host.startCorrection({ application: record.application, reasons: latestReasons(record.history), texts: this.texts });
  }

  /** The form's check page sends the corrected application here. */
  async sendCorrection(application: unknown): Promise<CorrectionOutcome> {
    const record = this.record;
    const client = this.client?.client;
    const texts = this.texts!;
    if (!record || !client) return { kind: 'expired' };
    try {
      const reply = await client.correct({ application, version: record.version });
      this.correcting = false;
      this.record = { ...record, registration: reply.registration, version: reply.version };
      this.notice = texts.correction.sent;
      this.problem = undefined;
      this.phase = 'status';
      this.event('ak1-correct', { status: reply.registration.status });
      void this.refresh();
      return { kind: 'sent' };
    } catch (error) {
      if (error instanceof Ak1AuthError) {
        this.expire();
        return { kind: 'expired' };
      }
      this.event('ak1-error', errorDetail(error));
      if (error instanceof Ak1ValidationError) return { kind: 'issues', issues: error.issues };
      return { kind: 'failed', message: this.failure(error) };
    }
  }

  /**
   * Above each step of a correction in the form: what it is, the office's reasons for this step's fields (on the
   * check page, all of them) each with a link to its field, and the way out.
   */
  renderCorrection(o: {
    step: StepId;
    reasons: readonly Ak1Reason[];
    failed: boolean;
    goTo(step: StepId, path: readonly (string | number)[]): void;
    stop(): void;
  }) {
    const texts = this.texts;
    if (!texts) return nothing;
    const fields = o.step === 'review' ? undefined : (STEP_FIELDS[o.step] as readonly string[]);
    const pathOf = (reason: Ak1Reason) => reason.path ?? REASON_DEFAULT_PATHS[reason.code] ?? [];
    const reasons = o.reasons.filter((reason) => !fields || fields.includes(String(pathOf(reason)[0])));
    return html`<div class="inset correction" part="correction">
      <p><strong>${texts.correction.banner}</strong></p>
      ${reasons.length
        ? html`<p>${texts.reasons.heading}:</p>
            <ul>
              ${reasons.map((reason) => {
                const step = stepOfField(String(pathOf(reason)[0]));
                const label = texts.reasons.codes[reason.code];
                return html`<li>
                  ${label}${reason.note ? html`: ${reason.note}` : nothing}
                  ${step && step !== o.step
                    ? html` <a href="#" @click=${(event: Event) => {
                        event.preventDefault();
                        o.goTo(step, pathOf(reason));
                      }}>${texts.reasons.fix}<span class="visually-hidden"> ${label}</span></a>`
                    : nothing}
                </li>`;
              })}
            </ul>`
        : nothing}
      ${o.step === 'documents' ? html`<p>${texts.correction.documentsKept}</p>` : nothing}
      ${o.failed ? html`<p class="error-message" role="alert">${texts.errors.server}</p>` : nothing}
      <button class="link-button" type="button" @click=${o.stop}>${texts.correction.cancel}</button>
    </div>`;
  }

  /** Why a field of the application cannot be changed in a correction (`nik`, `birthDate` and their parts); else undefined. */
  lockedHint(path: string): string | undefined {
    const field = path.split('.')[0] as (typeof SELF_CORRECTION_FIXED_FIELDS)[number];
    if (!this.texts || !SELF_CORRECTION_FIXED_FIELDS.includes(field)) return undefined;
    return field === 'nik' ? this.texts.correction.nikNotChangeable : this.texts.correction.birthDateNotChangeable;
  }

  /** The applicant stopped correcting: back to the status, nothing sent. */
  stopCorrection() {
    this.correcting = false;
    this.host.focus.request('heading');
    this.update();
  }

  // ---- the card and the calendar -----------------------------------------------------------------------------

  private async downloadCard() {
    const record = this.record;
    if (!record || this.busy) return;
    this.busy = 'card';
    this.cardFailed = false;
    this.update();
    try {
      const { renderCardPdf } = await import('../../card/index.js');
      const application = record.application as unknown as Ak1Application;
      const registration = record.registration as Ak1Registration;
      const settings = this.host.settings;
      const office = this.office();
      const signed = (SIGNED_STATUSES as readonly string[]).includes(registration.status);
      const bytes = await renderCardPdf(application, registration, {
        district: { name: office?.districtName ?? settings.districtName ?? '', officeName: office?.officeName ?? '', officeAddress: office?.officeAddress ?? '' },
        logo: await logoBytes(office?.logo ?? settings.logo),
        officer: settings.officerName && settings.officerNip ? { name: settings.officerName, nip: settings.officerNip } : undefined,
        placeNames: await loadCardPlaceNames(this.host.regions(), application.address),
        // Away from the counter a signed card has no wet signature: it says it is a copy, checked by its QR code.
        copy: signed,
      });
      const fileName = `kartu-ak1-${registration.registrationNumber}.pdf`;
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      saveFile(this.host.renderRoot, url, fileName);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.event('ak1-card-ready', { fileName, byteLength: bytes.byteLength });
    } catch {
      this.cardFailed = true;
    } finally {
      this.busy = undefined;
      this.update();
    }
  }

  private downloadCalendar() {
    const registration = this.record?.registration as Ak1Registration | undefined;
    if (!registration || !this.journey) return;
    const ics = registrationCalendar(registration, this.journey.done.calendar);
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    saveFile(this.host.renderRoot, url, `jadwal-ak1-${registration.registrationNumber}.ics`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  render(): TemplateResult {
    const texts = this.texts;
    const t = this.host.t;
    if (!texts) return html`<p role="status">${t.form.loading}</p>`;
    return html`<div part="form" class="status-view">
      <a class="back-link" part="back-link" href="#" @click=${(event: Event) => {
        event.preventDefault();
        this.host.showForm();
      }}>${texts.backToForm}</a>
      ${this.phase === 'district' ? this.renderDistrict(texts) : this.phase === 'lookup' ? this.renderLookup(texts) : this.renderStatus(texts)}
    </div>`;
  }

  private summary(texts: Ak1SelfTexts) {
    if (!this.errors.size && !this.problem) return nothing;
    return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 class="error-summary-title" id="error-summary-title">${texts.errors.summaryTitle}</h2>
        ${this.problem ? html`<p>${this.problem}</p>` : nothing}
        <ul class="error-summary-list">
          ${[...this.errors].map(
            ([path, message]) => html`<li><a href=${`#f-${path}`} @click=${(event: Event) => this.host.focus.toField(path, event)}>${message}</a></li>`,
          )}
        </ul>
      </div>
    </div>`;
  }

  private error(texts: Ak1SelfTexts, path: string) {
    const message = this.errors.get(path as LookupField);
    return message
      ? html`<p class="error-message" id=${`e-${path}`} part="error-message"><span class="visually-hidden">${texts.errors.prefix}</span> ${message}</p>`
      : nothing;
  }

  private input(
    texts: Ak1SelfTexts,
    o: { path: string; label: string; hint?: string; value: string; set: (value: string) => void; width?: number; inputmode?: 'numeric' | 'text'; type?: string; autocomplete?: string },
  ) {
    const invalid = this.errors.has(o.path as LookupField);
    const described = [o.hint ? `h-${o.path}` : '', invalid ? `e-${o.path}` : ''].filter(Boolean).join(' ');
    return html`<div class="field ${invalid ? 'field-error' : ''}">
      <label class="label" part="label" for=${`f-${o.path}`}>${o.label}</label>
      ${o.hint ? html`<div class="hint" part="hint" id=${`h-${o.path}`}>${o.hint}</div>` : nothing} ${this.error(texts, o.path)}
      <input
        class="input ${o.width ? `width-${o.width}` : ''}"
        part="input"
        id=${`f-${o.path}`}
        type=${o.type ?? 'text'}
        inputmode=${o.inputmode ?? 'text'}
        autocomplete=${o.autocomplete ?? 'off'}
        spellcheck="false"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        .value=${live(o.value)}
        @input=${(event: Event) => {
          // Not the form's answers: the form's own input listener must not see these.
          event.stopPropagation();
          o.set((event.target as HTMLInputElement).value);
        }}
        @change=${(event: Event) => event.stopPropagation()}
      />
    </div>`;
  }

  private renderDistrict(texts: Ak1SelfTexts) {
    const districts = this.host.settings.districts ?? {};
    const invalid = this.errors.has('district');
    return html`<form novalidate @submit=${(event: Event) => this.chooseDistrict(event)}>
      ${this.summary(texts)}
      <h2 class="step-heading" part="step-heading">${texts.title}</h2>
      <div class="field ${invalid ? 'field-error' : ''}">
        <label class="label" part="label" for="f-district">${texts.district.legend}</label>
        <div class="hint" part="hint" id="h-district">${texts.district.hint}</div>
        ${this.error(texts, 'district')}
        <select
          class="select"
          part="input"
          id="f-district"
          aria-describedby=${invalid ? 'h-district e-district' : 'h-district'}
          aria-invalid=${invalid ? 'true' : 'false'}
          @change=${(event: Event) => {
            event.stopPropagation();
            this.district = (event.target as HTMLSelectElement).value;
          }}
        >
          <option value="" ?selected=${!this.district}>${this.host.t.form.choose}</option>
          ${Object.entries(districts).map(([code, district]) => html`<option value=${code} ?selected=${code === this.district}>${district.districtName ?? code}</option>`)}
        </select>
      </div>
      <div class="actions"><button class="button" part="button" type="submit">${texts.district.choose}</button></div>
    </form>`;
  }

  private renderLookup(texts: Ak1SelfTexts) {
    const busy = this.busy === 'lookup';
    return html`<form novalidate @submit=${(event: Event) => this.lookup(event)}>
      ${this.summary(texts)}
      <h2 class="step-heading" part="step-heading">${texts.title}</h2>
      <p>${texts.intro}</p>
      ${this.input(texts, {
        path: 'registrationNumber',
        label: texts.lookup.registrationNumber,
        hint: texts.lookup.registrationNumberHint,
        value: this.typed.registrationNumber,
        set: (value) => (this.typed = { ...this.typed, registrationNumber: value }),
        width: 30,
      })}
      ${this.input(texts, {
        path: 'nik',
        label: texts.lookup.nik,
        hint: texts.lookup.nikHint,
        value: this.typed.nik,
        set: (value) => (this.typed = { ...this.typed, nik: value }),
        width: 20,
        inputmode: 'numeric',
      })}
      ${this.input(texts, {
        path: 'accessCode',
        label: texts.lookup.accessCode,
        hint: texts.lookup.accessCodeHint,
        value: this.typed.accessCode,
        set: (value) => (this.typed = { ...this.typed, accessCode: value }),
        width: 10,
      })}
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${busy}>${texts.lookup.submit}</button>
      </div>
      <p role="status">${busy ? texts.lookup.searching : ''}</p>
      <p>${texts.lookup.lostCode}</p>
    </form>`;
  }

  private renderStatus(texts: Ak1SelfTexts) {
    const record = this.record!;
    const t = this.host.t;
    const registration = record.registration;
    const known = (REGISTRATION_STATUSES as readonly string[]).includes(registration.status);
    const statusWord = known ? statusTexts[t.lang][registration.status as RegistrationStatus] : texts.status.unknown;
    const appointment = registration.appointment;
    const reasons = ['NEEDS_CORRECTION', 'REJECTED'].includes(registration.status) ? latestReasons(record.history) : [];
    return html`${this.summary(texts)}
      <h2 class="step-heading" part="step-heading">${texts.status.heading}</h2>
      <div id="submit-status" role="status" tabindex="-1">${this.notice ? html`<div class="inset"><p>${this.notice}</p></div>` : nothing}</div>
      <div class="status-panel">
        <p>${texts.status.number}: <strong>${registration.registrationNumber}</strong></p>
        <p><span class="status-word">${statusWord}</span></p>
        <p>${known ? texts.status.next[registration.status as RegistrationStatus] : nothing}</p>
      </div>
      ${reasons.length
        ? html`<h3>${texts.reasons.heading}</h3>
            <ul>
              ${reasons.map((reason) => html`<li>${texts.reasons.codes[reason.code]}${reason.note ? html`: ${reason.note}` : nothing}</li>`)}
            </ul>`
        : nothing}
      ${['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED'].includes(registration.status)
        ? html`<p>${appointment
            ? texts.status.appointment(formatDate(appointment.date, t), `${dottedTime(appointment.start)}–${dottedTime(appointment.end)}`, appointment.place)
            : texts.status.noAppointment}</p>`
        : nothing}
      ${registration.issuedAt ? html`<p>${texts.status.issuedAt(formatDate(registration.issuedAt, t))} ${texts.status.validUntil(formatDate(registration.validUntil, t))}</p>` : nothing}
      ${this.renderActions(texts, registration)} ${this.renderReports(texts, registration)} ${this.renderCard(texts, registration)}
      ${this.renderHistory(texts, record.history)}
      <p class="hint">${texts.status.sessionEnds(timeOf(Date.parse(record.expiresAt)))}</p>
      <div class="actions">
        <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.host.showForm()}>${texts.status.close}</button>
      </div>
      <dialog id="ak1-cancel-dialog" aria-labelledby="ak1-cancel-title" aria-describedby="ak1-cancel-text">
        <h2 id="ak1-cancel-title">${texts.cancel.dialogTitle}</h2>
        <p id="ak1-cancel-text">${texts.cancel.dialogText}</p>
        <div class="actions">
          <button class="button button-warning" part="button" type="button" @click=${() => this.confirmCancel()}>${texts.cancel.confirm}</button>
          <button class="button button-secondary" part="button-secondary" type="button" autofocus @click=${() => this.dialog()?.close()}>${texts.cancel.keep}</button>
        </div>
      </dialog>`;
  }

  private renderActions(texts: Ak1SelfTexts, registration: Ak1SelfRegistration) {
    const status = registration.status;
    const may = {
      correction: selfActionAllowed('correction', status),
      reschedule: selfActionAllowed('reschedule', status),
      cancel: selfActionAllowed('cancel', status),
    };
    const busy = !!this.busy;
    return html`<div class="section">
      <h3>${texts.actions.heading}</h3>
      ${!may.correction && !may.reschedule && !may.cancel && !selfActionAllowed('report', status) ? html`<p>${texts.actions.none}</p>` : nothing}
      <div class="actions">
        ${may.correction
          ? html`<button class="button" part="button" type="button" ?disabled=${busy} @click=${() => this.startCorrection()}>${texts.correction.start}</button>`
          : nothing}
        ${may.reschedule
          ? html`<button class="button button-secondary" part="button-secondary" type="button" ?disabled=${busy} aria-expanded=${this.panel === 'reschedule' ? 'true' : 'false'} @click=${() => this.openReschedule()}>${texts.reschedule.start}</button>`
          : nothing}
        ${may.cancel
          ? html`<button class="button button-secondary" part="button-secondary" type="button" ?disabled=${busy} @click=${() => this.askCancel()}>${texts.cancel.start}</button>`
          : nothing}
      </div>
      ${this.panel === 'reschedule' ? this.renderReschedule(texts) : nothing}
      ${this.busy && this.busy !== 'card' ? html`<p role="status">${texts.working}</p>` : nothing}
    </div>`;
  }

  private renderReschedule(texts: Ak1SelfTexts) {
    const t = this.host.t;
    const days = this.days;
    const weekday = (date: string) => t.weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()];
    let content: unknown;
    if (!days || days.state === 'loading') content = html`<p role="status">${t.form.loading}</p>`;
    else if (days.state === 'failed') {
      content = html`<div class="notice" role="status">
        <p>${texts.errors.network}</p>
        <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.loadDays()}>${t.form.tryAgain}</button>
      </div>`;
    } else {
      const current = this.record?.registration.appointment?.date;
      const open = days.days.filter((day) => day.open && day.remaining > 0 && day.date !== current).slice(0, 10);
      const invalid = this.errors.has('day');
      content = open.length
        ? html`<div class="field ${invalid ? 'field-error' : ''}">
            <fieldset class="fieldset" aria-describedby=${invalid ? 'h-day e-day' : 'h-day'}>
              <legend class="legend" part="label">${texts.reschedule.legend}</legend>
              <div class="hint" part="hint" id="h-day">${texts.reschedule.hint}</div>
              ${this.error(texts, 'day')}
              <div class="choices">
                ${open.map(
                  (day, i) => html`<div class="choice">
                    <input
                      class="choice-input"
                      id=${i === 0 ? 'f-day' : `f-day-${day.date}`}
                      name="reschedule-day"
                      type="radio"
                      value=${day.date}
                      .checked=${live(this.chosenDay === day.date)}
                      @change=${(event: Event) => {
                        event.stopPropagation();
                        this.chosenDay = day.date;
                      }}
                    />
                    <label class="choice-label" for=${i === 0 ? 'f-day' : `f-day-${day.date}`}>${texts.reschedule.dayOption(`${weekday(day.date)}, ${formatDate(day.date, t)}`, day.remaining)}</label>
                  </div>`,
                )}
              </div>
            </fieldset>
          </div>
          <div class="actions">
            <button class="button" part="button" type="submit" ?disabled=${!!this.busy}>${texts.reschedule.submit}</button>
            <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.closePanel()}>${texts.cancelButton}</button>
          </div>`
        : html`<p>${texts.reschedule.none}</p>`;
    }
    return html`<form novalidate @submit=${(event: Event) => this.reschedule(event)}>${content}</form>`;
  }

  private closePanel() {
    this.panel = 'none';
    this.errors.clear();
    this.update();
  }

  private renderReports(texts: Ak1SelfTexts, registration: Ak1SelfRegistration) {
    if (!(SIGNED_STATUSES as readonly string[]).includes(registration.status)) return nothing;
    const t = this.host.t;
    const reports = registration.reports ?? registration.reportDueDates.map((due) => ({ due }) as { due: string; madeAt?: string; kind?: 'seeking' | 'placed' });
    const canReport = selfActionAllowed('report', registration.status);
    const r = this.report;
    const kindInvalid = this.errors.has('report.kind');
    return html`<div class="section">
      <h3>${texts.report.heading}</h3>
      <ul>
        ${reports.map(
          (report, i) => html`<li>
            ${texts.report.due(i + 1, formatDate(report.due, t))}:
            ${report.madeAt
              ? texts.report.made(formatDate(localDate(report.madeAt), t), report.kind === 'placed' ? texts.report.placed : texts.report.seeking)
              : texts.report.notYet}
          </li>`,
        )}
      </ul>
      ${canReport && reports.some((report) => !report.madeAt)
        ? html`<form novalidate @submit=${(event: Event) => this.sendReport(event)}>
            <p>${texts.report.intro}</p>
            <div class="field ${kindInvalid ? 'field-error' : ''}">
              <fieldset class="fieldset" aria-describedby=${kindInvalid ? 'e-report.kind' : nothing}>
                <legend class="legend" part="label">${texts.report.legend}</legend>
                ${this.error(texts, 'report.kind')}
                <div class="choices">
                  ${(['seeking', 'placed'] as const).map(
                    (kind, i) => html`<div class="choice">
                      <input
                        class="choice-input"
                        id=${i === 0 ? 'f-report.kind' : `f-report.kind-${kind}`}
                        name="report-kind"
                        type="radio"
                        value=${kind}
                        .checked=${live(r.kind === kind)}
                        @change=${(event: Event) => {
                          event.stopPropagation();
                          this.report = { ...this.report, kind };
                          this.update();
                        }}
                      />
                      <label class="choice-label" for=${i === 0 ? 'f-report.kind' : `f-report.kind-${kind}`}>${texts.report[kind]}</label>
                    </div>
                    ${kind === 'placed' && r.kind === 'placed'
                      ? html`<div class="conditional">
                          ${this.input(texts, { path: 'report.employer', label: texts.report.employer, value: r.employer, set: (value) => (this.report = { ...this.report, employer: value }), width: 30 })}
                          ${this.input(texts, { path: 'report.position', label: texts.report.position, value: r.position, set: (value) => (this.report = { ...this.report, position: value }), width: 30 })}
                          ${this.input(texts, { path: 'report.startDate', label: texts.report.startDate, hint: texts.report.startDateHint, type: 'date', value: r.startDate, set: (value) => (this.report = { ...this.report, startDate: value }) })}
                        </div>`
                      : nothing}`,
                  )}
                </div>
              </fieldset>
            </div>
            <div class="actions"><button class="button" part="button" type="submit" ?disabled=${!!this.busy}>${texts.report.submit}</button></div>
          </form>`
        : nothing}
    </div>`;
  }

  private renderCard(texts: Ak1SelfTexts, registration: Ak1SelfRegistration) {
    if (['REJECTED', 'CANCELLED', 'EXPIRED'].includes(registration.status)) return nothing;
    const signed = (SIGNED_STATUSES as readonly string[]).includes(registration.status);
    return html`<div class="section">
      <h3>${texts.card.heading}</h3>
      <p>${signed ? texts.card.signedCopy : texts.card.provisional}</p>
      <div class="actions">
        <button class="button button-secondary" part="button-secondary" type="button" ?disabled=${!!this.busy} @click=${() => this.downloadCard()}>${texts.card.download}</button>
        <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.downloadCalendar()}>${texts.card.calendar}</button>
      </div>
      <div role="status" aria-live="polite">
        ${this.busy === 'card' ? html`<p>${texts.card.making}</p>` : nothing}
        ${this.cardFailed ? html`<p class="error-message">${texts.card.failed}</p>` : nothing}
      </div>
    </div>`;
  }

  private renderHistory(texts: Ak1SelfTexts, history: readonly Ak1HistoryEntry[]) {
    const t = this.host.t;
    const word = (status: string) =>
      (REGISTRATION_STATUSES as readonly string[]).includes(status) ? statusTexts[t.lang][status as RegistrationStatus] : texts.status.unknown;
    const who = { applicant: texts.history.you, officer: texts.history.office, system: texts.history.system };
    return html`<div class="section">
      <h3>${texts.history.heading}</h3>
      <ol class="history">
        ${[...history].reverse().map(
          (entry) => html`<li>
            <time datetime=${entry.at}>${formatDate(localDate(entry.at), t)}, ${timeOf(Date.parse(entry.at))} · ${who[entry.actor.kind]}</time>
            ${(texts.history.events as Record<string, string>)[entry.event] ?? entry.event}${entry.from && entry.to && entry.from !== entry.to
              ? html` (${texts.history.statusChange(word(entry.from), word(entry.to))})`
              : nothing}
            ${entry.reason?.length ? html`: ${entry.reason.map((reason) => texts.reasons.codes[reason.code]).join('; ')}` : nothing}
          </li>`,
        )}
      </ol>
    </div>`;
  }
}

/** A timestamp's calendar date on this device's clock (the applicant's own day). */
function localDate(at: string): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `ak1-error`'s detail: the error's class and its problem type (or status), never what was typed. */
/**
 * The card's place names for an address from a lookup: the lists that name its regency, district and village are
 * loaded first (a fresh page has none yet); a list that cannot be had leaves its name out, as on the done screen.
 */
export async function loadCardPlaceNames(regions: RegionLookup, address: Ak1Application['address'] | undefined) {
  const codes = { provinceCode: '', regencyCode: '', districtCode: '', villageCode: '', ...address };
  await Promise.allSettled([regions.regencies(codes.provinceCode), regions.districts(codes.regencyCode), regions.villages(codes.districtCode)]);
  return cardPlaceNames(regions, codes);
}

function errorDetail(error: unknown): { name: string; code: string } {
  const name = error instanceof Error ? error.name : 'Error';
  if (error instanceof Ak1HttpError || error instanceof Ak1ConflictError) return { name, code: error.type ?? `http-${error.status}` };
  return { name, code: error instanceof Ak1ValidationError ? 'invalid-application' : 'failed' };
}
