import { MAX_AVAILABILITY_DAYS, addDays, daysInRange, isCalendarDate } from '../../schema/index.js';
import { availability as availabilityOf } from '../calendar.js';
import type { RequestContext } from '../context.js';
import { json, problem } from '../http.js';

/** `GET {endpoint}/availability?from&to`: open days and the room left; without a range, the horizon from tomorrow. */
export async function availability({ url, district, store, today }: RequestContext): Promise<Response> {
  const query = url.searchParams;
  const day = today();
  const refused = () => problem('invalid-request', { detail: 'from and to must be YYYY-MM-DD dates, from not after to' });
  const from = query.get('from') ?? addDays(day, 1);
  // `to` is worked out from `from`: a `from` that is no date must be refused before (`from=abc` threw a 500).
  if (!isCalendarDate(from)) return refused();
  const to = query.get('to') ?? addDays(from, Math.min(district.horizonDays, MAX_AVAILABILITY_DAYS) - 1);
  if (!isCalendarDate(to) || to < from) return refused();
  if (daysInRange(from, to) > MAX_AVAILABILITY_DAYS) {
    return problem('invalid-request', { detail: `At most ${MAX_AVAILABILITY_DAYS} days at a time` });
  }
  const counts = await store.countBookings(from, to);
  return json(availabilityOf(district, day, from, to, counts), 200);
}
