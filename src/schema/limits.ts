/** Sizes and counts the application must stay within. One place, so the schema, the docs and the server agree. */
export const LIMITS = {
  /** The photo after re-encoding, in bytes. */
  photoBytes: 300 * 1024,
  /** Each document, in bytes. */
  documentBytes: 1024 * 1024,
  /** The photo and every document together, decoded, in bytes: keeps the outbox inside sessionStorage. */
  attachmentsBytes: 2.5 * 1024 * 1024,
  /** The whole request body, in bytes. */
  bodyBytes: 4 * 1024 * 1024,
  documents: 6,
  education: 10,
  skills: 20,
  workExperience: 20,
  languages: 10,
  positions: 3,
  disabilityKinds: 6,
  nameLength: 100,
  placeLength: 60,
  textLength: 120,
  noteLength: 500,
  emailLength: 254,
  positionTitleLength: 80,
  languageLength: 40,
  noticeVersionLength: 32,
} as const;

/**
 * The youngest age accepted by default, in whole years. Here rather than beside the rules that apply it: the
 * form's configuration needs it before the rules (and the schemas behind them) are loaded.
 */
export const DEFAULT_MIN_AGE = 18;
