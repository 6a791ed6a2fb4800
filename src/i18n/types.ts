import type {
  Ak1HistoryEvent,
  Ak1OfficeAction,
  Ak1ReasonCode,
  DisabilityKind,
  DocumentKind,
  EducationLevel,
  JobLocation,
  MaritalStatus,
  RegistrationStatus,
  Religion,
  Sex,
} from '../schema/index.js';
import type { Ak1MediaErrorCode } from '../media/errors.js';
import type { KbjiSuggestedCode } from '../schema/kbji.js';
import type { Ak1FirstStepMessageKey, Ak1LaterMessageKey } from './keys.js';

/*
 * The shape of every text of ak1-form, one interface per area (Shoelace's `Translation`, cut where the texts
 * load at different times). Each language has one file per area under `id/` and `en/`, typed by these
 * interfaces, so a text missing from any language fails the type-check. Types only: this file adds no bytes.
 *
 * - `form.ts`, `Ak1Catalogue`: with the form; the first step must work before anything else loads.
 * - `journey.ts`, `Ak1JourneyTexts`: with the second step.
 * - `media.ts`, `Ak1MediaTexts`: with the journey, or with `<ak1-photo-step>` on its own.
 * - `card.ts`, `Ak1CardTexts`: with the card renderer.
 * - `server.ts`, `Ak1ServerTexts`: in the reference backend only, never in the browser bundle.
 * - `unsupported.ts`, `Ak1UnsupportedTexts`: in the no-module fallback script.
 * - `office.ts`, `Ak1OfficeTexts`: with `<ak1-office>` only, never in the applicants' bundle.
 */

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
  /** The way to the status view (`view="status"`), on the first step and the done screen. */
  statusLink: string;
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
    /** Where the applicant starts: the service is free (charging for kartu kuning is a known fraud). */
    free: string;
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
    /** The titles the form suggests for the codes of `KBJI_SUGGESTED_CODES`, in this language. */
    positionSuggestions: Readonly<Record<KbjiSuggestedCode, string>>;
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
      /** The form's setup is wrong (its endpoint): shown early and at submit; trying again will not help. */
      endpoint: string;
    };
  };
  done: {
    title: string;
    numberLabel: string;
    /** Charging for kartu kuning is a known fraud: said again where the card is handed over. */
    free: string;
    /** The access code of the `201` (shown once, never printed on the card) and why to keep it. */
    accessCodeLabel: string;
    accessCodeHint: string;
    visitTitle: string;
    appointment: (date: string, start: string, end: string, place: string) => string;
    queue: string;
    noAppointment: string;
    /** Where the office's news reaches the applicant: the phone as people write it. */
    phoneNote: (phone: string) => string;
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
      /** The card ends at month 24: renewing it is a new registration with the old number. */
      renewalTitle: string;
      renewalDescription: string;
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

/** Texts of the photo and documents step (`<ak1-photo-step>`) and of every media refusal. */
export interface Ak1MediaTexts {
  /** Why a picture or PDF was refused, for every code of `AK1_MEDIA_ERROR_CODES`. */
  errors: Record<Ak1MediaErrorCode, string>;
  /** Read before each inline error by screen readers only (GOV.UK). */
  errorPrefix: string;
  photoLegend: string;
  photoHint: string;
  /** Before the district's own photo rules (`photo-rules`). */
  photoRulesLabel: string;
  /** Opens the camera. */
  takePhoto: string;
  /** Opens the file picker. */
  chooseFile: string;
  /** While a picked picture is checked and opened for the crop frame. */
  openingPhoto: string;
  /** While the cropped pas foto is made. */
  preparingPhoto: string;
  cropLabel: string;
  cropHint: string;
  zoom: string;
  /** Said politely after the frame is moved or zoomed by keyboard; numbers are percentages. */
  cropStatus: (state: { zoom: number; left: number; top: number }) => string;
  usePhoto: string;
  chooseAnother: string;
  cancel: string;
  photoPreviewAlt: string;
  photoReady: (info: { width: number; height: number; size: string }) => string;
  changePhoto: string;
  remove: string;
  photoRemoved: string;
  documentsLegend: string;
  documentsHint: string;
  documentHint: string;
  /** Opens the back camera for a document. */
  takeDocumentPhoto: string;
  preparingDocument: string;
  documentPreviewAlt: (kind: string) => string;
  /** Under a document's thumbnail. */
  imageSummary: (size: string) => string;
  /** In place of a thumbnail for a PDF; `name` is the file's name when known. */
  pdfSummary: (info: { name?: string | undefined; size: string }) => string;
  documentReady: (kind: string) => string;
  documentRemoved: (kind: string) => string;
  /** A byte count as people read it: `85 KB`, `1,2 MB`. */
  fileSize: (bytes: number) => string;
}

/**
 * A registration's status in words (`status.ts`): on the card, the verification page, the office's CSV and
 * `<ak1-office>`. Not part of `Ak1Catalogue`: the form itself never shows a status, so these stay out of its
 * first download.
 */
export type Ak1StatusTexts = Record<RegistrationStatus, string>;

/**
 * The printed card's texts: headings, labels, the standard conditions and the notices. Not part of
 * `Ak1Catalogue`: they load with the card renderer (`id/card.ts`, `en/card.ts`), keeping them out of the
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
  /**
   * Printed on the card's face until the Pengantar Kerja signs it at the office; `status` is the registration's
   * status in words ("Terkirim, menunggu verifikasi").
   */
  notSignedNotice: (status: string) => string;
  /** Under the notice: when the card becomes valid. */
  notSignedHint: string;
  /** A status this version does not know yet. */
  statusUnknown: string;
  /** That registering and the card cost nothing (charging for the card is a known fraud). */
  freeOfCharge: string;
  /** A signed card printed away from the counter: it has no wet signature. */
  copyNote: string;
  /** The box on a signed card's face in place of the visit. */
  validityHeading: string;
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
  /** Beside the date of a report made: what was reported. */
  reportMade: (kind: 'seeking' | 'placed' | undefined) => string;
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
  /** The signer's title when the district gives none. */
  officerTitle: string;
  /** The line above the signature, from the signer's title. */
  signerTitle: (title: string) => string;
  /** A value left for the office to fill in (the issue date of a card not yet signed). */
  blank: string;
  /** The officer's NIP line; without a NIP, a blank line to fill in by hand. */
  officerNip: (nip: string | undefined) => string;
  verifyCaption: string;
  /** Day names, Sunday first, for the appointment's date. */
  weekdays: readonly [string, string, string, string, string, string, string];
}

