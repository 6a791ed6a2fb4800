import { html, nothing, type TemplateResult } from 'lit';
import { idOfficeReports } from '../../i18n/id/office-reports.js';
import type { Ak1OfficeReportsTexts } from '../../i18n/types.js';
import { type Ak1DailyFunnel, type Ak1IpkReport, type Ak1IpkRow } from '../../schema/index.js';
import { today, type OfficeController } from './app.js';
import { dailyChart, funnelChart, type DayBar } from './charts.js';
import { onSubmit, problemSummary } from './parts.js';
import { CSV_TYPE, saveFile, tableCsv, tableXlsx, type TableFile } from './reports-files.js';

/*
 * "Laporan": the month's IPK tables (design.md, "Reports") as the backend counts them, each row checked against
 * start + registered − placed − removed = end on this device too, so a backend that miscounts is seen before the
 * report goes up; the month's registrations and visits per day against capacity and the status funnel (the daily
 * report route, one call for both); each table as CSV or as a spreadsheet file.
 */

/** How many months back the picker offers: two years of reports and the month now running. */
const MONTHS_OFFERED = 25;
export type ReportTable = 'byAge' | 'byEducation' | 'byJobGroup';

/** A month of the visits chart, and its status funnel as the backend counted it. */
interface Daily {
  month: string;
  days: DayBar[];
  funnel: Ak1DailyFunnel;
}

/** The report screen's state: kept while the officer goes to another screen and back, dropped at logout. */
export class OfficeReports {
  texts: Ak1OfficeReportsTexts = idOfficeReports;
  month = '';
  report: Ak1IpkReport | undefined;
  daily: Daily | undefined;
  dailyState: 'idle' | 'loading' | 'failed' = 'idle';
  private lang: string = 'id';
  /** The visits chart's calls in flight: another month, or logging out, stops them. */
  private dailyCalls: AbortController | undefined;

  constructor(readonly app: OfficeController) {}

  /** The texts in the counter's language: English loads as its own chunk, as the counter's own texts do. */
  textsFor(lang: string): Ak1OfficeReportsTexts {
    if (lang !== this.lang) {
      this.lang = lang;
      if (lang === 'en') {
        void import('../../i18n/en/office-reports.js').then((m) => {
          if (this.lang !== 'en') return;
          this.texts = m.enOfficeReports;
          this.app.update();
        });
      } else this.texts = idOfficeReports;
    }
    return this.texts;
  }

  /** The month now running where the office is (`YYYY-MM`). */
  currentMonth(): string {
    return today(this.app.settings?.district.timeZone).slice(0, 7);
  }

  /** The default: the month before, the one whose report is due. */
  defaultMonth(): string {
    return monthsBefore(this.currentMonth(), 1);
  }

  /** Opens the screen: the default month's report the first time. */
  async open(): Promise<void> {
    if (!this.month) this.month = this.defaultMonth();
    if (this.report?.month !== this.month) await this.load();
  }

  async load(month = this.month): Promise<void> {
    this.month = month;
    await this.app.perform(async () => {
      this.report = await this.app.session.call((client) => client.ipkReport({ month }));
      this.app.focus('#report-results');
    }, 'report-month');
    if (this.report?.month === month && this.daily?.month !== month) void this.loadDaily(month);
  }

  /** The visits chart's and the funnel's data: the month's daily report, one call. */
  private async loadDaily(month: string): Promise<void> {
    this.dailyCalls?.abort();
    const calls = (this.dailyCalls = new AbortController());
    const signal = calls.signal;
    this.dailyState = 'loading';
    this.app.update();
    try {
      const report = await this.app.session.call((client) => client.dailyReport({ month }, { signal }));
      if (signal.aborted) return;
      const { funnel } = report;
      const days = report.days.map((day) => ({
        date: day.date,
        registered: day.registered,
        booked: day.booked,
        arrived: day.checkedIn,
        capacity: day.open ? day.capacity : undefined,
      }));
      this.daily = { month, days, funnel };
      this.dailyState = 'idle';
    } catch {
      if (signal.aborted) return;
      this.dailyState = 'failed';
    }
    this.app.update();
  }

  /** The officer's download: the table as shown, as CSV or .xlsx. */
  async download(table: ReportTable, kind: 'csv' | 'xlsx'): Promise<void> {
    const report = this.report;
    if (!report) return;
    const file = tableFile(this, report, table);
    const name = `${this.texts.downloads.files[table](report.month)}.${kind}`;
    await this.app.perform(async () => {
      const blob = kind === 'csv' ? new Blob([tableCsv(file)], { type: CSV_TYPE }) : await tableXlsx(file, this.texts.downloads.sheet);
      saveFile(blob, name);
      this.app.announce(this.texts.downloads.done(name));
    });
  }

