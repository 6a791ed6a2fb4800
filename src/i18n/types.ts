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

/** The languages with a full catalogue. Indonesian is the default and the fallback. */
export type Ak1Lang = 'id' | 'en';

/**
 * Every user-facing text of ak1-form in one language. A key missing from a catalogue fails the build, so
 * adding a message key to the schema forces both texts to be written.
 */
export interface Ak1Catalogue {
  lang: Ak1Lang;
  /** Texts for every validation message key and warning key. */
  messages: Record<Ak1MessageKey | Ak1WarningKey, string>;
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
    /** Shown while the registration journey is not yet available in this build. */
    formComingSoon: string;
    /** How to reach the office instead; `office` is its name and address as configured. */
    visitOffice: (office: string) => string;
    /** A configuration mistake made by the site, not the applicant. */
    configError: string;
    nikCheckLabel: string;
    nikCheckHint: string;
    nikCheckButton: string;
    /** A NIK that reads well: what it says. */
    nikCheckValid: (info: { birthDate: string; sex: string; province: string }) => string;
  };
}

type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/** Overrides for some texts of a catalogue, e.g. a district's own wording, at any depth. */
export type Ak1Translations = DeepPartial<Omit<Ak1Catalogue, 'lang'>>;
