import { LitElement, html, nothing, type CSSResult, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseNik } from '../nik/index.js';
import { formatDate, id as indonesian, loadCatalogue, loadJourney, withTranslations, type Ak1Catalogue, type Ak1JourneyTexts, type Ak1Translations } from '../i18n/index.js';
import type { RegionLookup } from '../regions/index.js';
import {
  calendarDate,
  validateApplication,
  type Ak1Application,
  type Ak1Config,
  type Ak1District,
  type Ak1Issue,
  type Ak1Registration,
  type Ak1Warning,
} from '../schema/index.js';
import type { Ak1Client } from '../client/index.js';
import { ak1Event } from './events.js';
import { emptyAnswers, emptyEducation, emptySkill, emptyWork, getAt, hasAnswers, setAt, toApplicationInput, type Answers, type Attachments } from './form/answers.js';
import { CONFIG_ATTRIBUTES, officeFor, resolveConfig, type ResolvedConfig } from './form/config.js';
import { errorSummary, fieldId, type SummaryIssue } from './form/fields.js';
import type { StepHost, RepeatablePath, SubmitState } from './form/step-host.js';
import { QUESTION_STEPS, STEP_FIELDS, STEP_IDS, stepOfField, type StepId } from './form/steps.js';
import { formStyles } from './form/styles.js';
import type { Persistence, RememberedWork, RestoredWork, Snapshot } from './form/persistence.js';
import type { Submission, SubmissionHost } from './form/submission.js';
import { canRememberHere, mayHaveRemembered, tabHasRecords } from '../storage/capability.js';
import { renderIdentity } from './steps/identity.js';

/** A step: its template, and styles of its own that join the form's when it loads. */
type StepModule = { render(host: StepHost): unknown; styles?: CSSResult };

/** The properties that make up the configuration (each also an attribute). */
const CONFIG_PROPERTIES = ['config', 'districts', ...Object.values(CONFIG_ATTRIBUTES)];

/** Every step but the first loads as its own chunk when the applicant gets near it. */
const LATER_STEPS: Record<Exclude<StepId, 'identity'>, () => Promise<StepModule>> = {
  contact: () => import('./steps/contact.js'),
  education: () => import('./steps/education.js'),
  work: () => import('./steps/work.js'),
  documents: () => import('./steps/documents.js'),
  visit: () => import('./steps/visit.js'),
  consent: () => import('./steps/consent.js'),
  review: () => import('./steps/review.js'),
  done: () => import('./steps/done.js'),
};

const REPEATABLE_EMPTY: Record<RepeatablePath, () => unknown> = {
  education: emptyEducation,
  skills: emptySkill,
  workExperience: emptyWork,
  'jobPreferences.positions': () => ({ title: '', kbji: '' }),
};
const REPEATABLE_MAX: Record<RepeatablePath, number> = {
  education: 10,
  skills: 20,
  workExperience: 20,
  'jobPreferences.positions': 3,
};

/**
 * `<ak1-form>`: the AK/I job-seeker registration (kartu kuning) for a district site.
 *
 * The applicant answers one topic per step, checks the answers, submits to the district's backend and gets
 * the registration number, the office appointment and the card as a PDF made on the device.
 *
 * @summary AK/I job-seeker registration.
 * @fires ak1-step-change - The applicant moved to another step; detail `{ step }`.
 * @fires ak1-submit - Cancelable; fired before sending, detail the validated application (the one event with personal data).
 * @fires ak1-success - The backend registered the application; detail the registration.
 * @fires ak1-error - Submission failed; detail `{ name, code }`, no personal data.
 * @fires ak1-card-ready - The card PDF was made; detail `{ fileName, byteLength }`.
 * @csspart form - The form of each step.
 * @csspart step-heading - The step's heading.
 * @csspart error-summary - The error summary.
 * @csspart label - Labels and legends.
 * @csspart hint - Hints.
 * @csspart error-message - Inline error messages.
 * @csspart input - Text inputs and selects.
 * @csspart button - The primary buttons.
 * @csspart button-secondary - Secondary buttons.
 * @csspart back-link - The Back link.
 * @csspart check-answers - The check-your-answers list.
 * @cssproperty --ak1-font-family - Font; default the host page's.
 * @cssproperty --ak1-color-text - Text colour.
 * @cssproperty --ak1-color-secondary-text - Hints and secondary text.
 * @cssproperty --ak1-color-primary - Buttons, progress and the confirmation panel.
 * @cssproperty --ak1-color-primary-dark - The buttons' shadow.
 * @cssproperty --ak1-color-link - Links.
 * @cssproperty --ak1-color-error - Errors.
 * @cssproperty --ak1-color-border - Borders.
 * @cssproperty --ak1-focus-color - The focus ring's colour (its width and dark halo are fixed).
 * @cssproperty --ak1-input-border-color - Input borders.
 * @cssproperty --ak1-max-width - The form's widest width; default 40rem.
 */
