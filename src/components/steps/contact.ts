import { css, html, nothing } from 'lit';
import { PROVINCES } from '../../nik/index.js';
import type { Region } from '../../regions/index.js';
import { regionsOf } from '../form/regions.js';
import { selectField, textField } from '../form/fields.js';
import { questionStep } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** This step's own styles: they join the form's when the step loads. */
export const styles = css`
  .credit {
    font-size: 0.875rem;
    color: var(--ak1-color-secondary-text, #505a5f);
  }
`;


/** Step 2: how the office reaches the applicant, and where they live (which decides the district office). */
export function render(host: StepHost) {
  const t = host.t;
  const f = host.j.contact;
  const address = host.answers.address;
  const regions = regionsOf(host);
  const regencies = regions.children(address.provinceCode);
  const districts = regions.children(address.regencyCode);
  const villages = regions.children(address.districtCode);
  const failed = regencies.failed || districts.failed || villages.failed;
  const regionSelect = (path: string, label: string, parent: string, state: { list?: Region[] }) =>
    selectField(host, {
      path,
      label,
      placeholder: !parent ? t.form.chooseAbove : state.list ? t.form.choose : t.form.loading,
      autocomplete: 'off',
      disabled: !parent || !state.list,
      options: (state.list ?? []).map((region) => [region.code, region.name] as const),
    });
  return questionStep(
    host,
    f.title,
    html`
      ${textField(host, { path: 'phone', label: f.phone, hint: f.phoneHint, type: 'tel', autocomplete: 'tel', width: 20, maxlength: 24 })}
      ${textField(host, { path: 'email', label: f.email, hint: f.emailHint, type: 'email', autocomplete: 'email', optional: true, spellcheck: false, maxlength: 254 })}
      <fieldset class="fieldset">
        <legend class="legend step-subheading">${f.address}</legend>
        <p class="hint">${f.addressHint}</p>
        ${selectField(host, {
          path: 'address.provinceCode',
          label: f.province,
          placeholder: t.form.choose,
          options: PROVINCES.map(([code, name]) => [code, name] as const),
        })}
        ${regionSelect('address.regencyCode', f.regency, address.provinceCode, regencies)}
        ${regionSelect('address.districtCode', f.district, address.regencyCode, districts)}
        ${regionSelect('address.villageCode', f.village, address.districtCode, villages)}
        ${failed
          ? html`<div class="notice" role="alert">
              <p>${f.regionsFailed}</p>
              <button class="button button-secondary" part="button-secondary" type="button" @click=${() => regions.retry()}>${t.form.tryAgain}</button>
            </div>`
          : nothing}
        ${textField(host, { path: 'address.street', label: f.street, hint: f.streetHint, autocomplete: 'address-line1', maxlength: 120 })}
        <div class="date">
          ${textField(host, { path: 'address.rt', label: f.rt, optional: true, inputmode: 'numeric', width: 3, maxlength: 3 })}
          ${textField(host, { path: 'address.rw', label: f.rw, optional: true, inputmode: 'numeric', width: 3, maxlength: 3 })}
        </div>
        ${textField(host, { path: 'address.postalCode', label: f.postalCode, inputmode: 'numeric', autocomplete: 'postal-code', width: 5, maxlength: 6 })}
        <p class="credit">${f.regionCredit}</p>
      </fieldset>
    `,
  );
}
