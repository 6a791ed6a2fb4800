import { html, nothing } from 'lit';
import { EDUCATION_LEVELS } from '../../schema/index.js';
import { selectField, textField } from '../form/fields.js';
import { optionsOf, questionStep, repeatable } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** Step 3: formal education (at least one), skills and courses, languages. */
export function render(host: StepHost) {
  const t = host.t;
  const f = host.j.education;
  // "Tidak/belum tamat SD" is a level without a school: chosen in the first row, the schools are skipped.
  const noSchool = host.answers.education[0]?.level === 'BELUM_TAMAT_SD';
  const levels = EDUCATION_LEVELS.filter((level) => level !== 'BELUM_TAMAT_SD');
  return questionStep(
    host,
    f.title,
    html`
      <h3 class="step-subheading">${f.formal}</h3>
      ${repeatable(host, {
        rows: noSchool ? host.answers.education.slice(0, 1) : host.answers.education,
        legend: (i) => f.schoolN(i + 1),
        firstRemovable: false,
        addLabel: f.addSchool,
        onAdd: () => host.addRow('education'),
        onRemove: (i) => host.removeRow('education', i),
        max: noSchool ? 1 : 10,
        row: (_, i) => html`
          ${selectField(host, {
            path: `education.${i}.level`,
            label: f.level,
            placeholder: t.form.choose,
            options: optionsOf(i === 0 ? EDUCATION_LEVELS : levels, t.labels.educationLevel),
          })}
          ${i === 0 && noSchool
            ? nothing
            : html`${textField(host, { path: `education.${i}.institution`, label: f.institution, hint: f.institutionHint, maxlength: 120 })}
                ${textField(host, { path: `education.${i}.major`, label: f.major, optional: true, maxlength: 120 })}
                ${textField(host, { path: `education.${i}.graduationYear`, label: f.graduationYear, hint: f.yearHint, inputmode: 'numeric', width: 4, maxlength: 4 })}`}
        `,
      })}
      <h3 class="step-subheading">${f.skills}</h3>
      <p class="hint">${f.skillsHint}</p>
      ${repeatable(host, {
        rows: host.answers.skills,
        legend: (i) => f.skillN(i + 1),
        firstRemovable: true,
        addLabel: host.answers.skills.length ? f.addAnotherSkill : f.addSkill,
        onAdd: () => host.addRow('skills'),
        onRemove: (i) => host.removeRow('skills', i),
        max: 20,
        row: (_, i) => html`
          ${textField(host, { path: `skills.${i}.name`, label: f.skillName, hint: f.skillNameHint, maxlength: 120 })}
          ${textField(host, { path: `skills.${i}.provider`, label: f.skillProvider, optional: true, maxlength: 120 })}
          ${textField(host, { path: `skills.${i}.year`, label: f.skillYear, optional: true, inputmode: 'numeric', width: 4, maxlength: 4 })}
        `,
      })}
      ${textField(host, { path: 'languages', label: f.languages, hint: f.languagesHint, optional: true, maxlength: 400 })}
    `,
  );
}
