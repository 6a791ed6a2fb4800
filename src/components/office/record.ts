import { html, nothing, type TemplateResult } from 'lit';
import { formatDate } from '../../i18n/index.js';
import { messageText } from '../../i18n/messages.js';
import {
  OFFICE_ACTIONS,
  REASON_CODES,
  refusalOf,
  type Ak1HistoryEntry,
  type Ak1OfficeAction,
  type Ak1OfficeRecord,
} from '../../schema/index.js';
import type { Ak1OfficeReportsTexts } from '../../i18n/types.js';
import type { Draft, OfficeController } from './app.js';
import { ACTIONS_WITH_FORM } from './app.js';
import { readPath, renderApplication } from './fields.js';
import { dateTimeOf, onSubmit, problemSummary, textField } from './parts.js';
import { statusWord } from './today.js';

/** The `blob:` URLs of one record's pictures and PDFs, made when it opens and revoked when another opens. */
export class RecordMedia {
  private record: Ak1OfficeRecord | undefined;
  private urls: string[] = [];
  photo: string | undefined;
  documents: Array<{ kind: string; mediaType: string; url: string }> = [];

  for(record: Ak1OfficeRecord): this {
    if (record === this.record) return this;
    this.clear();
    this.record = record;
    const photo = record.application['photo'] as { mediaType?: string; dataBase64?: string } | undefined;
    if (photo?.dataBase64) this.photo = this.url(photo.dataBase64, photo.mediaType ?? 'image/jpeg');
    const documents = (record.application['documents'] ?? []) as Array<{ kind?: string; mediaType?: string; dataBase64?: string }>;
    this.documents = documents
      .filter((d) => d.dataBase64 && d.mediaType)
      .map((d) => ({ kind: d.kind ?? '', mediaType: d.mediaType!, url: this.url(d.dataBase64!, d.mediaType!) }));
    return this;
  }

  clear() {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    this.photo = undefined;
    this.documents = [];
    this.record = undefined;
  }

  private url(base64: string, type: string): string {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    this.urls.push(url);
    return url;
  }
}

/**
 * The record: status and dates, the photo and documents (images shown, PDFs opened in the browser's viewer in
 * a new tab), every field, the warnings, the history, and the actions that apply in this status as buttons;
 * an action that needs more (reasons, a note, a correction, a report) opens its form, whose values stay in
 * memory until it is sent.
 */
