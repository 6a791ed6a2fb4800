import {
  EDUCATION_LEVELS,
  IPK_AGE_GROUPS,
  IPK_JOB_GROUPS,
  SEXES,
  ak1DailyReportSchema,
  ak1IpkReportSchema,
  ak1OfficeSummarySchema,
  ak1OpeningBalanceReplySchema,
  ak1LoginReplySchema,
  ak1OfficeActionReplySchema,
  ak1OfficeRecordSchema,
  ak1RegistrationListSchema,
  type Ak1LoginReply,
  type Ak1OfficeRecord,
  type Ak1Registration,
} from '../schema/index.js';
import { newIdempotencyKey } from '../client/keys.js';
import { expectProblem, expectRegistration, fail, parseJson, summary, type CheckContext, type Reply } from './context.js';
import type { ConformanceCheckDefinition } from './checks.js';

/*
 * The office's checks (`--officer USER:PASSWORD`): an officer's session and the record routes, as design.md "The
 * office" describes them. Each check that acts on a record registers a test applicant of its own, so that no check
 * depends on another, and cancels it afterwards where the lifecycle allows. The password is sent to the backend and
 * nowhere else: no detail or title holds it.
 */

export interface ConformanceOfficer {
  username: string;
  password: string;
}

/** What the office checks share: the officer's one session, made by whichever check asks first. */
export interface OfficeContext {
  readonly officer: ConformanceOfficer;
  /** The session of the officer, or why there is none (a wrong password, an account that must change its password). */
  session(): Promise<Ak1LoginReply>;
  /** A new registration of a fresh test applicant, for one check, with the applicant's NIK. */
  register(): Promise<Ak1Registration & { nik: string }>;
  /** Cancels a test registration as the officer; best effort (the report does not depend on it). */
  cancel(registrationNumber: string): Promise<void>;
}

export function createOfficeContext(context: CheckContext, officer: ConformanceOfficer): OfficeContext {
  let session: Promise<Ak1LoginReply> | undefined;
  return {
    officer,
    session: () => (session ??= login(context, officer)),
    async register() {
      const application = await context.applicationOf(context.newApplicant());
      const registration = expectRegistration(await context.postApplication(application, newIdempotencyKey()), 201, 'registering a test applicant');
      return { ...registration, nik: application.nik };
    },
    async cancel(registrationNumber) {
      try {
        const { token } = await (session ??= login(context, officer));
        const record = await open(context, token, registrationNumber);
        await act(context, token, registrationNumber, { action: 'cancel', version: record.version, note: 'ak1-form conformance' });
      } catch {
        // A registration that cannot be cancelled stays; the help text says to use a staging backend.
      }
    },
  };
}

async function login(context: CheckContext, officer: ConformanceOfficer): Promise<Ak1LoginReply> {
  const reply = await context.officeRequest('POST', '/office/login', { body: { username: officer.username, password: officer.password } });
  if (reply.status === 401) fail(`the login as ${officer.username} was refused: ${summary(reply)}${secondFactorHint(reply)}`);
  if (reply.status !== 200) fail(`POST /office/login: expected 200, got ${summary(reply)}`);
  const parsed = parseJson(reply.text, ak1LoginReplySchema);
  if (!parsed.ok) fail(`POST /office/login: 200 but not a login reply (${parsed.why})`);
  if (parsed.value.passwordChangeRequired) {
    // The session it was given can do nothing but change the password: end it rather than leave it open.
    await context.officeRequest('POST', '/office/logout', { token: parsed.value.token, headers: { 'idempotency-key': newIdempotencyKey() } }).catch(() => undefined);
    fail(
      `the account ${officer.username} still has its one-time password: conformance does not use such an account (it would have to choose ` +
        'a password for you). Log in once at the counter, change the password, then run it again.',
    );
  }
  return parsed.value;
}

function secondFactorHint(reply: Reply): string {
  return reply.text.includes('second-factor-required') ? ' (an account with a second factor cannot be used: give a petugas or pengantar-kerja account without one)' : '';
}

async function open(context: CheckContext, token: string, registrationNumber: string): Promise<Ak1OfficeRecord> {
  const path = `/office/registrations/${encodeURIComponent(registrationNumber)}`;
  const reply = await context.officeRequest('GET', path, { token });
  if (reply.status !== 200) fail(`GET ${path}: expected 200, got ${summary(reply)}`);
  const parsed = parseJson(reply.text, ak1OfficeRecordSchema);
  if (!parsed.ok) fail(`GET ${path}: 200 but not an office record (${parsed.why})`);
  return parsed.value;
}