/** Columns of the office's CSV export (`GET {endpoint}/export.csv`), in order. */
export type Ak1ExportColumn =
  | 'registrationNumber'
  | 'registeredAt'
  | 'visitDate'
  | 'visitTime'
  | 'queueNumber'
  | 'status'
  | 'nik'
  | 'fullName'
  | 'sex'
  | 'birthPlace'
  | 'birthDate'
  | 'phone'
  | 'email'
  | 'street'
  | 'rt'
  | 'rw'
  | 'villageCode'
  | 'postalCode'
  | 'educationLevel'
  | 'positions';

/** The columns of the Karirhub hand-over, in the order of Karirhub's AK/I data entry. */
export type Ak1KarirhubColumn =
  | 'registrationNumber'
  | 'issuedAt'
  | 'validUntil'
  | 'nik'
  | 'fullName'
  | 'birthPlace'
  | 'birthDate'
  | 'sex'
  | 'religion'
  | 'maritalStatus'
  | 'heightCm'
  | 'weightKg'
  | 'disability'
  | 'phone'
  | 'email'
  | 'provinceCode'
  | 'regencyCode'
  | 'districtCode'
  | 'villageCode'
  | 'street'
  | 'rt'
  | 'rw'
  | 'postalCode'
  | 'educationLevel'
  | 'institution'
  | 'major'
  | 'graduationYear'
  | 'skills'
  | 'experience'
  | 'position1'
  | 'kbji1'
  | 'position2'
  | 'kbji2'
  | 'position3'
  | 'kbji3'
  | 'jobLocation'
  | 'expectedWage';

export interface Ak1ServerTexts {
  /** The page a card's QR code opens, `{publicUrl}/verify/{token}`. */
  verifyPage: {
    title: string;
    /** Heading when the token names a registration. */
    valid: string;
    /** Heading when it does not (unknown, altered or mistyped). */
    invalid: string;
    /** Heading for a signed card (`SIGNED`, `PLACED`) within its validity: the card is valid. */
    signed: string;
    /** Heading for a registration that no longer counts (`REJECTED`, `CANCELLED`, `EXPIRED`, or past its validity). */
    notValid: string;
    registrationNumber: string;
    /** The signing date's label, as the card prints it ("Dikeluarkan"). */
    issuedAt: string;
    /** A status this server's texts do not know (a newer backend's). */
    statusUnknown: string;
    /** What to do about a card that is not recognised; `office` is the office's name and address. */
    invalidHelp: (office: string) => string;
    initials: string;
    status: string;
    registeredAt: string;
    validUntil: string;
    /** Under a registration not signed yet: the card counts once the office has signed it. */
    unsigned: string;
    /** Why the page shows so little. */
    privacy: string;
  };
  /** Column headings of the office's CSV export. */
  exportColumns: Record<Ak1ExportColumn, string>;
  /** Headings of the Karirhub hand-over export (`GET {endpoint}/office/reports/karirhub.csv`). */
  karirhubColumns: Record<Ak1KarirhubColumn, string>;
}