export class Ak1Form extends LitElement implements StepHost {
  /** Where the region lists are when `regions-url` is not set; the script-tag entry points it beside itself. */
  static defaultRegionsUrl: string = new URL('./region-data/', import.meta.url).href;

  static override styles = [formStyles];

  /** The district backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1`. */
  @property() endpoint?: string;
  /** The district's regency code, e.g. `36.04`. */
  @property({ attribute: 'district-code' }) districtCode?: string;
  /** The district's name, e.g. `Kabupaten Serang`. */
  @property({ attribute: 'district-name' }) districtName?: string;
  /** The office's name, e.g. `Disnakertrans Kabupaten Serang`. */
  @property({ attribute: 'office-name' }) officeName?: string;
  /** The office's address, shown for the visit and printed on the card. */
  @property({ attribute: 'office-address' }) officeAddress?: string;
  /** The district's logo for the card: a URL or an image `data:` URL. */
  @property() logo?: string;
  /** The Pengantar Kerja's name printed under the signature block; without it the block is left blank. */
  @property({ attribute: 'officer-name' }) officerName?: string;
  /** The Pengantar Kerja's NIP (18 digits). */
  @property({ attribute: 'officer-nip' }) officerNip?: string;
  /** `id` (default) or `en`. */
  @property() override lang = '';
  /** The youngest age accepted; default 18. */
  @property({ attribute: 'min-age' }) minAge?: string;
  /** The documents the district requires, as a comma list of kinds, e.g. `KTP,IJAZAH`. */
  @property() documents?: string;
  /** The district's photo rules, shown beside the photo, e.g. "latar merah". */
  @property({ attribute: 'photo-rules' }) photoRules?: string;
  /** Where the region lists are; default beside the script. */
  @property({ attribute: 'regions-url' }) regionsUrl?: string;
  /** Logs configuration details for the webmaster (never personal data). */
  @property({ type: Boolean }) debug = false;

  /** All the attributes' settings as one object (partner portals and frameworks); attributes win over it. */
  @property({ attribute: false }) config: Partial<Ak1Config> | undefined;
  /** A partner portal's districts, chosen by the applicant's domicile regency: `{ "36.04": { endpoint, … } }`. */
  @property({ attribute: false }) districts: Record<string, Ak1District> | undefined;
  /** A district's own wording for some texts: a partial catalogue. */
  @property({ attribute: false }) translations: Ak1Translations | undefined;

  @state() private step: StepId = 'identity';
  @state() answers: Answers = emptyAnswers();
  @state() errors: ReadonlyMap<string, string> = new Map();
  @state() private summary: SummaryIssue[] = [];
  @state() warnings: Ak1Warning[] = [];
  @state() private catalogue: Ak1Catalogue = indonesian;
  @state() submitState: SubmitState = { kind: 'idle' };
  @state() registration: Ak1Registration | undefined;
  @state() private configError: string[] | undefined;
  @state() private stepModules: Partial<Record<StepId, StepModule>> = {};
  @state() private journey: Ak1JourneyTexts | undefined;

