import { EDUCATION_LEVELS, highestEducationLevel, SEXES, type Ak1Application, type Ak1HistoryEntry } from '../../schema/index.js';
import {
  ak1OpeningBalanceSchema,
  IPK_AGE_GROUPS,
  IPK_JOB_GROUPS,
  REPORT_MONTH_PATTERN,
  type Ak1IpkReport,
  type Ak1IpkRow,
  type Ak1OpeningBalance,
} from '../../schema/reports.js';
import { safeParse } from 'zod/mini';
import type { Ak1Store } from '../store.js';
import { timestampIn } from '../time.js';

/*
 * The monthly IPK (Informasi Pasar Kerja) job-seeker tables (design.md, "Reports"), counted from the history,
 * never from today's status: a card signed in March and placed in May counts as registered in March and placed
 * in May, whatever it says now. A job seeker is "on the books" while the registration is SIGNED:
 * - registered (terdaftar): a change into SIGNED in the month;
 * - placed (ditempatkan): a change from SIGNED to PLACED in the month (at the counter or by the holder's report);
 * - removed (dihapuskan): a change from SIGNED to anything else in the month (EXPIRED, CANCELLED);
 * - start: on the books when the month began; end: when it ended.
 * So every row adds up by construction: start + registered − placed − removed = end. A month is the district's
 * calendar month: an entry belongs to the month its time has on the district's clock (23.30 WIB on the 31st is
 * that month's, whatever the UTC date). Ages are taken at the month's end for every row of that month's table,
 * so a month's start may differ from the previous table's end when someone crossed an age band in between.
 */

export { IPK_AGE_GROUPS, IPK_JOB_GROUPS } from '../../schema/reports.js';
export type { Ak1IpkRow, Ak1IpkReport } from '../../schema/reports.js';

/** What the count needs of one registration: the fields it groups by and its whole history. */
export interface Ak1IpkSeeker {
  application: Pick<Ak1Application, 'birthDate' | 'sex' | 'education'> & { jobPreferences: { positions: ReadonlyArray<{ kbji?: string }> } };
  history: readonly Pick<Ak1HistoryEntry, 'at' | 'to'>[];
}

const HOLDER = 'SIGNED';

/** The district's offset from UTC at `ms`, in milliseconds. */
function offsetMs(ms: number, timeZone: string): number {
  const offset = timestampIn(new Date(ms), timeZone).slice(19);
  if (offset === 'Z' || offset === '') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
}

/** The instant the district's calendar month `year`-`month` (1–12; 13 is next January) begins. */
function monthStartMs(year: number, month: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, 1);
  let at = wall - offsetMs(wall, timeZone);
  // Where the offset changes near the boundary (daylight saving elsewhere), the offset at the instant itself.
  const again = wall - offsetMs(at, timeZone);
  if (again !== at) at = again;
  return at;
}

/**
 * Where an instant falls relative to `month` on the district's clock: −1 before, 0 in it, 1 after. Two boundaries
 * worked out once per table, not a time-zone conversion per history entry (the route's cost on 50,000 cards).
 */
function monthClassifier(month: string, timeZone: string): (ms: number) => -1 | 0 | 1 {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const start = monthStartMs(year, m, timeZone);
  const end = monthStartMs(year, m + 1, timeZone);
  return (ms) => (ms < start ? -1 : ms >= end ? 1 : 0);
}

/** Whole years from `birthDate` to `day` (both `YYYY-MM-DD`). */
function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function ageGroupOf(age: number): (typeof IPK_AGE_GROUPS)[number] {
  if (age >= 55) return '55+';
  if (age >= 45) return '45-54';
  if (age >= 30) return '30-44';
  if (age >= 20) return '20-29';
  return '15-19';
}

export function jobGroupOf(application: Pick<Ak1Application, 'jobPreferences'> | Pick<Ak1IpkSeeker['application'], 'jobPreferences'>): string {
  const code = application.jobPreferences.positions[0]?.kbji;
  return code ? code[0]! : '-';
}

/** The last day of `month` (`YYYY-MM`). */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function isReportMonth(value: string): boolean {
  return REPORT_MONTH_PATTERN.test(value);
}

/** A table's rows, each group by each sex in that order, and each row found by group and sex. */
function ipkTable<Row>(groups: readonly string[], make: (group: string, sex: (typeof SEXES)[number]) => Row) {
  const rows: Row[] = [];
  const bySex = new Map<string, Map<string, Row>>(SEXES.map((sex) => [sex, new Map()]));
  for (const group of groups) {
    for (const sex of SEXES) {
      const row = make(group, sex);
      rows.push(row);
      bySex.get(sex)!.set(group, row);
    }
  }
  return { rows, find: (group: string, sex: string): Row | undefined => bySex.get(sex)?.get(group) };
}

