import { formatDate, type Ak1Catalogue } from '../i18n/index.js';
import { idStatus } from '../i18n/id/status.js';
import type { Ak1CardTexts } from '../i18n/types.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../schema/index.js';
import { formatPhone } from '../schema/phone.js';
import type { CardRegistration, PrintableApplication } from './input.js';
import type { Ak1CardOptions } from './options.js';

/**
 * Everything the card prints that comes from the data, as the text that is printed. Both layouts print
 * from this, so a value reads the same on the standard card and on a district's blank.
 */
export interface CardContent {
  districtName?: string;
  officeName?: string;
  officeAddress?: string;
  registrationNumber: string;
  nik: string;
  /** `SIGNED` or `PLACED`: the signed card, without the not-yet-valid notice and the visit. */
  signed: boolean;
  /** The status in words: "Terkirim, menunggu verifikasi", "Kartu sah". */
  status: string;
  /** The card not yet signed says so; a signed card has no notice. */
  notice?: string;
  noticeHint?: string;
  /** A signed card printed away from the counter. */
  copyNote?: string;
  freeOfCharge: string;
  /** The visit, on a card not yet signed. */
  appointment?: { date: string; time: string; place: string; queueNumber?: string };
  /** The appointment in one sentence, or that the office will call; none on a signed card. */
  appointmentSummary?: string;
  reportDue: [string, string, string];
  /** The reports made: the day, and what was reported. */
  reportMade: [ReportMade | undefined, ReportMade | undefined, ReportMade | undefined];
  fullName: string;
  birth: string;
  birthPlace: string;
  birthDate: string;
  sex: string;
  maritalStatus: string;
  religion: string;
  address: string;
  phone: string;
  email?: string;
  languages?: string;
  education: { level: string; institution: string; major: string; graduationYear: string }[];
  skills: { name: string; provider: string; year: string }[];
  workExperience: { position: string; employer: string; years: string }[];
  /** The signing date; none until the card is signed. */
  issuedOn?: string;
  validUntil: string;
  /** The line above the signature, with its comma. */
  officerTitle: string;
  /** The title alone, for blanks. */
  officerTitleValue: string;
  officerName?: string;
  /** The NIP line of the standard card: `NIP. …`, or a blank to fill in. */
  officerNip: string;
  /** The NIP alone, for blanks that print `NIP.` themselves. */
  officerNipValue?: string;
  /** The Ketentuan: the standard four or the district's, and the district's added clauses. */
  conditions: readonly string[];
  /** The last row of a list cut short: "… dan 3 lainnya". */
  more: (count: number) => string;
  verificationUrl: string;
}

export interface ReportMade {
  date: string;
  note: string;
}

