import { ak1SelfActionReplySchema, ak1SelfLookupReplySchema, canonicalJson, type Ak1SelfLookupReply } from '../schema/index.js';
import { newIdempotencyKey } from '../client/keys.js';
import type { ConformanceCheckDefinition } from './checks.js';
import type { ConformanceApplicant } from './fixtures.js';
import { CheckFailure, expectProblem, expectRegistration, fail, parseJson, summary, type CheckContext, type MadeRegistration, type Reply } from './context.js';

/*
 * The applicant's return visit (design.md, "The applicant comes back"): the access code of the `201` opens the
 * registration at `/self/lookup`, every mismatch is the same `404`, and a cancel frees the NIK. Each check makes
 * what it needs; the run cancels every registration it made through `/self/cancel` at the end (`cancelMade`).
 */

/** The access code of a registration this run made, or a failure saying the `201` had none. */
function codeOf(made: Pick<MadeRegistration, 'accessCode'>, what: string): string {
  return made.accessCode ?? fail(`${what}: the 201 reply has no accessCode, so the applicant could never come back`);
}

async function lookup(context: CheckContext, made: MadeRegistration, what: string): Promise<Ak1SelfLookupReply> {
  const reply = await context.selfRequest('/self/lookup', { registrationNumber: made.registrationNumber, nik: made.nik, accessCode: codeOf(made, what) });
  if (reply.status !== 200) fail(`${what}: POST /self/lookup with the 201's access code: expected 200, got ${summary(reply)}`);
  const parsed = parseJson(reply.text, ak1SelfLookupReplySchema);
  if (!parsed.ok) fail(`${what}: 200 but not a lookup reply (${parsed.why})`);
  if (parsed.value.registration.registrationNumber !== made.registrationNumber) {
    fail(`${what}: the lookup gave registration ${parsed.value.registration.registrationNumber}, not ${made.registrationNumber}`);
  }
  return parsed.value;
}

/** A registration of a fresh test applicant, for one check, with the applicant. */
async function registerFresh(context: CheckContext): Promise<MadeRegistration & { applicant: ConformanceApplicant }> {
  const applicant = context.newApplicant();
  const application = await context.applicationOf(applicant);
  const registration = expectRegistration(await context.postApplication(application, newIdempotencyKey()), 201, 'registering a test applicant');
  return { registrationNumber: registration.registrationNumber, nik: application.nik, accessCode: registration.accessCode, applicant };
}

/** The problem body without what may differ between two replies of the same problem. */
function problemBody(reply: Reply): string {
  try {
    const { instance: _instance, ...rest } = JSON.parse(reply.text) as Record<string, unknown>;
    return canonicalJson(rest);
  } catch {
    return reply.text;
  }
}

