import * as z from 'zod/mini';
import { DOCUMENT_KINDS } from './codes.js';
import { hasForbiddenCharacter } from './characters.js';
import { DEFAULT_MIN_AGE } from './limits.js';
import { codeList, defineOptions, optionShape, presence, wholeNumber } from './options.js';

/*
 * The configuration of `<ak1-form>` as a webmaster writes it (attributes, the `config` property, or a
 * partner portal's `districts`). It is checked as a whole; a mistake shows an inline notice, never an
 * exception in the host page.
 */

const text = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.refine((value) => !hasForbiddenCharacter(value)));

/** True for an http(s) URL, absolute or relative to the page. */
function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value, 'https://example.invalid/');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

const url = z.string().check(z.minLength(1), z.maxLength(2048), z.refine(isHttpUrl, 'An http(s) URL.'));

/** A logo: an http(s) URL or a PNG or JPEG `data:` URL. */
const logo = z.string().check(
  z.maxLength(512 * 1024),
  z.refine((value) => /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(value) || isHttpUrl(value), 'An http(s) or image data: URL.'),
);

const regencyCode = z.string().check(z.regex(/^\d{2}\.\d{2}$/));

/** One district's office, as a partner portal lists it. */
export const ak1DistrictSchema = z.strictObject({
  endpoint: url,
  districtName: z.optional(text(120)),
  officeName: z.optional(text(160)),
  officeAddress: z.optional(text(300)),
  logo: z.optional(logo),
});

/** `lang` may be any BCP 47 tag on the page; only its language matters, and anything but English is Indonesian. */
const language = (text: string): string => (/^en\b/i.test(text) ? 'en' : 'id');

/**
 * The options of `<ak1-form>`, declared once: its properties, the reading of its attributes, this schema, the
 * manifest and the attribute table in docs/component.md all come from here. Each row's comment is its one line
 * of documentation (in the docs table and the manifest).
 */
export const AK1_FORM_OPTIONS = defineOptions({
  /** the district backend (the contract: `docs/backend.md`) */
  endpoint: { attribute: 'endpoint', type: 'URL', schema: url },
  /** the regency code, e.g. `36.04` */
  districtCode: { attribute: 'district-code', type: 'text', schema: regencyCode },
  /** e.g. `Kabupaten Serang` (printed on the card) */
  districtName: { attribute: 'district-name', type: 'text', schema: text(120) },
  /** shown for the visit and in the privacy notice, printed on the card */
  officeName: { attribute: 'office-name', type: 'text', schema: text(160) },
  /** the office's address: shown for the visit and in the privacy notice, printed on the card */
  officeAddress: { attribute: 'office-address', type: 'text', schema: text(300) },
  /** the district's logo for the card: a URL or an image `data:` URL */
  logo: { attribute: 'logo', type: 'URL', schema: logo },
  /** the Pengantar Kerja printed under the signature block; without it the block is blank */
  officerName: { attribute: 'officer-name', type: 'text', schema: text(120) },
  /** the Pengantar Kerja's NIP (18 digits) */
  officerNip: { attribute: 'officer-nip', type: 'text', schema: z.string().check(z.regex(/^\d{18}$/)) },
  /** the form's language; any other shows Indonesian */
  lang: { attribute: 'lang', type: '`id` or `en`', default: 'id', parse: language, schema: z.enum(['id', 'en']) },
  /** the youngest age accepted */
  minAge: { attribute: 'min-age', type: 'number', default: DEFAULT_MIN_AGE, parse: wholeNumber, schema: z.int().check(z.gte(14), z.lte(65)) },
  /** documents the district requires, e.g. `KTP,IJAZAH` */
  documents: {
    attribute: 'documents',
    type: 'comma list',
    default: [],
    parse: codeList,
    schema: z.array(z.enum(DOCUMENT_KINDS)).check(z.maxLength(DOCUMENT_KINDS.length)),
  },
  /** the district's photo rules, shown beside the photo */
  photoRules: { attribute: 'photo-rules', type: 'text', schema: text(500) },
  /** where the region lists are; default the package's dist/region-data/ folder (a bundled app sets it: frameworks.md) */
  regionsUrl: { attribute: 'regions-url', type: 'URL', schema: url },
  /** logs the configuration once it is resolved, with where each setting came from (never personal data) */
  debug: { attribute: 'debug', type: 'boolean', parse: presence, schema: z.boolean() },
});

export const ak1ConfigSchema = z
  .strictObject({
    ...optionShape(AK1_FORM_OPTIONS),
    districts: z.optional(z.record(regencyCode, ak1DistrictSchema)),
  })
  .check(
    z.refine((config) => (config.endpoint === undefined) !== (config.districts === undefined), {
      message: 'Exactly one of endpoint or districts is required.',
      path: ['endpoint'],
    }),
  );

export type Ak1Config = z.output<typeof ak1ConfigSchema>;
export type Ak1District = z.output<typeof ak1DistrictSchema>;
