import type { Ak1Catalogue } from './types.js';
import { enForm, enWeekdays } from './en-form.js';

/** English, loaded as its own chunk when asked for. */
export const en: Ak1Catalogue = {
  lang: 'en',
  messages: {
    'application.format': 'The form could not be read. Reload the page and try again',
    'application.unknownKey': 'The form sent something we do not recognise. Reload the page and try again',
    'schemaVersion.required': 'This form was made for another version; reload the page',
    'schemaVersion.enum': 'This form was made for another version; reload the page',

    'nik.required': 'Enter your 16-digit NIK as shown on your KTP',
    'nik.format': 'Enter your NIK as 16 numbers, as shown on your KTP',
    'nik.length': 'NIK must be 16 digits',
    'nik.digits': 'NIK must only include numbers',
    'nik.province': 'The first 2 digits of the NIK are not a province code; check the NIK on your KTP',
    'nik.date': 'Digits 7 to 12 of the NIK are not a real date of birth; check the NIK on your KTP',
    'nik.serial': 'The last 4 digits of the NIK cannot be 0000; check the NIK on your KTP',
    'nik.birthDateMismatch':
      'Your date of birth is different from the one in your NIK. Check both; if they are right, carry on',
    'nik.sexMismatch': 'Your sex is different from the one in your NIK. Check both; if they are right, carry on',
    'nik.unknownRegion':
      'The region code in your NIK is not on our list. Check your NIK; if it matches your KTP, carry on',

    'kkNumber.format': 'Family card (KK) number must be 16 digits, as shown on the card',

    'fullName.required': 'Enter your full name as shown on your KTP',
    'fullName.tooLong': 'Full name must be 100 characters or fewer',
    'fullName.format': 'Full name must only include letters, spaces, full stops, commas, hyphens and apostrophes',

    'birthPlace.required': 'Enter your place of birth as shown on your KTP',
    'birthPlace.tooLong': 'Place of birth must be 60 characters or fewer',
    'birthPlace.format':
      'Place of birth must only include letters, spaces, full stops, commas, hyphens and apostrophes',

    'birthDate.required': 'Enter your date of birth',
    'birthDate.format': 'Date of birth must be a real date',
    'birthDate.future': 'Date of birth must be in the past',
    'birthDate.tooYoung': 'You are not old enough to register yet; check your date of birth',
    'birthDate.tooOld': 'Check the year of birth: date of birth must be less than 100 years ago',

    'sex.required': 'Select your sex',
    'sex.enum': 'Select your sex: male or female',
    'religion.required': 'Select your religion or belief',
    'religion.enum': 'Select your religion or belief from the list',
    'maritalStatus.required': 'Select your marital status',
    'maritalStatus.enum': 'Select your marital status from the list',

    'heightCm.format': 'Height must be a whole number of centimetres, like 158',
    'heightCm.tooSmall': 'Height must be 50 cm or more',
    'heightCm.tooLarge': 'Height must be 250 cm or less',
    'weightKg.format': 'Weight must be a whole number of kilograms, like 52',
    'weightKg.tooSmall': 'Weight must be 20 kg or more',
    'weightKg.tooLarge': 'Weight must be 300 kg or less',

    'disability.format': 'Your disability details could not be read; select them again',
    'disability.unknownKey': 'The disability section sent something we do not recognise; reload the page',
    'disability.kinds.required': 'Select at least one kind of disability',
    'disability.kinds.format': 'Select the kind of disability from the list',
    'disability.kinds.enum': 'Select a kind of disability from the ones listed',
    'disability.kinds.tooLong': 'Select each kind of disability only once',
    'disability.note.tooLong': 'Disability details must be 500 characters or fewer',
    'disability.note.format': 'Disability details must only include letters, numbers and punctuation',

  },
  labels: {
    sex: { L: 'Male', P: 'Female' },
    religion: {
      ISLAM: 'Islam',
      KRISTEN: 'Christianity (Protestant)',
      KATOLIK: 'Catholicism',
      HINDU: 'Hinduism',
      BUDDHA: 'Buddhism',
      KHONGHUCU: 'Confucianism',
      KEPERCAYAAN: 'Indigenous belief (Kepercayaan)',
    },
    maritalStatus: {
      BELUM_KAWIN: 'Never married',
      KAWIN: 'Married',
      CERAI_HIDUP: 'Divorced',
      CERAI_MATI: 'Widowed',
    },
    educationLevel: {
      SD: 'Primary school (SD)',
      SMP: 'Junior high school (SMP)',
      SMA: 'Senior high school (SMA)',
      SMK: 'Vocational high school (SMK)',
      D1: 'Diploma I (D1)',
      D2: 'Diploma II (D2)',
      D3: 'Diploma III (D3)',
      D4: 'Diploma IV (D4)',
      S1: 'Bachelor’s degree (S1)',
      S2: 'Master’s degree (S2)',
      S3: 'Doctorate (S3)',
    },
    disabilityKind: {
      FISIK: 'Physical disability',
      INTELEKTUAL: 'Intellectual disability',
      MENTAL: 'Mental (psychosocial) disability',
      SENSORIK_NETRA: 'Visual impairment',
      SENSORIK_RUNGU: 'Hearing impairment',
      SENSORIK_WICARA: 'Speech impairment',
    },
    documentKind: {
      KTP: 'Identity card (KTP)',
      KK: 'Family card (KK)',
      IJAZAH: 'Diploma (ijazah)',
      TRANSKRIP: 'Academic transcript',
      SERTIFIKAT: 'Certificate',
      SURAT_PENGALAMAN: 'Employment reference letter',
    },
    jobLocation: { DALAM_NEGERI: 'In Indonesia', LUAR_NEGERI: 'Abroad' },
    registrationStatus: {
      RECEIVED: 'Received',
      VERIFIED: 'Verified',
      SIGNED: 'Signed',
      REJECTED: 'Rejected',
      EXPIRED: 'Expired',
    },
  },
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  ui: {
    configError: 'This form has not been set up correctly. Please contact the site’s administrator.',
  },
  form: enForm,
  weekdays: enWeekdays,
};