function act(context: CheckContext, token: string, registrationNumber: string, body: Record<string, unknown>, key = newIdempotencyKey()): Promise<Reply> {
  return context.officeRequest('POST', `/office/registrations/${encodeURIComponent(registrationNumber)}/actions`, {
    token,
    body,
    headers: { 'idempotency-key': key },
  });
}

function expectActed(reply: Reply, what: string) {
  if (reply.status !== 200) fail(`${what}: expected 200, got ${summary(reply)}`);
  const parsed = parseJson(reply.text, ak1OfficeActionReplySchema);
  if (!parsed.ok) fail(`${what}: 200 but not an action reply (${parsed.why})`);
  return parsed.value;
}

/** The office's session, or a failure saying that this check was not run without it. */
async function needsSession(office: OfficeContext): Promise<string> {
  try {
    return (await office.session()).token;
  } catch (error) {
    fail(`not run: it needs the officer's session, which the check "office-login" could not make`, error);
  }
}

/** `karirhubPending` of GET office/reports/summary. */
async function karirhubPending(context: CheckContext, token: string): Promise<number> {
  const reply = await context.officeRequest('GET', '/office/reports/summary', { token });
  if (reply.status !== 200) fail(`GET office/reports/summary: expected 200, got ${summary(reply)}`);
  const parsed = parseJson(reply.text, ak1OfficeSummarySchema);
  if (!parsed.ok) fail(`GET office/reports/summary: 200 but not { karirhubPending } (${parsed.why})`);
  return parsed.value.karirhubPending;
}

/** The records of a CSV text (RFC 4180: quoted fields may hold the delimiter, quotes doubled and line breaks). */
function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endField();
      records.push(record);
      record = [];
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

export interface OfficeCheckDefinition extends Omit<ConformanceCheckDefinition, 'run'> {
  run(context: CheckContext, office: OfficeContext): Promise<string>;
}

