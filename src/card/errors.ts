/** Why a card could not be made. */
export type Ak1CardErrorCode =
  /** The application lacks a field the card prints, or holds a value the card cannot print. */
  | 'card.application'
  /** The photo is not a JPEG, or not a readable one. */
  | 'card.photo'
  /** The registration is not a valid `Ak1Registration`. */
  | 'card.registration'
  /** The registration was rejected or has expired: there is no card to print. */
  | 'card.status'
  /** The logo is neither a PNG nor a JPEG, or not a readable one. */
  | 'card.logo'
  /** An option, the overlay layout included, is not valid. */
  | 'card.options'
  /** A value is too long for its box even in the smallest type the card uses. */
  | 'card.tooLong';

/** Where in the input the problem is, and what is wrong there (a short rule name such as `format`). */
export interface Ak1CardIssue {
  path: (string | number)[];
  rule: string;
}

/**
 * `renderCardPdf` refused its input. `code` says which input; `issues` say where. The message is for
 * developers and names paths only, never the applicant's data.
 */
export class Ak1CardError extends Error {
  readonly code: Ak1CardErrorCode;
  readonly issues: Ak1CardIssue[];

  constructor(code: Ak1CardErrorCode, issues: Ak1CardIssue[] = [], options: { cause?: unknown } = {}) {
    const where = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.rule}`).join('; ');
    super(`${code}${where ? ` (${where})` : ''}`, 'cause' in options ? { cause: options.cause } : undefined);
    // Set by hand: minifiers rename classes, so constructor.name cannot be relied on.
    this.name = 'Ak1CardError';
    this.code = code;
    this.issues = issues;
  }
}