  attachments: Attachments = { documents: [] };
  /** The submission being sent, kept on the device until the server confirms it. */
  private submissionLoading: Promise<Submission> | undefined;
  /** The device controller: it loads (with the storage code) only when there is something to keep or restore. */
  private persistence: Persistence | undefined;
  private persistenceLoading: Promise<Persistence> | undefined;
  /** Restoring this tab's draft: the form waits for it rather than flash an empty first step. */
  @state() private restoring = false;
  @state() private remembered: RememberedWork | undefined;
  @state() private deviceNotice: 'cleared' | 'resumed' | undefined;
  /** The application as sent, kept in memory for the card on the done screen. */
  submittedApplication: Ak1Application | undefined;

  private resolved: ResolvedConfig | undefined;
  private history: StepId[] = [];
  private attempted = new Set<StepId>();
  private returnToReview = false;
  private confirmedWarnings = '';
  private prefilledFromNik: { birthDate?: string; sex?: string } = {};
  private consentAcceptedAt: string | undefined;
  private regionLookup: RegionLookup | undefined;
  private focusAfterRender: 'heading' | 'summary' | string | undefined;
  private loggedConfigError = '';

  constructor() {
    super();
    this.addEventListener('input', (event) => this.onInput(event));
    this.addEventListener('change', (event) => this.onInput(event));
  }