  // The home screen's Karirhub count (GET {endpoint}/office/reports/summary)

  /** Signed cards not yet entered in Karirhub; `undefined` until the backend has said. */
  karirhubPending: number | undefined;
  private summaryCall: Promise<void> | undefined;

  /** Asks the backend for the count again (the home screen shows it each time it opens). */
  loadSummary(): Promise<void> {
    this.summaryCall ??= this.app.session
      .call((client) => client.summary())
      .then(
        (summary) => {
          this.karirhubPending = summary.karirhubPending;
        },
        // A backend without the route (or a role without it) shows no count: the counter works on.
        () => undefined,
      )
      .finally(() => {
        this.summaryCall = undefined;
        this.app.update();
      });
    return this.summaryCall;
  }

  /** The backend's list of the cards to enter, in the order of Karirhub's data entry, as a file. */
  async downloadKarirhubList(): Promise<void> {
    const name = `${this.texts.karirhub.listFile(today(this.app.settings?.district.timeZone))}.csv`;
    await this.app.perform(async () => {
      const csv = await this.app.session.call((client) => client.karirhubCsv({ lang: this.texts.lang }));
      saveFile(new Blob([csv], { type: CSV_TYPE }), name);
      this.app.announce(this.texts.downloads.done(name));
    });
  }

  clear() {
    this.karirhubPending = undefined;
    this.dailyCalls?.abort();
    this.report = this.daily = undefined;
    this.month = '';
    this.dailyState = 'idle';
  }
}

