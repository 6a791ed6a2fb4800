import * as z from 'zod/mini';
import { AK1_MESSAGE_KEYS, ak1ProblemSchema, isCalendarDate, type Ak1Issue, type Ak1MessageKey } from '../schema/index.js';
import { AK1_PROBLEM_PREFIX, AK1_PROBLEM_TYPES, Ak1ResponseError, type Ak1ProblemType } from './errors.js';

/*
 * Reading replies as untrusted input: bounded in size, decoded strictly, parsed with a schema, and every
 * value that reaches the caller checked against what the contract allows.
 */

/** Every reply of the contract fits in far less; a larger body is refused without reading the rest. */
export const MAX_REPLY_BYTES = 64 * 1024;

/**
 * The longest wait the client's own retries take for a `Retry-After` (`backoffDelay`): a backend cannot park a form
 * for an hour. What the error reports (`retryAfterMs`) is the backend's whole value, so a caller can say when to try.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The reply's body as text, read up to `limit` bytes. Throws `Ak1ResponseError` (`too-large`) past the
 * limit, having cancelled the rest of the stream, and (`not-json`) for bytes that are not UTF-8.
 */
export async function readCappedText(response: Response, limit = MAX_REPLY_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new Ak1ResponseError(response.status, 'too-large');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Ak1ResponseError(response.status, 'too-large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new Ak1ResponseError(response.status, 'not-json', { cause });
  }
}

/** True for `application/json` and `application/<anything>+json` (problems are `application/problem+json`). */
export function isJsonMediaType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON reply and parses it with `schema`; anything else is an `Ak1ResponseError`. `limit` is for the few
 * replies that are larger by nature (an office record with its attachments).
 */
export async function readJson<T>(response: Response, schema: z.ZodMiniType<T, unknown>, limit = MAX_REPLY_BYTES): Promise<T> {
  if (!isJsonMediaType(response.headers.get('content-type'))) {
    await response.body?.cancel().catch(() => undefined);
    throw new Ak1ResponseError(response.status, 'not-json');
  }
  const text = await readCappedText(response, limit);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Ak1ResponseError(response.status, 'not-json', { cause });
  }
  const result = z.safeParse(schema, data);
  if (!result.success) throw new Ak1ResponseError(response.status, 'malformed', { cause: result.error });
  return result.data;
}

export interface ProblemReply {
  /** The contract's problem name, when the reply named one of them. */
  type: Ak1ProblemType | undefined;
  /** The `errors` of an `invalid-application` problem, not yet checked. */
  errors: { path: (string | number)[]; code: string }[] | undefined;
}

/**
 * The problem in an error reply, if it is one. Never throws: an error reply that is too large, not JSON
 * or not a problem still has its status, which is what the caller acts on.
 */
export async function readProblem(response: Response): Promise<ProblemReply> {
  try {
    const problem = await readJson(response, ak1ProblemSchema);
    const name = problem.type.startsWith(AK1_PROBLEM_PREFIX) ? problem.type.slice(AK1_PROBLEM_PREFIX.length) : '';
    const type = (AK1_PROBLEM_TYPES as readonly string[]).includes(name) ? (name as Ak1ProblemType) : undefined;
    return { type, errors: problem.errors };
  } catch {
    return { type: undefined, errors: undefined };
  }
}

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds or an HTTP date, as the backend said it (a lookup's
 * lockout lasts up to an hour; only the client's own wait is capped, in `backoffDelay`). `undefined` when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(text)) ms = Number(text) * 1000;
  else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.max(ms, 0);
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(AK1_MESSAGE_KEYS);

/** The field names a message key is about: `education.graduationYear.beforeBirth` → education, graduationYear. */
function fieldsOfKey(code: string): string[] {
  const fields = code.split('.').slice(0, -1);
  return fields[0] === 'application' ? [] : fields;
}

/**
 * A backend's `422` issues as the client's issues. A foreign backend may send codes or paths of its own:
 * a known key whose path agrees with it is kept; anything else becomes the generic `format` key of the
 * deepest field of the path that we know (or of the whole application), so the form can still point at it.
 */
export function trustedIssues(errors: ProblemReply['errors']): Ak1Issue[] {
  const issues = (errors ?? []).map(trustedIssue);
  return issues.length ? issues : [{ path: [], code: 'application.format' }];
}

function trustedIssue({ path, code }: { path: (string | number)[]; code: string }): Ak1Issue {
  const cleanPath = path.filter((part) => typeof part === 'string' || (Number.isSafeInteger(part) && part >= 0));
  const fields = cleanPath.filter((part): part is string => typeof part === 'string');
  const keyFields = fieldsOfKey(code);
  if (KNOWN_KEYS.has(code) && keyFields.every((field, i) => fields[i] === field)) {
    return { path: cleanPath, code: code as Ak1MessageKey };
  }
  for (let depth = fields.length; depth > 0; depth--) {
    const generic = `${fields.slice(0, depth).join('.')}.format`;
    if (!KNOWN_KEYS.has(generic)) continue;
    // Keep the path up to the last field named, with the indices between.
    let seen = 0;
    const end = cleanPath.findIndex((part) => typeof part === 'string' && ++seen === depth);
    return { path: cleanPath.slice(0, end + 1), code: generic as Ak1MessageKey };
  }
  return { path: [], code: 'application.format' };
}

export interface LooseProblem {
  type: Ak1ProblemType | undefined;
  errors: { path: (string | number)[]; code: string }[] | undefined;
  /** `version-conflict`'s current version, from the problem's `version` (or `currentVersion`) member. */
  version: number | undefined;
  /** `report-window-closed`'s `opensOn`: when the next report can be made (`YYYY-MM-DD`), when one is left. */
  opensOn: string | undefined;
}

/** The problem in an error reply, read loosely (an extension member such as `version` is kept); never throws. */
export async function readLooseProblem(response: Response): Promise<LooseProblem> {
  const none: LooseProblem = { type: undefined, errors: undefined, version: undefined, opensOn: undefined };
  try {
    if (!isJsonMediaType(response.headers.get('content-type'))) {
      response.body?.cancel().catch(() => undefined);
      return none;
    }
    const data = JSON.parse(await readCappedText(response)) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null) return none;
    const name = typeof data.type === 'string' && data.type.startsWith(AK1_PROBLEM_PREFIX) ? data.type.slice(AK1_PROBLEM_PREFIX.length) : '';
    const type = (AK1_PROBLEM_TYPES as readonly string[]).includes(name) ? (name as Ak1ProblemType) : undefined;
    const errors = Array.isArray(data.errors)
      ? data.errors
          .filter((e): e is { path: unknown[]; code: string } => typeof e === 'object' && e !== null && Array.isArray(e.path) && typeof e.code === 'string')
          .map((e) => ({ path: e.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number'), code: e.code }))
      : undefined;
    const candidate = data.version ?? data.currentVersion;
    const version = Number.isSafeInteger(candidate) && (candidate as number) >= 1 ? (candidate as number) : undefined;
    // A date is all it may be: the form puts it into a sentence.
    const opensOn = typeof data.opensOn === 'string' && isCalendarDate(data.opensOn) ? data.opensOn : undefined;
    return { type, errors, version, opensOn };
  } catch {
    return none;
  }
}
