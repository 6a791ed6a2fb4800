import { css, html, nothing, type TemplateResult } from 'lit';
import { provinceName } from '../../nik/index.js';
import { formatDate } from '../../i18n/index.js';
import { formatPhone } from '../../schema/phone.js';
import { regionsOf } from '../form/regions.js';
import { birthDateOf } from '../form/answers.js';
import type { StepHost } from '../form/step-host.js';
import type { StepId } from '../form/steps.js';

/** This step's own styles: they join the form's when the step loads. */
export const styles = css`
  .summary-list {
    margin: 0 0 2rem;
  }
  .summary-row {
    border-bottom: 1px solid var(--ak1-color-border, #b1b4b6);
    padding: 0.75rem 0;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 1rem;
  }
  .summary-row dt {
    font-weight: 700;
    grid-column: 1 / -1;
  }
  .summary-row dd {
    margin: 0;
  }
  @media (min-width: 40rem) {
    .summary-row {
      grid-template-columns: 14rem 1fr auto;
    }
    .summary-row dt {
      grid-column: auto;
    }
  }
  .not-given {
    color: var(--ak1-color-secondary-text, #505a5f);
  }
`;


interface Row {
  label: string;
  value: string | TemplateResult | undefined;
  step: StepId;
  path: string;
}

/** Check your answers: every answer with a Change link that comes back here after Continue. */
export function render(host: StepHost) {
  // The address step loads these lists; after a reload straight onto this page nothing has (until they
  // arrive, or if one fails, the code shows).
  const { provinceCode, regencyCode, districtCode } = host.answers.address;
  regionsOf(host).loadNames([provinceCode, regencyCode, districtCode]);
  const t = host.t;
  const f = host.j.review;
  const a = host.answers;
  const labels = t.labels;
  const regionName = (code: string) => (code.length === 2 ? provinceName(code) : host.regions?.name(code)) ?? code;
  const lines = (values: string[]) => (values.length ? html`${values.map((value, i) => html`${i ? html`<br />` : nothing}${value}`)}` : undefined);
  const birthDate = birthDateOf(a.birthDate);
  const wage = a.jobPreferences.expectedWage;
  const groups: Array<{ title: string; rows: Row[] }> = [
    {
      title: t.form.identity.title,
      rows: [
        { label: t.form.identity.nik, value: a.nik, step: 'identity', path: 'nik' },
        { label: t.form.identity.fullName, value: a.fullName, step: 'identity', path: 'fullName' },
        { label: t.form.identity.birthPlace, value: a.birthPlace, step: 'identity', path: 'birthPlace' },
        { label: t.form.identity.birthDate, value: /^\d{4}-\d\d-\d\d$/.test(birthDate) ? formatDate(birthDate, t) : birthDate, step: 'identity', path: 'birthDate' },
        { label: t.form.identity.sex, value: labels.sex[a.sex as 'L'] , step: 'identity', path: 'sex' },
        { label: t.form.identity.religion, value: labels.religion[a.religion as 'ISLAM'], step: 'identity', path: 'religion' },
        { label: t.form.identity.maritalStatus, value: labels.maritalStatus[a.maritalStatus as 'KAWIN'], step: 'identity', path: 'maritalStatus' },
        { label: t.form.identity.kkNumber, value: a.kkNumber, step: 'identity', path: 'kkNumber' },
        { label: t.form.identity.heightCm, value: a.heightCm && `${a.heightCm} cm`, step: 'identity', path: 'heightCm' },
        { label: t.form.identity.weightKg, value: a.weightKg && `${a.weightKg} kg`, step: 'identity', path: 'weightKg' },
        {
          label: t.form.identity.disability,
          value:
            a.hasDisability === 'yes'
              ? lines([...a.disability.kinds.map((kind) => labels.disabilityKind[kind as 'FISIK']), a.disability.note].filter(Boolean))
              : a.hasDisability === 'no'
                ? t.form.no
                : undefined,
          step: 'identity',
          path: 'hasDisability',
        },
      ],
    },
    {
      title: host.j.contact.title,
      rows: [
        { label: host.j.contact.phone, value: a.phone && formatPhone(a.phone), step: 'contact', path: 'phone' },
        { label: host.j.contact.email, value: a.email, step: 'contact', path: 'email' },
        {
          label: host.j.contact.address,
          value: lines(
            [
              a.address.street,
              [a.address.rt && `RT ${a.address.rt}`, a.address.rw && `RW ${a.address.rw}`].filter(Boolean).join(' / '),
              ...[a.address.villageCode, a.address.districtCode, a.address.regencyCode, a.address.provinceCode].filter(Boolean).map(regionName),
              a.address.postalCode,
            ].filter(Boolean),
          ),
          step: 'contact',
          path: 'address.street',
        },
      ],
    },
    {
      title: host.j.education.title,
      rows: [
        // Tidak/belum tamat SD chosen first: the level alone is sent (no school), so it alone is shown.
        ...(a.education[0]?.level === 'BELUM_TAMAT_SD' ? a.education.slice(0, 1) : a.education).map((row, i) => ({
          label: host.j.education.schoolN(i + 1),
          value: lines(
            (row.level === 'BELUM_TAMAT_SD' ? [labels.educationLevel.BELUM_TAMAT_SD] : [labels.educationLevel[row.level as 'SD'] ?? '', row.institution, row.major, row.graduationYear]).filter(Boolean),
          ),
          step: 'education' as const,
          path: `education.${i}.level`,
        })),
        {
          label: host.j.education.skills,
          value: lines(a.skills.map((row) => [row.name, row.provider, row.year].filter(Boolean).join(', '))),
          step: 'education',
          path: a.skills.length ? 'skills.0.name' : 'languages',
        },
        { label: host.j.education.languages, value: a.languages, step: 'education', path: 'languages' },
      ],
    },
    {
      title: host.j.work.title,
      rows: [
        {
          label: host.j.work.experience,
          value: lines(a.workExperience.map((row) => `${row.position}, ${row.employer} (${row.startYear}–${row.endYear || host.j.work.now})`)),
          step: 'work',
          path: a.workExperience.length ? 'workExperience.0.employer' : 'jobPreferences.positions.0.title',
        },
        {
          label: host.j.work.wanted,
          value: lines(a.jobPreferences.positions.map((row) => row.title).filter(Boolean)),
          step: 'work',
          path: 'jobPreferences.positions.0.title',
        },
        { label: host.j.work.location, value: labels.jobLocation[a.jobPreferences.location as 'DALAM_NEGERI'], step: 'work', path: 'jobPreferences.location' },
        {
          label: host.j.work.wage,
          value: wage.min || wage.max ? [wage.min, wage.max].filter(Boolean).join(' – ') : undefined,
          step: 'work',
          path: 'jobPreferences.expectedWage.min',
        },
      ],
    },
    {
      title: host.j.documents.title,
      rows: [
        { label: host.j.documents.photo, value: host.attachments.photo ? host.j.documents.attached : undefined, step: 'documents', path: 'photo' },
        ...host.attachments.documents.map((document) => ({
          label: labels.documentKind[document.kind],
          value: document.mediaType === 'application/pdf' ? host.j.documents.attachedPdf : host.j.documents.attached,
          step: 'documents' as const,
          path: `documents.${document.kind}`,
        })),
      ],
    },
    {
      title: host.j.visit.title,
      rows: [
        {
          label: host.j.visit.legend,
          value: a.preferredVisitDate ? formatDate(a.preferredVisitDate, t) : host.j.visit.noPreference,
          step: 'visit',
          path: 'preferredVisitDate',
        },
      ],
    },
  ];

  const state = host.submitState;
  const sending = state.kind === 'sending' || state.kind === 'retrying';
  return html`<form part="form" novalidate @submit=${(event: Event) => host.submit(event)}>
    <h2 class="step-heading" part="step-heading">${f.title}</h2>
    ${groups.map(
      (group) => html`<h3>${group.title}</h3>
        <dl class="summary-list" part="check-answers">
          ${group.rows.map(
            (row) => html`<div class="summary-row">
              <dt>${row.label}</dt>
              <dd>${row.value ? row.value : html`<span class="not-given">${f.notGiven}</span>`}</dd>
              <dd>
                <a
                  href="#"
                  @click=${(event: Event) => {
                    event.preventDefault();
                    host.goTo(row.step, { change: true, focus: row.path });
                  }}
                  >${f.change}<span class="visually-hidden"> ${row.label}</span></a
                >
              </dd>
            </div>`,
          )}
        </dl>`,
    )}
    <h3>${f.sendTitle}</h3>
    <p>${f.sendText}</p>
    <div id="submit-status" role="status" aria-live="polite" tabindex="-1">
      ${state.kind === 'sending' ? html`<p class="spinner-text">${f.sending}</p>` : nothing}
      ${state.kind === 'retrying' ? html`<p class="spinner-text">${f.retrying(Math.max(1, Math.ceil((state.until - Date.now()) / 1000)))}</p>` : nothing}
      ${state.kind === 'queued' ? html`<div class="notice warning"><p>${f.queued}</p></div>` : nothing}
      ${state.kind === 'failed' ? html`<div class="notice warning"><p>${f.failed[state.code as keyof typeof f.failed] ?? f.failed.unreachable}</p></div>` : nothing}
    </div>
    <div class="actions">
      <button class="button" part="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${f.submit}</button>
    </div>
  </form>`;
}