  // ---- configuration -------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>) {
    const configChanged = CONFIG_PROPERTIES.some((name) => changed.has(name as keyof Ak1Form));
    if (!this.resolved || configChanged) this.applyConfig();
    else if (changed.has('translations' as keyof Ak1Form)) void this.loadTexts();
  }

  private applyConfig() {
    // Each attribute's property (set from the attribute, or directly from script) as the string it would be.
    const attributes = Object.fromEntries(
      Object.entries(CONFIG_ATTRIBUTES).map(([attribute, key]) => {
        const value: unknown = (this as unknown as Record<string, unknown>)[key];
        return [attribute, value === undefined || value === '' || value === false ? null : String(value)];
      }),
    );
    const result = resolveConfig(this.config, attributes, this.districts);
    if (!result.ok) {
      this.resolved = undefined;
      this.configError = result.error.problems;
      // One log per distinct mistake, never an exception into the host page.
      if (this.loggedConfigError !== result.error.message) {
        this.loggedConfigError = result.error.message;
        console.error(result.error);
      }
      return;
    }
    this.configError = undefined;
    this.resolved = result.config;
    void this.loadTexts();
  }

  private async loadTexts() {
    const lang = this.resolved?.lang ?? 'id';
    const catalogue = await loadCatalogue(lang);
    this.catalogue = withTranslations(catalogue, this.translations);
    if (this.journey) this.journey = await loadJourney(lang, this.translations?.journey);
  }

  get j(): Ak1JourneyTexts {
    // Later steps render only after goTo() has loaded these.
    return this.journey!;
  }

  get settings(): ResolvedConfig {
    return this.resolved!;
  }

  /** The region lists, once the address step has made the lookup (its code loads with that step). */
  get regions(): RegionLookup | undefined {
    return this.regionLookup;
  }

  useRegions(create: (baseUrl: string) => RegionLookup): RegionLookup {
    this.regionLookup ??= create(this.resolved?.regionsUrl ?? Ak1Form.defaultRegionsUrl);
    return this.regionLookup;
  }

  /** The office that will receive this application: for partner portals, the domicile regency's. */
  get office(): Ak1District | undefined {
    return this.resolved && officeFor(this.resolved, this.answers.address.regencyCode);
  }

  // ---- answers ---------------------------------------------------------------------------------------------

  get t(): Ak1Catalogue {
    return this.catalogue;
  }

  private onInput(event: Event) {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)) return;
    const path = target.name;
    if (!path || getAt(this.answers, path) === undefined) return;
    const current = getAt(this.answers, path);
    let value: unknown = target.value;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (typeof current === 'boolean') value = target.checked;
      else if (Array.isArray(current)) {
        value = target.checked ? [...new Set([...current, target.value])] : current.filter((v) => v !== target.value);
      }
    }
    this.setAnswer(path, value);
  }

  setAnswer(path: string, value: unknown) {
    let answers = setAt(this.answers, path, value);
    if (path === 'nik') answers = this.prefillFromNik(answers);
    if (path.startsWith('address.')) answers = this.clearNestedRegions(answers, path);
    if (path === 'consent') this.consentAcceptedAt = value === true ? new Date().toISOString() : undefined;
    this.answers = answers;
    if (this.attempted.has(this.step)) this.validateStep({ showSummary: false });
    this.keep();
  }

  /** A valid NIK fills in the birth date and sex, unless the applicant typed their own; both stay editable. */
  private prefillFromNik(answers: Answers): Answers {
    const nik = parseNik(answers.nik);
    if (!nik.ok) return answers;
    const [year, month, day] = nik.value.birthDate.split('-') as [string, string, string];
    const typed = answers.birthDate;
    const birthDateUntouched =
      (!typed.day && !typed.month && !typed.year) ||
      `${typed.year}-${typed.month}-${typed.day}` === this.prefilledFromNik.birthDate;
    if (birthDateUntouched) {
      answers = { ...answers, birthDate: { day, month, year } };
      this.prefilledFromNik.birthDate = `${year}-${month}-${day}`;
    }
    if (!answers.sex || answers.sex === this.prefilledFromNik.sex) {
      answers = { ...answers, sex: nik.value.sex };
      this.prefilledFromNik.sex = nik.value.sex;
    }
    return answers;
  }

  /** Choosing another province empties the regency, district and village chosen inside the old one. */
  private clearNestedRegions(answers: Answers, path: string): Answers {
    const order = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'] as const;
    const level = order.indexOf(path.slice('address.'.length) as (typeof order)[number]);
    if (level < 0) return answers;
    const address = { ...answers.address };
    for (const inner of order.slice(level + 1)) address[inner] = '';
    return { ...answers, address };
  }

  addRow(path: RepeatablePath) {
    const rows = getAt(this.answers, path) as unknown[];
    if (rows.length >= REPEATABLE_MAX[path]) return;
    this.answers = setAt(this.answers, path, [...rows, REPEATABLE_EMPTY[path]()]);
    this.keep();
    this.focusAfterRender = fieldId(`${path}.${rows.length}.${Object.keys(REPEATABLE_EMPTY[path]() as object)[0]}`);
  }

  removeRow(path: RepeatablePath, index: number) {
    const rows = getAt(this.answers, path) as unknown[];
    this.answers = setAt(this.answers, path, rows.filter((_, i) => i !== index));
    this.keep();
    if (this.attempted.has(this.step)) this.validateStep({ showSummary: false });
    this.focusAfterRender = 'heading';
  }

  setAttachments({ photo, documents }: Attachments) {
    this.attachments = { photo, documents };
    if (this.attempted.has(this.step)) this.validateStep({ showSummary: false });
    this.keep();
    this.requestUpdate();
  }

  // ---- validation ------------------------------------------------------------------------------------------

  /** The application as the answers stand, checked with the district's rules. */
  validate() {
    const consent =
      this.consentAcceptedAt && this.journey ? { noticeVersion: this.journey.privacy.version, acceptedAt: this.consentAcceptedAt } : undefined;
    const input = toApplicationInput(this.answers, this.attachments, consent);
    return validateApplication(input, {
      minAge: this.resolved?.minAge,
      requiredDocuments: this.resolved?.documents,
      regions: this.regionLookup,
    });
  }

  /** Validates the fields of the current step; returns true when they are all right. */
  private validateStep({ showSummary }: { showSummary: boolean }): boolean {
    const result = this.validate();
    const fields = STEP_FIELDS[this.step] as readonly string[];
    const issues = result.ok ? [] : result.issues.filter((issue) => fields.includes(String(issue.path[0])));
    this.showIssues(issues, showSummary);
    this.warnings = result.warnings.filter((warning) => fields.includes(String(warning.path[0])));
    return issues.length === 0;
  }

  private showIssues(issues: readonly Ak1Issue[], showSummary: boolean) {
    const errors = new Map<string, string>();
    for (const issue of issues) {
      const path = inputPathOf(issue.path, this.attachments);
      if (!errors.has(path)) errors.set(path, issue.code);
    }
    this.errors = errors;
    const summary = [...errors].map(([path, key]) => ({ path, key }));
    if (showSummary) {
      this.summary = summary;
      if (summary.length) this.focusAfterRender = 'summary';
    } else {
      // After a failed Continue, the summary only shrinks as problems are fixed.
      this.summary = this.summary.filter((entry) => errors.has(entry.path));
    }
  }

  // ---- navigation ------------------------------------------------------------------------------------------

  async continue(event?: Event) {
    event?.preventDefault();
    this.attempted.add(this.step);
    if (!this.validateStep({ showSummary: true })) return;
    const warningKey = this.warnings.map((w) => w.code).join();
    if (warningKey && this.confirmedWarnings !== warningKey) {
      // Warnings are shown once for the applicant to check; continuing again confirms them.
      this.confirmedWarnings = warningKey;
      this.focusAfterRender = 'warnings';
      return;
    }
    const next = this.returnToReview ? 'review' : STEP_IDS[STEP_IDS.indexOf(this.step) + 1]!;
    this.returnToReview = false;
    await this.goTo(next);
  }

  back(event?: Event) {
    event?.preventDefault();
    const previous = this.history.pop();
    if (previous) void this.goTo(previous, { fromBack: true });
  }

  /** Opens a step; `change` marks a Change link from the check page, so Continue returns there. */
  async goTo(step: StepId, { fromBack = false, change = false } = {}) {
    if (step !== 'identity' && (!this.stepModules[step] || !this.journey)) {
      this.submitState = this.submitState.kind === 'idle' ? { kind: 'loading-step' } : this.submitState;
      try {
        const [module, journey] = await Promise.all([
          LATER_STEPS[step](),
          this.journey ?? loadJourney(this.resolved?.lang, this.translations?.journey),
        ]);
        this.journey = journey;
        this.adoptStyles(module);
        this.stepModules = { ...this.stepModules, [step]: module };
      } catch {
        this.submitState = { kind: 'step-load-failed', step };
        return;
      } finally {
        if (this.submitState.kind === 'loading-step') this.submitState = { kind: 'idle' };
      }
    }
    if (!fromBack && this.step !== step) this.history.push(this.step);
    if (step === 'done') this.history = [];
    this.returnToReview = change;
    this.step = step;
    this.summary = [];
    this.errors = new Map();
    this.warnings = [];
    this.focusAfterRender = 'heading';
    this.dispatchEvent(ak1Event('ak1-step-change', { step }));
    if (step !== 'done') this.keep();
    this.prefetchAfter(step);
  }

  /** A lazily loaded step's own styles join the shadow root's (constructable sheets: allowed by a strict CSP). */
  private adoptStyles(module: StepModule) {
    const sheet = module.styles?.styleSheet;
    const root = this.renderRoot as ShadowRoot;
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** The next step's code loads while the applicant answers this one. */
  private prefetchAfter(step: StepId) {
    const next = STEP_IDS[STEP_IDS.indexOf(step) + 1];
    if (next && next !== 'identity' && !this.stepModules[next]) {
      LATER_STEPS[next]()
        .then((module) => {
          this.adoptStyles(module);
          this.stepModules = { ...this.stepModules, [next]: module };
        })
        .catch(() => undefined);
    }
    if (!this.journey) {
      loadJourney(this.resolved?.lang, this.translations?.journey)
        .then((journey) => (this.journey ??= journey))
        .catch(() => undefined);
    }
  }

  protected override firstUpdated() {
    // The next step's code and texts load once the applicant starts on this one: after the first step is
    // usable, and only for someone who is filling in the form.
    const prefetch = () => this.prefetchAfter(this.step);
    this.addEventListener('focusin', prefetch, { once: true });
    if (!this.restoreStarted) void this.checkRemembered();
  }

  focusField(path: string, event?: Event) {
    event?.preventDefault();
    const input = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(fieldId(path))}`);
    if (!input) return;
    // GOV.UK: bring the label or legend into view with the field, then focus without scrolling again.
    const label = input.closest('fieldset')?.querySelector('legend') ?? this.renderRoot.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    (label ?? input).scrollIntoView?.({ block: 'start' });
    input.focus({ preventScroll: true });
  }

  // ---- the device: drafts, "Ingat di perangkat ini", "Hapus data saya" -------------------------------------

  private device(): Promise<Persistence> {
    this.persistenceLoading ??= import('./form/persistence.js').then(({ Persistence }) => {
      this.persistence = new Persistence(() => this.onReconnect());
      return this.persistence;
    });
    return this.persistenceLoading;
  }

  private snapshot(): Snapshot {
    return { answers: this.answers, consentAcceptedAt: this.consentAcceptedAt, step: this.step, attachments: this.attachments };
  }

  /** Keeps the work on the device once there is any (nothing is written, or loaded, before the first answer). */
  private keep() {
    if (this.registration) return;
    const dirty = hasAnswers(this.answers, this.attachments);
    if (dirty || tabHasRecords()) void this.device().then((device) => device.scheduleSave(() => this.snapshot(), dirty));
  }

  private restoreStarted = false;
  override connectedCallback() {
    super.connectedCallback();
    if (!this.restoreStarted && tabHasRecords()) {
      this.restoreStarted = true;
      this.restoring = true;
      void this.restoreTab();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.persistence?.detach();
  }

  /** A reload, a crash or a discarded tab: back to the step the applicant was on, with every answer. */
  private async restoreTab() {
    const device = await this.device();
    const { work, outbox } = await device.restoreTab();
    if (work) await this.applyRestored(work);
    if (outbox) {
      await this.goTo('review', { fromBack: true });
      (await this.submission()).resume(outbox);
    }
    this.restoring = false;
  }

  /** Answers found on the device, already checked and shaped, back into the form. */
  private async applyRestored(work: RestoredWork) {
    this.answers = work.answers;
    this.consentAcceptedAt = work.consentAcceptedAt;
    if (work.attachments) this.attachments = work.attachments;
    // Back works from the restored step as it did before.
    this.history = work.step === 'identity' ? [] : STEP_IDS.slice(0, STEP_IDS.indexOf(work.step));
    await this.goTo(work.step, { fromBack: true });
  }

  /** After the first step shows: a draft an earlier visit asked this device to remember, offered, not forced. */
  private async checkRemembered() {
    if (!(await mayHaveRemembered())) return;
    const device = await this.device();
    const remembered = await device.findRemembered();
    // A submission kept encrypted ("Ingat") waits in IndexedDB, not in the tab: it is sent, not offered.
    const { outbox } = await device.restoreTab();
    if (outbox) {
      if (remembered) await this.applyRestored(remembered);
      await this.goTo('review', { fromBack: true });
      (await this.submission()).resume(outbox);
      return;
    }
    this.remembered = remembered;
  }

  private async resumeRemembered() {
    const remembered = this.remembered;
    if (!remembered) return;
    this.remembered = undefined;
    (await this.device()).remember = true;
    await this.applyRestored(remembered);
    this.deviceNotice = 'resumed';
  }

  private async toggleRemember(event: Event) {
    event.stopPropagation();
    const on = (event.target as HTMLInputElement).checked;
    await (await this.device()).setRemember(on, this.snapshot());
    this.requestUpdate();
  }

  /** "Hapus data saya": everything of ak1-form's leaves the device, and the form starts again empty. */
  private async clearDevice() {
    const device = await this.device();
    await device.wipe();
    device.resume();
    this.answers = emptyAnswers();
    this.attachments = { documents: [] };
    this.consentAcceptedAt = undefined;
    void this.submissionLoading?.then((submission) => submission.forget());
    this.remembered = undefined;
    this.prefilledFromNik = {};
    this.confirmedWarnings = '';
    this.attempted.clear();
    this.history = [];
    this.submitState = { kind: 'idle' };
    await this.goTo('identity', { fromBack: true });
    this.deviceNotice = 'cleared';
    this.focusAfterRender = 'device-notice';
  }

  private renderDeviceControls() {
    const t = this.catalogue.form.device;
    return html`<div class="device">
      ${canRememberHere()
        ? html`<div class="choice">
              <input
                class="choice-input"
                id="ak1-remember"
                type="checkbox"
                aria-describedby="ak1-remember-hint"
                .checked=${this.persistence?.remember ?? false}
                @change=${(event: Event) => this.toggleRemember(event)}
              />
              <label class="choice-label" for="ak1-remember">${t.remember}</label>
            </div>
            <p class="hint" id="ak1-remember-hint">${t.rememberHint}</p>`
        : nothing}
      <button class="link-button" part="button-secondary" type="button" @click=${() => this.clearDevice()}>${t.clear}</button>
      <p id="device-notice" role="status">${this.deviceNotice === 'cleared' ? t.cleared : this.deviceNotice === 'resumed' ? t.resumed : ''}</p>
    </div>`;
  }

  private renderRemembered() {
    const remembered = this.remembered;
    if (!remembered) return nothing;
    const t = this.catalogue.form.device;
    const savedOn = formatDate(calendarDate(new Date(remembered.savedAt)), this.catalogue);
    return html`<div class="inset" role="region" aria-labelledby="ak1-remembered-title">
      <h2 class="step-subheading" id="ak1-remembered-title">${t.rememberedTitle}</h2>
      <p>${t.rememberedText(savedOn)}</p>
      <button class="button" part="button" type="button" @click=${() => this.resumeRemembered()}>${t.resume}</button>
      <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.clearDevice()}>${t.discard}</button>
    </div>`;
  }

  // ---- submission ------------------------------------------------------------------------------------------

  /** The submission controller (with the client), loaded when the check page or a queued outbox needs it. */
  private submission(): Promise<Submission> {
    this.submissionLoading ??= import('./form/submission.js').then(({ Submission }) => new Submission(this.submissionHost()));
    return this.submissionLoading;
  }

  private submissionHost(): SubmissionHost {
    const form = this;
    return {
      get submitState() {
        return form.submitState;
      },
      set submitState(state) {
        form.submitState = state;
      },
      get office() {
        return form.office;
      },
      get clientOptions() {
        return { minAge: form.resolved?.minAge, requiredDocuments: form.resolved?.documents };
      },
      validate: () => this.validate(),
      device: () => this.device(),
      dispatchEvent: (event) => this.dispatchEvent(event),
      finish: async (application, registration) => {
        this.submittedApplication = application;
        this.registration = registration;
        await this.goTo('done');
      },
      showIssues: (issues) => this.showServerIssues(issues),
      focusStatus: () => (this.focusAfterRender = 'submit-status'),
    };
  }

  async submit(event?: Event) {
    event?.preventDefault();
    await (await this.submission()).submit();
  }

  async getClient(): Promise<Ak1Client | undefined> {
    const office = this.office;
    return office && (await this.submission()).clientFor(office.endpoint);
  }

  /** The connection is back, or the page was opened again: send what is waiting. */
  private onReconnect() {
    void this.submissionLoading?.then((submission) => submission.reconnected());
  }

  /** Problems found at submit (locally or by the server) take the applicant to the first step concerned. */
  private async showServerIssues(issues: readonly Ak1Issue[]) {
    const first = QUESTION_STEPS.find((step) => issues.some((issue) => stepOfField(String(issue.path[0])) === step));
    if (!first) return;
    await this.goTo(first, { change: true });
    this.attempted.add(first);
    this.showIssues(issues.filter((issue) => stepOfField(String(issue.path[0])) === first), true);
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  protected override render() {
    const t = this.catalogue;
    if (this.configError) {
      return html`<div class="ak1-root notice" role="alert" lang=${t.lang}>
        <p><strong>${t.ui.configError}</strong></p>
      </div>`;
    }
    if (!this.resolved) return nothing;
    if (this.restoring) return html`<p class="ak1-root" role="status" lang=${t.lang}>${t.form.loading}</p>`;
    const module = this.step === 'identity' ? { render: renderIdentity } : this.stepModules[this.step];
    const index = QUESTION_STEPS.indexOf(this.step as (typeof QUESTION_STEPS)[number]);
    return html`<div class="ak1-root" lang=${t.lang}>
      ${this.history.length && this.step !== 'done'
        ? html`<a class="back-link" part="back-link" href="#" @click=${(e: Event) => this.back(e)}>${t.form.back}</a>`
        : nothing}
      ${index >= 0
        ? html`<p class="progress-text" id="progress-text">${t.form.stepOf(index + 1, QUESTION_STEPS.length)}</p>
            <progress class="progress-bar" aria-hidden="true" value=${index + 1} max=${QUESTION_STEPS.length}></progress>`
        : nothing}
      ${this.step === 'identity' ? this.renderRemembered() : nothing}
      ${errorSummary({ t, j: this.journey }, this.summary, (path, event) => this.focusField(path, event))}
      ${module ? module.render(this) : this.renderStepLoading()}
      ${this.step !== 'done' ? this.renderDeviceControls() : nothing}
    </div>`;
  }

  private renderStepLoading() {
    const t = this.catalogue;
    if (this.submitState.kind === 'step-load-failed') {
      const step = this.submitState.step;
      return html`<div class="notice" role="alert">
        <p>${t.form.stepLoadFailed}</p>
        <button class="button" part="button" type="button" @click=${() => this.goTo(step)}>${t.form.tryAgain}</button>
      </div>`;
    }
    return html`<p role="status">${t.form.loading}</p>`;
  }

  protected override updated() {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = undefined;
    const root = this.renderRoot;
    const element =
      target === 'summary'
        ? root.querySelector<HTMLElement>('.error-summary')
        : target === 'heading'
          ? root.querySelector<HTMLElement>('.step-heading')
          : target === 'warnings'
            ? root.querySelector<HTMLElement>('.warning')
            : target === 'submit-status' || target === 'device-notice'
              ? root.querySelector<HTMLElement>(`#${target}`)
              : root.querySelector<HTMLElement>(`#${CSS.escape(target)}`);
    if (!element) return;
    if (!element.matches('input, select, textarea, button, a[href]')) element.setAttribute('tabindex', '-1');
    element.focus();
  }
}

