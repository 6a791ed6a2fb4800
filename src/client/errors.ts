import type { Ak1Issue } from '../schema/index.js';
import type { Ak1ProblemType } from '../schema/index.js';

/*
 * The client's failures, one class per thing a caller may want to handle differently. Each sets its `name`
 * in the constructor (a minifier renames classes, so `constructor.name` cannot be relied on) and keeps the
 * underlying failure as `cause`. Messages are for developers and never hold the application: the component
 * shows its own translated text, chosen by `name` and `code`.
 */

// The contract's problem types live with the schemas; the client re-exports them for its users.
export { AK1_PROBLEM_TYPES, AK1_PROBLEM_PREFIX } from '../schema/index.js';
export type { Ak1ProblemType } from '../schema/index.js';

export interface Ak1ErrorOptions {
  cause?: unknown;
}

/** The base of every error the client throws. `code` is a stable, machine-readable reason. */
export class Ak1Error extends Error {
  readonly code: string;

  constructor(message: string, code: string, options: Ak1ErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'Ak1Error';
    this.code = code;
  }
}

/**
 * The application was refused: locally before sending, or by the backend's `422` of type
 * `invalid-application`. `issues` hold paths and message keys, as `validateApplication` gives them.
 */
export class Ak1ValidationError extends Ak1Error {
  readonly issues: Ak1Issue[];
  /** The HTTP status when the backend refused it; absent when refused before sending. */
  readonly status: number | undefined;

  constructor(issues: Ak1Issue[], options: Ak1ErrorOptions & { status?: number } = {}) {
    const where = options.status ? `the backend refused it (${options.status})` : 'refused before sending';
    super(`The application has ${issues.length} problem(s); ${where}`, 'invalid-application', options);
    this.name = 'Ak1ValidationError';
    this.issues = issues;
    this.status = options.status;
  }
}

/**
 * Conflicts that a retry cannot fix: the registration's (`already-registered`, `idempotency-key-reused`) and the
 * office's (`version-conflict`: another officer changed the record first; `transition-not-allowed`: the record's
 * status does not allow the action).
 */
export type Ak1ConflictType = 'already-registered' | 'idempotency-key-reused' | 'version-conflict' | 'transition-not-allowed';

/**
 * `already-registered`: this NIK already has an active registration (the backend says where to ask, never
 * what that registration holds). `idempotency-key-reused`: the key was used before for another application.
 * `version-conflict` (`409`): the officer acted on a version of the record that is no longer current; open it again
 * to see the other change. `transition-not-allowed` (`422`): the action does not apply to the record's status.
 */
export class Ak1ConflictError extends Ak1Error {
  readonly type: Ak1ConflictType;
  readonly status: number;
  /** For `version-conflict`: the record's current version, when the backend said it. */
  readonly currentVersion: number | undefined;

  constructor(type: Ak1ConflictType, status: number, options: Ak1ErrorOptions & { currentVersion?: number } = {}) {
    super(`The backend refused the request: ${type} (${status})`, type, options);
    this.name = 'Ak1ConflictError';
    this.type = type;
    this.status = status;
    this.currentVersion = options.currentVersion;
  }
}

/** Any other HTTP failure. `type` is the problem's name when the reply was a problem of the contract. */
export class Ak1HttpError extends Ak1Error {
  readonly status: number;
  readonly type: Ak1ProblemType | undefined;
  /**
   * The delay the backend asked for with `Retry-After`, in milliseconds, as it said it (an hour for a lookup's
   * lockout): the time to tell the person. The client's own retries wait at most a minute of it.
   */
  readonly retryAfterMs: number | undefined;
  /**
   * The problem's `errors`, for the office's `invalid-action` and `password-not-allowed` (what the request lacks,
   * which rule it breaks: `reason.required`, `too-short`). Untrusted text: match it, never show it as it is.
   */
  readonly errors: ReadonlyArray<{ path: (string | number)[]; code: string }> | undefined;
  /**
   * For `report-window-closed` (`422`): the date the next six-monthly report can be made (`YYYY-MM-DD`, the
   * district's calendar). Absent when no report is left to open (all made, or the last window has passed).
   */
  readonly opensOn: string | undefined;

  constructor(
    status: number,
    options: Ak1ErrorOptions & {
      type?: Ak1ProblemType;
      retryAfterMs?: number;
      errors?: ReadonlyArray<{ path: (string | number)[]; code: string }>;
      opensOn?: string;
    } = {},
  ) {
    super(`The backend answered ${status}${options.type ? ` (${options.type})` : ''}`, options.type ?? `http-${status}`, options);
    this.name = 'Ak1HttpError';
    this.status = status;
    this.type = options.type;
    this.retryAfterMs = options.retryAfterMs;
    this.errors = options.errors;
    this.opensOn = options.opensOn;
  }
}

/** The request never got an answer: offline, DNS, CORS refused, connection reset. */
export class Ak1NetworkError extends Ak1Error {
  constructor(options: Ak1ErrorOptions = {}) {
    super('The request failed before an answer arrived (network or CORS)', 'network', options);
    this.name = 'Ak1NetworkError';
  }
}

/** An attempt took longer than `timeoutMs`. */
export class Ak1TimeoutError extends Ak1Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options: Ak1ErrorOptions = {}) {
    super(`No answer within ${timeoutMs} ms`, 'timeout', options);
    this.name = 'Ak1TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `signal` aborted the call. */
export class Ak1AbortError extends Ak1Error {
  constructor(options: Ak1ErrorOptions = {}) {
    super('The call was aborted', 'aborted', options);
    this.name = 'Ak1AbortError';
  }
}

/** Why a reply was not believed. */
export type Ak1ResponseProblem = 'too-large' | 'not-json' | 'malformed' | 'unexpected-status';

/**
 * The backend answered, but not with what the contract promises: a body over the size limit, not JSON, or
 * JSON that does not match the reply schema. A malformed `200` is this error, never a success.
 */
export class Ak1ResponseError extends Ak1Error {
  readonly status: number;
  readonly problem: Ak1ResponseProblem;

  constructor(status: number, problem: Ak1ResponseProblem, options: Ak1ErrorOptions = {}) {
    super(`The backend's reply (${status}) was not accepted: ${problem}`, `response-${problem}`, options);
    this.name = 'Ak1ResponseError';
    this.status = status;
    this.problem = problem;
  }
}

/** Why the office refused an officer (design.md, "The office": sessions). */
export type Ak1AuthErrorType =
  /** No token, or a session that has ended (8 hours, 30 minutes idle, logged out): log in again. */
  | 'unauthenticated'
  /** The username or the password is wrong (the backend does not say which). */
  | 'invalid-credentials'
  /** The account needs its TOTP code: ask for it and log in again with `code`. */
  | 'second-factor-required'
  /** The account still has its one-time password: only `changePassword` is allowed. */
  | 'password-change-required'
  /** The officer's roles do not allow this (a petugas signing, a non-admin reading the audit). */
  | 'forbidden';

/**
 * The office refused an officer: `401` (`unauthenticated`, `invalid-credentials`, `second-factor-required`) or
 * `403` (`password-change-required`, `forbidden`). An `Ak1HttpError` with the problem's `type`, never retried.
 */
export class Ak1AuthError extends Ak1HttpError {
  declare readonly type: Ak1AuthErrorType;

  constructor(type: Ak1AuthErrorType, status: 401 | 403, options: Ak1ErrorOptions = {}) {
    super(status, { ...options, type });
    this.name = 'Ak1AuthError';
  }
}
