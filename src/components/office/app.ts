import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Ak1ConflictError, createAk1Client, createAk1OfficeClient, type Ak1OfficeClient } from '../../client/index.js';
import { id as indonesian, loadCatalogue, loadJourney, resolveLang, type Ak1Catalogue, type Ak1JourneyTexts } from '../../i18n/index.js';
import { idOffice } from '../../i18n/id/office.js';
import type { Ak1OfficeTexts } from '../../i18n/types.js';
import {
  MIN_PASSWORD_LENGTH,
  OFFICE_ACTION_RULES,
  type Ak1OfficeAction,
  type Ak1OfficeActionRequest,
  type Ak1OfficeRecord,
  type Ak1OfficeSettings,
  type Ak1ReasonCode,
  type Ak1RegistrationSummary,
} from '../../schema/index.js';
import { errorCode, errorText } from './errors.js';
import { readPath } from './fields.js';
import { parseScanned } from './scanned.js';
import { SessionController } from './session.js';

export type Screen = 'today' | 'scan' | 'record' | 'reports';

/** What the officer has typed for one record: kept in memory through a session's end, a conflict or a failure. */
export interface Draft {
  /** The action whose form is open. */
  action?: Ak1OfficeAction | undefined;
  reasons: Ak1ReasonCode[];
  note: string;
  editPath: string;
  editValue: string;
  reportKind: 'seeking' | 'placed';
  employer: string;
  position: string;
  startDate: string;
  layout: 'standard' | 'overlay';
  /** For `karirhub`: the number Karirhub gave the card. */
  karirhubNumber: string;
}

/** The actions that need a form before they are sent; the others are sent at once. */
export const ACTIONS_WITH_FORM: ReadonlySet<Ak1OfficeAction> = new Set(['request-correction', 'reject', 'edit', 'report', 'place', 'cancel', 'print', 'karirhub']);

/** The host's side of the controller: what the element gives it. */
export interface OfficeElement extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  lang: string;
  /** A client made by the page (tests, a district's own fetch); default one made from `endpoint`. */
  client: Ak1OfficeClient | undefined;
  renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The counter's state and what the officer can do, apart from the templates: the screen, the day's queue,
 * the search, the open record and what was typed for it. Everything lives in memory: a reload asks to log in
 * again (design.md, "Accounts"); nothing with a NIK, a phone number or a photo is logged.
 */
export class OfficeController implements ReactiveController {
  texts: Ak1OfficeTexts = idOffice;
  catalogue: Ak1Catalogue = indonesian;
  journey: Ak1JourneyTexts | undefined;
  readonly session: SessionController;
  screen: Screen = 'today';
  busy = false;
  loggingIn = false;
  /** The screen's problem, said in words (an alert), and the field it belongs to when there is one. */
  problem: { text: string; field?: string } | undefined;
  /** A polite announcement after something went well. */
  announcement = '';
  settings: Ak1OfficeSettings | undefined;

  visitDate = '';
  queue: Ak1RegistrationSummary[] | undefined;
  query = '';
  results: Ak1RegistrationSummary[] | undefined;
  scanText = '';

  record: Ak1OfficeRecord | undefined;
  readonly drafts = new Map<string, Draft>();
  /** Set after signing: the print panel is open. */
  printing = false;
  accessCode: string | undefined;

  login = { username: '', password: '', code: '', currentPassword: '', newPassword: '', repeatPassword: '' };

  private ownClient: { endpoint: string; client: Ak1OfficeClient } | undefined;
  private lang = '';

  constructor(private readonly host: OfficeElement) {
    host.addController(this);
    this.session = new SessionController(host, () => this.client());
    this.visitDate = today(undefined);
  }

  client(): Ak1OfficeClient {
    if (this.host.client) return this.host.client;
    if (this.ownClient?.endpoint !== this.host.endpoint) {
      this.ownClient = { endpoint: this.host.endpoint, client: createAk1OfficeClient({ endpoint: this.host.endpoint }) };
    }
    return this.ownClient.client;
  }

