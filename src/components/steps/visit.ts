import { html, nothing } from 'lit';
import { addDays, calendarDate, type Ak1Availability } from '../../schema/index.js';
import { formatDate } from '../../i18n/index.js';
import { choiceField } from '../form/fields.js';
import { questionStep } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** How far ahead the applicant may pick; the backend's horizon decides in the end. */
const DAYS_AHEAD = 30;
/** How many open days to offer: enough choice, short enough for a phone screen. */
const DAYS_SHOWN = 10;

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; days: Ak1Availability['days'] };
const availability = new WeakMap<StepHost, Loaded>();

function load(host: StepHost) {
  availability.set(host, { state: 'loading' });
  const from = addDays(calendarDate(), 1);
  host
    .getClient()
    .then((client) => {
      if (!client) throw new Error('no office');
      return client.availability(from, addDays(from, DAYS_AHEAD - 1));
    })
    .then(({ days }) => availability.set(host, { state: 'ready', days }))
    .catch(() => availability.set(host, { state: 'failed' }))
    .finally(() => host.requestUpdate());
}

/** Step 6: the day to come to the office. Optional: without a choice the office books the first free day. */
export function render(host: StepHost) {
  const t = host.t;
  const f = host.j.visit;
  const loaded = availability.get(host);
  if (!loaded) load(host);
  const weekday = (date: string) => t.weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()];
  let content;
  if (!loaded || loaded.state === 'loading') {
    content = html`<p role="status">${t.form.loading}</p>`;
  } else if (loaded.state === 'failed') {
    content = html`<div class="notice" role="status">
      <p>${f.unavailable}</p>
      <button class="button button-secondary" part="button-secondary" type="button" @click=${() => load(host)}>${t.form.tryAgain}</button>
    </div>`;
  } else {
    const open = loaded.days.filter((day) => day.open && day.remaining > 0).slice(0, DAYS_SHOWN);
    content = open.length
      ? choiceField(host, {
          path: 'preferredVisitDate',
          legend: f.legend,
          hint: f.hint,
          optional: true,
          options: [
            ...open.map((day) => [day.date, f.dayOption(`${weekday(day.date)}, ${formatDate(day.date, t)}`, day.remaining)] as const),
            ['', f.noPreference] as const,
          ],
        })
      : html`<p>${f.full}</p>`;
  }
  const office = host.office;
  return questionStep(
    host,
    f.title,
    html`${office?.officeName || office?.officeAddress
        ? html`<p>${f.where(office.officeName ?? '', office.officeAddress ?? '')}</p>`
        : nothing}
      ${content}`,
    f.intro,
  );
}
