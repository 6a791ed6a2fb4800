import type { Ak1Catalogue } from '../../i18n/index.js';
import type { Ak1Issue, ValidationResult } from '../../schema/index.js';
import type { Ak1Reason } from '../../schema/lifecycle.js';
import type { Answers, Attachments, Prefilled } from '../form/answers.js';
import { inputPathOf } from '../form/answers.js';
import type { ResolvedConfig } from '../form/config.js';
import type { FocusController } from '../form/focus.js';
import type { SubmitState } from '../form/step-host.js';
import type { StepId } from '../form/steps.js';
import type { StepHost } from '../form/step-host.js';
import { regionsOf } from '../form/regions.js';
import { answersFromApplication, attachmentsFromApplication } from './answers.js';
import { StatusView, styles, type CorrectionStart } from './status-view.js';

/*
 * The status view joined to <ak1-form>. Everything here would otherwise sit in the element's own module, which
 * the first step loads: it is the form's side of the status view (opening it, the correction in the form's
 * steps), loaded with the view, so the first step's bundle stays within its budget.
 */

/**
 * A correction in the form's own steps: what the form held before (given back after), the office's reasons and
 * the consent on record, and the sending's state. Nothing of it is kept on the device.
 */
export interface Correction {
  saved: { answers: Answers; attachments: Attachments; consentAcceptedAt: string | undefined; prefilled: Prefilled };
  reasons: readonly Ak1Reason[];
  consent: { noticeVersion: string; acceptedAt: string } | undefined;
  state: SubmitState;
}

/** What the bridge reads and sets of the element (its private members: the element hands itself over). */
export interface FormInternals {
  answers: Answers;
  attachments: Attachments;
  consentAcceptedAt: string | undefined;
  prefilled: Prefilled;
  history: StepId[];
  attempted: Set<StepId>;
  step: StepId;
  summary: unknown[];
  errors: ReadonlyMap<string, string>;
  correction: Correction | undefined;
  view: string;
  readonly catalogue: Ak1Catalogue;
  readonly resolved: ResolvedConfig | undefined;
  readonly focusing: FocusController;
  /** The steps' context: the form's region lists are had through it, so the status view shares them. */
  readonly context: StepHost;
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  goTo(step: StepId, options?: { fromBack?: boolean; change?: boolean; focus?: string }): Promise<void>;
  showSubmitIssues(issues: readonly Ak1Issue[]): Promise<void>;
  validate(): ValidationResult;
  applicationInput(consent: Correction['consent']): Record<string, unknown>;
  showForm(): void;
}

const IDLE: SubmitState = { kind: 'idle' };

/** Makes the view for a form (its styles join the form's shadow root) once its texts have loaded. */
export async function attachStatus(form: FormInternals): Promise<StatusBridge> {
  const root = form.renderRoot as ShadowRoot;
  const sheet = styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const bridge = new StatusBridge(form);
  await bridge.view.load();
  return bridge;
}

export class StatusBridge {
  readonly view: StatusView;

  constructor(private readonly form: FormInternals) {
    this.view = new StatusView({
      get t() {
        return form.catalogue;
      },
      get settings() {
        return form.resolved!;
      },
      get renderRoot() {
        return form.renderRoot;
      },
      focus: form.focusing,
      requestUpdate: () => form.requestUpdate(),
      dispatchEvent: (event) => form.dispatchEvent(event),
      showForm: () => form.showForm(),
      startCorrection: (start) => this.startCorrection(start),
      regions: () => regionsOf(form.context).use(),
    });
  }

  render() {
    return this.view.render();
  }

  /** The status view closes: a correction under way ends, the lookup is forgotten. */
  leave() {
    this.endCorrection();
    this.view.leave();
  }

  /** A correction in the form's own steps: the application into the answers, the check page first. */
  private async startCorrection(start: CorrectionStart) {
    const form = this.form;
    const consent = start.application.consent as { noticeVersion?: unknown; acceptedAt?: unknown } | undefined;
    const current = form.correction;
    form.correction = {
      saved: current?.saved ?? { answers: form.answers, attachments: form.attachments, consentAcceptedAt: form.consentAcceptedAt, prefilled: form.prefilled },
      reasons: start.reasons,
      consent:
        typeof consent?.noticeVersion === 'string' && typeof consent.acceptedAt === 'string'
          ? { noticeVersion: consent.noticeVersion, acceptedAt: consent.acceptedAt }
          : undefined,
      state: IDLE,
    };
    // After the session ended and a new lookup, what was typed so far stays; the first time, the record's.
    if (!current) {
      form.answers = answersFromApplication(start.application);
      form.attachments = attachmentsFromApplication(start.application);
      form.consentAcceptedAt = form.correction.consent?.acceptedAt;
      form.prefilled = {};
    }
    form.view = 'form';
    form.history = [];
    await form.goTo('review', { fromBack: true });
  }

  /** The correction is over (sent, or given up): the form's own answers come back, on the first step. */
  private endCorrection() {
    const form = this.form;
    const saved = form.correction?.saved;
    form.correction = undefined;
    if (!saved) return;
    form.answers = saved.answers;
    form.attachments = saved.attachments;
    form.consentAcceptedAt = saved.consentAcceptedAt;
    form.prefilled = saved.prefilled;
    form.history = [];
    form.attempted.clear();
    form.step = 'identity';
    form.summary = [];
    form.errors = new Map();
  }

  /** "Batal memperbaiki": back to the status, nothing sent. */
  private stopCorrection() {
    this.endCorrection();
    this.view.stopCorrection();
    this.form.view = 'status';
  }

  /** The check page's Kirim in a correction: validated as a new application, then sent with `correct`. */
  async sendCorrection() {
    const form = this.form;
    const correction = form.correction;
    if (!correction || correction.state.kind === 'sending') return;
    const result = form.validate();
    if (!result.ok) {
      await form.showSubmitIssues(result.issues);
      return;
    }
    form.correction = { ...correction, state: { kind: 'sending' } };
    const outcome = await this.view.sendCorrection(form.applicationInput(correction.consent));
    if (!form.correction) return;
    if (outcome.kind === 'sent') {
      this.endCorrection();
      form.view = 'status';
      form.focusing.request('submit-status');
    } else if (outcome.kind === 'expired') {
      // Look up again; what was typed stays in memory and the correction goes on after it.
      form.correction = { ...form.correction, state: IDLE };
      form.view = 'status';
    } else if (outcome.kind === 'issues') {
      form.correction = { ...form.correction, state: IDLE };
      await form.showSubmitIssues(outcome.issues);
    } else {
      form.correction = { ...form.correction, state: { kind: 'failed', code: 'server' } };
      form.focusing.request('submit-status');
    }
  }

  /** In a correction, why the field at `path` cannot be changed here; `undefined` for the others (`StepHost.lockedHint`). */
  lockedHint(path: string): string | undefined {
    return this.form.correction ? this.view.lockedHint(path) : undefined;
  }

  /** Above each step of a correction: the banner with the office's reasons for it. */
  renderCorrection() {
    const form = this.form;
    const correction = form.correction;
    if (!correction) return undefined;
    return this.view.renderCorrection({
      step: form.step,
      reasons: correction.reasons,
      failed: correction.state.kind === 'failed',
      goTo: (step, path) => void form.goTo(step, { change: true, focus: inputPathOf(path, form.attachments) }),
      stop: () => this.stopCorrection(),
    });
  }
}