  hostUpdate(): void {
    const lang = resolveLang(this.host.lang || this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    if (lang !== this.lang) {
      this.lang = lang;
      void this.loadTexts(lang);
    }
  }

  private async loadTexts(lang: 'id' | 'en') {
    const [texts, catalogue] = await Promise.all([
      lang === 'en' ? import('../../i18n/en/office.js').then((m) => m.enOffice) : Promise.resolve(idOffice),
      loadCatalogue(lang),
    ]);
    if (lang !== this.lang) return;
    this.texts = texts;
    this.catalogue = catalogue;
    this.journey = await loadJourney(lang);
    this.host.requestUpdate();
  }

  draft(number: string): Draft {
    let draft = this.drafts.get(number);
    if (!draft) {
      draft = { reasons: [], note: '', editPath: 'fullName', editValue: '', reportKind: 'seeking', employer: '', position: '', startDate: '', layout: 'standard', karirhubNumber: '' };
      this.drafts.set(number, draft);
    }
    return draft;
  }

  update() {
    this.host.requestUpdate();
  }

  // Logging in

  async submitLogin(): Promise<void> {
    const { username, password, code } = this.login;
    const stage = this.session.stage;
    if (!username.trim()) return this.fail(this.texts.errors.required, 'username');
    if (!password) return this.fail(this.texts.errors.required, 'password');
    if (stage === 'code' && !/^\d{6}$/.test(code.trim())) return this.fail(this.texts.errors.codeFormat, 'code');
    await this.run(async () => {
      try {
        await this.session.login({ username: username.trim(), password, ...(stage === 'code' ? { code: code.trim() } : {}) });
      } catch (error) {
        if ((error as { type?: string }).type === 'second-factor-required') {
          this.session.stage = 'code';
          this.login.code = '';
          this.problem = stage === 'code' ? { text: this.texts.errors.invalidCredentials, field: 'code' } : undefined;
          this.focus(stage === 'code' ? '#ak1-problem' : '#code');
          return;
        }
        throw error;
      }
      this.login.currentPassword = this.session.stage === 'change' ? password : '';
      this.login.password = '';
      this.login.code = '';
      if (this.session.stage === 'change') return this.focus('#new-password');
      await this.afterLogin();
    }, 'username');
  }

  async submitPasswordChange(): Promise<void> {
    const { newPassword, repeatPassword, currentPassword, username } = this.login;
    const min = MIN_PASSWORD_LENGTH;
    if (newPassword.length < min) return this.fail(this.texts.errors.passwordTooShort(min), 'new-password');
    if (newPassword.trim().toLowerCase() === username.trim().toLowerCase()) return this.fail(this.texts.errors.passwordIsUsername, 'new-password');
    if (newPassword !== repeatPassword) return this.fail(this.texts.errors.passwordMismatch, 'repeat-password');
    await this.run(async () => {
      await this.session.changePassword({ currentPassword, newPassword });
      this.login.currentPassword = this.login.newPassword = this.login.repeatPassword = '';
      await this.afterLogin();
    }, 'new-password');
  }

  private async afterLogin() {
    this.problem = undefined;
    this.login.password = '';
    if (this.screen === 'today' && !this.queue) await this.loadQueue();
    else this.focus('[data-screen-heading]');
    void this.session.call((client) => client.settings()).then(
      (settings) => {
        this.settings = settings;
        if (!this.queue) this.visitDate = today(settings.district.timeZone);
        this.update();
      },
      () => undefined,
    );
  }

  async logout(): Promise<void> {
    await this.session.logout().catch(() => undefined);
    this.record = undefined;
    this.queue = this.results = undefined;
    this.drafts.clear();
    this.problem = undefined;
    this.screen = 'today';
    this.announce(this.texts.login.loggedOut);
    this.focus('#username');
  }

  // Hari ini

  async loadQueue(date = this.visitDate): Promise<void> {
    this.visitDate = date;
    await this.run(async () => {
      this.queue = await this.session.call((client) => client.queue(date));
      this.screen = 'today';
      this.focus('[data-screen-heading]');
    });
  }

  async search(): Promise<void> {
    const q = this.query.trim();
    if (q.length < 2) return this.fail(this.texts.errors.searchTooShort, 'search');
    await this.run(async () => {
      this.results = await this.session.call((client) => client.search(q));
      this.announce(this.texts.today.results(this.results.length));
      this.focus('#results-heading');
    }, 'search');
  }

  async checkIn(summary: Ak1RegistrationSummary): Promise<void> {
    await this.run(async () => {
      const record = await this.session.call((client) => client.open(summary.registrationNumber));
      await this.session.call((client) => client.act(summary.registrationNumber, { action: 'check-in', version: record.version }));
      this.queue = await this.session.call((client) => client.queue(this.visitDate));
      this.announce(this.texts.today.checkedInDone(summary.fullName));
      this.focus(`[data-open="${CSS.escape(summary.registrationNumber)}"]`);
    });
  }

  show(screen: Screen) {
    this.problem = undefined;
    this.screen = screen;
    this.printing = false;
    this.update();
    this.focus(screen === 'scan' ? '#scan-number' : '[data-screen-heading]');
    if (screen === 'today' && !this.queue) void this.loadQueue();
  }

  // Scan

  async openScanned(text = this.scanText): Promise<void> {
    const scanned = parseScanned(text);
    if (!scanned) return this.fail(this.texts.scan.notRecognised, 'scan-number');
    await this.run(async () => {
      let number: string | undefined;
      if (scanned.kind === 'number') number = scanned.number;
      else {
        const verification = await createAk1Client({ endpoint: this.host.endpoint }).verify(scanned.token);
        number = (verification as { registrationNumber?: string }).registrationNumber;
        if (!verification.valid || !number) return this.fail(this.texts.scan.unknownCard, 'scan-number');
      }
      this.scanText = '';
      await this.openRecord(number);
    }, 'scan-number');
  }

  // The record

  async open(number: string): Promise<void> {
    await this.run(() => this.openRecord(number));
  }

  private async openRecord(number: string) {
    this.record = await this.session.call((client) => client.open(number));
    this.screen = 'record';
    this.printing = false;
    this.accessCode = undefined;
    this.focus('[data-screen-heading]');
  }

  chooseAction(action: Ak1OfficeAction | undefined) {
    if (!this.record) return;
    const draft = this.draft(this.record.registration.registrationNumber);
    draft.action = action;
    this.problem = undefined;
    if (action === 'edit' && !draft.editValue) draft.editValue = String(readPath(this.record.application, draft.editPath) ?? '');
    this.update();
    this.focus(action ? '#action-form' : '[data-action-buttons] button');
  }

  async act(action: Ak1OfficeAction): Promise<void> {
    const record = this.record;
    if (!record) return;
    const request = this.requestFor(action, this.draft(record.registration.registrationNumber), record.version);
    if (!request) return;
    await this.run(() => this.send(record.registration.registrationNumber, request), undefined, action);
  }

  private async send(number: string, request: Ak1OfficeActionRequest): Promise<void> {
    const action = request.action;
    try {
      const reply = await this.session.call((client) => client.act(number, request));
      this.record = { ...(await this.session.call((client) => client.open(number))), version: reply.version };
      if (reply.accessCode) this.accessCode = reply.accessCode;
      this.drafts.delete(number);
      this.announce(this.texts.record.done(this.texts.actions[action]));
      if (action === 'sign') {
        this.printing = true;
        this.focus('#print-heading');
      } else this.focus('[data-screen-heading]');
      if (action === 'check-in' && this.queue) this.queue = undefined;
    } catch (error) {
      if (error instanceof Ak1ConflictError && error.type === 'version-conflict') {
        // The other officer's change is shown; what this officer typed stays in the draft.
        this.record = await this.session.call((client) => client.open(number)).catch(() => this.record);
      }
      throw error;
    }
  }

  private requestFor(action: Ak1OfficeAction, draft: Draft, version: number): Ak1OfficeActionRequest | undefined {
    const note = draft.note.trim();
    const request: Ak1OfficeActionRequest = { action, version };
    if (OFFICE_ACTION_RULES[action].needsReason) {
      if (!draft.reasons.length) {
        this.fail(this.texts.errors.reasonRequired, `reason-${draft.reasons[0] ?? 'photo'}`);
        return undefined;
      }
      request.reason = draft.reasons.map((code) => ({ code, ...(code === 'other' && note ? { note } : {}) }));
    }
    if (note && (OFFICE_ACTION_RULES[action].needsReason || action === 'cancel')) request.note = note;
    if (action === 'edit') {
      if (!draft.editValue.trim()) {
        this.fail(this.texts.errors.required, 'edit-value');
        return undefined;
      }
      request.changes = [{ path: draft.editPath.split('.'), after: draft.editValue.trim() }];
    }
    if (action === 'karirhub') {
      const number = draft.karirhubNumber.trim();
      if (!number) {
        this.fail(this.texts.errors.required, 'karirhub-number');
        return undefined;
      }
      request.karirhubNumber = number;
    }
    if (action === 'report' || action === 'place') {
      const placed = action === 'place' || draft.reportKind === 'placed';
      const report = {
        kind: placed ? ('placed' as const) : ('seeking' as const),
        ...(placed && draft.employer.trim() ? { employer: draft.employer.trim() } : {}),
        ...(placed && draft.position.trim() ? { position: draft.position.trim() } : {}),
        ...(placed && draft.startDate.trim() ? { startDate: draft.startDate.trim() } : {}),
      };
      if (placed && !report.employer) {
        this.fail(this.texts.errors.required, 'employer');
        return undefined;
      }
      if (action === 'place') request.placement = report;
      else request.report = report;
    }
    return request;
  }

  /** Makes the final card on this device, opens it for printing, then records `print`. */
  async printCard(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const draft = this.draft(record.registration.registrationNumber);
    await this.run(
      async () => {
        const { renderCardPdf } = await import('../../card/index.js');
        const card = this.settings?.card;
        const overlay = draft.layout === 'overlay' ? card?.overlay : undefined;
        const district = this.settings?.district;
        const signer = record.registration.signedBy;
        let pdf: Uint8Array;
        try {
          pdf = await renderCardPdf(record.application as never, record.registration, {
            ...(overlay ? { layout: overlay as never } : {}),
            ...(district
              ? {
                  district: {
                    name: district.name,
                    ...(district.officeName ? { officeName: district.officeName } : {}),
                    // The district's card options: the signer's title where the signature carries none, its Ketentuan.
                    ...(card?.signerTitle ? { signerTitle: card.signerTitle } : {}),
                    ...(card?.terms ? { terms: [...card.terms] } : {}),
                  },
                }
              : {}),
            ...(card?.logo ? { logo: card.logo } : {}),
            ...(signer ? { officer: { name: signer.name, ...(signer.nip ? { nip: signer.nip } : {}) } } : {}),
          });
        } catch (error) {
          throw new CardFailure(error);
        }
        openPdf(pdf);
        await this.send(record.registration.registrationNumber, { action: 'print', version: record.version });
        this.printing = false;
        this.announce(this.texts.print.printed);
      },
      undefined,
      'print',
    );
  }

  // Other screens' work (the report screen, reports.ts)

  /** Runs another screen's work as this controller runs its own: busy, its failure said in words, focus on it. */
  perform(work: () => Promise<void>, field?: string): Promise<void> {
    return this.run(work, field);
  }

  /** The backend's endpoint, for the public routes' client (the report screen reads the days' capacity). */
  get endpoint(): string {
    return this.host.endpoint;
  }

  // Plumbing

  /** Runs one piece of work: busy while it runs, its failure said in words, focus on the problem. */
  private async run(work: () => Promise<void>, field?: string, action?: string): Promise<void> {
    // Logging in again while a call waits for it is the one thing done beside other work.
    const login = this.session.expired || !this.session.loggedIn;
    if (login ? this.loggingIn : this.busy) return;
    if (login) this.loggingIn = true;
    else this.busy = true;
    this.problem = undefined;
    this.update();
    try {
      await work();
    } catch (error) {
      const text = error instanceof CardFailure ? this.texts.errors.printFailed : errorText(error, this.texts, action);
      this.fail(text, field);
      this.host.dispatchEvent(new CustomEvent('ak1-office-error', { detail: errorCode(error), bubbles: true, composed: true }));
    } finally {
      if (login) this.loggingIn = false;
      else this.busy = false;
      this.update();
    }
  }

  private fail(text: string, field?: string) {
    this.problem = field ? { text, field } : { text };
    this.update();
    this.focus('#ak1-problem');
  }

  announce(text: string) {
    this.announcement = '';
    this.update();
    // A fresh text in the live region is read even when it repeats the last one.
    void this.host.updateComplete.then(() => {
      this.announcement = text;
      this.update();
    });
  }

  focus(selector: string) {
    void this.host.updateComplete.then(() => {
      requestAnimationFrame(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
    });
  }
}

class CardFailure extends Error {
  constructor(cause: unknown) {
    super('card', { cause });
    this.name = 'CardFailure';
  }
}

/** The card in the browser's PDF viewer: `object-src 'none'` forbids embedding it, so a `blob:` URL in a new tab. */
function openPdf(pdf: Uint8Array) {
  const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Today's date where the office is (`YYYY-MM-DD`). */
export function today(timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
}
