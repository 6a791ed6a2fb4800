import type { RequestContext } from '../context.js';
import { loadCatalogue } from '../../i18n/index.js';
import { API_HEADERS, json, problem } from '../http.js';
import { authenticate } from '../office/auth.js';
import { safeParse } from 'zod/mini';
import { ak1OpeningBalanceSchema } from '../../schema/reports.js';
import { ipkReport, isReportMonth, OPENING_BALANCE_EVENT, openingBalance } from '../reports/ipk.js';
import { dailyReport } from '../reports/daily.js';
import { awaitingKarirhub, karirhubCsv } from '../reports/karirhub.js';
import { jsonBody, sweep } from './office-registrations.js';
import { timestampIn } from '../time.js';

/**
 * `GET {endpoint}/office/reports/ipk?month=YYYY-MM` (admins and the counter: a Pengantar Kerja counts as a
 * petugas): the month's IPK job-seeker tables, counted from the history (design.md, "Reports"). A month not yet
 * over is counted up to now; one that has not begun is refused, as it has nothing to count.
 */
export async function officeIpkReport(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin', 'petugas'] });
  if ('response' in auth) return auth.response;
  const month = context.url.searchParams.get('month') ?? '';
  if (!isReportMonth(month) || month > context.today().slice(0, 7)) {
    return problem('invalid-request', { detail: 'month is YYYY-MM, not after the current month' });
  }
  // The expiry sweep first, so a card past its date is counted as removed in its month.
  await sweep(context);
  return json(await ipkReport(context.store, month, context.district.timeZone));
}

/**
 * `GET {endpoint}/office/reports/daily?month=YYYY-MM` (admins and the counter): every day of the month with its
 * place on the district's calendar and capacity, the registrations submitted, the visits held and those checked in,
 * for the Laporan screen's chart. Like the IPK route, a month that has not begun is refused.
 */
export async function officeDailyReport(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin', 'petugas'] });
  if ('response' in auth) return auth.response;
  const month = context.url.searchParams.get('month') ?? '';
  if (!isReportMonth(month) || month > context.today().slice(0, 7)) {
    return problem('invalid-request', { detail: 'month is YYYY-MM, not after the current month' });
  }
  return json(await dailyReport(context.store, context.district, month));
}

/**
 * `GET {endpoint}/office/reports/summary` (admins and the counter): the numbers the office's home screen shows
 * besides the day's queue. `karirhubPending` counts the signed cards not yet entered in Karirhub.
 */
export async function officeSummary(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin', 'petugas'] });
  if ('response' in auth) return auth.response;
  // The sweep first: a card past its date is no longer waiting for Karirhub.
  await sweep(context);
  return json({ karirhubPending: (await awaitingKarirhub(context.store)).length });
}

/**
 * `GET {endpoint}/office/reports/karirhub.csv` (admins and the counter): the signed cards not yet in Karirhub, one
 * per row in the order of Karirhub's AK/I data entry, the longest-waiting first. `delimiter=;` and `lang=en` as
 * the office export takes them.
 */
export async function officeKarirhubExport(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin', 'petugas'] });
  if ('response' in auth) return auth.response;
  const query = context.url.searchParams;
  const delimiter = query.get('delimiter') ?? ',';
  if (delimiter !== ',' && delimiter !== ';') return problem('invalid-request', { detail: 'delimiter is , or ;' });
  await sweep(context);
  const catalogue = await loadCatalogue(query.get('lang') ?? 'id');
  const csv = karirhubCsv(await awaitingKarirhub(context.store), catalogue, delimiter);
  return new Response(csv, {
    status: 200,
    headers: {
      ...API_HEADERS,
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="ak1-karirhub-${context.today()}.csv"`,
    },
  });
}

/** An opening balance is a few dozen rows. */
const OPENING_BALANCE_BYTES = 16 * 1024;

/** `GET {endpoint}/office/reports/opening-balance` (admins and the counter): the balance in force, if any. */
export async function officeOpeningBalance(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin', 'petugas'] });
  if ('response' in auth) return auth.response;
  const balance = await openingBalance(context.store);
  return json(balance ? { openingBalance: balance } : {});
}

/**
 * `POST {endpoint}/office/reports/opening-balance` (admins): the paper-era holders on the books when the office
 * began counting, per group and sex (design.md, "Decisions": Reports). Kept as an entry of the audit history (who
 * entered which numbers when); the last one entered is in force, so a mistake is corrected by entering it again.
 * Setting the same balance twice leaves the same tables, so a retry needs no Idempotency-Key.
 */
export async function setOfficeOpeningBalance(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin'] });
  if ('response' in auth) return auth.response;
  const body = await jsonBody(context, OPENING_BALANCE_BYTES);
  if (body instanceof Response) return body;
  const parsed = safeParse(ak1OpeningBalanceSchema, body);
  if (!parsed.success) {
    return problem('invalid-body', {
      detail: 'The body is { month: "YYYY-MM", byAge: [{ group, sex, count }], byEducation: [{ group, sex, count }] }, each group and sex once',
    });
  }
  if (parsed.data.month > context.today().slice(0, 7)) return problem('invalid-body', { detail: 'month is not after the current month' });
  const { officer } = auth;
  await context.store.recordEvent({
    at: timestampIn(context.now(), context.district.timeZone),
    actor: { kind: 'officer', id: officer.id, name: officer.name },
    event: OPENING_BALANCE_EVENT,
    changes: [{ path: ['openingBalance'], after: parsed.data }],
  });
  return json({ openingBalance: parsed.data });
}