const emptyRow = (group: string, sex: (typeof SEXES)[number]): Ak1IpkRow => ({ group, sex, start: 0, registered: 0, placed: 0, removed: 0, end: 0 });

/**
 * The month's tables from the seekers' histories (pure: the route and the tests share it). `opening`: the paper-era
 * holders an admin entered, added to the start and the end of its month and of every month after it.
 */
export function countIpk(month: string, timeZone: string, seekers: Iterable<Ak1IpkSeeker>, opening?: Ak1OpeningBalance): Ak1IpkReport {
  const byAge = ipkTable(IPK_AGE_GROUPS, emptyRow);
  const byEducation = ipkTable(EDUCATION_LEVELS, emptyRow);
  const byJobGroup = ipkTable(IPK_JOB_GROUPS, (group, sex) => ({ group, sex, registered: 0 }));
  const monthEnd = lastDayOf(month);
  const where = monthClassifier(month, timeZone);
  const counts = { start: 0, registered: 0, placed: 0, removed: 0, end: 0 };
  const add = (row: Ak1IpkRow | undefined) => {
    if (!row) return;
    row.start += counts.start;
    row.registered += counts.registered;
    row.placed += counts.placed;
    row.removed += counts.removed;
    row.end += counts.end;
  };

  // Tens of thousands of job seekers per call: one small array per seeker, no key strings built for the rows.
  for (const { application, history } of seekers) {
    // Walk the status changes in time order, up to the month's end.
    const changes: Array<{ ms: number; month: -1 | 0 | 1; to: string }> = [];
    for (const entry of history) {
      if (entry.to === undefined) continue;
      const ms = Date.parse(entry.at);
      changes.push({ ms, month: where(ms), to: entry.to });
    }
    if (changes.length > 1) changes.sort((a, b) => a.ms - b.ms);
    let status: string | undefined;
    counts.start = counts.registered = counts.placed = counts.removed = counts.end = 0;
    let startTaken = false;
    for (const change of changes) {
      if (change.month > 0) break;
      if (change.month === 0 && !startTaken) {
        counts.start = status === HOLDER ? 1 : 0;
        startTaken = true;
      }
      if (change.month === 0 && change.to !== status) {
        if (change.to === HOLDER) counts.registered++;
        else if (status === HOLDER) change.to === 'PLACED' ? counts.placed++ : counts.removed++;
      }
      status = change.to;
    }
    if (!startTaken) counts.start = status === HOLDER ? 1 : 0;
    counts.end = status === HOLDER ? 1 : 0;
    if (counts.start + counts.registered + counts.placed + counts.removed + counts.end === 0) continue;

    const { sex } = application;
    add(byAge.find(ageGroupOf(ageOn(application.birthDate, monthEnd)), sex));
    // No school at all is a level too (`BELUM_TAMAT_SD`), so every job seeker has a row.
    add(byEducation.find(highestEducationLevel(application.education), sex));
    if (counts.registered > 0) byJobGroup.find(jobGroupOf(application), sex)!.registered += counts.registered;
  }
  if (opening && opening.month <= month) {
    for (const [table, balance] of [[byAge, opening.byAge], [byEducation, opening.byEducation]] as const) {
      for (const { group, sex, count } of balance) {
        const row = table.find(group, sex);
        if (!row) continue;
        row.start += count;
        row.end += count;
      }
    }
  }
  return { month, byAge: byAge.rows, byEducation: byEducation.rows, byJobGroup: byJobGroup.rows };
}

/** The history event of an admin's opening balance (an entry of no registration, like a login). */
export const OPENING_BALANCE_EVENT = 'opening-balance';

/** The balance an opening-balance entry carries, or `undefined` for any other entry or one that does not parse. */
export function openingBalanceOf(entry: Pick<Ak1HistoryEntry, 'event' | 'changes'> & { registrationNumber?: string }): Ak1OpeningBalance | undefined {
  if (entry.event !== OPENING_BALANCE_EVENT || entry.registrationNumber !== undefined) return undefined;
  const parsed = safeParse(ak1OpeningBalanceSchema, entry.changes?.[0]?.after);
  return parsed.success ? parsed.data : undefined;
}

/** The most history entries asked of the store at once while reading it through. */
const PAGE = 10_000;
/** Where a registration that was once signed can be now. */
const AFTER_SIGNING = ['SIGNED', 'PLACED', 'CANCELLED', 'EXPIRED'] as const;
/** More registrations than a district ever holds in one status. */
const BULK_LIMIT = 10_000_000;
/** Later than any entry. */
const END_OF_TIME = '9999-12-31T23:59:59+00:00';