/**
 * The notice shown where the browser cannot run the form (too old for module scripts, or missing what the
 * form needs): the office's name and address, so the applicant can register in person.
 */
/** The checks of `debug`'s setup self-check, in the order it runs them. */
export type Ak1SelfCheckId = 'configuration' | 'endpointHttps' | 'endpointReachable' | 'endpointCors' | 'endpointHeaders' | 'availability' | 'regionLists' | 'chunks';

/** `debug`'s setup self-check, for the webmaster (the panel in the page and the console); loaded only with `debug`. */
export interface Ak1DebugTexts {
  title: string;
  intro: string;
  running: string;
  passed: string;
  failed: string;
  /** Not run, because a check it depends on failed. */
  skipped: string;
  /** `n` of `total` checks failed. */
  summary: (failed: number, total: number) => string;
  checks: Record<Ak1SelfCheckId, { title: string; fix: string }>;
}

export interface Ak1UnsupportedTexts {
  title: string;
  advice: string;
  /** When the site names no office. */
  fallbackOffice: string;
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

/**
 * Texts of the office counter, `<ak1-office>` (`id/office.ts`, `en/office.ts`): loaded with the office element
 * only, never by applicants. Field labels of a record come from the form's own catalogue and journey texts.
 */
export interface Ak1OfficeTexts {
  lang: Ak1Lang;
  /** The counter's name, the heading above every screen. */
  title: string;
  loading: string;
  /** A status this version does not know yet. */
  statusUnknown: string;
  /** The navigation between screens. */
  nav: { label: string; today: string; scan: string; logout: string; signedInAs: (name: string) => string };
  login: {
    title: string;
    intro: string;
    username: string;
    password: string;
    code: string;
    codeHint: string;
    submit: string;
    changeTitle: string;
    changeIntro: string;
    currentPassword: string;
    newPassword: string;
    newPasswordHint: (min: number) => string;
    repeatPassword: string;
    changeSubmit: string;
    /** The session ended in the middle of work: the officer logs in again in place. */
    expiredTitle: string;
    expiredIntro: string;
    loggedOut: string;
  };
  /** Errors, said in words; `rateLimited` takes the wait in whole seconds (a lockout's may be many minutes). */
  errors: {
    summaryTitle: string;
    prefix: string;
    required: string;
    invalidCredentials: string;
    secondFactor: string;
    codeFormat: string;
    rateLimited: (seconds: number | undefined) => string;
    passwordMismatch: string;
    passwordTooShort: (min: number) => string;
    passwordIsUsername: string;
    passwordChangeRequired: string;
    forbidden: string;
    forbiddenSign: string;
    notFound: string;
    transitionNotAllowed: string;
    versionConflict: string;
    network: string;
    timeout: string;
    server: string;
    /** The server refused the data itself (an edit or a correction that breaks a rule): not a fault of the server. */
    invalidChange: string;
    searchTooShort: string;
    reasonRequired: string;
    printFailed: string;
  };
  today: {
    title: string;
    dateLabel: string;
    show: string;
    /** The heading of one window of the day: `08.00–10.00`. */
    window: (start: string, end: string) => string;
    counts: (done: number, waiting: number) => string;
    noVisits: string;
    /** The group of a day's visits that have no window. */
    noWindow: string;
    queueNumber: string;
    name: string;
    nik: string;
    status: string;
    arrival: string;
    checkedIn: (time: string) => string;
    notCheckedIn: string;
    checkIn: string;
    checkedInDone: (name: string) => string;
    open: string;
    searchTitle: string;
    searchLabel: string;
    searchHint: string;
    search: string;
    results: (count: number) => string;
    noResults: string;
  };
  scan: {
    title: string;
    intro: string;
    start: string;
    stop: string;
    videoLabel: string;
    looking: string;
    /** Plain `http://`: browsers give no camera there. */
    insecure: string;
    noCamera: string;
    denied: string;
    numberLabel: string;
    numberHint: string;
    open: string;
    notRecognised: string;
    unknownCard: string;
  };
  record: {
    back: string;
    heading: (number: string) => string;
    status: string;
    appointment: string;
    appointmentValue: (date: string, start: string, end: string, queue: string | undefined) => string;
    checkedIn: string;
    issuedAt: string;
    validUntil: string;
    signedBy: string;
    /** The signer with the NIP when known. */
    signer: (name: string, nip: string | undefined) => string;
    photo: string;
    photoAlt: (name: string) => string;
    documents: string;
    documentAlt: (kind: string) => string;
    openPdf: (kind: string) => string;
    noDocuments: string;
    data: string;
    warnings: string;
    warning: (path: string, code: string) => string;
    history: string;
    historyWhen: string;
    historyWho: string;
    historyWhat: string;
    applicant: string;
    system: string;
    statusChange: (from: string, to: string) => string;
    changed: (path: string) => string;
    actions: string;
    noActions: string;
    reasonsLegend: string;
    note: string;
    noteHint: string;
    confirm: (action: string) => string;
    cancel: string;
    done: (action: string) => string;
    kept: string;
    reloaded: string;
    editTitle: string;
    editField: string;
    editValue: string;
    editHint: string;
    editSave: string;
    reportTitle: string;
    reportKind: string;
    seeking: string;
    placed: string;
    employer: string;
    position: string;
    startDate: string;
    startDateHint: string;
    accessCode: (code: string) => string;
  };
  print: {
    title: string;
    intro: string;
    layout: string;
    a4: string;
    overlay: string;
    print: string;
    printing: string;
    printed: string;
  };
  /** The buttons of the office actions. */
  actions: Record<Ak1OfficeAction, string>;
  /**
   * History events as the office reads them (a record's history, the audit), with the admin's opening balance of the
   * IPK tables: an entry of no registration, so it is in the audit only.
   */
  events: Record<Ak1HistoryEvent | 'opening-balance', string>;
  /** The reason catalogue. */
  reasons: Record<Ak1ReasonCode, string>;
  /** Fields an officer may correct with the KTP in hand, and fields the form's catalogue has no label for. */
  fields: {
    nik: string;
    phone: string;
    email: string;
    street: string;
    rt: string;
    rw: string;
    villageCode: string;
    postalCode: string;
    education: string;
    skills: string;
    workExperience: string;
    languages: string;
    positions: string;
    location: string;
    wage: string;
    preferredVisitDate: string;
    consent: string;
    yes: string;
    no: string;
  };
}

/**
 * Texts of the applicant's return visit, the status view of `<ak1-form>` (`id/self.ts`, `en/self.ts`): loaded with
 * that view only, never before the first step is usable.
 */
export interface Ak1SelfTexts {
  lang: Ak1Lang;
  title: string;
  intro: string;
  backToForm: string;
  district: { legend: string; hint: string; choose: string; required: string };
  lookup: {
    registrationNumber: string;
    registrationNumberHint: string;
    nik: string;
    nikHint: string;
    accessCode: string;
    accessCodeHint: string;
    submit: string;
    searching: string;
    lostCode: string;
  };
  /** Errors, said in words; `rateLimited` takes the time to try again (`08.30`), when known. */
  errors: {
    summaryTitle: string;
    prefix: string;
    registrationNumberRequired: string;
    registrationNumberFormat: string;
    nikRequired: string;
    nikFormat: string;
    accessCodeRequired: string;
    accessCodeFormat: string;
    notFound: string;
    rateLimited: (time: string | undefined) => string;
    network: string;
    server: string;
    expired: string;
    changed: string;
    notAllowed: string;
    reportClosed: (opensOn: string | undefined) => string;
    seatsFull: string;
    chooseDay: string;
    reportKind: string;
    employer: string;
    position: string;
    startDate: string;
  };
  status: {
    heading: string;
    number: string;
    /** A status this version does not know: "sedang diproses". */
    unknown: string;
    /** What happens next, by status. */
    next: Record<RegistrationStatus, string>;
    appointment: (date: string, time: string, place: string) => string;
    noAppointment: string;
    validUntil: (date: string) => string;
    issuedAt: (date: string) => string;
    sessionEnds: (time: string) => string;
    close: string;
  };
  reasons: {
    heading: string;
    /** Where the reason points: the field's label. */
    field: (label: string) => string;
    fix: string;
    codes: Record<Ak1ReasonCode, string>;
  };
  history: {
    heading: string;
    you: string;
    office: string;
    system: string;
    events: Record<Ak1HistoryEvent, string>;
    statusChange: (from: string, to: string) => string;
  };
  actions: { heading: string; none: string };
  correction: {
    start: string;
    banner: string;
    nikNotChangeable: string;
    birthDateNotChangeable: string;
    send: string;
    sending: string;
    sent: string;
    cancel: string;
    documentsKept: string;
  };
  reschedule: {
    start: string;
    legend: string;
    hint: string;
    dayOption: (day: string, remaining: number) => string;
    none: string;
    submit: string;
    done: (date: string) => string;
  };
  cancel: {
    start: string;
    dialogTitle: string;
    dialogText: string;
    confirm: string;
    keep: string;
    done: string;
  };
  report: {
    heading: string;
    intro: string;
    due: (n: number, date: string) => string;
    made: (date: string, kind: string) => string;
    notYet: string;
    legend: string;
    seeking: string;
    placed: string;
    employer: string;
    position: string;
    startDate: string;
    startDateHint: string;
    submit: string;
    done: string;
  };
  card: {
    heading: string;
    signedCopy: string;
    provisional: string;
    download: string;
    calendar: string;
    making: string;
    failed: string;
  };
  working: string;
  cancelButton: string;
}

/**
 * The texts of `<ak1-office>`'s report screen ("Laporan"): the month's IPK tables, the charts and the downloads.
 * Indonesian is built into the counter as `office.ts` is; English loads as its own chunk (`en/office-reports.ts`).
 */
export interface Ak1OfficeReportsTexts {
  lang: Ak1Lang;
  /** The menu button. */
  nav: string;
  title: string;
  intro: string;
  monthLabel: string;
  monthHint: string;
  /** A month in the picker and in captions: `November 2026`; `current` marks the month not yet over. */
  month: (monthName: string, year: string, current: boolean) => string;
  show: string;
  loading: string;
  tables: {
    byAge: (month: string) => string;
    byEducation: (month: string) => string;
    byJobGroup: (month: string) => string;
  };
  columns: {
    age: string;
    education: string;
    jobGroup: string;
    sex: string;
    start: string;
    registered: string;
    placed: string;
    removed: string;
    end: string;
    check: string;
  };
  /** An age band (`15-19`, `55+`) in words. */
  ageGroup: (group: string) => string;
  /** KBJI 2014 major groups (golongan pokok) by their digit, and `-` for a position without a code. */
  jobGroups: Record<string, string>;
  total: string;
  /** The row identity, said once above the tables. */
  identity: string;
  checkOk: string;
  /** A row whose numbers do not add up: what `end` should be by the identity. */
  checkBad: (expected: number) => string;
  allRowsAddUp: string;
  rowsDoNotAddUp: (count: number) => string;
  empty: string;
  downloads: {
    csv: string;
    xlsx: string;
    /** The table a download button is for, read after the button's text. */
    of: (caption: string) => string;
    /** File names without the extension. */
    files: { byAge: (month: string) => string; byEducation: (month: string) => string; byJobGroup: (month: string) => string };
    sheet: string;
    failed: string;
    done: (file: string) => string;
  };
  daily: {
    title: string;
    intro: string;
    chartLabel: (month: string) => string;
    description: (booked: number, arrived: number, days: number, busiest: string | undefined) => string;
    /** The chart's text alternative, its second sentence: the registrations submitted in the month. */
    registeredSentence: (count: number) => string;
    registered: string;
    /** The capacity cell of a day the office is closed. */
    closed: string;
    booked: string;
    arrived: string;
    capacity: string;
    date: string;
    capacityUnknown: string;
    capacityNote: string;
    tableToggle: string;
    tableCaption: (month: string) => string;
    loading: string;
    failed: string;
  };
  funnel: {
    title: string;
    intro: string;
    chartLabel: (month: string) => string;
    steps: { booked: string; arrived: string; verified: string; signed: string; placed: string };
    description: (parts: string) => string;
    step: (label: string, count: number) => string;
    tableCaption: (month: string) => string;
    stage: string;
    count: string;
  };
  /** The hand-over to Kemnaker's Karirhub: the record's form and the home screen's count. */
  karirhub: {
    formTitle: string;
    number: string;
    numberHint: string;
    submit: string;
    /** Signed cards not yet marked as entered in Karirhub. */
    pending: (count: number) => string;
    /** The backend's list of them, laid out in the order of Karirhub's data entry. */
    downloadList: string;
    /** Its file name without the extension. */
    listFile: (date: string) => string;
  };
}
