/**
 * Registers `<ak1-form>`. Importing this module is its only effect; a second copy of ak1-form on the same
 * page warns and leaves the first one in place.
 */
import { Ak1Form } from './components/ak1-form.js';

export { Ak1Form };
// The events' detail types; importing them also brings their `addEventListener` typings into the program.
export type {
  Ak1FormEventMap,
  Ak1StepId,
  Ak1StepChangeDetail,
  Ak1SubmitDetail,
  Ak1SuccessDetail,
  Ak1ErrorDetail,
  Ak1CardReadyDetail,
  Ak1View,
  Ak1ViewChangeDetail,
  Ak1SelfEventDetail,
} from './components/events.js';
export { setDefaultRegionsUrl } from './components/ak1-form.js';

if (!customElements.get('ak1-form')) {
  customElements.define('ak1-form', Ak1Form);
} else {
  console.warn('ak1-form: <ak1-form> is already defined on this page; this copy does nothing.');
}