export type ListedEntry = Awaited<ReturnType<Ak1Store['listHistory']>>[number];

/** Every history entry with `at` from `from` to `to`, oldest first, read through in pages. */
export async function readHistory(store: Ak1Store, from: string, to: string, onEntry: (entry: ListedEntry) => void): Promise<void> {
  let limit = PAGE;
  // Entries at `from` itself come again on the next page: skip as many as were already taken.
  let takenAtFrom = 0;
  for (;;) {
    const page = await store.listHistory({ from, to, limit });
    const full = page.length >= limit;
    const last = page[page.length - 1]?.at;
    const atLast = page.filter((entry) => entry.at === last).length;
    if (full && atLast === page.length) {
      // A whole page at one second: ask for more at once.
      limit *= 2;
      continue;
    }
    for (const entry of page.slice(takenAtFrom)) onEntry(entry);
    if (!full) return;
    from = last!;
    takenAtFrom = atLast;
    limit = PAGE;
  }
}

/**
 * The opening balance in force: the last one an admin entered, whenever (it may be entered months after its own
 * month), read from the entries of no registration after `after` and those already seen.
 */
async function latestOpeningBalance(store: Ak1Store, after: string, seen: Ak1OpeningBalance | undefined): Promise<Ak1OpeningBalance | undefined> {
  let latest = seen;
  await readHistory(store, after, END_OF_TIME, (entry) => {
    latest = openingBalanceOf(entry) ?? latest;
  });
  return latest;
}

/**
 * The month's tables from a store: every history entry up to the month's end (read through in pages), then the
 * application of each registration that was ever on the books by then, and the opening balance in force.
 */
export async function ipkReport(store: Ak1Store, month: string, timeZone: string): Promise<Ak1IpkReport> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  // Entries are written in the district's offset and the stores may compare them as strings: bounds in it too.
  const offset = timestampIn(new Date(Date.UTC(year, m - 1, 15, 12)), timeZone).slice(19);
  const to = `${lastDayOf(month)}T23:59:59${offset}`;
  if (store.listIpkSources && store.listEvents) {
    // The stores' lighter read: the status changes of the registrations signed by then and the fields grouped by.
    // From the month's start: a store may then send each registration's earlier changes as its status then.
    const sources = await store.listIpkSources({ toMs: Date.parse(to), fromMs: monthStartMs(year, m, timeZone) });
    let latest: Ak1OpeningBalance | undefined;
    for (const entry of await store.listEvents(OPENING_BALANCE_EVENT)) latest = openingBalanceOf(entry) ?? latest;
    return countIpk(month, timeZone, sources, latest);
  }
  const histories = new Map<string, Array<Pick<Ak1HistoryEntry, 'at' | 'to'>>>();
  let opening: Ak1OpeningBalance | undefined;
  await readHistory(store, '1970-01-01T00:00:00+00:00', to, (entry) => {
    if (entry.registrationNumber === undefined) {
      opening = openingBalanceOf(entry) ?? opening;
      return;
    }
    if (entry.to === undefined) return;
    let list = histories.get(entry.registrationNumber);
    if (!list) histories.set(entry.registrationNumber, (list = []));
    list.push({ at: entry.at, to: entry.to });
  });
  opening = await latestOpeningBalance(store, to, opening);
  const everSigned = [...histories].filter(([, history]) => history.some((entry) => entry.to === HOLDER));
  // The applications in bulk, without their attachments, by the statuses a signed card can have now: one query
  // each instead of a record read per job seeker (design.md's 50,000 registrations within a second).
  const applications = new Map<string, Ak1IpkSeeker['application']>();
  if (everSigned.length) {
    for (const status of AFTER_SIGNING) {
      for (const registration of await store.listRegistrations({ status, limit: BULK_LIMIT })) {
        applications.set(registration.registrationNumber, registration.application);
      }
    }
  }
  const seekers: Ak1IpkSeeker[] = [];
  for (const [number, history] of everSigned) {
    // A status this list does not know (a newer release's): the record itself.
    const application = applications.get(number) ?? (await store.getRecord(number))?.application;
    if (application) seekers.push({ application, history });
  }
  return countIpk(month, timeZone, seekers, opening);
}

/** The opening balance in force, if an admin has entered one. */
export async function openingBalance(store: Ak1Store): Promise<Ak1OpeningBalance | undefined> {
  if (store.listEvents) {
    let latest: Ak1OpeningBalance | undefined;
    for (const entry of await store.listEvents(OPENING_BALANCE_EVENT)) latest = openingBalanceOf(entry) ?? latest;
    return latest;
  }
  return latestOpeningBalance(store, '1970-01-01T00:00:00+00:00', undefined);
}
