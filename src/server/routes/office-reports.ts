import type { RequestContext } from '../context.js';
import { json, problem } from '../http.js';
import { authenticate } from '../office/auth.js';
import { ipkReport, isReportMonth } from '../reports/ipk.js';
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
