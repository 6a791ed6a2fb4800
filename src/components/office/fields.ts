import { html, nothing, type TemplateResult } from 'lit';
import { formatDate } from '../../i18n/index.js';
import { formatPhone } from '../../schema/index.js';
import type { OfficeController } from './app.js';

type Loose = Record<string, unknown>;

/** A value at a dotted path of the application (`address.street`), read loosely: records of older releases open too. */
export function readPath(application: Loose | undefined, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Loose)[key] : undefined), application);
}

/**
 * Every field of the application with the form's own labels (the catalogue, and the later steps' texts once
 * loaded), so the officer reads what the applicant was asked. Read loosely, field by field: a record made by an
 * older release still shows what it has.
 */
export function renderApplication(app: OfficeController, a: Loose): TemplateResult {
  const c = app.catalogue;
  const id = c.form.identity;
  const j = app.journey;
  const f = app.texts.fields;
  const label = (list: Record<string, string>, value: unknown) => (typeof value === 'string' ? (list[value] ?? value) : '');
  const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, c) : '');
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  const address = (a['address'] ?? {}) as Loose;
  const disability = a['disability'] as { kinds?: string[]; note?: string } | undefined;
  const education = (a['education'] ?? []) as Loose[];
  const skills = (a['skills'] ?? []) as Loose[];
  const work = (a['workExperience'] ?? []) as Loose[];
  const jobs = (a['jobPreferences'] ?? {}) as Loose;
  const positions = (jobs['positions'] ?? []) as Loose[];
  const wage = jobs['expectedWage'] as { min?: number; max?: number } | undefined;
  const consent = a['consent'] as { acceptedAt?: string } | undefined;
  const rows: Array<[string, unknown]> = [
    [f.nik, text(a['nik'])],
    [id.kkNumber, text(a['kkNumber'])],
    [id.fullName, text(a['fullName'])],
    [id.birthPlace, text(a['birthPlace'])],
    [id.birthDate, date(a['birthDate'])],
    [id.sex, label(c.labels.sex, a['sex'])],
    [id.religion, label(c.labels.religion, a['religion'])],
    [id.maritalStatus, label(c.labels.maritalStatus, a['maritalStatus'])],
    [id.heightCm, text(a['heightCm'])],
    [id.weightKg, text(a['weightKg'])],
    [id.disability, disability ? [...(disability.kinds ?? []).map((k) => label(c.labels.disabilityKind, k)), disability.note ?? ''].filter(Boolean).join(', ') : ''],
    [j?.contact.phone ?? f.phone, typeof a['phone'] === 'string' ? formatPhone(a['phone']) : ''],
    [j?.contact.email ?? f.email, text(a['email'])],
    [f.street, text(address['street'])],
    [f.rt, text(address['rt'])],
    [f.rw, text(address['rw'])],
    [f.villageCode, text(address['villageCode'])],
    [f.postalCode, text(address['postalCode'])],
    [
      f.education,
      // No school at all is the level "Tidak/belum tamat SD" (design.md: BELUM_TAMAT_SD allows `education: []`).
      education.length
        ? list(education.map((e) => [label(c.labels.educationLevel, e['level']), text(e['institution']), text(e['major']), text(e['graduationYear'])]))
        : label(c.labels.educationLevel, 'BELUM_TAMAT_SD'),
    ],
    [f.skills, list(skills.map((s) => [text(s['name']), text(s['provider']), text(s['year'])]))],
    [f.workExperience, list(work.map((w) => [text(w['position']), text(w['employer']), [text(w['startYear']), text(w['endYear'])].filter(Boolean).join('–')]))],
    [f.languages, ((a['languages'] ?? []) as unknown[]).map(text).join(', ')],
    [f.positions, list(positions.map((p) => [text(p['title'])]))],
    [f.location, label(c.labels.jobLocation, jobs['location'])],
    [f.wage, wage ? [wage.min, wage.max].filter((n) => typeof n === 'number').join('–') : ''],
    [f.preferredVisitDate, date(a['preferredVisitDate'])],
    [f.consent, consent?.acceptedAt ? f.yes : f.no],
  ];
  return html`<dl>
    ${rows.filter(([, value]) => value !== '' && value !== nothing).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
  </dl>`;
}

function list(items: string[][]): TemplateResult | typeof nothing {
  const lines = items.map((parts) => parts.filter(Boolean).join(', ')).filter(Boolean);
  return lines.length ? html`<ul>${lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing;
}
