import { html, nothing, type TemplateResult } from 'lit';
import { statusTexts } from '../../i18n/status.js';
import type { Ak1RegistrationSummary } from '../../schema/index.js';
import type { OfficeController } from './app.js';
import { onSubmit, problemSummary, textField, timeOf } from './parts.js';

/** The statuses in which a visitor can still be checked in (the lifecycle's `check-in` rule). */
const CHECK_IN_FROM = new Set(['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED']);

/**
 * "Hari ini": the day's visits by window with their queue numbers, status and arrival, check-in from the list,
 * the counts arrived and waiting, another day; and the search by number, NIK or name (sent in a POST body).
 */
export function renderToday(app: OfficeController, notices: TemplateResult | typeof nothing = nothing) {
  const t = app.texts.today;
  const queue = app.queue ?? [];
  const arrived = queue.filter((s) => s.checkedInAt).length;
  return html`<section aria-labelledby="today-heading">
      <h2 id="today-heading" tabindex="-1" data-screen-heading>${t.title}</h2>
      ${problemSummary(app)} ${notices}
      <form novalidate class="row" @submit=${onSubmit(() => app.loadQueue())}>
        ${textField(app, { id: 'visit-date', label: t.dateLabel, type: 'date', value: app.visitDate, onInput: (v) => (app.visitDate = v) })}
        <div class="field"><button type="submit" part="button-secondary" class="secondary">${t.show}</button></div>
      </form>
      ${app.queue === undefined
        ? html`<p>${app.texts.loading}</p>`
        : queue.length === 0
          ? html`<p>${t.noVisits}</p>`
          : html`<p class="counts" id="counts">${t.counts(arrived, queue.length - arrived)}</p>
              ${windows(queue).map(([window, rows]) => visitTable(app, window, rows))}`}
    </section>
    <section aria-labelledby="search-heading">
      <h2 id="search-heading">${t.searchTitle}</h2>
      <form novalidate role="search" class="row" @submit=${onSubmit(() => app.search())}>
        ${textField(app, { id: 'search', label: t.searchLabel, hint: t.searchHint, type: 'search', wide: true, value: app.query, onInput: (v) => (app.query = v) })}
        <div class="field"><button type="submit" part="button">${t.search}</button></div>
      </form>
      ${app.results === undefined
        ? nothing
        : html`<h3 id="results-heading" tabindex="-1">${t.results(app.results.length)}</h3>
            ${app.results.length ? summaryTable(app, app.results, t.results(app.results.length), false) : html`<p>${t.noResults}</p>`}`}
    </section>`;
}

/** The day's visits grouped by their window, in the order the backend gave them (window, then queue number). */
function windows(queue: Ak1RegistrationSummary[]): Array<[string | undefined, Ak1RegistrationSummary[]]> {
  const groups = new Map<string | undefined, Ak1RegistrationSummary[]>();
  for (const summary of queue) {
    const key = summary.appointment ? `${summary.appointment.start}|${summary.appointment.end}` : undefined;
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  return [...groups];
}

function visitTable(app: OfficeController, window: string | undefined, rows: Ak1RegistrationSummary[]) {
  const [start, end] = window?.split('|') ?? [];
  const caption = start && end ? app.texts.today.window(start, end) : app.texts.today.noWindow;
  return summaryTable(app, rows, caption, true);
}

function summaryTable(app: OfficeController, rows: Ak1RegistrationSummary[], caption: string, visits: boolean) {
  const t = app.texts.today;
  const zone = app.settings?.district.timeZone;
  return html`<table class="stack">
    <caption>${caption}</caption>
    <thead>
      <tr>
        ${visits ? html`<th scope="col">${t.queueNumber}</th>` : nothing}
        <th scope="col">${t.name}</th>
        <th scope="col">${t.nik}</th>
        <th scope="col">${t.status}</th>
        <th scope="col">${t.arrival}</th>
        <th scope="col"><span class="visually-hidden">${app.texts.record.actions}</span></th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (s) => html`<tr>
          ${visits ? html`<td data-label=${t.queueNumber}>${s.appointment?.queueNumber ?? ''}</td>` : nothing}
          <th scope="row">${s.fullName}<br /><span class="hint">${s.registrationNumber}</span></th>
          <td data-label=${t.nik}>${s.nikMasked}</td>
          <td data-label=${t.status}>${statusWord(app, s.status)}</td>
          <td data-label=${t.arrival}>${s.checkedInAt ? t.checkedIn(timeOf(s.checkedInAt, zone)) : t.notCheckedIn}</td>
          <td>
            <button type="button" part="button-secondary" class="secondary" data-open=${s.registrationNumber} @click=${() => app.open(s.registrationNumber)}>
              ${t.open}<span class="visually-hidden"> ${s.fullName}</span>
            </button>
            ${!s.checkedInAt && CHECK_IN_FROM.has(s.status)
              ? html`<button type="button" part="button" data-check-in=${s.registrationNumber} @click=${() => app.checkIn(s)}>
                  ${t.checkIn}<span class="visually-hidden"> ${s.fullName}</span>
                </button>`
              : nothing}
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A status in words; one this version does not know reads "sedang diproses" (design.md, "Decisions"). */
export function statusWord(app: OfficeController, status: string): string {
  const labels: Record<string, string> = statusTexts[app.catalogue.lang];
  return labels[status] ?? app.texts.statusUnknown;
}
