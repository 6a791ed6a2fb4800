import { isCalendarDate } from '../../schema/index.js';
import type { Ak1Audit } from '../../schema/office.js';
import type { RequestContext } from '../context.js';
import { json, problem } from '../http.js';
import { authenticate } from '../office/auth.js';
import { sweep } from './office-registrations.js';
import { timestampIn } from '../time.js';

/** The most entries one audit reply holds; a longer period is asked for in parts. */
export const MAX_AUDIT_ENTRIES = 10_000;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `GET {endpoint}/office/audit?from=&to=` (admins): the history entries of every record and the officers' logins
 * and logouts, oldest first. `from` and `to` are RFC 3339 timestamps or district days (`YYYY-MM-DD`, the whole day);
 * without them, today. At most 10,000 entries: a reply that holds that many says so in `truncated`.
 */
export async function officeAudit(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: ['admin'] });
  if ('response' in auth) return auth.response;
  const query = context.url.searchParams;
  const today = context.today();
  const from = boundOf(query.get('from') || today, 'start', context);
  const to = boundOf(query.get('to') || query.get('from') || today, 'end', context);
  if (from === undefined || to === undefined || Date.parse(from) > Date.parse(to)) {
    return problem('invalid-request', { detail: 'from and to are RFC 3339 timestamps or YYYY-MM-DD days, from not after to' });
  }
  await sweep(context);
  const entries = await context.store.listHistory({ from, to, limit: MAX_AUDIT_ENTRIES });
  const reply: Ak1Audit & { truncated?: true } = {
    // The idempotency keys are the stores' own bookkeeping.
    entries: entries.map((entry) => {
      const { idempotencyKey: _key, ...rest } = entry as typeof entry & { idempotencyKey?: string };
      return rest;
    }),
    ...(entries.length >= MAX_AUDIT_ENTRIES ? { truncated: true as const } : {}),
  };
  return json(reply);
}

/**
 * A bound as the stores compare it: RFC 3339 in the district's offset (entries are written in it, so strings in
 * one offset compare as times do).
 */
function boundOf(value: string, end: 'start' | 'end', context: RequestContext): string | undefined {
  const zone = context.district.timeZone;
  if (isCalendarDate(value)) {
    const offset = timestampIn(new Date(`${value}T12:00:00Z`), zone).slice(19);
    return end === 'start' ? `${value}T00:00:00${offset}` : `${value}T23:59:59${offset}`;
  }
  if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) return undefined;
  // Rounded outwards to the second, as entries are written to the second.
  const ms = Date.parse(value);
  return timestampIn(new Date(end === 'start' ? Math.floor(ms / 1000) * 1000 : Math.ceil(ms / 1000) * 1000), zone);
}
