import type { Ak1Application, Ak1Registration } from '../schema/index.js';
import type { StepId } from './form/steps.js';

/*
 * The events of <ak1-form>: bubbling, composed and typed. Only `ak1-submit` carries personal data (for the
 * host's own code); the others are safe for analytics. Internal events (the photo step's `ak1-media-change`)
 * neither bubble nor cross the shadow root. The entries (`ak1-form/element`, `ak1-form`) re-export these
 * types, which also brings the event map below into a TypeScript user's program.
 */

/** A step of the journey: `identity`, `contact`, `education`, `work`, `documents`, `visit`, `consent`, `review`, `done`. */
export type Ak1StepId = StepId;

export interface Ak1StepChangeDetail {
  step: Ak1StepId;
}
/** `ak1-submit`'s detail: the validated application, about to be sent (personal data: for the host's own code). */
export type Ak1SubmitDetail = Ak1Application;
/** `ak1-success`'s detail: the backend's registration (its number, the visit, the card's dates). */
export type Ak1SuccessDetail = Ak1Registration;
export interface Ak1ErrorDetail {
  /** The error's class name, e.g. `Ak1NetworkError`. */
  name: string;
  /** A message key or problem type, never personal data. */
  code: string;
}
export interface Ak1CardReadyDetail {
  fileName: string;
  byteLength: number;
}

/** Which of its views `<ak1-form>` shows: the registration form, or the applicant's return visit. */
export type Ak1View = 'form' | 'status';
export interface Ak1ViewChangeDetail {
  view: Ak1View;
}
/**
 * The status view's events (`ak1-lookup`, `ak1-correct`, `ak1-reschedule`, `ak1-cancel`, `ak1-report`): the
 * registration's status after the lookup or the action, and for a report its kind. Never the number, the NIK or
 * the access code.
 */
export interface Ak1SelfEventDetail {
  /** The registration's status now, e.g. `RECEIVED`, `CANCELLED`. */
  status: string;
  /** `ak1-report` only: `seeking` or `placed`. */
  kind?: 'seeking' | 'placed';
}

/** The events `<ak1-form>` fires, by name: for `addEventListener` and frameworks' typings. */
export interface Ak1FormEventMap {
  'ak1-step-change': CustomEvent<Ak1StepChangeDetail>;
  /** Cancelable, fired before sending; the detail is the validated application. */
  'ak1-submit': CustomEvent<Ak1SubmitDetail>;
  'ak1-success': CustomEvent<Ak1SuccessDetail>;
  'ak1-error': CustomEvent<Ak1ErrorDetail>;
  'ak1-card-ready': CustomEvent<Ak1CardReadyDetail>;
  /** The form switched between the registration form and the status view. */
  'ak1-view-change': CustomEvent<Ak1ViewChangeDetail>;
  /** The applicant looked up their registration. */
  'ak1-lookup': CustomEvent<Ak1SelfEventDetail>;
  /** A correction was sent (the status is back to `RECEIVED`). */
  'ak1-correct': CustomEvent<Ak1SelfEventDetail>;
  /** Another visit day was booked. */
  'ak1-reschedule': CustomEvent<Ak1SelfEventDetail>;
  /** The applicant cancelled the registration. */
  'ak1-cancel': CustomEvent<Ak1SelfEventDetail>;
  /** The six-monthly report was made. */
  'ak1-report': CustomEvent<Ak1SelfEventDetail>;
}

export function ak1Event<T>(type: keyof Ak1FormEventMap, detail: T, cancelable = false): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  // HTMLElementEventMap and DocumentEventMap extend this one: `el.addEventListener('ak1-success', …)` is typed.
  interface GlobalEventHandlersEventMap extends Ak1FormEventMap {}
}
