/**
 * The problem types of the backend contract (RFC 9457, `urn:ak1:problem:<name>`) and the HTTP status each
 * comes with. One list for the client, the mocks, the reference server, the OpenAPI file and conformance.
 */
export const AK1_PROBLEM_STATUS = {
  'invalid-application': 422,
  'idempotency-key-reused': 422,
  'idempotency-key-missing': 400,
  'malformed-json': 400,
  'request-in-progress': 409,
  'already-registered': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'request-timeout': 408,
  'proof-required': 403,
  unavailable: 503,
  'invalid-token': 404,
  'not-found': 404,
  'invalid-credentials': 401,
  'second-factor-required': 401,
  unauthenticated: 401,
  'password-change-required': 403,
  forbidden: 403,
  'transition-not-allowed': 422,
  'version-conflict': 409,
  // The office routes' own refusals of a request's shape, so that another backend answers them alike and a client
  // can tell them apart: an action without what it needs (reasons, changes), a new password that breaks a rule,
  // query parameters or a body of the wrong shape.
  'invalid-action': 422,
  'password-not-allowed': 422,
  'invalid-request': 400,
  'invalid-body': 400,
  // The applicant's return visit (`{endpoint}/self/…`): a six-monthly report outside every report's window (or
  // already made), and a reschedule when no open day within the booking horizon has room.
  'report-window-closed': 422,
  'visit-unavailable': 409,
} as const;

export type Ak1ProblemType = keyof typeof AK1_PROBLEM_STATUS;

/** Every problem type of the contract, in the order of design.md. */
export const AK1_PROBLEM_TYPES = Object.keys(AK1_PROBLEM_STATUS) as Ak1ProblemType[];

/** The prefix of every problem type of the contract. */
export const AK1_PROBLEM_PREFIX = 'urn:ak1:problem:';
