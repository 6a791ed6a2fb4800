import type { Ak1FormTexts, Ak1JourneyTexts } from './form-types.js';
import type {
  Ak1MessageKey,
  Ak1WarningKey,
  DisabilityKind,
  DocumentKind,
  EducationLevel,
  JobLocation,
  MaritalStatus,
  RegistrationStatus,
  Religion,
  Sex,
} from '../schema/index.js';

/** The fields of the first step, and the application as a whole: their messages travel with the form. */
type FirstStepField =
  | 'application'
  | 'schemaVersion'
  | 'nik'
  | 'kkNumber'
  | 'fullName'
  | 'birthPlace'
  | 'birthDate'
  | 'sex'
  | 'religion'
  | 'maritalStatus'
  | 'heightCm'
  | 'weightKg'
  | 'disability';

/** Message keys whose texts are in the catalogue itself. */
export type Ak1FirstStepMessageKey = Extract<Ak1MessageKey | Ak1WarningKey, `${FirstStepField}.${string}`>;
/** Message keys whose texts load with the later steps (`Ak1JourneyTexts.messages`). */
export type Ak1LaterMessageKey = Exclude<Ak1MessageKey | Ak1WarningKey, Ak1FirstStepMessageKey>;

/** The languages with a full catalogue. Indonesian is the default and the fallback. */
export type Ak1Lang = 'id' | 'en';

/**
 * Every user-facing text of ak1-form in one language. A key missing from a catalogue fails the build, so
 * adding a message key to the schema forces both texts to be written.
 */
export interface Ak1Catalogue {
  lang: Ak1Lang;
  /** Texts for every validation message key and warning key. */
  messages: Record<Ak1FirstStepMessageKey, string>;
  /** Display labels of the code lists. */
  labels: {
    sex: Record<Sex, string>;
    religion: Record<Religion, string>;
    maritalStatus: Record<MaritalStatus, string>;
    educationLevel: Record<EducationLevel, string>;
    disabilityKind: Record<DisabilityKind, string>;
    documentKind: Record<DocumentKind, string>;
    jobLocation: Record<JobLocation, string>;
    registrationStatus: Record<RegistrationStatus, string>;
  };
  /** Month names, January first, for dates written out (`12 September 1990`). */
  months: readonly [string, string, string, string, string, string, string, string, string, string, string, string];
  /** Texts of the element itself. */
  ui: {
    /** A configuration mistake made by the site, not the applicant. */
    configError: string;
  };
  /** The registration journey. */
  form: Ak1FormTexts;

  /** Day names, Sunday first. */
  weekdays: readonly [string, string, string, string, string, string, string];
}

/**
 * The printed card's texts: headings, labels, the standard conditions and the notices. Not part of
 * `Ak1Catalogue`: they load with the card renderer (`card-id.ts`, `card-en.ts`), keeping them out of the
 * form's first download. The card is always printed in Indonesian.
 */
export interface Ak1CardTexts {
  /** The first line of the letterhead, from the district's name: `PEMERINTAH KABUPATEN SERANG`. */
  government: (district: string) => string;
  title: string;
  formCode: string;
  registrationNumber: string;
  nik: string;
  applicantSignature: string;
  /** Printed on the card's face until the Pengantar Kerja signs it at the office. */
  notSignedNotice: string;
  notSignedHint: string;
  appointmentHeading: string;
  /** The time window of the visit; `start` and `end` are `HH:MM`. */
  appointmentTime: (start: string, end: string) => string;
  queueNumber: string;
  noAppointment: string;
  /** The appointment in one sentence, for a district's own blank that has one box for it. */
  appointmentSummary: (appointment: { date: string; time: string; place: string; queueNumber?: string }) => string;
  conditionsHeading: string;
  /** The four standard conditions (Ketentuan); `office` names the office cards are returned to, when known. */
  conditions: (office: string | undefined) => readonly [string, string, string, string];
  reportColumn: string;
  reportDueColumn: string;
  reportDateColumn: string;
  reportSignatureColumn: string;
  /** The three six-monthly reports. */
  reportRows: readonly [string, string, string];
  placedAt: string;
  placedFrom: string;
  personalHeading: string;
  fullName: string;
  birth: string;
  sex: string;
  maritalStatus: string;
  religion: string;
  address: string;
  /** The address in one line; RT and RW are the padded three digits, when given. */
  /** The address line; `places` are the village, district, regency and province names when known. */
  addressValue: (address: {
    street: string;
    rt?: string;
    rw?: string;
    villageCode: string;
    postalCode: string;
    places?: readonly string[];
  }) => string;
  phone: string;
  email: string;
  languages: string;
  educationHeading: string;
  educationLevel: string;
  institution: string;
  major: string;
  graduationYear: string;
  skillsHeading: string;
  skillName: string;
  skillProvider: string;
  skillYear: string;
  workHeading: string;
  workPosition: string;
  workEmployer: string;
  workYears: string;
  /** The years of a job; `end` is absent for the current one. */
  workYearsValue: (start: number, end: number | undefined) => string;
  /** An empty list. */
  none: string;
  /** The last row of a list cut short to fit the card. */
  more: (count: number) => string;
  issuedOn: string;
  validUntil: string;
  officerTitle: string;
  /** The officer's NIP line; without a NIP, a blank line to fill in by hand. */
  officerNip: (nip: string | undefined) => string;
  verifyCaption: string;
  /** Day names, Sunday first, for the appointment's date. */
  weekdays: readonly [string, string, string, string, string, string, string];
}

type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * Overrides for some texts, e.g. a district's own wording, at any depth: of the catalogue, and of the later
 * steps' texts under `journey`.
 */
export type Ak1Translations = DeepPartial<Omit<Ak1Catalogue, 'lang'>> & { journey?: DeepPartial<Ak1JourneyTexts> };