/**
 * The input an issue leads to. Mostly the issue's own path (inputs are named by it); issues about a whole
 * group lead to its first input, and attachments to the photo step's rows.
 */
export function inputPathOf(path: readonly (string | number)[], attachments: Attachments): string {
  const [field, second, third] = path;
  switch (field) {
    case 'birthDate':
      return 'birthDate';
    case 'photo':
      return 'photo';
    case 'documents':
      if (typeof second === 'string') return `documents.${second}`;
      if (typeof second === 'number') return `documents.${attachments.documents[second]?.kind ?? ''}`;
      return 'photo';
    case 'disability':
      return second === undefined ? 'hasDisability' : second === 'note' ? 'disability.note' : 'disability.kinds';
    case 'languages':
    case 'consent':
      return field;
    case 'address':
      return second === undefined ? 'address.street' : `address.${second}`;
    case 'education':
    case 'skills':
    case 'workExperience': {
      const first = { education: 'level', skills: 'name', workExperience: 'employer' }[field];
      if (second === undefined) return `${field}.0.${first}`;
      return third === undefined ? `${field}.${second}.${first}` : path.join('.');
    }
    case 'jobPreferences':
      if (second === undefined || (second === 'positions' && path.length <= 3)) {
        return `jobPreferences.positions.${typeof third === 'number' ? third : 0}.title`;
      }
      if (second === 'expectedWage') return `jobPreferences.expectedWage.${path[2] === 'max' ? 'max' : 'min'}`;
      return path.join('.');
    default:
      return path.join('.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ak1-form': Ak1Form;
  }
}
