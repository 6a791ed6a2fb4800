import { DEFAULT_MIN_AGE } from './limits.js';
import { codeList, defineOptions, presence, wholeNumber } from './options.js';

/*
 * The options of `<ak1-form>` without their schemas: what the element needs before its first step shows (its
 * properties, the reading of its attributes, the defaults), so importing this table builds no zod schema. The
 * schemas that check the values are in config.ts, keyed by the same names (the type there requires exactly
 * these keys); they load with the application's checks, after the first step.
 */

/** `lang` may be any BCP 47 tag on the page; only its language matters, and anything but English is Indonesian. */
const language = (text: string): string => (/^en\b/i.test(text) ? 'en' : 'id');

/**
 * The options of `<ak1-form>`, declared once: its properties, the reading of its attributes, the keys of the
 * config schema, the manifest and the attribute table in docs/component.md all come from here. Each row's
 * comment is its one line of documentation (in the docs table and the manifest).
 */
export const AK1_FORM_OPTIONS = defineOptions({
  /** the district backend (the contract: `docs/backend.md`) */
  endpoint: { attribute: 'endpoint', type: 'URL' },
  /** the regency code, e.g. `36.04` */
  districtCode: { attribute: 'district-code', type: 'text' },
  /** e.g. `Kabupaten Serang` (printed on the card) */
  districtName: { attribute: 'district-name', type: 'text' },
  /** shown for the visit and in the privacy notice, printed on the card */
  officeName: { attribute: 'office-name', type: 'text' },
  /** the office's address: shown for the visit and in the privacy notice, printed on the card */
  officeAddress: { attribute: 'office-address', type: 'text' },
  /** the district's logo for the card: a URL or an image `data:` URL */
  logo: { attribute: 'logo', type: 'URL' },
  /** the Pengantar Kerja printed under the signature block; without it the block is blank */
  officerName: { attribute: 'officer-name', type: 'text' },
  /** the Pengantar Kerja's NIP (18 digits) */
  officerNip: { attribute: 'officer-nip', type: 'text' },
  /** the form's language; any other shows Indonesian */
  lang: { attribute: 'lang', type: '`id` or `en`', default: 'id', parse: language },
  /** the youngest age accepted */
  minAge: { attribute: 'min-age', type: 'number', default: DEFAULT_MIN_AGE, parse: wholeNumber },
  /** documents the district requires, e.g. `KTP,IJAZAH` */
  documents: { attribute: 'documents', type: 'comma list', default: [], parse: codeList },
  /** the district's photo rules, shown beside the photo */
  photoRules: { attribute: 'photo-rules', type: 'text' },
  /** where the region lists are; default the package's dist/region-data/ folder (a bundled app sets it: frameworks.md) */
  regionsUrl: { attribute: 'regions-url', type: 'URL' },
  /** logs the configuration once it is resolved, with where each setting came from (never personal data) */
  debug: { attribute: 'debug', type: 'boolean', parse: presence },
});
