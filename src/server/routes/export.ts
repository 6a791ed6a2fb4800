import { loadCatalogue } from '../../i18n/index.js';
import { isCalendarDate } from '../../schema/index.js';
import type { RequestContext } from '../context.js';
import { exportCsv } from '../csv.js';
import { API_HEADERS, problem, secretsEqual } from '../http.js';
import { authenticate } from '../office/auth.js';
import { sweep } from './office-registrations.js';

/**
 * `GET {endpoint}/export.csv?date=` (visit day) or `?registeredOn=`: the office's list for scripts, behind the
 * bearer token `exportToken`. Without a token configured the route does not exist.
 */
export async function exportRegistrations(context: RequestContext): Promise<Response> {
  const { options, request } = context;
  if (!options.exportToken) return problem('not-found');
  const authorization = request.headers.get('authorization') ?? '';
  const given = /^Bearer (\S+)$/i.exec(authorization)?.[1] ?? '';
  if (!(await secretsEqual(given, options.exportToken))) {
    return problem('unauthorized', { headers: { 'www-authenticate': 'Bearer realm="ak1-export"' } });
  }
  return csvReply(context);
}

/**
 * `GET {endpoint}/office/export.csv?date=` or `?registeredOn=`: the same list for an officer's session (any role:
 * the counter, the Pengantar Kerja and the admin who sends the month's numbers up).
 */
export async function officeExport(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context);
  if ('response' in auth) return auth.response;
  await sweep(context);
  return csvReply(context);
}

async function csvReply({ url, store }: RequestContext): Promise<Response> {
  const query = url.searchParams;
  const visitDate = query.get('date');
  const registeredOn = query.get('registeredOn');
  const date = visitDate ?? registeredOn;
  if ((visitDate === null) === (registeredOn === null) || !date || !isCalendarDate(date)) {
    return problem('invalid-request', { detail: 'Give exactly one of date (visit day) or registeredOn, as YYYY-MM-DD' });
  }
  const delimiter = query.get('delimiter') ?? ',';
  if (delimiter !== ',' && delimiter !== ';') return problem('invalid-request', { detail: 'delimiter is , or ;' });
  const registrations = await store.listRegistrations(visitDate ? { visitDate } : { registrationDate: date });
  const catalogue = await loadCatalogue(query.get('lang') ?? 'id');
  const csv = exportCsv(registrations, catalogue, delimiter);
  return new Response(csv, {
    status: 200,
    headers: {
      ...API_HEADERS,
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="ak1-${visitDate ? 'kunjungan' : 'pendaftaran'}-${date}.csv"`,
    },
  });
}
