import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { OfficeController } from './app.js';

/** The screen's problem: an alert the controller focuses, above the form it belongs to. */
export function problemSummary(app: OfficeController, inLogin = false): TemplateResult | typeof nothing {
  // While the login shows in place, the problem is the login's; the screen under it stays as it was.
  if (!app.problem || (app.session.expired && !inLogin)) return nothing;
  return html`<div id="ak1-problem" class="problem" role="alert" tabindex="-1" part="error-summary">
    <p class="heading">${app.texts.errors.summaryTitle}</p>
    <p id="ak1-problem-text">${app.problem.text}</p>
  </div>`;
}

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string | undefined;
  type?: 'text' | 'password' | 'date' | 'search';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  wide?: boolean;
}

/** A labelled text input; it is marked invalid and described by the problem when the problem names it. */
export function textField(app: OfficeController, o: TextFieldOptions): TemplateResult {
  const invalid = app.problem?.field === o.id && !(app.session.expired && !LOGIN_FIELDS.has(o.id));
  const describedBy = [o.hint ? `${o.id}-hint` : '', invalid ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field ${invalid ? 'invalid' : ''}">
    <label for=${o.id} part="label">${o.label}</label>
    ${o.hint ? html`<span class="hint" id="${o.id}-hint" part="hint">${o.hint}</span>` : nothing}
    ${invalid
      ? html`<span class="error-message" id="${o.id}-error" part="error-message"
          ><span class="visually-hidden">${app.texts.errors.prefix} </span>${app.problem!.text}</span
        >`
      : nothing}
    <input
      id=${o.id}
      name=${o.id}
      part="input"
      class=${o.wide ? 'wide' : ''}
      type=${o.type ?? 'text'}
      .value=${o.value}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      spellcheck="false"
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy || undefined)}
      @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

/** The login's fields: the only ones a problem can name while the login shows in place. */
const LOGIN_FIELDS = new Set(['username', 'password', 'code', 'new-password', 'repeat-password']);

/** Runs a form's submit without a page load. */
export const onSubmit = (run: () => unknown) => (event: Event) => {
  event.preventDefault();
  void run();
};

/** A time of day (`HH:MM`) of an instant, where the office is. */
export function timeOf(iso: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  }
}

/** A date and time of an instant, where the office is: `2026-12-07 09:14`. */
export function dateTimeOf(iso: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { ...options, timeZone }).formatToParts(new Date(iso));
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', options).formatToParts(new Date(iso));
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