export const SELF_CHECKS: readonly ConformanceCheckDefinition[] = [
  {
    id: 'self-lookup',
    title: () => "POST /self/lookup with the number, the NIK and the 201's access code: 200, the record without document bytes",
    async run(context) {
      const made = await registerFresh(context);
      const seen = await lookup(context, made, 'lookup');
      const application = seen.application as { nik?: unknown; documents?: unknown };
      if (application.nik !== made.nik) fail("the lookup's application is not the one registered (another NIK)");
      const documents = Array.isArray(application.documents) ? application.documents : [];
      if (documents.some((document) => typeof (document as { dataBase64?: unknown }).dataBase64 === 'string')) {
        fail("the lookup's documents carry their bytes: only their kinds are given back");
      }
      if (!seen.history.some((entry) => entry.event === 'submit')) fail('the history has no submit entry');
      return `200 ${seen.registration.registrationNumber}, status ${seen.registration.status}, version ${seen.version}, a token until ${seen.expiresAt}`;
    },
  },
  {
    id: 'self-mismatch',
    title: () => 'A wrong access code and a wrong NIK: the same 404 not-found',
    async run(context) {
      const made = await registerFresh(context);
      const code = codeOf(made, 'mismatch');
      const other = context.newApplicant();
      const wrongCode = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
      const wrongNik = (await context.applicationOf(other)).nik;
      const byCode = await context.selfRequest('/self/lookup', { registrationNumber: made.registrationNumber, nik: made.nik, accessCode: wrongCode });
      expectProblem(byCode, 404, 'not-found', 'a wrong access code');
      const byNik = await context.selfRequest('/self/lookup', { registrationNumber: made.registrationNumber, nik: wrongNik, accessCode: code });
      expectProblem(byNik, 404, 'not-found', 'a wrong NIK');
      if (problemBody(byCode) !== problemBody(byNik)) fail('the two 404 replies differ: which part was wrong can be told apart');
      return '404 not-found for both, the same reply';
    },
  },
  {
    id: 'self-unauthenticated',
    title: () => 'POST /self/cancel without the lookup\'s token: 401 unauthenticated',
    async run(context) {
      return expectProblem(await context.selfRequest('/self/cancel', {}), 401, 'unauthenticated', 'no token');
    },
  },
  {
    id: 'self-cancel',
    title: () => 'POST /self/cancel with the token: 200 CANCELLED, and the same NIK may register again',
    async run(context) {
      const made = await registerFresh(context);
      const seen = await lookup(context, made, 'cancel');
      const reply = await context.selfRequest('/self/cancel', {}, seen.token);
      if (reply.status !== 200) fail(`POST /self/cancel: expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1SelfActionReplySchema);
      if (!parsed.ok) fail(`POST /self/cancel: 200 but not an action reply (${parsed.why})`);
      if (parsed.value.registration.status !== 'CANCELLED') fail(`POST /self/cancel: status ${parsed.value.registration.status}, expected CANCELLED`);
      const lookedUp = (await lookup(context, made, 'cancel')).registration.status;
      if (lookedUp !== 'CANCELLED') fail(`looked up again after the cancel: status ${lookedUp}`);
      // The NIK is free: the same applicant, another key.
      const again = await context.postApplication(await context.applicationOf(made.applicant), newIdempotencyKey());
      const registration = expectRegistration(again, 201, 'registering the NIK again after the cancel');
      return `200 CANCELLED; registering the NIK again: 201 ${registration.registrationNumber}`;
    },
  },
];

/**
 * Cancels every registration the run made, through `/self/lookup` and `/self/cancel` with its access code
 * (design.md, "Tests and time"). Best effort: the line says what was cancelled, what was closed already (an office
 * check cancels its own), and what was left; a backend without `/self` (a `404` for the first lookup) is said so,
 * and nothing more is tried.
 */
export async function cancelMade(context: CheckContext): Promise<string> {
  const made = context.made();
  if (!made.length) return 'no test registration was made';
  let cancelled = 0;
  let closed = 0;
  const left: string[] = [];
  for (const [index, entry] of made.entries()) {
    if (!entry.accessCode) {
      left.push(`${entry.registrationNumber} (no access code)`);
      continue;
    }
    let reply: Reply;
    try {
      reply = await context.selfRequest('/self/lookup', { registrationNumber: entry.registrationNumber, nik: entry.nik, accessCode: entry.accessCode });
    } catch (error) {
      left.push(`${entry.registrationNumber} (${error instanceof CheckFailure ? error.message : String(error)})`);
      continue;
    }
    if (reply.status === 404 && index === 0 && cancelled === 0 && closed === 0) {
      return `the backend has no /self routes (POST /self/lookup: ${summary(reply)}): the ${made.length} test registration(s) of this run were left as they are`;
    }
    const seen = reply.status === 200 ? parseJson(reply.text, ak1SelfLookupReplySchema) : undefined;
    if (!seen?.ok) {
      left.push(`${entry.registrationNumber} (lookup: ${summary(reply)})`);
      continue;
    }
    if (!['RECEIVED', 'NEEDS_CORRECTION', 'SIGNED'].includes(seen.value.registration.status)) {
      closed++;
      continue;
    }
    const cancel: Reply | Error = await context.selfRequest('/self/cancel', {}, seen.value.token).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (cancel instanceof Error) left.push(`${entry.registrationNumber} (${cancel.message})`);
    else if (cancel.status === 200) cancelled++;
    else left.push(`${entry.registrationNumber} (cancel: ${summary(cancel)})`);
  }
  const parts = [`cancelled ${cancelled} of the ${made.length} test registration(s) through /self/cancel`];
  if (closed) parts.push(`${closed} no longer active already`);
  if (left.length) parts.push(`left: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ` and ${left.length - 5} more` : ''}`);
  return parts.join('; ');
}
