import type { Ak1Application, Ak1Registration } from '../schema/index.js';
import type { StepId } from './form/steps.js';

/*
 * The events of <ak1-form>: bubbling, composed and typed. Only `ak1-submit` carries personal data (for the
 * host's own code); the others are safe for analytics.
 */

export interface Ak1StepChangeDetail {
  step: StepId;
}
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

export function ak1Event<T>(type: string, detail: T, cancelable = false): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ak1-step-change': CustomEvent<Ak1StepChangeDetail>;
    /** Cancelable, fired before sending; the detail is the validated application. */
    'ak1-submit': CustomEvent<Ak1Application>;
    'ak1-success': CustomEvent<Ak1Registration>;
    'ak1-error': CustomEvent<Ak1ErrorDetail>;
    'ak1-card-ready': CustomEvent<Ak1CardReadyDetail>;
  }
}