/** The office checks, in the order the report lists them, after the applicant's side. */
export const OFFICE_CHECKS: readonly OfficeCheckDefinition[] = [
  {
    id: 'office-login',
    title: () => 'POST office/login with the officer given: 200, a bearer token, the officer and no password change pending',
    async run(_context, office) {
      const reply = await office.session();
      return `200: ${reply.officer.username} with roles ${reply.officer.roles.join(', ')}; the session ends at ${reply.expiresAt}`;
    },
  },
  {
    id: 'office-wrong-password',
    title: () => 'POST office/login with a wrong password: 401 invalid-credentials',
    async run(context, office) {
      // After the good login: an address that logged in as this officer is not locked out by one failure.
      await office.session().catch(() => undefined);
      const wrong = `${office.officer.password}-salah`;
      const reply = await context.officeRequest('POST', '/office/login', { body: { username: office.officer.username, password: wrong } });
      const answer = expectProblem(reply, 401, 'invalid-credentials', 'wrong password');
      if (reply.text.includes(wrong)) fail('401 invalid-credentials, but the reply repeats the password');
      return answer;
    },
  },
  {
    id: 'office-queue',
    title: () => "GET office/registrations?visitDate= of the run's visit day: 200, the day's queue with the test applicant, NIK masked",
    async run(context, office) {
      const token = await needsSession(office);
      const registration = await office.register();
      try {
        const day = registration.appointment?.date ?? (await context.backendDay());
        const reply = await context.officeRequest('GET', `/office/registrations?visitDate=${day}`, { token });
        if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
        const parsed = parseJson(reply.text, ak1RegistrationListSchema);
        if (!parsed.ok) fail(`200 but not a list of summaries (${parsed.why})`);
        const mine = parsed.value.registrations.find((line) => line.registrationNumber === registration.registrationNumber);
        if (registration.appointment && !mine) fail(`${registration.registrationNumber} visits on ${day} but is not in that day's queue`);
        if (reply.text.includes(registration.nik)) fail('the queue shows a whole NIK');
        return `200: ${parsed.value.registrations.length} visit(s) on ${day}${mine ? `, ${mine.registrationNumber} among them as ${mine.nikMasked}` : ' (the test registration has no visit)'}`;
      } finally {
        await office.cancel(registration.registrationNumber);
      }
    },
  },
  {
    id: 'office-record',
    title: () => 'GET office/registrations/{number} of a registration of this run: 200, the record, and its opening is in the history (view)',
    async run(context, office) {
      const token = await needsSession(office);
      const registration = await office.register();
      try {
        const first = await open(context, token, registration.registrationNumber);
        if (first.registration.registrationNumber !== registration.registrationNumber) fail(`asked for ${registration.registrationNumber}, got ${first.registration.registrationNumber}`);
        if (!first.history.some((entry) => entry.event === 'submit')) fail('the history has no submit entry');
        // The opening may be recorded after the reply is made: the next opening must show it.
        const again = first.history.some((entry) => entry.event === 'view') ? first : await open(context, token, registration.registrationNumber);
        const views = again.history.filter((entry) => entry.event === 'view');
        if (!views.length) fail("opening the record twice left no view entry in its history (UU PDP's access log)");
        if (!views.some((entry) => entry.actor.kind === 'officer')) fail('the view entries do not name an officer as the actor');
        return `200 ${registration.registrationNumber}, version ${again.version}, ${again.history.length} history entries, ${views.length} view`;
      } finally {
        await office.cancel(registration.registrationNumber);
      }
    },
  },
  {
    id: 'office-version-conflict',
    title: () => 'An action at a stale version (another officer changed the record): 409 version-conflict',
    async run(context, office) {
      const token = await needsSession(office);
      const registration = await office.register();
      try {
        const { version } = await open(context, token, registration.registrationNumber);
        const changed = expectActed(
          await act(context, token, registration.registrationNumber, {
            action: 'request-correction',
            version,
            reason: [{ code: 'other', note: 'ak1-form conformance' }],
          }),
          'request-correction',
        );
        if (changed.version === version) fail(`request-correction changed the status but not the version (${version})`);
        const stale = await act(context, token, registration.registrationNumber, { action: 'check-in', version });
        const answer = expectProblem(stale, 409, 'version-conflict', `check-in at version ${version} (now ${changed.version})`);
        return `${answer} for version ${version} after a change to ${changed.version}`;
      } finally {
        await office.cancel(registration.registrationNumber);
      }
    },
  },
  {
    id: 'office-idempotent-action',
    title: () => 'The same action sent twice with one Idempotency-Key (a lost reply retried): 200 both times, taken once',
    async run(context, office) {
      const token = await needsSession(office);
      const registration = await office.register();
      const { version } = await open(context, token, registration.registrationNumber);
      const key = newIdempotencyKey();
      const body = { action: 'cancel', version, note: 'ak1-form conformance' };
      const first = expectActed(await act(context, token, registration.registrationNumber, body, key), 'cancel');
      const second = expectActed(await act(context, token, registration.registrationNumber, body, key), 'the same cancel again, same key');
      if (second.registration.status !== first.registration.status) fail(`the retry answered ${second.registration.status}, the first ${first.registration.status}`);
      const record = await open(context, token, registration.registrationNumber);
      const taken = record.history.filter((entry) => entry.event === 'cancel').length;
      if (taken !== 1) fail(`the history has ${taken} cancel entries, expected 1`);
      return `200 and 200, ${first.registration.status}; one cancel entry in the history`;
    },
  },
  {
    id: 'office-ipk-report',
    title: () => "GET office/reports/ipk?month= of the backend's month: 200, one row per group and sex in each table, and every row adds up",
    async run(context, office) {
      const token = await needsSession(office);
      const month = (await context.backendDay()).slice(0, 7);
      const reply = await context.officeRequest('GET', `/office/reports/ipk?month=${month}`, { token });
      if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1IpkReportSchema);
      if (!parsed.ok) fail(`200 but not the IPK tables (${parsed.why})`);
      const report = parsed.value;
      if (report.month !== month) fail(`asked for ${month}, the reply is for ${report.month}`);
      expectRowPerGroup('byAge', report.byAge, IPK_AGE_GROUPS);
      expectRowPerGroup('byEducation', report.byEducation, EDUCATION_LEVELS);
      expectRowPerGroup('byJobGroup', report.byJobGroup, IPK_JOB_GROUPS);
      for (const [table, rows] of [['byAge', report.byAge], ['byEducation', report.byEducation]] as const) {
        for (const row of rows) {
          if (row.start + row.registered - row.placed - row.removed !== row.end) {
            fail(`${table} ${row.group} ${row.sex}: start ${row.start} + registered ${row.registered} − placed ${row.placed} − removed ${row.removed} is not end ${row.end}`);
          }
        }
      }
      // The three tables count the same people: whoever was registered in the month is in each once.
      const registered = (rows: readonly { registered: number }[]) => rows.reduce((sum, row) => sum + row.registered, 0);
      const totals = [registered(report.byAge), registered(report.byEducation), registered(report.byJobGroup)];
      if (new Set(totals).size !== 1) fail(`registered in the month differs between the tables: by age ${totals[0]}, by education ${totals[1]}, by job group ${totals[2]}`);
      const end = (rows: readonly { end: number }[]) => rows.reduce((sum, row) => sum + row.end, 0);
      if (end(report.byAge) !== end(report.byEducation)) fail(`on the books at the month's end differs: by age ${end(report.byAge)}, by education ${end(report.byEducation)}`);
      const bad = await context.officeRequest('GET', '/office/reports/ipk?month=2026-13', { token });
      const refused = expectProblem(bad, 400, 'invalid-request', 'month=2026-13');
      return `200 for ${month}: ${totals[0]} registered, ${end(report.byAge)} on the books at the end, every row adds up; month=2026-13 is ${refused}`;
    },
  },
  {
    id: 'office-daily-report',
    title: () => "GET office/reports/daily?month= of the backend's month: 200, each day of the month once in order, nothing over a closed day",
    async run(context, office) {
      const token = await needsSession(office);
      const today = await context.backendDay();
      const month = today.slice(0, 7);
      const reply = await context.officeRequest('GET', `/office/reports/daily?month=${month}`, { token });
      if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1DailyReportSchema);
      if (!parsed.ok) fail(`200 but not the month's days (${parsed.why})`);
      const { days, month: replied } = parsed.value;
      if (replied !== month) fail(`asked for ${month}, the reply is for ${replied}`);
      const [year, m] = month.split('-').map(Number) as [number, number];
      const length = new Date(Date.UTC(year, m, 0)).getUTCDate();
      if (days.length !== length) fail(`${month} has ${length} days, the reply lists ${days.length}`);
      days.forEach((day, i) => {
        const expected = `${month}-${String(i + 1).padStart(2, '0')}`;
        if (day.date !== expected) fail(`day ${i + 1} is ${day.date}, expected ${expected}`);
        if (!day.open && day.capacity !== 0) fail(`${day.date} is closed but has capacity ${day.capacity}`);
      });
      const total = (key: 'registered' | 'booked' | 'checkedIn') => days.reduce((sum, day) => sum + day[key], 0);
      const bad = await context.officeRequest('GET', '/office/reports/daily?month=2026-13', { token });
      const refused = expectProblem(bad, 400, 'invalid-request', 'month=2026-13');
      return `200 for ${month}: ${days.filter((day) => day.open).length} open days, ${total('registered')} registered, ${total('booked')} booked, ${total('checkedIn')} checked in; month=2026-13 is ${refused}`;
    },
  },
  {
    id: 'office-summary',
    title: () => 'GET office/reports/summary: 200 with karirhubPending, a count of signed cards not yet in Karirhub',
    async run(context, office) {
      const token = await needsSession(office);
      const pending = await karirhubPending(context, token);
      const anonymous = expectProblem(await context.officeRequest('GET', '/office/reports/summary'), 401, 'unauthenticated', 'without a session');
      return `200: ${pending} signed card(s) not yet in Karirhub; without a session ${anonymous}`;
    },
  },
  {
    id: 'office-karirhub-csv',
    title: () => 'GET office/reports/karirhub.csv: 200 text/csv, a header and one row per card the summary counts, every row as wide as the header; delimiter=| is refused',
    async run(context, office) {
      const token = await needsSession(office);
      const pending = await karirhubPending(context, token);
      const files: string[] = [];
      for (const delimiter of [',', ';'] as const) {
        const reply = await context.officeRequest('GET', `/office/reports/karirhub.csv?delimiter=${encodeURIComponent(delimiter)}`, { token });
        if (reply.status !== 200) fail(`delimiter ${delimiter}: expected 200, got ${summary(reply)}`);
        const type = reply.headers.get('content-type') ?? '';
        if (!/^text\/csv\b/i.test(type)) fail(`delimiter ${delimiter}: Content-Type "${type}", expected text/csv`);
        const rows = csvRecords(reply.text, delimiter);
        const [header, ...cards] = rows;
        if (!header || header.length < 2) fail(`delimiter ${delimiter}: no header row of several columns`);
        const ragged = cards.findIndex((row) => row.length !== header.length);
        if (ragged >= 0) fail(`delimiter ${delimiter}: row ${ragged + 2} has ${cards[ragged]!.length} fields, the header ${header.length}`);
        if (cards.length !== pending) fail(`delimiter ${delimiter}: ${cards.length} card row(s), but the summary counts ${pending} signed card(s) not yet in Karirhub`);
        files.push(`${header.length} columns`);
      }
      const bad = await context.officeRequest('GET', '/office/reports/karirhub.csv?delimiter=%7C', { token });
      const refused = expectProblem(bad, 400, 'invalid-request', 'delimiter=|');
      return `200 text/csv with , and with ; (${files[0]}, ${pending} card row(s), as the summary counts); delimiter=| is ${refused}`;
    },
  },
  {
    id: 'office-opening-balance',
    title: () =>
      "POST office/reports/opening-balance: an admin's alone (another role gets 403 forbidden), a malformed balance is 400 invalid-body; " +
      'GET answers the balance in force',
    async run(context, office) {
      const session = await office.session().catch((error: unknown) => fail('not run: it needs the officer\'s session, which the check "office-login" could not make', error));
      const { token } = session;
      const current = await context.officeRequest('GET', '/office/reports/opening-balance', { token });
      if (current.status !== 200) fail(`GET: expected 200, got ${summary(current)}`);
      const parsed = parseJson(current.text, ak1OpeningBalanceReplySchema);
      if (!parsed.ok) fail(`GET: 200 but not { openingBalance? } (${parsed.why})`);
      const inForce = parsed.value.openingBalance ? `the balance of ${parsed.value.openingBalance.month} in force` : 'none in force';
      // Nothing valid is sent: a balance changes every later month's tables, and this may be a live office.
      const malformed = { month: '2026-13', byAge: [{ group: 'not-a-group', sex: 'L', count: -1 }], byEducation: [] };
      const reply = await context.officeRequest('POST', '/office/reports/opening-balance', { token, body: malformed });
      if (!session.officer.roles.includes('admin')) {
        const refused = expectProblem(reply, 403, 'forbidden', `POST as ${session.officer.roles.join(', ')}`);
        return `GET 200 (${inForce}); POST as ${session.officer.roles.join(', ')} is ${refused}`;
      }
      const invalid = expectProblem(reply, 400, 'invalid-body', 'POST of a malformed balance');
      return `GET 200 (${inForce}); a malformed balance is ${invalid}`;
    },
  },
  {
    id: 'office-logout',
    title: () => 'POST office/logout: 204, and the token is refused afterwards with 401 unauthenticated',
    async run(context, office) {
      // A session of its own: the others' session stays for the checks after this one.
      await needsSession(office);
      const { token } = await login(context, office.officer);
      const reply = await context.officeRequest('POST', '/office/logout', { token, headers: { 'idempotency-key': newIdempotencyKey() } });
      if (reply.status !== 204 && reply.status !== 200) fail(`expected 204, got ${summary(reply)}`);
      const after = await context.officeRequest('GET', '/office/settings', { token });
      const answer = expectProblem(after, 401, 'unauthenticated', 'the token after logout');
      return `${reply.status}; afterwards ${answer}`;
    },
  },
];

/** Exactly one row for each group and sex of the contract's list, and nothing else. */
function expectRowPerGroup(table: string, rows: readonly { group: string; sex: string }[], groups: readonly string[]) {
  const seen = new Set<string>();
  for (const { group, sex } of rows) {
    const key = `${group} ${sex}`;
    if (!groups.includes(group)) fail(`${table}: the group "${group}" is not one of ${groups.join(', ')}`);
    if (seen.has(key)) fail(`${table}: two rows for ${key}`);
    seen.add(key);
  }
  const missing = groups.flatMap((group) => SEXES.map((sex) => `${group} ${sex}`)).filter((key) => !seen.has(key));
  if (missing.length) fail(`${table}: no row for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} (every group and sex has one, zeros included)`);
}
