import { loadCatalogue } from '../../i18n/index.js';
import { addDays, daysInRange, isCalendarDate } from '../../schema/index.js';
import type { Ak1ExportedRegistration } from '../store.js';
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
 * `GET {endpoint}/office/export.csv?date=`, `?registeredOn=`, or `?from=&to=` (registration dates, at most a year):
 * the same list for an officer's session (any role: the counter, the Pengantar Kerja and the admin who sends the
 * month's numbers up or analyses a period of the office's own).
 */
export async function officeExport(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context);
  if ('response' in auth) return auth.response;
  await sweep(context);
  return csvReply(context);
}

/** The longest range of registration dates one export may span: a year, leap day included. */
export const MAX_EXPORT_DAYS = 366;

type Selection = { visitDate: string } | { registrationDate: string } | { from: string; to: string };

/** Which registrations the query asks for: one of `date`, `registeredOn`, or `from` and `to` together. */
function selectionOf(query: URLSearchParams): Selection | { invalid: string } {
  const date = query.get('date');
  const registeredOn = query.get('registeredOn');
  const from = query.get('from');
  const to = query.get('to');
  const given = [date, registeredOn, from ?? to].filter((value) => value !== null).length;
  const usage = 'Give exactly one of date (visit day), registeredOn, or from and to (registration dates), as YYYY-MM-DD';
  if (given !== 1) return { invalid: usage };
  if (date !== null) return isCalendarDate(date) ? { visitDate: date } : { invalid: usage };
  if (registeredOn !== null) return isCalendarDate(registeredOn) ? { registrationDate: registeredOn } : { invalid: usage };
  if (from === null || to === null || !isCalendarDate(from) || !isCalendarDate(to)) return { invalid: usage };
  if (from > to) return { invalid: 'from is after to' };
  if (daysInRange(from, to) > MAX_EXPORT_DAYS) return { invalid: `from and to span at most ${MAX_EXPORT_DAYS} days` };
  return { from, to };
}

/** The registrations of each day of the range, in date order (the store's one-day query, as many times). */
async function registeredBetween(store: RequestContext['store'], from: string, to: string): Promise<Ak1ExportedRegistration[]> {
  const all: Ak1ExportedRegistration[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) all.push(...(await store.listRegistrations({ registrationDate: day })));
  return all;
}

async function csvReply({ url, store }: RequestContext): Promise<Response> {
  const query = url.searchParams;
  const selection = selectionOf(query);
  if ('invalid' in selection) return problem('invalid-request', { detail: selection.invalid });
  const delimiter = query.get('delimiter') ?? ',';
  if (delimiter !== ',' && delimiter !== ';') return problem('invalid-request', { detail: 'delimiter is , or ;' });
  const registrations = 'from' in selection ? await registeredBetween(store, selection.from, selection.to) : await store.listRegistrations(selection);
  const catalogue = await loadCatalogue(query.get('lang') ?? 'id');
  const csv = exportCsv(registrations, catalogue, delimiter);
  return new Response(csv, {
    status: 200,
    headers: {
      ...API_HEADERS,
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${fileName(selection)}"`,
    },
  });
}

function fileName(selection: Selection): string {
  if ('visitDate' in selection) return `ak1-kunjungan-${selection.visitDate}.csv`;
  if ('registrationDate' in selection) return `ak1-pendaftaran-${selection.registrationDate}.csv`;
  return `ak1-pendaftaran-${selection.from}_${selection.to}.csv`;
}
