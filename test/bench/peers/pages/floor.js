// The floor: the least a page can ship for this step and still be a real form. One Lit element renders the 20
// controls with labels, hints and the disability's conditional part; zod/mini checks them on submit and the
// errors show beside their fields. No steps after this one, no texts in other languages, no saving.
import { css, html, LitElement, nothing } from 'lit';
import * as z from 'zod/mini';
import step from '../build/definitions/floor.json';

const digits = ([min, max]) => z.string().check(z.regex(new RegExp(`^\\d{${min},${max}}$`)));

function schemaOf(fields) {
  const shape = {};
  for (const field of fields) {
    let type =
      field.kind === 'checkboxes'
        ? z.array(z.enum(field.options.map(([value]) => value))).check(z.minLength(1))
        : field.options
          ? z.enum(field.options.map(([value]) => value))
          : field.kind === 'date'
            ? z.iso.date()
            : field.digits
              ? digits(field.digits)
              : z.string().check(z.minLength(1), z.maxLength(field.maxlength ?? 500));
    shape[field.name] = field.required && !field.shownWhen ? type : z.optional(type);
  }
  return z.object(shape);
}
const schema = schemaOf(step.fields);

class FloorStep extends LitElement {
  static properties = { errors: { state: true }, values: { state: true } };
  static styles = css`
    :host { display: block; font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; }
    .field { margin: 0 0 1rem; border: 0; padding: 0; }
    label, legend { display: block; font-weight: 600; }
    .hint { color: #555; margin: 0; }
    .error { color: #b00020; margin: 0; }
    input[type='text'], input[type='date'], select, textarea { font: inherit; padding: 0.4rem; border: 2px solid #333; width: 100%; box-sizing: border-box; }
    fieldset label { font-weight: 400; display: inline-flex; gap: 0.4rem; margin-right: 1rem; }
    button { font: inherit; padding: 0.6rem 1.2rem; }
  `;

  constructor() {
    super();
    this.values = {};
    this.errors = {};
  }

  set(name, value) {
    this.values = { ...this.values, [name]: value };
  }

  submit(event) {
    event.preventDefault();
    const shown = Object.fromEntries(Object.entries(this.values).filter(([name, value]) => value !== '' && this.shown(name)));
    const result = schema.safeParse({ ...shown, nik: shown.nik?.replace(/\s/g, ''), kkNumber: shown.kkNumber?.replace(/\s/g, '') });
    this.errors = result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], true]));
  }

  shown(name) {
    const field = step.fields.find((f) => f.name === name);
    return !field.shownWhen || this.values[field.shownWhen[0]] === field.shownWhen[1];
  }

  control(field) {
    const on = (event) => this.set(field.name, event.target.value);
    const described = `${field.name}-hint`;
    switch (field.kind) {
      case 'radio':
      case 'checkboxes': {
        const multiple = field.kind === 'checkboxes';
        const chosen = this.values[field.name] ?? (multiple ? [] : '');
        const toggle = (value) => (event) =>
          this.set(field.name, multiple ? (event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value)) : value);
        return html`<fieldset class="field" aria-describedby=${described}>
          <legend>${field.label}</legend>
          ${field.options.map(
            ([value, text]) => html`<label><input type=${multiple ? 'checkbox' : 'radio'} name=${field.name} .checked=${multiple ? chosen.includes(value) : chosen === value} @change=${toggle(value)} />${text}</label>`,
          )}
          ${this.extra(field)}
        </fieldset>`;
      }
      case 'select':
        return html`<div class="field">
          <label for=${field.name}>${field.label}</label>
          <select id=${field.name} @change=${on} aria-describedby=${described}>
            <option value="">${step.choose}</option>
            ${field.options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
          </select>
          ${this.extra(field)}
        </div>`;
      default:
        return html`<div class="field">
          <label for=${field.name}>${field.label}</label>
          ${field.kind === 'textarea'
            ? html`<textarea id=${field.name} maxlength=${field.maxlength} @input=${on} aria-describedby=${described}></textarea>`
            : html`<input id=${field.name} type=${field.kind === 'date' ? 'date' : 'text'} inputmode=${field.digits ? 'numeric' : nothing} maxlength=${field.maxlength ?? nothing} @input=${on} aria-describedby=${described} />`}
          ${this.extra(field)}
        </div>`;
    }
  }

  extra(field) {
    return html`${field.hint ? html`<p class="hint" id=${`${field.name}-hint`}>${field.hint}</p>` : nothing}
    ${this.errors[field.name] ? html`<p class="error" role="alert">${field.label}</p>` : nothing}`;
  }

  render() {
    return html`<form @submit=${this.submit} novalidate>
      <h2>${step.title}</h2>
      ${step.fields.filter((field) => this.shown(field.name)).map((field) => this.control(field))}
      <button>${step.submit}</button>
    </form>`;
  }
}
customElements.define('floor-step', FloorStep);
