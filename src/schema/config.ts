import * as z from 'zod/mini';
import { DOCUMENT_KINDS } from './codes.js';
import { hasForbiddenCharacter } from './characters.js';
import type { AK1_FORM_OPTIONS } from './form-options.js';

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

/**
 * What each option of `<ak1-form>` must be, keyed as its table (`AK1_FORM_OPTIONS`, form-options.ts, where the
 * attributes, defaults and documentation are): exactly the table's keys, so an option cannot be added without
 * its schema. Apart from the table because the element reads the table before its first step shows, and these
 * schemas (zod's core with them) load only with the application's checks.
 */
export const AK1_FORM_SCHEMAS = {
  endpoint: url,
  districtCode: regencyCode,
  districtName: text(120),
  officeName: text(160),
  officeAddress: text(300),
  logo,
  officerName: text(120),
  officerNip: z.string().check(z.regex(/^\d{18}$/)),
  lang: z.enum(['id', 'en']),
  minAge: z.int().check(z.gte(14), z.lte(65)),
  documents: z.array(z.enum(DOCUMENT_KINDS)).check(z.maxLength(DOCUMENT_KINDS.length)),
  photoRules: text(500),
  regionsUrl: url,
  debug: z.boolean(),
} satisfies { [K in keyof typeof AK1_FORM_OPTIONS]: z.core.$ZodType };

/** The options' schemas as the shape of a zod object: every option optional (defaults are filled in before checking). */
export function optionShape<T extends Record<string, z.core.$ZodType>>(schemas: T): { [K in keyof T]: z.ZodMiniOptional<T[K]> } {
  return Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, z.optional(schema)])) as { [K in keyof T]: z.ZodMiniOptional<T[K]> };
}

export const ak1ConfigSchema = z
  .strictObject({
    ...optionShape(AK1_FORM_SCHEMAS),
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
