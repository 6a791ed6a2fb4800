import { html } from 'lit';
import { JOB_LOCATIONS } from '../../schema/index.js';
import { KBJI_SUGGESTED_CODES, kbjiOfTitle } from '../../schema/kbji.js';
import { choiceField, textField } from '../form/fields.js';
import { optionsOf, questionStep, repeatable } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** Step 4: past work (optional) and the work the applicant is looking for. */
export function render(host: StepHost) {
  const t = host.t;
  const f = host.j.work;
  return questionStep(
    host,
    f.title,
    html`
      <h3 class="step-subheading">${f.experience}</h3>
      <p class="hint">${f.experienceHint}</p>
      ${repeatable(host, {
        rows: host.answers.workExperience,
        legend: (i) => f.jobN(i + 1),
        firstRemovable: true,
        addLabel: host.answers.workExperience.length ? f.addAnotherJob : f.addJob,
        onAdd: () => host.addRow('workExperience'),
        onRemove: (i) => host.removeRow('workExperience', i),
        max: 20,
        row: (_, i) => html`
          ${textField(host, { path: `workExperience.${i}.employer`, label: f.employer, autocomplete: 'organization', maxlength: 120 })}
          ${textField(host, { path: `workExperience.${i}.position`, label: f.position, autocomplete: 'organization-title', maxlength: 120 })}
          <div class="date">
            ${textField(host, { path: `workExperience.${i}.startYear`, label: f.startYear, inputmode: 'numeric', width: 4, maxlength: 4 })}
            ${textField(host, { path: `workExperience.${i}.endYear`, label: f.endYear, hint: f.endYearHint, optional: true, inputmode: 'numeric', width: 4, maxlength: 4 })}
          </div>
        `,
      })}
      <h3 class="step-subheading">${f.wanted}</h3>
      ${repeatable(host, {
        rows: host.answers.jobPreferences.positions,
        legend: (i) => f.positionN(i + 1),
        firstRemovable: false,
        addLabel: f.addPosition,
        onAdd: () => host.addRow('jobPreferences.positions'),
        onRemove: (i) => host.removeRow('jobPreferences.positions', i),
        max: 3,
        // A title that is one of the suggestions carries its KBJI code (the IPK job-group table counts by it); one
        // typed freely carries none. Heard before the form's own listener, so the title is stored here with its code:
        // storing the code alone can render the row before the form's listener reads the input, and the input would
        // then show (and the form keep) the title as it was before the key.
        row: (_, i) => html`<div
          @input=${(event: Event) => {
            const title = (event.target as HTMLInputElement).value;
            host.setAnswer(`jobPreferences.positions.${i}.title`, title);
            host.setAnswer(`jobPreferences.positions.${i}.kbji`, kbjiOfTitle(title, f.positionSuggestions) ?? '');
          }}
        >
          ${textField(host, {
            path: `jobPreferences.positions.${i}.title`,
            label: f.positionTitle,
            hint: f.positionHint,
            list: 'ak1-position-suggestions',
            maxlength: 80,
          })}
        </div>`,
      })}
      <datalist id="ak1-position-suggestions">
        ${KBJI_SUGGESTED_CODES.map((code) => html`<option value=${f.positionSuggestions[code]}></option>`)}
      </datalist>
      ${choiceField(host, { path: 'jobPreferences.location', legend: f.location, options: optionsOf(JOB_LOCATIONS, t.labels.jobLocation), inline: true })}
      <fieldset class="fieldset">
        <legend class="legend">${f.wage} <span class="optional">${t.form.optional}</span></legend>
        <p class="hint">${f.wageHint}</p>
        <div class="date">
          ${textField(host, { path: 'jobPreferences.expectedWage.min', label: f.wageMin, inputmode: 'numeric', width: 10, maxlength: 14 })}
          ${textField(host, { path: 'jobPreferences.expectedWage.max', label: f.wageMax, inputmode: 'numeric', width: 10, maxlength: 14 })}
        </div>
      </fieldset>
    `,
  );
}
