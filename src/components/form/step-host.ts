import type { Ak1Catalogue, Ak1JourneyTexts } from '../../i18n/index.js';
import type { Ak1Client } from '../../client/index.js';
import type { Ak1Application, Ak1District, Ak1Registration, Ak1Warning } from '../../schema/index.js';
import type { Attachments } from './answers.js';
import type { ResolvedConfig } from './config.js';
import type { FieldContext } from './fields.js';
import type { RegionsController } from './regions.js';
import type { RegionLookup } from '../../regions/index.js';
import type { ReactiveControllerHost } from 'lit';
import type { StepId } from './steps.js';

/** The lists of answers the applicant can add rows to. */
export type RepeatablePath = 'education' | 'skills' | 'workExperience' | 'jobPreferences.positions';

/** Where the submission is: what the check page and the done screen show. */
export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'retrying'; until: number }
  /** Kept on the device; sent when the connection returns or the page is opened again. */
  | { kind: 'queued' }
  | { kind: 'failed'; code: string };

/**
 * What a step's template may read and do: a context object the form makes once and hands to each step (steps
 * are plain functions of it, so each can load as its own chunk). It is not the element: none of this is on
 * `<ak1-form>`'s public type. One object per form, so steps may key their own state on it (a WeakMap).
 */
export interface StepHost extends FieldContext {
  readonly settings: ResolvedConfig;
  /** The region lookup, once a step has made it (the check page and the card name regions with it). */
  readonly regions: RegionLookup | undefined;
  /**
   * The region lists' controller, made once by `make` (steps call `regionsOf(host)`, so its code loads with
   * them) from the form and the configured base URL.
   */
  useRegions(make: (form: ReactiveControllerHost, baseUrl: () => string) => RegionsController): RegionsController;
  readonly office: Ak1District | undefined;
  readonly warnings: Ak1Warning[];
  readonly attachments: Attachments;
  readonly submitState: SubmitState;
  readonly registration: Ak1Registration | undefined;
  readonly submittedApplication: Ak1Application | undefined;
  /**
   * In a correction (from the status view), why the field at `path` cannot be changed here (the NIK, the birth date:
   * the office changes them); `undefined` for every other field, and outside a correction. The step shows such a field
   * read-only, with this as its hint.
   */
  lockedHint(path: string): string | undefined;
  readonly t: Ak1Catalogue;
  /** The later steps' texts; loaded before any of those steps shows. */
  readonly j: Ak1JourneyTexts;
  /** The client for the applicant's office (loaded on first use); undefined when no office serves them. */
  getClient(): Promise<Ak1Client | undefined>;
  setAnswer(path: string, value: unknown): void;
  addRow(path: RepeatablePath): void;
  removeRow(path: RepeatablePath, index: number): void;
  setAttachments(attachments: Attachments): void;
  continue(event?: Event): void;
  /** Opens a step; `change` comes back to the check page after Continue; `focus` is the field to focus there. */
  goTo(step: StepId, options?: { change?: boolean; focus?: string }): void;
  submit(event?: Event): void;
  focusField(path: string, event?: Event): void;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}
