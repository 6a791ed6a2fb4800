import * as z from 'zod/mini';
import { DOCUMENT_KINDS } from './codes.js';
import { hasForbiddenCharacter } from './characters.js';

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

export const ak1ConfigSchema = z
  .strictObject({
    endpoint: z.optional(url),
    districts: z.optional(z.record(regencyCode, ak1DistrictSchema)),
    districtCode: z.optional(regencyCode),
    districtName: z.optional(text(120)),
    officeName: z.optional(text(160)),
    officeAddress: z.optional(text(300)),
    logo: z.optional(logo),
    officerName: z.optional(text(120)),
    /** NIP: 18 digits. */
    officerNip: z.optional(z.string().check(z.regex(/^\d{18}$/))),
    lang: z.optional(z.enum(['id', 'en'])),
    minAge: z.optional(z.int().check(z.gte(14), z.lte(65))),
    documents: z.optional(z.array(z.enum(DOCUMENT_KINDS)).check(z.maxLength(DOCUMENT_KINDS.length))),
    photoRules: z.optional(text(500)),
    regionsUrl: z.optional(url),
    debug: z.optional(z.boolean()),
  })
  .check(
    z.refine((config) => (config.endpoint === undefined) !== (config.districts === undefined), {
      message: 'Exactly one of endpoint or districts is required.',
      path: ['endpoint'],
    }),
  );

export type Ak1Config = z.output<typeof ak1ConfigSchema>;
export type Ak1District = z.output<typeof ak1DistrictSchema>;
