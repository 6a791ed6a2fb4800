import * as z from 'zod/mini';
import { ak1LoginRequestSchema, MAX_PASSWORD_LENGTH } from '../../schema/office.js';
import { readBody } from '../bodies.js';
import type { RequestContext } from '../context.js';
import { API_HEADERS, RETRY_AFTER_SECONDS, isJsonContentType, json, problem } from '../http.js';
import { normaliseUsername, passwordRuleBroken } from '../office/accounts.js';
import { authenticate, publicOfficer, refuseOutsideNetworks } from '../office/auth.js';
import { Ak1HasherBusyError, dummyHashOf } from '../office/passwords.js';
import { startSession } from '../office/sessions.js';
import { verifyTotp } from '../office/totp.js';
import type { Ak1StoredOfficer } from '../store.js';
import { timestampIn } from '../time.js';

/*
 * `POST {endpoint}/office/login`, `/office/logout` and `/office/password` (design.md, "The office"). Passwords and
 * tokens stay in the bodies and the Authorization header, which the access log never holds; replies never hold a
 * password, a hash or a TOTP secret. docs/office-accounts.md says what is recorded where.
 */

/** A login or a password change is small: usernames and passwords have their limits. */
const BODY_LIMIT = 4096;

/** `POST {endpoint}/office/login` `{ username, password, code? }` → `200 { token, expiresAt, officer, passwordChangeRequired? }`. */
export async function login(context: RequestContext): Promise<Response> {
  const outside = refuseOutsideNetworks(context);
  if (outside) return outside;
  const { office, store, clientAddress } = context;
  const hasher = office.hasher;
  if (!hasher) return problem('not-found');
  const body = await readJson(context, ak1LoginRequestSchema);
  if ('reply' in body) return body.reply;
  const { username, password, code } = body.value;
  const now = context.now();
  const wait = await office.throttle.check(username, clientAddress, now.getTime());
  if (wait !== undefined) return problem('rate-limited', { retryAfterSeconds: wait });

  const officer = await store.officers.findByUsername(normaliseUsername(username));
  let matches: boolean;
  try {
    // An unknown username is checked against a dummy hash: the reply takes as long and says the same.
    matches = await hasher.verify(password, officer?.passwordHash ?? (await dummyHashOf(hasher)));
  } catch (error) {
    if (error instanceof Ak1HasherBusyError) return problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    throw error;
  }
  if (!officer || officer.disabled || !matches) {
    await office.throttle.failed(username, clientAddress, now.getTime());
    return problem('invalid-credentials');
  }
  if (needsSecondFactor(officer)) {
    // A missing code is a question, not a failure: the page asks for it and sends the password again.
    if (code === undefined) return problem('second-factor-required');
    const step = officer.totpSecret ? await verifyTotp(officer.totpSecret, code, now, office.totpSteps.get(officer.id)) : undefined;
    if (step === undefined) {
      await office.throttle.failed(username, clientAddress, now.getTime());
      return problem('second-factor-required');
    }
    office.totpSteps.set(officer.id, step);
  }
  await office.throttle.succeeded(username, clientAddress, now.getTime());
  const { token, session } = await startSession(store.officers, officer.id, now);
  await store.recordEvent({ at: timestampIn(now, context.district.timeZone), actor: actorOf(officer), event: 'login' });
  return json({
    token,
    expiresAt: session.expiresAt,
    officer: publicOfficer(officer),
    ...(officer.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
  });
}

/** `POST {endpoint}/office/logout` → `204`: the session ends; the token is dead from now on. */
export async function logout(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { allowPasswordChange: true });
  if ('response' in auth) return auth.response;
  await context.store.officers.deleteSession(auth.session.tokenHash);
  await context.store.recordEvent({ at: timestampIn(context.now(), context.district.timeZone), actor: actorOf(auth.officer), event: 'logout' });
  return new Response(null, { status: 204, headers: API_HEADERS });
}

/**
 * The body of a password change, checked loosely here: a new password that breaks a rule gets
 * `422 password-not-allowed` saying which rule, not a shape error.
 */
const passwordChangeBody = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH)),
  newPassword: z.string().check(z.maxLength(MAX_PASSWORD_LENGTH * 4)),
});

/**
 * `POST {endpoint}/office/password` `{ currentPassword, newPassword }` → `204`. The new one has at least 10
 * characters and is neither the username nor the current one; the officer's other sessions end.
 */
export async function changePassword(context: RequestContext): Promise<Response> {
  const { office, store, clientAddress } = context;
  const hasher = office.hasher;
  if (!hasher) return problem('not-found');
  const auth = await authenticate(context, { allowPasswordChange: true });
  if ('response' in auth) return auth.response;
  const { officer, session } = auth;
  const body = await readJson(context, passwordChangeBody);
  if ('reply' in body) return body.reply;
  const { currentPassword, newPassword } = body.value;
  const now = context.now().getTime();
  // Whoever holds an unattended session must not be able to guess the password behind it either.
  const wait = await office.throttle.check(officer.username, clientAddress, now);
  if (wait !== undefined) return problem('rate-limited', { retryAfterSeconds: wait });
  try {
    if (!(await hasher.verify(currentPassword, officer.passwordHash))) {
      await office.throttle.failed(officer.username, clientAddress, now);
      return problem('invalid-credentials');
    }
    const broken = newPassword === currentPassword ? 'unchanged' : passwordRuleBroken(newPassword, officer.username);
    if (broken) return problem('password-not-allowed', { errors: [{ path: ['newPassword'], code: broken }] });
    await store.officers.update(officer.id, { passwordHash: await hasher.hash(newPassword), passwordChangeRequired: false });
  } catch (error) {
    if (error instanceof Ak1HasherBusyError) return problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    throw error;
  }
  // Every other session ends (a password is changed because it may be known); this one carries on.
  await store.officers.deleteSessionsOf(officer.id);
  await store.officers.createSession(session);
  return new Response(null, { status: 204, headers: API_HEADERS });
}

/** Admins always need the second factor; any officer given a TOTP secret (`officer reset-totp`) needs it too. */
function needsSecondFactor(officer: Ak1StoredOfficer): boolean {
  return officer.roles.includes('admin') || officer.totpSecret !== undefined;
}

function actorOf(officer: Ak1StoredOfficer) {
  return { kind: 'officer' as const, id: officer.id, name: officer.name };
}

/** A small JSON body of the given shape, or the problem to answer. */
async function readJson<T>(context: RequestContext, schema: z.ZodMiniType<T>): Promise<{ value: T } | { reply: Response }> {
  const { request } = context;
  if (!isJsonContentType(request.headers.get('content-type'))) return { reply: problem('unsupported-media-type') };
  const body = await readBody(context.bodyReads, request, context.clientAddress, BODY_LIMIT);
  if ('reply' in body) return body;
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    return { reply: problem('malformed-json') };
  }
  const result = z.safeParse(schema, input);
  return result.success ? { value: result.data } : { reply: problem('invalid-body') };
}