export function cardContent(
  application: PrintableApplication,
  { registration, signed }: { registration: CardRegistration; signed: boolean },
  options: Pick<Ak1CardOptions, 'district' | 'officer' | 'placeNames' | 'copy'>,
  catalogue: Ak1Catalogue,
  card: Ak1CardTexts,
): CardContent {
  const { labels } = catalogue;
  const { district, placeNames = {} } = options;
  const date = (value: string) => formatDate(value, catalogue);
  const appointment = !signed && registration.appointment && {
    date: `${card.weekdays[weekday(registration.appointment.date)]}, ${date(registration.appointment.date)}`,
    time: card.appointmentTime(registration.appointment.start, registration.appointment.end),
    place: registration.appointment.place,
    ...(registration.appointment.queueNumber ? { queueNumber: registration.appointment.queueNumber } : {}),
  };
  const status = (REGISTRATION_STATUSES as readonly string[]).includes(registration.status)
    ? idStatus[registration.status as RegistrationStatus]
    : card.statusUnknown;
  // The signer: who signed, as the office recorded it; before that, the officer the district prints, if any.
  const signer = signed && registration.signedBy ? registration.signedBy : options.officer;
  const title = (signed ? registration.signedBy?.title : undefined) ?? district?.signerTitle ?? card.officerTitle;
  const nip = signer?.nip && formatNip(signer.nip);
  return {
    ...(district?.name && { districtName: card.government(district.name) }),
    ...(district?.officeName && { officeName: district.officeName.toLocaleUpperCase('id') }),
    ...(district?.officeAddress && { officeAddress: district.officeAddress }),
    registrationNumber: registration.registrationNumber,
    nik: application.nik,
    signed,
    status,
    ...(!signed && { notice: card.notSignedNotice(status), noticeHint: card.notSignedHint }),
    ...(signed && options.copy && { copyNote: card.copyNote }),
    freeOfCharge: card.freeOfCharge,
    ...(appointment && { appointment }),
    ...(!signed && { appointmentSummary: appointment ? card.appointmentSummary(appointment) : card.noAppointment }),
    reportDue: [date(registration.reportDueDates[0]), date(registration.reportDueDates[1]), date(registration.reportDueDates[2])],
    reportMade: reportsMade(registration, date, card),
    fullName: application.fullName,
    birth: `${application.birthPlace}, ${date(application.birthDate)}`,
    birthPlace: application.birthPlace,
    birthDate: date(application.birthDate),
    sex: labels.sex[application.sex],
    maritalStatus: labels.maritalStatus[application.maritalStatus],
    religion: labels.religion[application.religion],
    address: card.addressValue({
      ...application.address,
      places: [placeNames.village, placeNames.district, placeNames.regency, placeNames.province].filter((name): name is string => !!name),
    }),
    phone: formatPhone(application.phone),
    ...(application.email && { email: application.email }),
    ...(application.languages?.length && { languages: application.languages.join(', ') }),
    // No school at all is the level Tidak/belum tamat SD: printed as that level's row, not as an empty table.
    education: application.education.length
      ? application.education.map((item) => ({
          level: labels.educationLevel[item.level],
          institution: item.institution,
          major: item.major ?? '',
          graduationYear: String(item.graduationYear),
        }))
      : [{ level: labels.educationLevel.BELUM_TAMAT_SD, institution: '', major: '', graduationYear: '' }],
    skills: (application.skills ?? []).map((item) => ({
      name: item.name,
      provider: item.provider ?? '',
      year: item.year === undefined ? '' : String(item.year),
    })),
    workExperience: (application.workExperience ?? []).map((item) => ({
      position: item.position,
      employer: item.employer,
      years: card.workYearsValue(item.startYear, item.endYear),
    })),
    // Dikeluarkan is the signing date: a card not yet signed has not been issued.
    ...(signed && registration.issuedAt && { issuedOn: date(registration.issuedAt) }),
    validUntil: date(registration.validUntil),
    officerTitle: card.signerTitle(title),
    officerTitleValue: title,
    ...(signer && { officerName: signer.name }),
    officerNip: card.officerNip(nip),
    ...(nip && { officerNipValue: nip }),
    conditions: [...(district?.terms?.length ? district.terms : card.conditions(district?.officeName)), ...(district?.extraTerms ?? [])],
    more: card.more,
    verificationUrl: registration.verification.url,
  };
}

/** The reports made, in the rows of their due dates (in order where a due date is not one of the three). */
function reportsMade(
  registration: CardRegistration,
  date: (value: string) => string,
  card: Ak1CardTexts,
): CardContent['reportMade'] {
  const rows: CardContent['reportMade'] = [undefined, undefined, undefined];
  const made = (registration.reports ?? []).filter((report) => report.madeAt);
  const unplaced = made.filter((report) => {
    const row = registration.reportDueDates.indexOf(report.due);
    if (row < 0 || rows[row]) return true;
    rows[row] = reportMade(report, date, card);
    return false;
  });
  for (const report of unplaced) {
    const row = rows.indexOf(undefined);
    if (row >= 0) rows[row] = reportMade(report, date, card);
  }
  return rows;
}

function reportMade(report: NonNullable<CardRegistration['reports']>[number], date: (value: string) => string, card: Ak1CardTexts): ReportMade {
  // The day in the offset the timestamp carries: the district's, as for the registration's own day.
  return { date: date(report.madeAt!.slice(0, 10)), note: card.reportMade(report.kind) };
}

/** An NIP of 18 digits as it is written (`19691220 200701 2 018`: birth date, appointment, sex, number). */
export function formatNip(nip: string): string {
  const match = /^(\d{8})(\d{6})(\d)(\d{3})$/.exec(nip);
  return match ? match.slice(1).join(' ') : nip;
}

function weekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
