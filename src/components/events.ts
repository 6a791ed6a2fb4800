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

/** The events `<ak1-form>` fires, by name: for `addEventListener` and frameworks' typings. */
export interface Ak1FormEventMap {
  'ak1-step-change': CustomEvent<Ak1StepChangeDetail>;
  /** Cancelable, fired before sending; the detail is the validated application. */
  'ak1-submit': CustomEvent<Ak1SubmitDetail>;
  'ak1-success': CustomEvent<Ak1SuccessDetail>;
  'ak1-error': CustomEvent<Ak1ErrorDetail>;
  'ak1-card-ready': CustomEvent<Ak1CardReadyDetail>;
}

export function ak1Event<T>(type: keyof Ak1FormEventMap, detail: T, cancelable = false): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  // HTMLElementEventMap and DocumentEventMap extend this one: `el.addEventListener('ak1-success', …)` is typed.
  interface GlobalEventHandlersEventMap extends Ak1FormEventMap {}
}
