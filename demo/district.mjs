// The demo district: Disnakertrans Kabupaten Serang, as it ran AK/I registration online in 2020 (100
// applicants a day, admitted 20 at a time, KTP required). Closed days besides weekends: the national holidays
// and cuti bersama of ak1-form/server (ak1NationalHolidays), which npm start adds when it has loaded the build.

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
  requiredDocuments: ['KTP'],
};