export function renderRecord(app: OfficeController, media: RecordMedia, reportsTexts?: Ak1OfficeReportsTexts) {
  const record = app.record;
  if (!record) return nothing;
  const t = app.texts.record;
  const r = record.registration;
  const name = String(record.application['fullName'] ?? '');
  const urls = media.for(record);
  const zone = app.settings?.district.timeZone;
  return html`<section aria-labelledby="record-heading">
    <button type="button" class="link" @click=${() => app.show('today')}>${t.back}</button>
    <h2 id="record-heading" tabindex="-1" data-screen-heading>${t.heading(r.registrationNumber)}</h2>
    ${problemSummary(app)}
    ${app.accessCode ? html`<p class="notice">${t.accessCode(app.accessCode)}</p>` : nothing}
    <dl>
      <dt>${app.texts.today.name}</dt>
      <dd>${name}</dd>
      <dt>${t.status}</dt>
      <dd id="record-status">${statusWord(app, r.status)}</dd>
      ${r.appointment
        ? html`<dt>${t.appointment}</dt>
            <dd>${t.appointmentValue(formatDate(r.appointment.date, app.catalogue), r.appointment.start, r.appointment.end, r.appointment.queueNumber)}</dd>`
        : nothing}
      ${r.checkedInAt ? html`<dt>${t.checkedIn}</dt><dd>${dateTimeOf(r.checkedInAt, zone)}</dd>` : nothing}
      ${r.issuedAt ? html`<dt>${t.issuedAt}</dt><dd>${formatDate(r.issuedAt, app.catalogue)}</dd>` : nothing}
      <dt>${t.validUntil}</dt>
      <dd>${formatDate(r.validUntil, app.catalogue)}</dd>
      ${r.signedBy ? html`<dt>${t.signedBy}</dt><dd>${t.signer(r.signedBy.name, r.signedBy.nip)}</dd>` : nothing}
      ${r.karirhubNumber && reportsTexts ? html`<dt>${reportsTexts.karirhub.number}</dt><dd id="record-karirhub">${r.karirhubNumber}</dd>` : nothing}
    </dl>
    ${app.printing ? renderPrint(app) : nothing} ${renderActions(app, record, reportsTexts)}
    <h3>${t.photo}</h3>
    <div class="media photo">${urls.photo ? html`<img src=${urls.photo} alt=${t.photoAlt(name)} />` : nothing}</div>
    <h3>${t.documents}</h3>
    ${urls.documents.length
      ? html`<div class="media">
          ${urls.documents.map((d) => {
            const kind = (app.catalogue.labels.documentKind as Record<string, string>)[d.kind] ?? d.kind;
            return d.mediaType === 'application/pdf'
              ? html`<button type="button" part="button-secondary" class="secondary" @click=${() => openInNewTab(d.url)}>${t.openPdf(kind)}</button>`
              : html`<figure class="document"><img src=${d.url} alt=${t.documentAlt(kind)} /></figure>`;
          })}
        </div>`
      : html`<p>${t.noDocuments}</p>`}
    ${r.warnings?.length
      ? html`<h3>${t.warnings}</h3>
          <ul>
            ${r.warnings.map((w) => html`<li>${t.warning(w.path.join('.'), messageText({ t: app.catalogue, j: app.journey }, w.code))}</li>`)}
          </ul>`
      : nothing}
    <h3>${t.data}</h3>
    ${renderApplication(app, record.application)}
    <h3 id="history-heading">${t.history}</h3>
    ${renderHistory(app, record.history)}
  </section>`;
}

/** The actions the status allows; the backend decides about roles, and a refusal is said in words. */
export function actionsFor(status: string, roles: readonly string[]): Ak1OfficeAction[] {
  return OFFICE_ACTIONS.filter((action) => refusalOf(action, status, roles) !== 'transition-not-allowed');
}

function renderActions(app: OfficeController, record: Ak1OfficeRecord, reportsTexts?: Ak1OfficeReportsTexts) {
  const t = app.texts.record;
  const number = record.registration.registrationNumber;
  const draft = app.draft(number);
  const actions = actionsFor(record.registration.status, app.session.officer?.roles ?? []);
  return html`<h3 id="actions-heading">${t.actions}</h3>
    ${actions.length
      ? html`<div data-action-buttons role="group" aria-labelledby="actions-heading">
          ${actions.map(
            (action) => html`<button
              type="button"
              part=${action === 'reject' || action === 'cancel' ? 'button-secondary' : 'button'}
              class=${action === 'reject' || action === 'cancel' ? 'warning' : draft.action === action ? '' : 'secondary'}
              data-action=${action}
              aria-expanded=${ACTIONS_WITH_FORM.has(action) ? String(draft.action === action) : nothing}
              aria-disabled=${app.busy ? 'true' : 'false'}
              @click=${() => (ACTIONS_WITH_FORM.has(action) ? app.chooseAction(draft.action === action ? undefined : action) : app.act(action))}
            >
              ${app.texts.actions[action]}
            </button>`,
          )}
        </div>`
      : html`<p>${t.noActions}</p>`}
    ${draft.action && actions.includes(draft.action) ? actionForm(app, draft.action, draft, reportsTexts) : nothing}`;
}

