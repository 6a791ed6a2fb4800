import type { Ak1FormTexts } from './form-types.js';

/** The journey in English. */
export const enForm: Ak1FormTexts = {
  back: 'Back',
  continue: 'Continue',
  confirmAndContinue: 'This is right, continue',
  optional: '(optional)',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'There is a problem',
  checkThis: 'Check this before you continue:',
  choose: 'Choose',
  chooseAbove: 'Choose the one above first',
  loading: 'Loading…',
  tryAgain: 'Try again',
  stepLoadFailed: 'The next part could not be loaded. Check your internet connection and try again. Your answers are kept.',
  remove: 'Remove',
  yes: 'Yes',
  no: 'No',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  stepOf: (step, of) => `Step ${step} of ${of}`,
  messages: { generic: 'Check this answer' },
  identity: {
    title: 'About you',
    nik: 'NIK (national identity number)',
    nikHint: '16 digits, as on your KTP. You can type it with spaces.',
    nikWhere: 'Where is my NIK?',
    nikWhereText:
      'The NIK is the row of 16 digits at the top of the KTP, just under the province and regency, next to the word "NIK". The same number is on the family card (KK).',
    fullName: 'Full name',
    fullNameHint: 'Exactly as on your KTP.',
    birthPlace: 'Place of birth',
    birthDate: 'Date of birth',
    birthDateHint: 'For example, 12 9 1990. Filled in from your NIK; change it if it is different.',
    sex: 'Sex',
    religion: 'Religion or belief',
    maritalStatus: 'Marital status',
    kkNumber: 'Family card (KK) number',
    kkNumberHint: 'The 16 digits at the top of the family card.',
    heightCm: 'Height (cm)',
    weightKg: 'Weight (kg)',
    disability: 'Do you have a disability?',
    disabilityHint: 'Some employers have vacancies set aside. Your answer does not reduce your rights.',
    disabilityKinds: 'Kind of disability',
    disabilityNote: 'Details',
    disabilityNoteHint: 'For example, aids you use.',
  },
};


export const enWeekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
