import { LitElement, css, html, nothing } from 'lit';
import { parseNik, provinceName } from '../nik/index.js';
import { formatDate, id, loadCatalogue, type Ak1Catalogue } from '../i18n/index.js';

/**
 * `<ak1-form>`: the AK/I registration form for a district site.
 *
 * This first release shows where the journey will be: the office's address for registering in person and
 * a NIK check that runs on the device. The registration steps arrive with the component release.
 *
 * @summary AK/I job-seeker registration (kartu kuning).
 * @cssproperty --ak1-color-text - Text colour.
 * @cssproperty --ak1-color-primary - Buttons and links.
 * @cssproperty --ak1-focus-color - The focus ring; it is always at least 3 px and never hidden.
 * @csspart form - The form.
 * @csspart button - The primary button.
 */
export class Ak1Form extends LitElement {
  static override properties = {
    endpoint: { type: String },
    officeName: { type: String, attribute: 'office-name' },
    officeAddress: { type: String, attribute: 'office-address' },
    lang: { type: String },
    catalogue: { state: true },
    nikResult: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      font-family: inherit;
      color: var(--ak1-color-text, #0b0c0c);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    label {
      display: block;
      font-weight: 700;
    }
    .hint {
      color: var(--ak1-color-secondary-text, #484949);
      display: block;
    }
    input {
      font: inherit;
      min-height: 2.5rem;
      width: 100%;
      max-width: 20ch;
      box-sizing: border-box;
      border: 2px solid var(--ak1-input-border-color, #0b0c0c);
      padding: 0.25rem 0.5rem;
    }
    button {
      font: inherit;
      min-height: 2.75rem;
      margin-top: 0.5rem;
      padding: 0.5rem 1rem;
      border: 0;
      color: #fff;
      background: var(--ak1-color-primary, #00703c);
      cursor: pointer;
    }
    input:focus-visible,
    button:focus-visible {
      outline: 3px solid var(--ak1-focus-color, #ffdd00);
      outline-offset: 0;
      box-shadow: 0 0 0 5px #0b0c0c;
    }
    @media (forced-colors: active) {
      input:focus-visible,
      button:focus-visible {
        outline-color: Highlight;
      }
    }
  `;

  declare endpoint: string | undefined;
  declare officeName: string | undefined;
  declare officeAddress: string | undefined;
  declare lang: string;
  declare catalogue: Ak1Catalogue;
  declare nikResult: string | undefined;

  constructor() {
    super();
    this.catalogue = id;
  }

  protected override async willUpdate(changed: Map<string, unknown>) {
    if (changed.has('lang')) this.catalogue = await loadCatalogue(this.lang);
  }

  private checkNik(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    const t = this.catalogue;
    const result = parseNik(input.value);
    this.nikResult = result.ok
      ? t.ui.nikCheckValid({
          birthDate: formatDate(result.value.birthDate, t),
          sex: t.labels.sex[result.value.sex],
          province: provinceName(result.value.provinceCode) ?? result.value.provinceCode,
        })
      : t.messages[result.error.code];
  }

  protected override render() {
    const t = this.catalogue;
    const office = [this.officeName, this.officeAddress].filter(Boolean).join(', ');
    return html`
      <div lang=${t.lang}>
        <p>${t.ui.formComingSoon}</p>
        ${office ? html`<p>${t.ui.visitOffice(office)}</p>` : nothing}
        <form part="form" novalidate @submit=${this.checkNik}>
          <label for="nik">${t.ui.nikCheckLabel}</label>
          <span class="hint" id="nik-hint">${t.ui.nikCheckHint}</span>
          <input id="nik" name="nik" inputmode="numeric" autocomplete="off" aria-describedby="nik-hint nik-result" />
          <button part="button" type="submit">${t.ui.nikCheckButton}</button>
          <p id="nik-result" role="status">${this.nikResult ?? nothing}</p>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ak1-form': Ak1Form;
  }
}