function actionForm(app: OfficeController, action: Ak1OfficeAction, draft: Draft, reportsTexts?: Ak1OfficeReportsTexts): TemplateResult {
  const t = app.texts.record;
  const label = app.texts.actions[action];
  if (action === 'print') return renderPrint(app, true);
  const body: TemplateResult[] = [];
  if (action === 'request-correction' || action === 'reject') {
    const invalid = app.problem?.field?.startsWith('reason-');
    body.push(html`<fieldset class="field ${invalid ? 'invalid' : ''}" aria-describedby=${invalid ? 'ak1-problem-text' : nothing}>
        <legend>${t.reasonsLegend}</legend>
        ${REASON_CODES.map(
          (code) => html`<label class="choice"
            ><input
              type="checkbox"
              id="reason-${code}"
              name="reason"
              value=${code}
              .checked=${draft.reasons.includes(code)}
              @change=${(event: Event) => {
                const checked = (event.target as HTMLInputElement).checked;
                draft.reasons = checked ? [...draft.reasons, code] : draft.reasons.filter((c) => c !== code);
                app.update();
              }}
            />${app.texts.reasons[code]}</label
          >`,
        )}
      </fieldset>`);
  }
  if (action === 'request-correction' || action === 'reject' || action === 'cancel') {
    body.push(html`<div class="field">
      <label for="note">${t.note}</label>
      <span class="hint" id="note-hint">${t.noteHint}</span>
      <textarea id="note" name="note" aria-describedby="note-hint" .value=${draft.note} @input=${(e: Event) => (draft.note = (e.target as HTMLTextAreaElement).value)}></textarea>
    </div>`);
  }
  if (action === 'edit') {
    body.push(html`<p class="hint">${t.editHint}</p>
      <div class="field">
        <label for="edit-path">${t.editField}</label>
        <select
          id="edit-path"
          @change=${(e: Event) => {
            draft.editPath = (e.target as HTMLSelectElement).value;
            draft.editValue = String(readPath(app.record?.application, draft.editPath) ?? '');
            app.update();
          }}
        >
          ${editableFields(app).map(([path, label]) => html`<option value=${path} ?selected=${draft.editPath === path}>${label}</option>`)}
        </select>
      </div>
      ${textField(app, { id: 'edit-value', label: t.editValue, wide: true, value: draft.editValue, onInput: (v) => (draft.editValue = v) })}`);
  }
  if (action === 'report') {
    body.push(html`<fieldset class="field">
      <legend>${t.reportKind}</legend>
      ${(['seeking', 'placed'] as const).map(
        (kind) => html`<label class="choice"
          ><input
            type="radio"
            name="report-kind"
            value=${kind}
            .checked=${draft.reportKind === kind}
            @change=${() => {
              draft.reportKind = kind;
              app.update();
            }}
          />${t[kind]}</label
        >`,
      )}
    </fieldset>`);
  }
  if (action === 'place' || (action === 'report' && draft.reportKind === 'placed')) {
    body.push(html`${textField(app, { id: 'employer', label: t.employer, wide: true, value: draft.employer, onInput: (v) => (draft.employer = v) })}
    ${textField(app, { id: 'position', label: t.position, wide: true, value: draft.position, onInput: (v) => (draft.position = v) })}
    ${textField(app, { id: 'start-date', label: t.startDate, hint: t.startDateHint, type: 'date', value: draft.startDate, onInput: (v) => (draft.startDate = v) })}`);
  }
  if (action === 'karirhub' && reportsTexts) {
    // The number Karirhub gave the card; marking it again corrects it (the history keeps the one before).
    if (!draft.karirhubNumber && app.record?.registration.karirhubNumber) draft.karirhubNumber = app.record.registration.karirhubNumber;
    body.push(
      textField(app, {
        id: 'karirhub-number',
        label: reportsTexts.karirhub.number,
        hint: reportsTexts.karirhub.numberHint,
        value: draft.karirhubNumber,
        onInput: (v) => (draft.karirhubNumber = v),
      }),
    );
  }
  const title = action === 'karirhub' && reportsTexts ? reportsTexts.karirhub.formTitle : action === 'edit' ? t.editTitle : action === 'report' || action === 'place' ? t.reportTitle : label;
  return html`<form id="action-form" tabindex="-1" novalidate aria-labelledby="action-form-heading" @submit=${onSubmit(() => app.act(action))}>
    <h3 id="action-form-heading">${title}</h3>
    ${body}
    <button type="submit" part="button" class=${action === 'reject' || action === 'cancel' ? 'warning' : ''} aria-disabled=${app.busy ? 'true' : 'false'}>
      ${action === 'edit' ? t.editSave : action === 'karirhub' && reportsTexts ? reportsTexts.karirhub.submit : t.confirm(label)}
    </button>
    <button type="button" part="button-secondary" class="secondary" @click=${() => app.chooseAction(undefined)}>${t.cancel}</button>
  </form>`;
}

