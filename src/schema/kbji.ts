/*
 * The KBJI codes the form suggests for "Pekerjaan yang dicari", so that a chosen suggestion is stored with its code
 * (`jobPreferences.positions[].kbji`) and the IPK job-group table fills itself (design.md, "Reports").
 *
 * Source: Klasifikasi Baku Jabatan Indonesia (KBJI) 2014, Badan Pusat Statistik (Peraturan Kepala BPS No. 7 Tahun
 * 2015), used by Kemnaker for the AK/I and the IPK reports. KBJI 2014 follows ISCO-08 down to its four-digit unit
 * groups (the fifth digit is Indonesia's own, the jabatan), so every code below is a KBJI 2014 golongan pokok (one
 * digit), golongan (two), or kelompok (four). The texts shown for them live in i18n (journey: positionSuggestions).
 *
 * Chosen for the job seekers of a district office: the positions they ask for most, then every sub-major group and
 * major group, so that a job not in the list can still be placed in its group. Major group 0 (TNI and POLRI) is left
 * out: nobody is placed there through the district's card.
 */

/** Common positions of district job seekers, as KBJI 2014 four-digit unit groups (or a sub-major group where the job spans several). */
export const KBJI_COMMON_POSITIONS = [
  '4110', // general office clerks
  '9329', // manufacturing labourers
  '8189', // stationary plant and machine operators n.e.c. (production operators)
  '4132', // data entry clerks
  '5230', // cashiers
  '5223', // shop sales assistants
  '3322', // commercial sales representatives
  '8322', // car, taxi and van drivers
  '8332', // heavy truck and lorry drivers
  '8321', // motorcycle drivers
  '9621', // messengers and package deliverers
  '4321', // stock clerks
  '9321', // hand packers
  '5414', // security guards
  '31', // science and engineering associate professionals (technicians)
  '7411', // building and related electricians
  '7231', // motor vehicle mechanics
  '7212', // welders
  '8342', // earthmoving plant operators
  '9313', // building construction labourers
  '7112', // bricklayers
  '7115', // carpenters
  '7531', // tailors and dressmakers
  '8153', // sewing machine operators
  '5120', // cooks
  '5131', // waiters
  '5141', // hairdressers
  '9112', // cleaners in offices and hotels
  '9111', // domestic cleaners and helpers
  '5311', // child care workers
  '4226', // receptionists
  '4222', // contact centre clerks
  '2221', // nursing professionals
  '2222', // midwifery professionals
  '23', // teaching professionals
  '2411', // accountants
  '2512', // software developers
  '6111', // field crop and vegetable growers
  '9211', // crop farm labourers
  '6222', // coastal fishery workers
] as const;

/** KBJI 2014 sub-major groups (golongan), without those of major group 0. */
export const KBJI_SUB_MAJOR_GROUPS = [
  '11', '12', '13', '14',
  '21', '22', '24', '25', '26',
  '32', '33', '34', '35',
  '41', '42', '43', '44',
  '51', '52', '53', '54',
  '61', '62', '63',
  '71', '72', '73', '74', '75',
  '81', '82', '83',
  '91', '92', '93', '94', '95', '96',
] as const;

/** KBJI 2014 major groups (golongan pokok), without 0. */
export const KBJI_MAJOR_GROUPS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Every code the form suggests, in the order it offers them. */
export const KBJI_SUGGESTED_CODES = [...KBJI_COMMON_POSITIONS, ...KBJI_SUB_MAJOR_GROUPS, ...KBJI_MAJOR_GROUPS] as const;
export type KbjiSuggestedCode = (typeof KBJI_SUGGESTED_CODES)[number];

/** The form's comparison of a typed title with a suggestion: case, outer and doubled spaces do not matter. */
export function sameTitle(a: string, b: string): boolean {
  const plain = (value: string) => value.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
  return plain(a) === plain(b);
}

/** The code of the suggestion whose title `title` is, or `undefined` for a title typed freely. */
export function kbjiOfTitle(title: string, suggestions: Readonly<Record<KbjiSuggestedCode, string>>): KbjiSuggestedCode | undefined {
  if (title.trim() === '') return undefined;
  return KBJI_SUGGESTED_CODES.find((code) => sameTitle(suggestions[code], title));
}
