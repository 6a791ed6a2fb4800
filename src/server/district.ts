import { DEFAULT_MIN_AGE, DEFAULT_TIME_ZONE, DOCUMENT_KINDS, isCalendarDate, type DocumentKind } from '../schema/index.js';
import { hasForbiddenCharacter } from '../schema/characters.js';
import { compileNumberPattern, type NumberFormatter } from './numbering.js';

/** One time window of visits on an open day, e.g. 08:00–09:00 for 20 applicants. */
export interface Ak1VisitWindow {
  /** `HH:MM`, 24-hour, in the district's time zone. */
  start: string;
  /** `HH:MM`, after `start`. */
  end: string;
  /** How many applicants the counter takes in this window. */
  capacity: number;
}

/**
 * The district the reference backend serves. `code`, `name`, `officeName` and `officeAddress` say who the
 * district is and have no default; every other setting has the default written beside it.
 */
export interface Ak1DistrictOptions {
  /** Kemendagri regency (kabupaten/kota) code, dotted: `36.04`. */
  code: string;
  /** `Kabupaten Serang`. */
  name: string;
  /** The office applicants visit: `Disnakertrans Kabupaten Serang`. */
  officeName: string;
  /** Its address, as printed on the appointment: `Jl. Veteran No. 1, Serang`. */
  officeAddress: string;
  /** IANA time zone of the district's dates and clock. Default `Asia/Jakarta`. */
  timeZone?: string;
  /** Visits a day at most, over all windows. Default 100 (Kabupaten Serang in 2020). */
  capacityPerDay?: number;
  /**
   * The day's visit windows, in order and not overlapping; window `i` gives queue numbers with the `i`-th
   * letter (`A-001`, `B-001` …), so at most 26. Default 08–09, 09–10, 10–11, 11–12 and 13–14, 20 each.
   */
  windows?: readonly Ak1VisitWindow[];
  /** Days the office is closed besides Saturdays and Sundays (holidays, `cuti bersama`), `YYYY-MM-DD`. Default none. */
  closedDates?: readonly string[];
  /** Visits are booked from tomorrow up to this many days ahead. Default 30. */
  horizonDays?: number;
  /**
   * How registration numbers are written; see `compileNumberPattern` for the tokens. Default
   * `{regency}-{serial:6}-{DDMMYY}`, which gives `3604-000123-281126`.
   */
  numberPattern?: string;
  /** The youngest applicant accepted, in whole years. Default 18. */
  minAge?: number;
  /** Document kinds every application must carry, e.g. `['KTP']`. Default none. */
  requiredDocuments?: readonly DocumentKind[];
  /**
   * How the district prints the signed card, for the office's counter (`GET {endpoint}/office/settings`) and the
   * signing record. Each is optional; without them the card prints its standard texts.
   */
  card?: Ak1DistrictCardOptions;
  /**
   * How many days before and after each six-monthly report's due date the applicant may make it through
   * `POST {endpoint}/self/report`. Default 30.
   */
  reportWindowDays?: number;
}

/** The district's card options (design.md, "Decisions": The card). */
export interface Ak1DistrictCardOptions {
  /** The signer's title under the name: `Pengantar Kerja Ahli Muda`. Stored with each signature. */
  signerTitle?: string;
  /** The conditions ("Ketentuan") printed on the card instead of the standard four, one text each (at most 12). */
  terms?: readonly string[];
  /** The overlay layout of the district's pre-printed blank, as `renderCardPdf`'s `layout` takes it. */
  overlay?: Readonly<Record<string, unknown>>;
  /** The district's logo for the card's header, as a `data:image/png;base64,…` or `data:image/jpeg;…` URL. */
  logo?: string;
}

/** The sample district of the demo and the mocks: Disnakertrans Kabupaten Serang, as it ran AK/I in 2020. */
export const ak1DemoDistrict: Ak1DistrictOptions = Object.freeze({
  code: '36.04',
  name: 'Kabupaten Serang',
  officeName: 'Disnakertrans Kabupaten Serang',
  officeAddress: 'Jl. Veteran No. 1, Serang',
  timeZone: 'Asia/Jakarta',
  capacityPerDay: 100,
  requiredDocuments: Object.freeze(['KTP'] as DocumentKind[]),
});

export const DEFAULT_NUMBER_PATTERN = '{regency}-{serial:6}-{DDMMYY}';
export const DEFAULT_HORIZON_DAYS = 30;
export const DEFAULT_REPORT_WINDOW_DAYS = 30;
export const DEFAULT_CAPACITY_PER_DAY = 100;
export const DEFAULT_WINDOWS: readonly Ak1VisitWindow[] = Object.freeze(
  [
    ['08:00', '09:00'],
    ['09:00', '10:00'],
    ['10:00', '11:00'],
    ['11:00', '12:00'],
    ['13:00', '14:00'],
  ].map(([start, end]) => Object.freeze({ start: start!, end: end!, capacity: 20 })),
);

/** A district with every default filled in and every setting checked. */
export interface District {
  code: string;
  name: string;
  officeName: string;
  officeAddress: string;
  timeZone: string;
  capacityPerDay: number;
  windows: readonly Ak1VisitWindow[];
  closedDates: ReadonlySet<string>;
  horizonDays: number;
  formatNumber: NumberFormatter;
  minAge: number;
  requiredDocuments: readonly DocumentKind[];
  card: Ak1DistrictCardOptions;
  reportWindowDays: number;
}