/** `YYYY-MM` `n` months before `month`. */
export function monthsBefore(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whether a row adds up: start + registered − placed − removed = end. */
export function expectedEnd(row: Ak1IpkRow): number {
  return row.start + row.registered - row.placed - row.removed;
}

const COUNTS = ['start', 'registered', 'placed', 'removed', 'end'] as const;

function monthName(reports: OfficeReports, month: string, catalogueMonths: readonly string[]): string {
  const [year, m] = month.split('-');
  return reports.texts.month(catalogueMonths[Number(m) - 1] ?? m!, year!, month === reports.currentMonth());
}

function groupLabel(reports: OfficeReports, app: OfficeController, table: ReportTable, group: string): string {
  const t = reports.texts;
  if (table === 'byAge') return t.ageGroup(group);
  if (table === 'byJobGroup') return t.jobGroups[group] ?? group;
  return (app.catalogue.labels.educationLevel as Record<string, string>)[group] ?? group;
}

function sexLabel(app: OfficeController, sex: string): string {
  return (app.catalogue.labels.sex as Record<string, string>)[sex] ?? sex;
}

/** A table as a file: its headings, its rows with labels in words, and the totals row. */
export function tableFile(reports: OfficeReports, report: Ak1IpkReport, table: ReportTable): TableFile {
  const app = reports.app;
  const t = reports.texts;
  const month = monthName(reports, report.month, app.catalogue.months);
  const caption = t.tables[table](month);
  const groupHeading = table === 'byAge' ? t.columns.age : table === 'byEducation' ? t.columns.education : t.columns.jobGroup;
  if (table === 'byJobGroup') {
    const rows = report.byJobGroup.map((r) => [groupLabel(reports, app, table, r.group), sexLabel(app, r.sex), r.registered]);
    const total = report.byJobGroup.reduce((sum, r) => sum + r.registered, 0);
    return { caption, headings: [groupHeading, t.columns.sex, t.columns.registered], rows: [...rows, [t.total, '', total]] };
  }
  const source = report[table];
  const rows = source.map((r) => [groupLabel(reports, app, table, r.group), sexLabel(app, r.sex), ...COUNTS.map((c) => r[c])]);
  const totals = COUNTS.map((c) => source.reduce((sum, r) => sum + r[c], 0));
  return {
    caption,
    headings: [groupHeading, t.columns.sex, ...COUNTS.map((c) => t.columns[c])],
    rows: [...rows, [t.total, '', ...totals]],
  };
}

/** On the home screen: how many signed cards wait for Karirhub, and their list to re-key from. */
export function renderKarirhubPending(reports: OfficeReports): TemplateResult | typeof nothing {
  const count = reports.karirhubPending;
  if (count === undefined) return nothing;
  const t = reports.texts.karirhub;
  return html`<div class="notice karirhub-pending">
    <p id="karirhub-pending" class="karirhub-count">${t.pending(count)}</p>
    ${count
      ? html`<button type="button" part="button-secondary" class="secondary" data-download="karirhub-csv" @click=${() => reports.downloadKarirhubList()}>
          ${t.downloadList}
        </button>`
      : nothing}
  </div>`;
}

/** The screen. */
export function renderReports(app: OfficeController, reports: OfficeReports): TemplateResult {
  const t = reports.textsFor(app.texts.lang);
  const current = reports.currentMonth();
  const months = Array.from({ length: MONTHS_OFFERED }, (_, i) => monthsBefore(current, i));
  const chosen = reports.month || reports.defaultMonth();
  const report = reports.report;
  return html`<section aria-labelledby="reports-heading" class="reports">
    <h2 id="reports-heading" tabindex="-1" data-screen-heading>${t.title}</h2>
    <p>${t.intro}</p>
    ${problemSummary(app)}
    <form novalidate class="row" @submit=${onSubmit(() => reports.load())}>
      <div class="field">
        <label for="report-month" part="label">${t.monthLabel}</label>
        <span class="hint" id="report-month-hint" part="hint">${t.monthHint}</span>
        <select
          id="report-month"
          aria-describedby="report-month-hint"
          @change=${(event: Event) => {
            reports.month = (event.target as HTMLSelectElement).value;
          }}
        >
          ${months.map((month) => html`<option value=${month} ?selected=${month === chosen}>${monthName(reports, month, app.catalogue.months)}</option>`)}
        </select>
      </div>
      <div class="field"><button type="submit" part="button" aria-disabled=${app.busy ? 'true' : 'false'}>${t.show}</button></div>
    </form>
    ${report ? renderReport(app, reports, report) : html`<p>${app.busy ? t.loading : nothing}</p>`}
  </section>`;
}

function renderReport(app: OfficeController, reports: OfficeReports, report: Ak1IpkReport): TemplateResult {
  const t = reports.texts;
  const rows = [...report.byAge, ...report.byEducation];
  const wrong = rows.filter((r) => expectedEnd(r) !== r.end).length;
  const month = monthName(reports, report.month, app.catalogue.months);
  return html`<div id="report-results" tabindex="-1" aria-label=${month}>
    <p class="identity">${t.identity}</p>
    <p id="report-check" class=${wrong ? 'mismatch-summary' : 'ok-summary'}>${wrong ? t.rowsDoNotAddUp(wrong) : t.allRowsAddUp}</p>
    ${(['byAge', 'byEducation', 'byJobGroup'] as const).map((table) => renderTable(app, reports, report, table))}
    ${renderDaily(app, reports, month)}
  </div>`;
}

function renderTable(app: OfficeController, reports: OfficeReports, report: Ak1IpkReport, table: ReportTable): TemplateResult {
  const t = reports.texts;
  const file = tableFile(reports, report, table);
  const id = `table-${table}`;
  const checked = table !== 'byJobGroup';
  const source = checked ? report[table as 'byAge' | 'byEducation'] : undefined;
  const body = file.rows.slice(0, -1);
  const totals = file.rows[file.rows.length - 1]!;
  return html`<div class="report-table">
    <div class="table-scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">
      <table id=${id} class="numbers">
        <caption id="${id}-caption">${file.caption}</caption>
        <thead>
          <tr>
            ${file.headings.map((heading, i) => html`<th scope="col" class=${i > 1 ? 'number' : ''}>${heading}</th>`)}
            ${checked ? html`<th scope="col">${t.columns.check}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${body.length
            ? body.map((cells, i) => {
                const row = source?.[i];
                const ok = !row || expectedEnd(row) === row.end;
                return html`<tr class=${ok ? '' : 'mismatch'} data-row=${i}>
                  <th scope="row">${cells[0]}</th>
                  <th scope="row" class="sex">${cells[1]}</th>
                  ${cells.slice(2).map((cell) => html`<td class="number">${cell}</td>`)}
                  ${row
                    ? html`<td class="check" data-check=${ok ? 'ok' : 'bad'}>${ok ? html`<span aria-hidden="true">✓ </span>${t.checkOk}` : html`<strong><span aria-hidden="true">✗ </span>${t.checkBad(expectedEnd(row))}</strong>`}</td>`
                    : nothing}
                </tr>`;
              })
            : html`<tr><td colspan=${file.headings.length + (checked ? 1 : 0)}>${t.empty}</td></tr>`}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="2">${totals[0]}</th>
            ${totals.slice(2).map((cell) => html`<td class="number">${cell}</td>`)} ${checked ? html`<td></td>` : nothing}
          </tr>
        </tfoot>
      </table>
    </div>
    <div class="downloads">
      <button type="button" part="button-secondary" class="secondary" data-download="${table}-csv" @click=${() => reports.download(table, 'csv')}>
        ${t.downloads.csv}<span class="visually-hidden">${t.downloads.of(file.caption)}</span>
      </button>
      <button type="button" part="button-secondary" class="secondary" data-download="${table}-xlsx" @click=${() => reports.download(table, 'xlsx')}>
        ${t.downloads.xlsx}<span class="visually-hidden">${t.downloads.of(file.caption)}</span>
      </button>
    </div>
  </div>`;
}

function renderDaily(app: OfficeController, reports: OfficeReports, month: string): TemplateResult {
  const t = reports.texts;
  const daily = reports.daily;
  const d = t.daily;
  const f = t.funnel;
  if (reports.dailyState === 'failed') return html`<h3>${d.title}</h3><p>${d.failed}</p>`;
  if (!daily || daily.month !== reports.report?.month) return html`<h3>${d.title}</h3><p>${d.loading}</p>`;
  const registered = daily.days.reduce((s, day) => s + day.registered, 0);
  const booked = daily.days.reduce((s, day) => s + day.booked, 0);
  const arrived = daily.days.reduce((s, day) => s + day.arrived, 0);
  const busiest = daily.days.reduce<DayBar | undefined>((best, day) => (day.booked > (best?.booked ?? 0) ? day : best), undefined);
  const dateText = (date: string) => `${Number(date.slice(8))} ${app.catalogue.months[Number(date.slice(5, 7)) - 1]}`;
  const steps = (['booked', 'arrived', 'verified', 'signed', 'placed'] as const).map((key) => ({ key, label: f.steps[key], count: daily.funnel[key] }));
  return html`<h3 id="daily-heading">${d.title}</h3>
    <p>${d.intro}</p>
    <ul class="legend">
      <li><span class="swatch registered" aria-hidden="true"></span>${d.registered}</li>
      <li><span class="swatch booked" aria-hidden="true"></span>${d.booked}</li>
      <li><span class="swatch arrived" aria-hidden="true"></span>${d.arrived}</li>
      <li><span class="swatch capacity" aria-hidden="true"></span>${d.capacity}</li>
    </ul>
    ${dailyChart(daily.days, {
      id: 'daily-chart',
      title: d.chartLabel(month),
      description: `${d.description(booked, arrived, daily.days.length, busiest ? dateText(busiest.date) : undefined)} ${d.registeredSentence(registered)}`,
    })}
    <p class="hint">${d.capacityNote}</p>
    <details>
      <summary>${d.tableToggle}</summary>
      <div class="table-scroll" role="region" aria-labelledby="daily-table-caption" tabindex="0">
        <table id="daily-table" class="numbers">
          <caption id="daily-table-caption">${d.tableCaption(month)}</caption>
          <thead>
            <tr>
              <th scope="col">${d.date}</th>
              <th scope="col" class="number">${d.registered}</th>
              <th scope="col" class="number">${d.booked}</th>
              <th scope="col" class="number">${d.arrived}</th>
              <th scope="col" class="number">${d.capacity}</th>
            </tr>
          </thead>
          <tbody>
            ${daily.days.map(
              (day) => html`<tr>
                <th scope="row">${dateText(day.date)}</th>
                <td class="number">${day.registered}</td>
                <td class="number">${day.booked}</td>
                <td class="number">${day.arrived}</td>
                <td class="number">${day.capacity ?? d.closed}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
    <h3 id="funnel-heading">${f.title}</h3>
    <p>${f.intro}</p>
    ${funnelChart(steps, { id: 'funnel-chart', title: f.chartLabel(month), description: f.description(steps.map((s) => f.step(s.label, s.count)).join(', ')) })}
    <details>
      <summary>${d.tableToggle}</summary>
      <table id="funnel-table" class="numbers">
        <caption>${f.tableCaption(month)}</caption>
        <thead>
          <tr>
            <th scope="col">${f.stage}</th>
            <th scope="col" class="number">${f.count}</th>
          </tr>
        </thead>
        <tbody>
          ${steps.map((s) => html`<tr data-step=${s.key}><th scope="row">${s.label}</th><td class="number">${s.count}</td></tr>`)}
        </tbody>
      </table>
    </details>`;
}
