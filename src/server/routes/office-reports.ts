import type { RequestContext } from '../context.js';
import { loadCatalogue } from '../../i18n/index.js';
import { API_HEADERS, json, problem } from '../http.js';
import { authenticate } from '../office/auth.js';
import { ipkReport, isReportMonth } from '../reports/ipk.js';
import { awaitingKarirhub, karirhubCsv } from '../reports/karirhub.js';
import { sweep } from './office-registrations.js';

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