/** Fills in the defaults and refuses a setting that cannot work, at start-up rather than at the first applicant. */
export function resolveDistrict(options: Ak1DistrictOptions): District {
  const fail = (message: string): never => {
    throw new TypeError(`createAk1Handler: district.${message}`);
  };
  if (typeof options !== 'object' || options === null) fail('… is required');
  if (!/^\d{2}\.\d{2}$/.test(options.code ?? '')) fail('code must be a regency code like 36.04');
  for (const [key, max] of [['name', 120], ['officeName', 160], ['officeAddress', 300]] as const) {
    const value = options[key];
    if (typeof value !== 'string' || !value.trim()) fail(`${key} is required`);
    if (value.length > max || hasForbiddenCharacter(value)) fail(`${key} must be at most ${max} characters, without control characters`);
  }
  // Replies name the place as "office, address", and the contract bounds it (clients refuse longer).
  if (`${options.officeName.trim()}, ${options.officeAddress.trim()}`.length > 200) {
    fail('officeName and officeAddress together must stay within 198 characters');
  }

  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    fail(`timeZone ${JSON.stringify(timeZone)} is not an IANA time zone`);
  }

  const capacityPerDay = options.capacityPerDay ?? DEFAULT_CAPACITY_PER_DAY;
  if (!isCount(capacityPerDay)) fail('capacityPerDay must be a whole number of at least 1');

  const windows = options.windows ?? DEFAULT_WINDOWS;
  if (!Array.isArray(windows) || windows.length < 1 || windows.length > 26) fail('windows must hold 1 to 26 windows');
  windows.forEach((window, i) => {
    if (!isTime(window?.start) || !isTime(window?.end) || window.start >= window.end) {
      fail(`windows[${i}] must have start and end as HH:MM with start before end`);
    }
    if (!isCount(window.capacity)) fail(`windows[${i}].capacity must be a whole number of at least 1`);
    const previous = windows[i - 1];
    if (previous && previous.end > window.start) fail(`windows[${i}] must start after the window before it ends`);
  });

  const closedDates = options.closedDates ?? [];
  for (const date of closedDates) if (!isCalendarDate(date)) fail(`closedDates holds ${JSON.stringify(date)}, not a YYYY-MM-DD date`);

  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 366) fail('horizonDays must be 1 to 366');

  const minAge = options.minAge ?? DEFAULT_MIN_AGE;
  if (!Number.isInteger(minAge) || minAge < 14 || minAge > 65) fail('minAge must be 14 to 65');

  const requiredDocuments = options.requiredDocuments ?? [];
  for (const kind of requiredDocuments) {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) fail(`requiredDocuments holds ${JSON.stringify(kind)}, not a document kind`);
  }

  const card = resolveCard(options.card, fail);

  const reportWindowDays = options.reportWindowDays ?? DEFAULT_REPORT_WINDOW_DAYS;
  if (!Number.isInteger(reportWindowDays) || reportWindowDays < 0 || reportWindowDays > 90) fail('reportWindowDays must be 0 to 90');

  let formatNumber: NumberFormatter;
  try {
    formatNumber = compileNumberPattern(options.numberPattern ?? DEFAULT_NUMBER_PATTERN);
  } catch (error) {
    return fail(`numberPattern: ${(error as Error).message}`);
  }

  return {
    code: options.code,
    name: options.name.trim(),
    officeName: options.officeName.trim(),
    officeAddress: options.officeAddress.trim(),
    timeZone,
    capacityPerDay,
    windows: windows.map((w) => ({ start: w.start, end: w.end, capacity: w.capacity })),
    closedDates: new Set(closedDates),
    horizonDays,
    formatNumber,
    minAge,
    requiredDocuments: [...requiredDocuments],
    card,
    reportWindowDays,
  };
}

function resolveCard(card: Ak1DistrictCardOptions | undefined, fail: (message: string) => never): Ak1DistrictCardOptions {
  if (card === undefined) return {};
  if (typeof card !== 'object' || card === null) fail('card must be an object');
  const text = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max && !hasForbiddenCharacter(value);
  if (card.signerTitle !== undefined && !text(card.signerTitle, 120)) fail('card.signerTitle must be 1 to 120 characters, without control characters');
  if (card.terms !== undefined && (!Array.isArray(card.terms) || card.terms.length > 12 || !card.terms.every((term) => text(term, 500)))) {
    fail('card.terms must be at most 12 texts of 1 to 500 characters, without control characters');
  }
  if (card.overlay !== undefined && (typeof card.overlay !== 'object' || card.overlay === null || Array.isArray(card.overlay))) {
    fail('card.overlay must be an object (the overlay layout)');
  }
  if (card.logo !== undefined && (typeof card.logo !== 'string' || card.logo.length > 200_000 || !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/.test(card.logo))) {
    fail('card.logo must be a data:image/png or data:image/jpeg base64 URL of at most 200,000 characters');
  }
  return {
    ...(card.signerTitle !== undefined ? { signerTitle: card.signerTitle.trim() } : {}),
    ...(card.terms !== undefined ? { terms: card.terms.map((term) => term.trim()) } : {}),
    ...(card.overlay !== undefined ? { overlay: structuredClone(card.overlay) } : {}),
    ...(card.logo !== undefined ? { logo: card.logo } : {}),
  };
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
