import { formatDate, type Ak1Catalogue } from '../i18n/index.js';
import type { Ak1CardTexts } from '../i18n/types.js';
import type { Ak1Registration } from '../schema/index.js';
import type { PrintableApplication } from './input.js';
import type { Ak1CardDistrict, Ak1CardOfficer, Ak1CardPlaceNames } from './options.js';

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
  notice: string;
  noticeHint: string;
  appointment?: { date: string; time: string; place: string; queueNumber?: string };
  /** The appointment in one sentence, or that the office will call. */
  appointmentSummary: string;
  reportDue: [string, string, string];
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
  issuedOn: string;
  validUntil: string;
  officerName?: string;
  /** The NIP line of the standard card: `NIP. …`, or a blank to fill in. */
  officerNip: string;
  /** The NIP alone, for blanks that print `NIP.` themselves. */
  officerNipValue?: string;
  conditions: readonly [string, string, string, string];
  /** The last row of a list cut short: "… dan 3 lainnya". */
  more: (count: number) => string;
  verificationUrl: string;
}

export function cardContent(
  application: PrintableApplication,
  registration: Ak1Registration,
  district: Ak1CardDistrict | undefined,
  officer: Ak1CardOfficer | undefined,
  catalogue: Ak1Catalogue,
  card: Ak1CardTexts,
  placeNames: Ak1CardPlaceNames = {},
): CardContent {
  const { labels } = catalogue;
  const date = (value: string) => formatDate(value, catalogue);
  const appointment = registration.appointment && {
    date: `${card.weekdays[weekday(registration.appointment.date)]}, ${date(registration.appointment.date)}`,
    time: card.appointmentTime(registration.appointment.start, registration.appointment.end),
    place: registration.appointment.place,
    ...(registration.appointment.queueNumber ? { queueNumber: registration.appointment.queueNumber } : {}),
  };
  return {
    ...(district?.name && { districtName: card.government(district.name) }),
    ...(district?.officeName && { officeName: district.officeName.toLocaleUpperCase('id') }),
    ...(district?.officeAddress && { officeAddress: district.officeAddress }),
    registrationNumber: registration.registrationNumber,
    nik: application.nik,
    notice: card.notSignedNotice,
    noticeHint: card.notSignedHint,
    ...(appointment && { appointment }),
    appointmentSummary: appointment ? card.appointmentSummary(appointment) : card.noAppointment,
    reportDue: [date(registration.reportDueDates[0]), date(registration.reportDueDates[1]), date(registration.reportDueDates[2])],
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
    phone: application.phone,
    ...(application.email && { email: application.email }),
    ...(application.languages?.length && { languages: application.languages.join(', ') }),
    education: application.education.map((item) => ({
      level: labels.educationLevel[item.level],
      institution: item.institution,
      major: item.major ?? '',
      graduationYear: String(item.graduationYear),
    })),
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
    // The registration's own calendar day: the timestamp carries the district's offset.
    issuedOn: date(registration.registeredAt.slice(0, 10)),
    validUntil: date(registration.validUntil),
    ...(officer && { officerName: officer.name }),
    officerNip: card.officerNip(officer?.nip),
    ...(officer?.nip && { officerNipValue: officer.nip }),
    conditions: card.conditions(district?.officeName),
    more: card.more,
    verificationUrl: registration.verification.url,
  };
}

function weekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
