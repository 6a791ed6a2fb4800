import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Ak1Catalogue, Ak1JourneyTexts } from '../../i18n/index.js';
import { messageText } from '../../i18n/messages.js';
import { getAt, type Answers } from './answers.js';

/*
 * Native inputs in the GOV.UK pattern: label, hint, error message with a hidden prefix, the input with
 * `aria-invalid` and `aria-describedby`. Every input's `name` is its path in the answers (and in the
 * application), so the form updates answers from any input event in one place and an issue's path finds
 * its input. Ids are `f-<path>`.
 */

export interface FieldContext {
  t: Ak1Catalogue;
  /** The later steps' texts, once loaded (their fields' messages are there). */
  readonly j?: Ak1JourneyTexts;
  answers: Answers;
  /** Message keys of the fields with a problem, by path (`address.postalCode`, `education.0.level`). */
  errors: ReadonlyMap<string, string>;
}

export const fieldId = (path: string) => `f-${path}`;
export const hintId = (path: string) => `h-${path}`;
export const errorId = (path: string) => `e-${path}`;

// The one fallback chain for message keys lives in i18n; the form's templates take it from here.
export { messageText };

interface Described {
  path: string;
  hint?: string | TemplateResult | undefined;
}

function describedBy(ctx: FieldContext, { path, hint }: Described): string | undefined {
  const ids = [hint ? hintId(path) : '', ctx.errors.has(path) ? errorId(path) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function hintAndError(ctx: FieldContext, { path, hint }: Described) {
  const error = ctx.errors.get(path);
  return html`${hint ? html`<div class="hint" id=${hintId(path)} part="hint">${hint}</div>` : nothing}${error
    ? html`<p class="error-message" id=${errorId(path)} part="error-message">
        <span class="visually-hidden">${ctx.t.form.errorPrefix}</span> ${messageText(ctx, error)}
      </p>`
    : nothing}`;
}

function label(ctx: FieldContext, text: string, optional: boolean | undefined, forId: string) {
  return html`<label class="label" for=${forId} part="label"
    >${text}${optional ? html`${' '}<span class="optional">${ctx.t.form.optional}</span>` : nothing}</label
  >`;
}

export interface TextFieldOptions extends Described {
  label: string;
  optional?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal';
  type?: 'text' | 'tel' | 'email';
  /** Width in characters, as GOV.UK's width classes: the box's size hints at the answer's length. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  spellcheck?: boolean;
  maxlength?: number;
  list?: string;
  /** Shown, not changeable here (a correction's NIK): the hint says why. */
  readonly?: boolean;
}

export function textField(ctx: FieldContext, o: TextFieldOptions): TemplateResult {
  const id = fieldId(o.path);
  const invalid = ctx.errors.has(o.path);
  return html`<div class="field ${invalid ? 'field-error' : ''}">
    ${label(ctx, o.label, o.optional, id)} ${hintAndError(ctx, o)}
    <input
      class="input ${o.width ? `width-${o.width}` : ''}"
      part="input"
      id=${id}
      name=${o.path}
      type=${o.type ?? 'text'}
      inputmode=${ifDefined(o.inputmode)}
      autocomplete=${o.autocomplete ?? 'off'}
      spellcheck=${o.spellcheck === false ? 'false' : 'true'}
      maxlength=${ifDefined(o.maxlength)}
      list=${ifDefined(o.list)}
      ?readonly=${o.readonly}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(ctx, o))}
      .value=${live(String(getAt(ctx.answers, o.path) ?? ''))}
    />
  </div>`;
}

export interface SelectFieldOptions extends Described {
  label: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  /** The first, empty choice ("Pilih …"). */
  placeholder: string;
  optional?: boolean;
  autocomplete?: string;
  disabled?: boolean;
}

export function selectField(ctx: FieldContext, o: SelectFieldOptions): TemplateResult {
  const id = fieldId(o.path);
  const invalid = ctx.errors.has(o.path);
  const value = String(getAt(ctx.answers, o.path) ?? '');
  return html`<div class="field ${invalid ? 'field-error' : ''}">
    ${label(ctx, o.label, o.optional, id)} ${hintAndError(ctx, o)}
    <select
      class="select"
      part="input"
      id=${id}
      name=${o.path}
      autocomplete=${o.autocomplete ?? 'off'}
      ?disabled=${o.disabled}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(ctx, o))}
    >
      <option value="" ?selected=${value === ''}>${o.placeholder}</option>
      ${o.options.map(([optionValue, text]) => html`<option value=${optionValue} ?selected=${optionValue === value}>${text}</option>`)}
    </select>
  </div>`;
}

export interface ChoiceOptions extends Described {
  legend: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  optional?: boolean;
  inline?: boolean;
  /** Checkboxes (the answer is a list) instead of radios. */
  multiple?: boolean;
  /** Shown under a chosen option (GOV.UK conditional reveal). */
  conditional?: Partial<Record<string, TemplateResult>>;
}

export function choiceField(ctx: FieldContext, o: ChoiceOptions): TemplateResult {
  const invalid = ctx.errors.has(o.path);
  const value = getAt(ctx.answers, o.path);
  const chosen = (option: string) =>
    Array.isArray(value) ? value.includes(option) : typeof value === 'boolean' ? value && option === 'true' : value === option;
  return html`<div class="field ${invalid ? 'field-error' : ''}">
    <fieldset class="fieldset" aria-describedby=${ifDefined(describedBy(ctx, o))}>
      <legend class="legend" part="label">
        ${o.legend}${o.optional ? html`${' '}<span class="optional">${ctx.t.form.optional}</span>` : nothing}
      </legend>
      ${hintAndError(ctx, o)}
      <div class="choices ${o.inline ? 'choices-inline' : ''}">
        ${o.options.map(
          ([optionValue, text], i) => html`<div class="choice">
              <input
                class="choice-input"
                id=${i === 0 ? fieldId(o.path) : `${fieldId(o.path)}-${optionValue}`}
                name=${o.path}
                type=${o.multiple ? 'checkbox' : 'radio'}
                value=${optionValue}
                .checked=${live(chosen(optionValue))}
              />
              <label class="choice-label" for=${i === 0 ? fieldId(o.path) : `${fieldId(o.path)}-${optionValue}`}>${text}</label>
            </div>
            ${chosen(optionValue) && o.conditional?.[optionValue] ? html`<div class="conditional">${o.conditional[optionValue]}</div>` : nothing}`,
        )}
      </div>
    </fieldset>
  </div>`;
}

/** The birth date as day, month and year boxes with `bday-*` autocomplete (GOV.UK date input). */
export function dateField(ctx: FieldContext, o: { path: string; legend: string; hint: string; readonly?: boolean }): TemplateResult {
  const invalid = ctx.errors.has(o.path);
  const t = ctx.t.form;
  const part = (name: 'day' | 'month' | 'year', text: string, autocomplete: string, width: 2 | 4) => {
    const id = name === 'day' ? fieldId(o.path) : `${fieldId(o.path)}-${name}`;
    return html`<div class="date-part">
      <label class="label date-label" for=${id}>${text}</label>
      <input
        class="input width-${width}"
        part="input"
        id=${id}
        name=${`${o.path}.${name}`}
        inputmode="numeric"
        autocomplete=${autocomplete}
        maxlength=${name === 'year' ? 4 : 2}
        ?readonly=${o.readonly}
        aria-invalid=${invalid ? 'true' : 'false'}
        .value=${live(String(getAt(ctx.answers, `${o.path}.${name}`) ?? ''))}
      />
    </div>`;
  };
  return html`<div class="field ${invalid ? 'field-error' : ''}">
    <fieldset class="fieldset" role="group" aria-describedby=${ifDefined(describedBy(ctx, { path: o.path, hint: o.hint }))}>
      <legend class="legend" part="label">${o.legend}</legend>
      ${hintAndError(ctx, { path: o.path, hint: o.hint })}
      <div class="date">
        ${part('day', t.day, 'bday-day', 2)} ${part('month', t.month, 'bday-month', 2)} ${part('year', t.year, 'bday-year', 4)}
      </div>
    </fieldset>
  </div>`;
}

export interface SummaryIssue {
  path: string;
  key: string;
}

/** The error summary: focused when it appears; each link focuses its field. */
export function errorSummary(
  texts: { t: Ak1Catalogue; j?: Ak1JourneyTexts | undefined },
  issues: readonly SummaryIssue[],
  onLink: (path: string, event: Event) => void,
) {
  if (!issues.length) return nothing;
  const t = texts.t;
  return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
    <div role="alert">
      <h2 class="error-summary-title" id="error-summary-title">${t.form.errorSummaryTitle}</h2>
      <ul class="error-summary-list">
        ${issues.map(
          (issue) => html`<li>
            <a href=${`#${fieldId(issue.path)}`} @click=${(event: Event) => onLink(issue.path, event)}>${messageText(texts, issue.key)}</a>
          </li>`,
        )}
      </ul>
    </div>
  </div>`;
}
