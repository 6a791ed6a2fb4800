import type { Ak1LaterMessageKey } from './types.js';
import type { Ak1MediaTexts } from './media-types.js';

/** Texts of the registration journey in `<ak1-form>`. */
export interface Ak1FormTexts {
  back: string;
  continue: string;
  confirmAndContinue: string;
  optional: string;
  /** Read before each inline error by screen readers only (GOV.UK). */
  errorPrefix: string;
  errorSummaryTitle: string;
  checkThis: string;
  choose: string;
  /** In a region select whose parent is not chosen yet. */
  chooseAbove: string;
  loading: string;
  tryAgain: string;
  stepLoadFailed: string;
  remove: string;
  yes: string;
  no: string;
  day: string;
  month: string;
  year: string;
  stepOf: (step: number, of: number) => string;
  /** Messages of the form's own, beside the validation keys. */
  messages: { generic: string };
  /** What the device keeps, on every step. */
  device: {
    remember: string;
    rememberHint: string;
    clear: string;
    cleared: string;
    resumed: string;
    rememberedTitle: string;
    rememberedText: (savedOn: string) => string;
    resume: string;
    discard: string;
  };
  /** The first step's texts travel with the form: it must be usable before anything else loads. */
  identity: {
    title: string;
    nik: string;
    nikHint: string;
    nikWhere: string;
    nikWhereText: string;
    fullName: string;
    fullNameHint: string;
    birthPlace: string;
    birthDate: string;
    birthDateHint: string;
    sex: string;
    religion: string;
    maritalStatus: string;
    kkNumber: string;
    kkNumberHint: string;
    heightCm: string;
    weightKg: string;
    disability: string;
    disabilityHint: string;
    disabilityKinds: string;
    disabilityNote: string;
    disabilityNoteHint: string;
  };
}

/**
 * Texts of the later steps and the privacy notice: loaded with the second step, so the first step is usable
 * sooner on a slow connection.
 */
export interface Ak1JourneyTexts {
  /** Texts of the message keys of the later steps' fields; the first step's are in the catalogue. */
  messages: Record<Ak1LaterMessageKey, string>;
  contact: {
    title: string;
    phone: string;
    phoneHint: string;
    email: string;
    emailHint: string;
    address: string;
    addressHint: string;
    province: string;
    regency: string;
    district: string;
    village: string;
    regionsFailed: string;
    street: string;
    streetHint: string;
    rt: string;
    rw: string;
    postalCode: string;
    /** The ODbL attribution of the region lists. */
    regionCredit: string;
  };
  education: {
    title: string;
    formal: string;
    schoolN: (n: number) => string;
    addSchool: string;
    level: string;
    institution: string;
    institutionHint: string;
    major: string;
    graduationYear: string;
    yearHint: string;
    skills: string;
    skillsHint: string;
    skillN: (n: number) => string;
    addSkill: string;
    addAnotherSkill: string;
    skillName: string;
    skillNameHint: string;
    skillProvider: string;
    skillYear: string;
    languages: string;
    languagesHint: string;
  };
  work: {
    title: string;
    experience: string;
    experienceHint: string;
    jobN: (n: number) => string;
    addJob: string;
    addAnotherJob: string;
    employer: string;
    position: string;
    startYear: string;
    endYear: string;
    endYearHint: string;
    /** For a current job in the check page: "2019–now". */
    now: string;
    wanted: string;
    positionN: (n: number) => string;
    addPosition: string;
    positionTitle: string;
    positionHint: string;
    positionSuggestions: readonly string[];
    location: string;
    wage: string;
    wageHint: string;
    wageMin: string;
    wageMax: string;
  };
  documents: {
    title: string;
    intro: string;
    photo: string;
    attached: string;
    attachedPdf: string;
  };
  visit: {
    title: string;
    intro: string;
    where: (officeName: string, officeAddress: string) => string;
    legend: string;
    hint: string;
    dayOption: (day: string, remaining: number) => string;
    noPreference: string;
    unavailable: string;
    full: string;
  };
  review: {
    title: string;
    change: string;
    notGiven: string;
    sendTitle: string;
    sendText: string;
    submit: string;
    sending: string;
    retrying: (seconds: number) => string;
    /** The submission is kept on the device and goes when the connection returns. */
    queued: string;
    failed: {
      unreachable: string;
      'already-registered': string;
      'idempotency-key-reused': string;
      noOffice: string;
      aborted: string;
    };
  };
  done: {
    title: string;
    numberLabel: string;
    visitTitle: string;
    appointment: (date: string, start: string, end: string, place: string) => string;
    queue: string;
    noAppointment: string;
    bringTitle: string;
    bringCard: string;
    bringKtp: string;
    bringPhotos: string;
    bringDocument: (document: string) => string;
    notValidYet: string;
    cardTitle: string;
    cardText: (validUntil: string) => string;
    download: string;
    print: string;
    addToCalendar: string;
    making: string;
    cardFailed: string;
    downloadBlocked: string;
    openPdf: string;
    share: string;
    reportTitle: string;
    reportN: (n: number, date: string) => string;
    calendar: {
      visitTitle: string;
      visitDescription: string;
      reportTitle: (n: number) => string;
      reportDescription: string;
      reminder: string;
    };
  };
  privacy: Ak1PrivacyTexts;
  /** The photo and documents step. */
  media: Ak1MediaTexts;
}

/** The privacy notice of UU PDP No. 27/2022 Pasal 21, and the consent. */
export interface Ak1PrivacyTexts {
  /** The notice's version, recorded with the consent; change it whenever the text changes. */
  version: string;
  title: string;
  /** When the site names no office. */
  theOffice: string;
  sections: (officeName: string, officeAddress: string) => ReadonlyArray<{ heading: string; paragraphs: readonly string[] }>;
  versionLabel: (version: string) => string;
  consentLegend: string;
  consentLabel: string;
}
