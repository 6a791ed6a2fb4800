import type { Ak1ServerTexts } from '../types.js';

/** The reference backend's texts in English: the verification page and the CSV export's headings. */
export const enServer: Ak1ServerTexts = {
  verifyPage: {
    title: 'Job-seeker card (AK/I) verification',
    valid: 'This card is registered',
    invalid: 'Card not recognised',
    invalidHelp: (office) =>
      `The code on this card is not in our records. The card may be misprinted or not genuine. Please ask ${office}.`,
    initials: 'Initials',
    status: 'Status',
    registeredAt: 'Registered on',
    validUntil: 'Valid until',
    unsigned: 'The card is valid once an officer has signed it at the office.',
    privacy: 'This page deliberately shows no NIK or other personal data.',
  },
  exportColumns: {
    registrationNumber: 'Registration number',
    registeredAt: 'Registered at',
    visitDate: 'Visit date',
    visitTime: 'Visit time',
    queueNumber: 'Queue number',
    status: 'Status',
    nik: 'NIK',
    fullName: 'Full name',
    sex: 'Sex',
    birthPlace: 'Place of birth',
    birthDate: 'Date of birth',
    phone: 'Mobile number',
    email: 'Email',
    street: 'Address',
    rt: 'RT',
    rw: 'RW',
    villageCode: 'Village code',
    postalCode: 'Postal code',
    educationLevel: 'Highest education',
    positions: 'Positions sought',
  },
};
