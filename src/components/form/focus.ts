import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fieldId } from './fields.js';

/** Where focus may go after a render. */
export type FocusTarget = 'summary' | 'warnings' | 'device-notice' | 'submit-status' | 'heading' | { field: string };

/**
 * What wins when one change asks for several (a server problem opens a step, then shows its summary; "Hapus
 * data saya" opens the first step, then says it is done): the first in this list that is on the page.
 */
const PRIORITY = ['summary', 'warnings', 'device-notice', 'submit-status', 'field', 'heading'] as const;

const SELECTORS: Record<Exclude<FocusTarget, { field: string }>, string> = {
  summary: '.error-summary',
  warnings: '.warning',
  'device-notice': '#device-notice',
  'submit-status': '#submit-status',
  heading: '.step-heading',
};

/**
 * Moves focus after a render, from one place: the form and its controllers ask (`request`), and after the
 * next update the highest-priority target that rendered takes focus. Elements that are not focusable get
 * `tabindex="-1"` for it, removed again on blur so a later click or Tab does not land there (GOV.UK
 * Frontend's `setFocus`).
 */
export class FocusController implements ReactiveController {
  private requested: FocusTarget[] = [];

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  /** Asks for focus on `target` after the next render. */
  request(target: FocusTarget) {
    this.requested.push(target);
    this.host.requestUpdate();
  }

  hostUpdated() {
    if (!this.requested.length) return;
    const requested = this.requested;
    this.requested = [];
    for (const kind of PRIORITY) {
      for (const target of requested) {
        if ((typeof target === 'object' ? 'field' : target) !== kind) continue;
        if (typeof target === 'object' ? this.toField(target.field) : this.toElement(this.find(SELECTORS[target as keyof typeof SELECTORS]))) return;
      }
    }
  }

  /**
   * Focuses a field now (an error summary link, a Change link): GOV.UK brings the label or legend into view
   * with the field, then focuses without scrolling again. Returns whether the field was there.
   */
  toField(path: string, event?: Event): boolean {
    event?.preventDefault();
    const input = this.find(`#${CSS.escape(fieldId(path))}`);
    if (!input) return false;
    const root = this.host.renderRoot;
    const label = input.closest('fieldset')?.querySelector('legend') ?? root.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    (label ?? input).scrollIntoView?.({ block: 'start' });
    input.focus({ preventScroll: true });
    return true;
  }

  private find(selector: string): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(selector);
  }

  private toElement(element: HTMLElement | null): boolean {
    if (!element) return false;
    if (!element.matches('input, select, textarea, button, a[href]') && !element.hasAttribute('tabindex')) {
      element.setAttribute('tabindex', '-1');
      element.addEventListener('blur', () => element.removeAttribute('tabindex'), { once: true });
    }
    element.focus();
    return true;
  }
}
