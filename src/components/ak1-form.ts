import { LitElement, html, nothing, type CSSResult, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { id as indonesian, loadCatalogue, loadJourney, withTranslations, type Ak1Catalogue, type Ak1JourneyTexts, type Ak1Translations } from '../i18n/index.js';
import type { Ak1Application, Ak1Config, Ak1District, Ak1Issue, Ak1Registration, Ak1Warning } from '../schema/index.js';
import { AK1_FORM_OPTIONS } from '../schema/form-options.js';
import { optionProperties, readOptions, type OptionProperties } from '../schema/options.js';
import { ak1Event, type Ak1View } from './events.js';
import {
  REPEATABLE,
  clearNestedRegions,
  emptyAnswers,
  getAt,
  hasAnswers,
  inputPathOf,
  prefillFromNik,
  setAt,
  type Answers,
  type Attachments,
  type Prefilled,
} from './form/answers.js';
import { mergeConfig, officeFor, type ResolvedConfig } from './form/config.js';
import { DeviceController } from './form/device.js';
import type { EndpointChecks, EndpointProbe } from './form/endpoint.js';
import { errorSummary, type SummaryIssue } from './form/fields.js';
import { FocusController } from './form/focus.js';
import type { RestoredWork } from './form/persistence.js';
import type { RegionsController } from './form/regions.js';
import type { StepHost, RepeatablePath, SubmitState } from './form/step-host.js';
import { QUESTION_STEPS, STEP_FIELDS, STEP_IDS, stepOfField, type StepId } from './form/steps.js';
import { formStyles } from './form/styles.js';
import type { Outbox, SubmissionController } from './form/submission.js';
import type { Correction, FormInternals, StatusBridge } from './status/bridge.js';
import type { ValidationResult } from '../schema/validate.js';
import { renderIdentity } from './steps/identity.js';

/** The checks: the whole schema and its rules, and the configuration's, a chunk of their own (see `loadChecks`). */
type Checks = typeof import('./form/checks.js');

/** The checks once any form on the page has loaded them: a form made after that checks its configuration at once. */
let loadedChecks: Checks | undefined;

/** A step: its template, and styles of its own that join the form's when it loads. */
type StepModule = { render(host: StepHost): unknown; styles?: CSSResult };

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

/** The properties that make up the configuration. */
const CONFIG_PROPERTIES = ['config', 'districts', ...Object.keys(AK1_FORM_OPTIONS)];

const IDLE: SubmitState = { kind: 'idle' };


/**
 * Where the region lists are when `regions-url` is not set: the package's dist/region-data/, one folder up
 * from this module (dist/components/). That holds where the package's files are served as they are (a CDN,
 * an import map, Vite's dev server); a bundler's production build moves this code into its own chunk, so
 * there the app says where it serves the folder (docs/frameworks.md). The script-tag entry sets its own.
 */
let defaultRegionsUrl = new URL('../region-data/', import.meta.url).href;

/**
 * Sets where the region lists are for every `<ak1-form>` without `regions-url`, once for the whole app, e.g.
 * `setDefaultRegionsUrl('/region-data/')` where an app serves a copy of the package's dist/region-data/. A
 * relative URL is taken relative to the page.
 */
export function setDefaultRegionsUrl(url: string | URL) {
  defaultRegionsUrl = new URL(String(url), document.baseURI).href;
}

/** The options' properties (`endpoint`, `districtCode`, …), declared by the table in schema/form-options.ts. */
export interface Ak1Form extends Omit<OptionProperties<typeof AK1_FORM_OPTIONS>, 'lang'> {}

// Its attributes and their properties come from one table, `AK1_FORM_OPTIONS` (src/schema/form-options.ts).
// Behaviour lives in controllers under `form/`: focus, the device (drafts, outbox, leave guard), the
// submission (loaded with the check page) and the region lists; steps get a context object, not the element.
// (Not in the JSDoc below: that is the element's description in custom-elements.json, for its users.)
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
 * @fires ak1-view-change - The form switched between the registration and the status view; detail `{ view }`.
 * @fires ak1-lookup - The applicant looked up their registration; detail `{ status }`.
 * @fires ak1-correct - A correction was sent; detail `{ status }`.
 * @fires ak1-reschedule - Another visit day was booked; detail `{ status }`.
 * @fires ak1-cancel - The applicant cancelled the registration; detail `{ status }`.
 * @fires ak1-report - The six-monthly report was made; detail `{ status, kind }`.
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
 * @cssproperty --ak1-input-radius - The inputs' corner radius; default 0.
 * @cssproperty --ak1-button-radius - The buttons' corner radius; default 0.
 * @cssproperty --ak1-max-width - The form's widest width; default 40rem.
 */
export class Ak1Form extends LitElement {
  static override styles = [formStyles];

  static override properties = {
    ...optionProperties(AK1_FORM_OPTIONS),
    view: { reflect: true },
    config: { attribute: false },
    districts: { attribute: false },
    translations: { attribute: false },
  };

  /** `id` (default) or `en`. */
  declare lang: string;
  /**
   * `form` (default): the registration; `status`: the applicant's return visit (look up, status, correction,
   * another day, cancelling, the report, the card again). A district's own status page sets `view="status"`.
   */
  declare view: Ak1View | (string & {});
  /** All the attributes' settings as one object (partner portals and frameworks); attributes win over it. */
  declare config: Partial<Ak1Config> | undefined;
  /** A partner portal's districts, chosen by the applicant's domicile regency: `{ "36.04": { endpoint, … } }`. */
  declare districts: Record<string, Ak1District> | undefined;
  /** A district's own wording for some texts: a partial catalogue. */
  declare translations: Ak1Translations | undefined;

  @state() private step: StepId = 'identity';
  @state() private answers: Answers = emptyAnswers();
  @state() private errors: ReadonlyMap<string, string> = new Map();
  @state() private summary: SummaryIssue[] = [];
  @state() private warnings: Ak1Warning[] = [];
  @state() private catalogue: Ak1Catalogue = indonesian;
  @state() private registration: Ak1Registration | undefined;
  @state() private configError: string[] | undefined;
  @state() private stepModules: Partial<Record<StepId, StepModule>> = {};
  @state() private journey: Ak1JourneyTexts | undefined;
  /** A later step whose code could not be loaded (offline): offered again. */
  @state() private failedStep: StepId | undefined;
  /** `debug`'s setup self-check: its panel, made by its lazily loaded module. */
  @state() private selfCheckPanel: unknown;
  /** The status view, once its chunk has loaded. */
  @state() private status: StatusBridge | undefined;
  @state() private statusFailed = false;
  private statusLoading: Promise<void> | undefined;
  /** A correction under way in the form's steps (from the status view). */
  @state() private correction: Correction | undefined;

  private attachments: Attachments = { documents: [] };
  /** The application as sent, kept in memory for the card on the done screen. */
  private submittedApplication: Ak1Application | undefined;
  /**
   * The configuration: merged from defaults, `config` and attributes, and checked once the checks have loaded
   * (`configChecked`). Before that the first step renders from it, and nothing else uses it: every later step,
   * the status view and the submission wait for the checks (`loadChecks`, which checks it again on arrival).
   * Undefined when the check found a mistake (the notice shows).
   */
  private resolved: ResolvedConfig | undefined;
  private configChecked = false;
  private history: StepId[] = [];
  private attempted = new Set<StepId>();
  private returnToReview = false;
  private confirmedWarnings = '';
  private prefilled: Prefilled = {};
  private consentAcceptedAt: string | undefined;
  private loggedConfig = '';
  /**
   * The checks (the application's and the configuration's). The first step shows without them (the schema and
   * zod would be a third of what it downloads); they load right after it renders, and Continue waits for them.
   */
  private checks: Checks | undefined;
  private checksLoading: Promise<Checks> | undefined;
  /** The checks could not be fetched at Continue (offline): offered again. */
  @state() private checksFailed = false;
  /** The endpoint checks (made when first needed: their code loads then). */
  private endpoints: EndpointChecks | undefined;

  private readonly focusing = new FocusController(this);
  /** The region lists' controller: the address step makes it (its code loads with that step). */
  private regions: RegionsController | undefined;
  private readonly device = new DeviceController(this, {
    focus: this.focusing,
    snapshot: () => ({ answers: this.answers, consentAcceptedAt: this.consentAcceptedAt, step: this.step, attachments: this.attachments }),
    dirty: () => !this.correction && hasAnswers(this.answers, this.attachments),
    // A correction's answers are the office's record, looked up: never written to the device.
    finished: () => !!this.registration || !!this.correction,
    restore: (work) => this.restore(work),
    resend: (outbox) => this.resend(outbox),
    reconnected: () => void this.submissionLoading?.then((submission) => submission.reconnected()),
    cleared: () => this.reset(),
  });
  /** The submission controller (with the client): it loads when the check page or a queued outbox needs it. */
  private submission: SubmissionController | undefined;
  private submissionLoading: Promise<SubmissionController> | undefined;
  /** What the steps see of the form: one object, so steps may keep their own state keyed on it. */
  private readonly context: StepHost = this.makeContext();

  constructor() {
    super();
    this.lang = '';
    this.view = 'form';
    this.addEventListener('input', (event) => this.onInput(event));
    this.addEventListener('change', (event) => this.onInput(event));
  }

  // The configuration: defaults < `config` < attributes, checked by the schema once the checks are here.
  protected override willUpdate(changed: PropertyValues<this>) {
    const configChanged = CONFIG_PROPERTIES.some((name) => changed.has(name as keyof Ak1Form));
    if (!this.resolved || configChanged) this.applyConfig();
    else if (changed.has('translations')) void this.loadTexts();
    if (changed.has('view') && this.view === 'status' && this.resolved) void this.loadStatus();
    if (configChanged && this.status) {
      // Another district or endpoint: a lookup made with the old one is forgotten.
      this.status.leave();
      this.status = this.statusLoading = undefined;
      if (this.view === 'status') void this.loadStatus();
    }
  }

  private applyConfig() {
    const merged = mergeConfig(this.config, readOptions(AK1_FORM_OPTIONS, this), this.districts);
    this.checks ??= loadedChecks;
    if (!this.checks) {
      // The first step renders from the values as set; its checks load right after it (`firstUpdated`), and
      // `loadChecks` runs this again when they come: a mistake then replaces the form with the notice.
      this.resolved = merged.config;
      this.configChecked = false;
      this.configError = undefined;
      void this.loadTexts();
      return;
    }
    const result = this.checks.checkConfig(merged.config);
    if (!result.ok) {
      this.resolved = undefined;
      this.configChecked = false;
      this.configError = result.error.problems;
      // One log per distinct mistake, never an exception into the host page.
      if (this.loggedConfig !== result.error.message) {
        this.loggedConfig = result.error.message;
        console.error(result.error);
      }
      return;
    }
    this.configError = undefined;
    this.resolved = result.config;
    this.configChecked = true;
    if (result.config.debug) {
      // `debug`: the settings and where each came from, once per change; never personal data. Loaded only then.
      void import('./form/debug.js').then(({ configSummary }) => {
        const summary = configSummary(result.config, merged.sources);
        const logged = JSON.stringify(summary);
        if (this.loggedConfig !== logged) {
          this.loggedConfig = logged;
          console.info('ak1-form: configuration', summary);
          void import('./form/self-check.js').then(({ selfCheck }) =>
            selfCheck({
              lang: result.config.lang,
              endpoint: result.config.endpoint,
              regionsUrl: result.config.regionsUrl ?? defaultRegionsUrl,
              loadChunk: LATER_STEPS.contact,
              show: (panel) => (this.selfCheckPanel = this.resolved?.debug ? panel : undefined),
            }),
          );
        }
      });
    } else {
      this.selfCheckPanel = undefined;
    }
    void this.loadTexts();
  }

  private async loadTexts() {
    // Before the check, `lang` is as set (a `config` property may hold anything): only `en` is English.
    const lang = this.resolved?.lang === 'en' ? 'en' : 'id';
    const catalogue = await loadCatalogue(lang);
    this.catalogue = withTranslations(catalogue, this.translations);
    if (this.journey) this.journey = await loadJourney(lang, this.translations?.journey);
  }

  /** The office that will receive this application: for partner portals, the domicile regency's. Only once checked. */
  private get office(): Ak1District | undefined {
    return this.configChecked && this.resolved ? officeFor(this.resolved, this.answers.address.regencyCode) : undefined;
  }

  private makeContext(): StepHost {
    const form = this;
    return {
      get t() {
        return form.catalogue;
      },
      get j() {
        // Later steps render only after goTo() has loaded these.
        return form.journey!;
      },
      get answers() {
        return form.answers;
      },
      get errors() {
        return form.errors;
      },
      get warnings() {
        return form.warnings;
      },
      get settings() {
        return form.resolved!;
      },
      get office() {
        return form.office;
      },
      get attachments() {
        return form.attachments;
      },
      get submitState() {
        return form.correction?.state ?? form.submission?.state ?? IDLE;
      },
      get registration() {
        return form.registration;
      },
      get submittedApplication() {
        return form.submittedApplication;
      },
      lockedHint: (path) => this.status?.lockedHint(path),
      get renderRoot() {
        return form.renderRoot;
      },
      get regions() {
        return form.regions?.lookup;
      },
      useRegions: (make) => (this.regions ??= make(this, () => this.resolved?.regionsUrl ?? defaultRegionsUrl)),
      getClient: async () => {
        // The office is known once the configuration is checked.
        await this.loadChecks();
        const office = this.office;
        return office && (await this.loadSubmission()).clientFor(office.endpoint);
      },
      setAnswer: (path, value) => this.setAnswer(path, value),
      addRow: (path) => this.addRow(path),
      removeRow: (path, index) => this.removeRow(path, index),
      setAttachments: (attachments) => this.setAttachments(attachments),
      continue: (event) => void this.continue(event),
      goTo: (step, options) => void this.goTo(step, options),
      submit: (event) => {
        event?.preventDefault();
        if (this.correction) void this.status?.sendCorrection();
        else void this.loadSubmission().then((submission) => submission.submit());
      },
      focusField: (path, event) => this.focusing.toField(path, event),
      requestUpdate: () => this.requestUpdate(),
      dispatchEvent: (event) => this.dispatchEvent(event),
    };
  }

  // Answers: every input's `name` is its path in the answers, so one listener keeps them.
  private onInput(event: Event) {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)) return;
    const path = target.name;
    const current = path ? getAt(this.answers, path) : undefined;
    if (current === undefined) return;
    let value: unknown = target.value;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (typeof current === 'boolean') value = target.checked;
      else if (Array.isArray(current)) {
        value = target.checked ? [...new Set([...current, target.value])] : current.filter((v) => v !== target.value);
      }
    }
    this.setAnswer(path, value);
  }

  private setAnswer(path: string, value: unknown) {
    if (this.correction && this.status?.lockedHint(path)) {
      // Read-only, and not changeable here should an input event come anyway: it goes back to the value on record.
      this.requestUpdate();
      return;
    }
    let answers = setAt(this.answers, path, value);
    if (path === 'nik') answers = prefillFromNik(answers, this.prefilled);
    if (path.startsWith('address.')) answers = clearNestedRegions(answers, path);
    if (path === 'consent') this.consentAcceptedAt = value === true ? new Date().toISOString() : undefined;
    this.answers = answers;
    this.changed();
  }

  private addRow(path: RepeatablePath) {
    const rows = getAt(this.answers, path) as unknown[];
    const { empty, max } = REPEATABLE[path];
    if (rows.length >= max) return;
    this.answers = setAt(this.answers, path, [...rows, empty()]);
    this.device.keep();
    this.focusing.request({ field: `${path}.${rows.length}.${Object.keys(empty())[0]}` });
  }

  private removeRow(path: RepeatablePath, index: number) {
    const rows = getAt(this.answers, path) as unknown[];
    this.answers = setAt(this.answers, path, rows.filter((_, i) => i !== index));
    this.changed();
    this.focusing.request('heading');
  }

  private setAttachments({ photo, documents }: Attachments) {
    this.attachments = { photo, documents };
    this.changed();
    this.requestUpdate();
  }

  /** After any change to the answers: errors clear as they are fixed (once Continue was tried), and the work is kept. */
  private changed() {
    // Continue loaded the checks before it marked the step attempted.
    if (this.attempted.has(this.step) && this.checks) this.validateStep({ showSummary: false });
    this.device.keep();
  }

  /** The checks, loaded once; on arrival the configuration is checked, before anything waiting for them goes on. */
  private loadChecks(): Promise<Checks> {
    this.checksLoading ??= import('./form/checks.js').then(
      (checks) => {
        loadedChecks = checks;
        if (this.checks !== checks) {
          this.checks = checks;
          this.applyConfig();
          this.requestUpdate();
        }
        return checks;
      },
      (error: unknown) => {
        this.checksLoading = undefined;
        throw error;
      },
    );
    return this.checksLoading;
  }

  /** The application as the answers stand, checked with the district's rules (once `loadChecks` has them). */
  private validate(): ValidationResult {
    if (!this.checks) throw new Error('ak1-form: the checks have not loaded');
    const { validateApplication } = this.checks;
    const consent =
      this.correction?.consent ??
      (this.consentAcceptedAt && this.journey ? { noticeVersion: this.journey.privacy.version, acceptedAt: this.consentAcceptedAt } : undefined);
    return validateApplication(this.applicationInput(consent), {
      minAge: this.resolved?.minAge,
      // In a correction the documents sent before are kept by the office unless replaced.
      requiredDocuments: this.correction ? [] : this.resolved?.documents,
      regions: this.regions?.lookup,
    });
  }

  /** The application from the answers; in a correction, documents not replaced are left out (the office keeps them). */
  private applicationInput(consent: { noticeVersion: string; acceptedAt?: string } | undefined) {
    const input = this.checks!.toApplicationInput(this.answers, this.attachments, consent) as Record<string, unknown>;
    if (this.correction && !this.attachments.documents.length) delete input.documents;
    return input;
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
      if (summary.length) this.focusing.request('summary');
    } else {
      // After a failed Continue, the summary only shrinks as problems are fixed.
      this.summary = this.summary.filter((entry) => errors.has(entry.path));
    }
  }

  /** Problems found at submit (locally or by the server) take the applicant to the first step concerned. */
  private async showSubmitIssues(issues: readonly Ak1Issue[]) {
    const first = QUESTION_STEPS.find((step) => issues.some((issue) => stepOfField(String(issue.path[0])) === step));
    if (!first) return;
    await this.goTo(first, { change: true });
    this.attempted.add(first);
    this.showIssues(issues.filter((issue) => stepOfField(String(issue.path[0])) === first), true);
  }

  // Navigation.
  private async continue(event?: Event) {
    event?.preventDefault();
    const step = this.step;
    if (!this.checks) {
      try {
        await this.loadChecks();
        this.checksFailed = false;
      } catch {
        this.checksFailed = true;
        return;
      }
      // The applicant went elsewhere (Back) while they loaded, or the configuration has a mistake (the notice shows).
      if (this.step !== step || !this.configChecked) return;
    }
    this.attempted.add(step);
    if (!this.validateStep({ showSummary: true })) return;
    const warningKey = this.warnings.map((w) => w.code).join();
    if (warningKey && this.confirmedWarnings !== warningKey) {
      // Warnings are shown once for the applicant to check; continuing again confirms them.
      this.confirmedWarnings = warningKey;
      this.focusing.request('warnings');
      return;
    }
    const next = this.returnToReview ? 'review' : STEP_IDS[STEP_IDS.indexOf(this.step) + 1]!;
    this.returnToReview = false;
    await this.goTo(next);
  }

  private back(event?: Event) {
    event?.preventDefault();
    const previous = this.history.pop();
    if (previous) void this.goTo(previous, { fromBack: true });
  }

  /** Opens a step; `change` marks a Change link from the check page, so Continue returns there. */
  private async goTo(step: StepId, { fromBack = false, change = false, focus }: { fromBack?: boolean; change?: boolean; focus?: string } = {}) {
    if (step !== 'identity' && !this.configChecked) {
      // Past the first step everything runs on the checked configuration (a restored draft comes here directly).
      try {
        await this.loadChecks();
      } catch {
        this.failedStep = step;
        return;
      }
      if (!this.configChecked) return;
    }
    if (step !== 'identity' && (!this.stepModules[step] || !this.journey)) {
      try {
        const [module, journey] = await Promise.all([LATER_STEPS[step](), this.journey ?? loadJourney(this.resolved?.lang, this.translations?.journey)]);
        this.journey = journey;
        this.addStep(step, module);
        this.failedStep = undefined;
      } catch {
        this.failedStep = step;
        return;
      }
    }
    if (!fromBack && this.step !== step) this.history.push(this.step);
    if (step === 'done') this.history = [];
    this.returnToReview = change;
    this.step = step;
    this.checksFailed = false;
    this.summary = [];
    this.errors = new Map();
    this.warnings = [];
    // The heading, unless a Change link asked for its field.
    if (focus) this.focusing.request({ field: focus });
    this.focusing.request('heading');
    this.dispatchEvent(ak1Event('ak1-step-change', { step }));
    if (step !== 'done') this.device.keep();
    // The device forgets the submission only once its number is on the screen (form/submission.ts).
    if (step === 'done' && this.registration) void this.updateComplete.then(() => this.submission?.doneShown());
    this.prefetchAfter(step);
    // Past the first step, before the applicant types six more for nothing: is the endpoint a backend we may use?
    const endpoint = this.office?.endpoint;
    if (step !== 'identity' && step !== 'done' && endpoint) void this.checkEndpoint(endpoint);
  }

  /** Asks the endpoint (see form/endpoint.ts); `fresh` asks again (a submission just failed). */
  private async checkEndpoint(endpoint: string, fresh = false): Promise<EndpointProbe> {
    try {
      const { EndpointChecks } = await import('./form/endpoint.js');
      return await (this.endpoints ??= new EndpointChecks(this)).check(endpoint, fresh);
    } catch {
      return { kind: 'unreachable' };
    }
  }

  /** A lazily loaded step, with its own styles joining the shadow root's (constructable sheets: allowed by a strict CSP). */
  private addStep(step: StepId, module: StepModule) {
    const sheet = module.styles?.styleSheet;
    const root = this.renderRoot as ShadowRoot;
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.stepModules = { ...this.stepModules, [step]: module };
  }

  /** The next step's code loads while the applicant answers this one. */
  private prefetchAfter(step: StepId) {
    // The checks were asked for after the first render; this asks again if that load failed (offline then).
    if (step !== 'done') this.loadChecks().catch(() => undefined);
    const next = STEP_IDS[STEP_IDS.indexOf(step) + 1];
    if (next && next !== 'identity' && !this.stepModules[next]) {
      LATER_STEPS[next]()
        .then((module) => this.addStep(next, module))
        .catch(() => undefined);
    }
    if (!this.journey) {
      loadJourney(this.resolved?.lang, this.translations?.journey)
        .then((journey) => (this.journey ??= journey))
        .catch(() => undefined);
    }
  }

  protected override firstUpdated() {
    // The checks (with the configuration's) right after the first render, so their bytes come after the first
    // step is usable; the configuration is checked when they arrive. Offline, Continue offers them again.
    if (!this.checks) this.loadChecks().catch(() => undefined);
    // The next step's code and texts load once the applicant starts on this one: after the first step is
    // usable, and only for someone who is filling in the form.
    this.addEventListener('focusin', () => this.prefetchAfter(this.step), { once: true });
  }

  // The device and the submission: what the controllers ask of the form.

  /** Answers found on the device, already checked and shaped, back into the form on their step. */
  private async restore(work: RestoredWork) {
    this.answers = work.answers;
    this.consentAcceptedAt = work.consentAcceptedAt;
    if (work.attachments) this.attachments = work.attachments;
    // Back works from the restored step as it did before.
    this.history = work.step === 'identity' ? [] : STEP_IDS.slice(0, STEP_IDS.indexOf(work.step));
    await this.goTo(work.step, { fromBack: true });
  }

  /** A submission found on the device: the check page, and it is sent with its key. */
  private async resend(outbox: Outbox) {
    await this.goTo('review', { fromBack: true });
    (await this.loadSubmission()).resume(outbox);
  }

  /** After "Hapus data saya": the form starts again, empty. */
  private async reset() {
    this.answers = emptyAnswers();
    this.attachments = { documents: [] };
    this.consentAcceptedAt = undefined;
    this.submission?.forget();
    this.prefilled = {};
    this.confirmedWarnings = '';
    this.attempted.clear();
    this.history = [];
    await this.goTo('identity', { fromBack: true });
  }

  private loadSubmission(): Promise<SubmissionController> {
    // The submission validates the application: the checks come with it.
    this.submissionLoading ??= Promise.all([import('./form/submission.js'), this.loadChecks()]).then(([{ SubmissionController }]) => {
      this.submission = new SubmissionController(this, {
        focus: this.focusing,
        device: this.device,
        office: () => this.office,
        clientOptions: () => ({ minAge: this.resolved?.minAge, requiredDocuments: this.resolved?.documents }),
        validate: () => this.validate(),
        finish: async (application, registration) => {
          this.submittedApplication = application;
          this.registration = registration;
          await this.goTo('done');
        },
        showIssues: (issues) => this.showSubmitIssues(issues),
        checkEndpoint: async (endpoint) => (await this.checkEndpoint(endpoint, true)).kind,
      });
      return this.submission;
    });
    return this.submissionLoading;
  }

  // The status view (design.md, "The applicant comes back").

  /** Loads the status view's chunk and texts (once); its code joins the form through `status/bridge.ts`. */
  private loadStatus(): Promise<void> {
    // The bridge sets the element's private members: it is the element's own code, moved out of the first step.
    // A correction validates as the form does: the checks come with the view.
    return (this.statusLoading ??= Promise.all([import('./status/bridge.js'), this.loadChecks()])
      .then(async ([{ attachStatus }]) => {
        // A configuration with a mistake shows the notice, and the view waits for it to be put right.
        if (!this.configChecked) {
          this.statusLoading = undefined;
          return;
        }
        this.status = await attachStatus(this as unknown as FormInternals);
        this.statusFailed = false;
      })
      .catch(() => {
        this.statusLoading = undefined;
        this.statusFailed = true;
      }));
  }

  /** "Sudah mendaftar?": the status view, in place of the form (the form's answers stay as they are). */
  private openStatus(event?: Event) {
    event?.preventDefault();
    this.view = 'status';
    // The view's heading once it is there (its code may still be loading): the applicant asked for it.
    void this.loadStatus().then(() => this.focusing.request('heading'));
    this.dispatchEvent(ak1Event('ak1-view-change', { view: 'status' }));
  }

  /** Back to the registration: the lookup is forgotten. */
  private showForm() {
    this.status?.leave();
    this.view = 'form';
    this.focusing.request('heading');
    this.dispatchEvent(ak1Event('ak1-view-change', { view: 'form' }));
  }

  protected override render() {
    const t = this.catalogue;
    if (this.configError) {
      return html`<div class="ak1-root notice" role="alert" lang=${t.lang}>
        <p><strong>${t.ui.configError}</strong></p>
      </div>`;
    }
    if (!this.resolved) return nothing;
    if (this.view === 'status' && !this.correction) {
      return html`<div class="ak1-root" lang=${t.lang}>
        ${this.status?.render() ?? (this.statusFailed ? this.renderStepFailure(() => this.loadStatus()) : html`<p role="status">${t.form.loading}</p>`)}
      </div>`;
    }
    if (this.device.restoring) return html`<p class="ak1-root" role="status" lang=${t.lang}>${t.form.loading}</p>`;
    const module = this.step === 'identity' ? { render: renderIdentity } : this.stepModules[this.step];
    const index = QUESTION_STEPS.indexOf(this.step as (typeof QUESTION_STEPS)[number]);
    // The way back for someone who registered before: above the first step, below the done screen's card.
    const statusLink = html`<p class="status-link"><a href="#" @click=${(event: Event) => this.openStatus(event)}>${t.form.statusLink}</a></p>`;
    return html`<div class="ak1-root" lang=${t.lang}>
      ${this.selfCheckPanel ?? nothing}
      ${this.history.length && this.step !== 'done'
        ? html`<a class="back-link" part="back-link" href="#" @click=${(e: Event) => this.back(e)}>${t.form.back}</a>`
        : nothing}
      ${index >= 0
        ? html`<p class="progress-text" id="progress-text">${t.form.stepOf(index + 1, QUESTION_STEPS.length)}</p>
            <progress class="progress-bar" aria-hidden="true" value=${index + 1} max=${QUESTION_STEPS.length}></progress>`
        : nothing}
      ${this.step === 'identity' && !this.correction ? this.device.renderRemembered(t) : nothing}
      ${this.status?.renderCorrection() ?? nothing}
      ${this.step === 'identity' && !this.correction ? statusLink : nothing}
      ${this.step !== 'done' ? this.endpoints?.renderNotice(this.office?.endpoint, this.journey, this.submission?.state) : nothing}
      ${errorSummary({ t, j: this.journey }, this.summary, (path, event) => this.focusing.toField(path, event))}
      ${module && this.failedStep ? this.renderStepFailure(() => this.goTo(this.failedStep!)) : nothing}
      ${module && this.checksFailed ? this.renderStepFailure(() => this.continue()) : nothing}
      ${module ? module.render(this.context) : this.renderStepLoading()}
      ${this.step === 'done' ? statusLink : nothing}
      ${this.step !== 'done' && !this.correction ? this.device.renderControls(t.form.device) : nothing}
    </div>`;
  }

  private renderStepLoading() {
    return this.failedStep ? this.renderStepFailure(() => this.goTo(this.failedStep!)) : html`<p role="status">${this.catalogue.form.loading}</p>`;
  }

  /**
   * The next step's code could not be fetched. Shown above the step the applicant is still on (their answers stay
   * in view), or in its place when nothing else has loaded: after a registration, the done screen's number waits
   * behind this button (and the outbox stays on the device until it shows).
   */
  private renderStepFailure(retry: () => unknown) {
    const t = this.catalogue;
    return html`<div class="notice" role="alert">
      <p>${t.form.stepLoadFailed}</p>
      <button class="button" part="button" type="button" @click=${retry}>${t.form.tryAgain}</button>
    </div>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'ak1-form': Ak1Form;
  }
}
