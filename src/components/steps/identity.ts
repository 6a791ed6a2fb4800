import { html } from 'lit';
import { DISABILITY_KINDS, MARITAL_STATUSES, RELIGIONS, SEXES } from '../../schema/index.js';
import { choiceField, dateField, selectField, textField } from '../form/fields.js';
import { optionsOf, questionStep } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** Step 1: who the applicant is. The NIK comes first: a valid one fills in the birth date and sex. */
export function renderIdentity(host: StepHost) {
  const t = host.t;
  const f = t.form.identity;
  // In a correction the NIK and the birth date are the office's to change: shown read-only, the hint says why.
  const nikLocked = host.lockedHint('nik');
  const birthDateLocked = host.lockedHint('birthDate');
  return questionStep(
    host,
    f.title,
    html`
      ${textField(host, {
        path: 'nik',
        label: f.nik,
        hint:
          nikLocked ??
          html`${f.nikHint}
            <details class="details">
              <summary>${f.nikWhere}</summary>
              <p>${f.nikWhereText}</p>
            </details>`,
        inputmode: 'numeric',
        width: 20,
        spellcheck: false,
        maxlength: 24,
        readonly: !!nikLocked,
      })}
      ${textField(host, { path: 'fullName', label: f.fullName, hint: f.fullNameHint, autocomplete: 'name', spellcheck: false, maxlength: 100 })}
      ${textField(host, { path: 'birthPlace', label: f.birthPlace, width: 20, maxlength: 60 })}
      ${dateField(host, { path: 'birthDate', legend: f.birthDate, hint: birthDateLocked ?? f.birthDateHint, readonly: !!birthDateLocked })}
      ${choiceField(host, { path: 'sex', legend: f.sex, options: optionsOf(SEXES, t.labels.sex), inline: true })}
      ${selectField(host, { path: 'religion', label: f.religion, placeholder: t.form.choose, options: optionsOf(RELIGIONS, t.labels.religion) })}
      ${selectField(host, {
        path: 'maritalStatus',
        label: f.maritalStatus,
        placeholder: t.form.choose,
        options: optionsOf(MARITAL_STATUSES, t.labels.maritalStatus),
      })}
      ${textField(host, { path: 'kkNumber', label: f.kkNumber, hint: f.kkNumberHint, optional: true, inputmode: 'numeric', width: 20, maxlength: 24 })}
      <div class="date">
        ${textField(host, { path: 'heightCm', label: f.heightCm, optional: true, inputmode: 'numeric', width: 4, maxlength: 3 })}
        ${textField(host, { path: 'weightKg', label: f.weightKg, optional: true, inputmode: 'numeric', width: 4, maxlength: 3 })}
      </div>
      ${choiceField(host, {
        path: 'hasDisability',
        legend: f.disability,
        hint: f.disabilityHint,
        optional: true,
        options: [
          ['no', t.form.no],
          ['yes', t.form.yes],
        ],
        conditional: {
          yes: html`${choiceField(host, {
            path: 'disability.kinds',
            legend: f.disabilityKinds,
            multiple: true,
            options: optionsOf(DISABILITY_KINDS, t.labels.disabilityKind),
          })}
          ${textField(host, { path: 'disability.note', label: f.disabilityNote, hint: f.disabilityNoteHint, optional: true, maxlength: 500 })}`,
        },
      })}
    `,
    html`<p>${f.free}</p>`,
  );
}
