import { html, nothing, type TemplateResult } from 'lit';
import { messageText } from './fields.js';
import type { StepHost } from './step-host.js';

/** Options as `[code, label]` pairs from a catalogue's labels, in the code list's order. */
export function optionsOf<T extends string>(codes: readonly T[], labels: Record<T, string>): Array<readonly [T, string]> {
  return codes.map((code) => [code, labels[code]] as const);
}

/**
 * A question step: the heading (focused when the step opens), the fields, warnings to confirm, and Continue.
 * Native `<form>` so Enter submits; `novalidate` because validation is ours.
 */
export function questionStep(host: StepHost, title: string, content: TemplateResult, intro?: TemplateResult | string): TemplateResult {
  const t = host.t;
  return html`<form part="form" novalidate @submit=${(event: Event) => host.continue(event)}>
    <h2 class="step-heading" part="step-heading">${title}</h2>
    ${intro ? html`<div class="intro">${intro}</div>` : nothing} ${content} ${warningsPanel(host)}
    <div class="actions">
      <button class="button" part="button" type="submit">${host.warnings.length ? t.form.confirmAndContinue : t.form.continue}</button>
    </div>
  </form>`;
}

/** Warnings are shown for the applicant to check, not to fix: continuing again confirms them. */
export function warningsPanel(host: StepHost) {
  if (!host.warnings.length) return nothing;
  return html`<div class="warning" role="status" tabindex="-1">
    <p><strong>${host.t.form.checkThis}</strong></p>
    <ul>
      ${host.warnings.map((warning) => html`<li>${messageText(host, warning.code)}</li>`)}
    </ul>
  </div>`;
}

/** The "add another" pattern: each row in a box with its own Remove button, then Add. */
export function repeatable<T>(
  host: StepHost,
  options: {
    rows: readonly T[];
    legend: (index: number) => string;
    row: (row: T, index: number) => TemplateResult;
    /** Whether the first row can be removed (not for a required list). */
    firstRemovable: boolean;
    addLabel: string;
    onAdd: () => void;
    onRemove: (index: number) => void;
    max: number;
  },
): TemplateResult {
  const t = host.t;
  return html`${options.rows.map(
      (row, index) => html`<fieldset class="fieldset repeat">
        <legend class="legend">${options.legend(index)}</legend>
        ${options.row(row, index)}
        ${index > 0 || options.firstRemovable
          ? html`<button class="link-button" type="button" @click=${() => options.onRemove(index)}>
              ${t.form.remove}<span class="visually-hidden"> ${options.legend(index)}</span>
            </button>`
          : nothing}
      </fieldset>`,
    )}
    ${options.rows.length < options.max
      ? html`<button class="button button-secondary" part="button-secondary" type="button" @click=${options.onAdd}>${options.addLabel}</button>`
      : nothing}`;
}
