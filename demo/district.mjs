// The demo district: Disnakertrans Kabupaten Serang, as it ran AK/I registration online in 2020 (100
// applicants a day, admitted 20 at a time, KTP required). Closed days besides weekends: national holidays
// and cuti bersama.

/**
 * 2026: SKB 3 Menteri No. 1497/2025, 2/2025 and 5/2025 (17 holidays, 8 days of cuti bersama).
 * 2027: only the days whose dates are fixed or follow Easter; complete the list from the SKB for 2027.
 */
export const NATIONAL_HOLIDAYS = [
  // 2026, holidays
  '2026-01-01', // Tahun Baru Masehi
  '2026-01-16', // Isra Mikraj
  '2026-02-17', // Tahun Baru Imlek 2577
  '2026-03-19', // Nyepi, Tahun Baru Saka 1948
  '2026-03-21', // Idul Fitri 1447 H
  '2026-03-22', // Idul Fitri 1447 H
  '2026-04-03', // Wafat Yesus Kristus
  '2026-04-05', // Paskah
  '2026-05-01', // Hari Buruh
  '2026-05-14', // Kenaikan Yesus Kristus
  '2026-05-27', // Idul Adha 1447 H
  '2026-05-31', // Waisak 2570 BE
  '2026-06-01', // Hari Lahir Pancasila
  '2026-06-16', // Tahun Baru Islam 1448 H
  '2026-08-17', // Proklamasi Kemerdekaan
  '2026-08-25', // Maulid Nabi Muhammad
  '2026-12-25', // Natal
  // 2026, cuti bersama
  '2026-02-16',
  '2026-03-18',
  '2026-03-20',
  '2026-03-23',
  '2026-03-24',
  '2026-05-15',
  '2026-05-28',
  '2026-12-24',
  // 2027, fixed and Easter-bound days only
  '2027-01-01', // Tahun Baru Masehi
  '2027-03-26', // Wafat Yesus Kristus
  '2027-03-28', // Paskah
  '2027-05-01', // Hari Buruh
  '2027-05-06', // Kenaikan Yesus Kristus
  '2027-06-01', // Hari Lahir Pancasila
  '2027-08-17', // Proklamasi Kemerdekaan
  '2027-12-25', // Natal
];

/** The `district` option of createAk1Handler for the demo. */
export const serangDistrict = {
  code: '36.04',
  name: 'Kabupaten Serang',
  officeName: 'Disnakertrans Kabupaten Serang',
  officeAddress: 'Jl. Veteran No. 1, Serang',
  timeZone: 'Asia/Jakarta',
  capacityPerDay: 100,
  windows: [
    { start: '08:00', end: '09:00', capacity: 20 },
    { start: '09:00', end: '10:00', capacity: 20 },
    { start: '10:00', end: '11:00', capacity: 20 },
    { start: '11:00', end: '12:00', capacity: 20 },
    { start: '13:00', end: '14:00', capacity: 20 },
  ],
  closedDates: NATIONAL_HOLIDAYS,
  horizonDays: 30,
  numberPattern: '{regency}-{serial:6}-{DDMMYY}',
  minAge: 18,
  requiredDocuments: ['KTP'],
};

/** The second office of the partner-portal demo page (`/partner.html`), with its own backend. */
export const kotaSerangDistrict = {
  code: '36.73',
  name: 'Kota Serang',
  officeName: 'Disnaker Kota Serang',
  officeAddress: 'Jl. Jenderal Sudirman No. 5, Serang',
  timeZone: 'Asia/Jakarta',
  closedDates: NATIONAL_HOLIDAYS,
  requiredDocuments: ['KTP'],
};