/** Printing the final card: after signing, or later from the `print` action. */
function renderPrint(app: OfficeController, asForm = false) {
  const t = app.texts.print;
  const record = app.record!;
  const draft = app.draft(record.registration.registrationNumber);
  const overlay = app.settings?.card?.overlay !== undefined;
  return html`<form id=${asForm ? 'action-form' : 'print-form'} tabindex="-1" novalidate aria-labelledby="print-heading" @submit=${onSubmit(() => app.printCard())}>
    <h3 id="print-heading" tabindex="-1">${t.title}</h3>
    <p>${t.intro}</p>
    ${overlay
      ? html`<div class="field">
          <label for="layout">${t.layout}</label>
          <select
            id="layout"
            @change=${(e: Event) => {
              draft.layout = (e.target as HTMLSelectElement).value === 'overlay' ? 'overlay' : 'standard';
            }}
          >
            <option value="standard" ?selected=${draft.layout === 'standard'}>${t.a4}</option>
            <option value="overlay" ?selected=${draft.layout === 'overlay'}>${t.overlay}</option>
          </select>
        </div>`
      : nothing}
    <button type="submit" part="button" id="print-card" aria-disabled=${app.busy ? 'true' : 'false'}>${app.busy ? t.printing : t.print}</button>
    ${asForm ? html`<button type="button" part="button-secondary" class="secondary" @click=${() => app.chooseAction(undefined)}>${app.texts.record.cancel}</button>` : nothing}
  </form>`;
}

function renderHistory(app: OfficeController, history: readonly Ak1HistoryEntry[]) {
  const t = app.texts.record;
  const zone = app.settings?.district.timeZone;
  const events = app.texts.events as Record<string, string>;
  return html`<table class="stack" aria-labelledby="history-heading">
    <thead>
      <tr>
        <th scope="col">${t.historyWhen}</th>
        <th scope="col">${t.historyWho}</th>
        <th scope="col">${t.historyWhat}</th>
      </tr>
    </thead>
    <tbody>
      ${[...history].reverse().map(
        (entry) => html`<tr>
          <td data-label=${t.historyWhen}>${dateTimeOf(entry.at, zone)}</td>
          <td data-label=${t.historyWho}>${entry.actor.kind === 'officer' ? (entry.actor.name ?? entry.actor.id ?? '') : entry.actor.kind === 'applicant' ? t.applicant : t.system}</td>
          <td data-label=${t.historyWhat}>
            ${events[entry.event] ?? entry.event}
            ${entry.from && entry.to ? html`<br />${t.statusChange(statusWord(app, entry.from), statusWord(app, entry.to))}` : nothing}
            ${entry.reason?.length
              ? html`<ul>
                  ${entry.reason.map((reason) => html`<li>${app.texts.reasons[reason.code]}${reason.note ? `: ${reason.note}` : ''}</li>`)}
                </ul>`
              : nothing}
            ${entry.changes?.map((change) => html`<br />${t.changed(change.path.join('.'))}`)}
            ${entry.note ? html`<br />${entry.note}` : nothing}
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The fields an officer may correct at the counter with the KTP in hand, with the form's labels. */
function editableFields(app: OfficeController): Array<[string, string]> {
  const id = app.catalogue.form.identity;
  const f = app.texts.fields;
  return [
    ['fullName', id.fullName],
    ['birthPlace', id.birthPlace],
    ['birthDate', id.birthDate],
    ['nik', f.nik],
    ['kkNumber', id.kkNumber],
    ['phone', app.journey?.contact.phone ?? f.phone],
    ['email', app.journey?.contact.email ?? f.email],
    ['address.street', f.street],
    ['address.rt', f.rt],
    ['address.rw', f.rw],
    ['address.postalCode', f.postalCode],
  ];
}


function openInNewTab(url: string) {
  window.open(url, '_blank', 'noopener');
}
