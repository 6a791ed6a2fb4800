import * as z from 'zod/mini';
import { ak1ConfigSchema, DEFAULT_MIN_AGE, type Ak1Config, type Ak1District, type DocumentKind } from '../../schema/index.js';

/** A configuration mistake by the site (not the applicant): shown as a notice and logged once. */
export class Ak1ConfigError extends Error {
  override name = 'Ak1ConfigError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/** The attributes of `<ak1-form>` and the config keys they set. */
export const CONFIG_ATTRIBUTES = {
  endpoint: 'endpoint',
  'district-code': 'districtCode',
  'district-name': 'districtName',
  'office-name': 'officeName',
  'office-address': 'officeAddress',
  logo: 'logo',
  'officer-name': 'officerName',
  'officer-nip': 'officerNip',
  lang: 'lang',
  'min-age': 'minAge',
  documents: 'documents',
  'photo-rules': 'photoRules',
  'regions-url': 'regionsUrl',
  debug: 'debug',
} as const satisfies Record<string, keyof Ak1Config>;

/** The configuration with every default filled in. */
export type ResolvedConfig = Ak1Config & { lang: 'id' | 'en'; minAge: number; documents: DocumentKind[] };

const DEFAULTS = { lang: 'id', minAge: DEFAULT_MIN_AGE, documents: [] } as const;

/** Attribute strings as typed config values; malformed ones stay strings so the schema can name them. */
function fromAttribute(key: keyof Ak1Config, value: string): unknown {
  switch (key) {
    case 'minAge':
      return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    case 'documents':
      return value
        .split(',')
        .map((kind) => kind.trim().toUpperCase())
        .filter(Boolean);
    case 'debug':
      return value !== 'false';
    case 'lang':
      return /^en\b/i.test(value) ? 'en' : /^id\b/i.test(value) ? 'id' : value;
    default:
      return value.trim();
  }
}

/**
 * Defaults < the `config` property < attributes (GOV.UK's order). Returns the checked configuration, or the
 * problems found, for the notice and the one `Ak1ConfigError`.
 */
export function resolveConfig(
  property: Partial<Ak1Config> | undefined,
  attributes: Partial<Record<keyof typeof CONFIG_ATTRIBUTES, string | null>>,
  districts: Record<string, Ak1District> | undefined,
): { ok: true; config: ResolvedConfig } | { ok: false; error: Ak1ConfigError } {
  const merged: Record<string, unknown> = { ...DEFAULTS };
  if (property && typeof property === 'object') Object.assign(merged, property);
  if (districts !== undefined) merged.districts = districts;
  for (const [attribute, key] of Object.entries(CONFIG_ATTRIBUTES)) {
    const value = attributes[attribute as keyof typeof CONFIG_ATTRIBUTES];
    if (value !== null && value !== undefined) merged[key] = fromAttribute(key, value);
  }
  // `lang` may be any BCP 47 tag on the page; only its language matters here.
  if (typeof merged.lang === 'string' && !['id', 'en'].includes(merged.lang)) merged.lang = 'id';
  const result = z.safeParse(ak1ConfigSchema, merged);
  if (result.success) return { ok: true, config: result.data as ResolvedConfig };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
  return { ok: false, error: new Ak1ConfigError(`<ak1-form> is not set up correctly: ${problems.join('; ')}`, problems) };
}

/** The office that serves the applicant: the single endpoint, or the partner portal's district for the regency. */
export function officeFor(config: ResolvedConfig, regencyCode: string): (Ak1District & { regencyCode?: string }) | undefined {
  if (config.endpoint) {
    return {
      endpoint: config.endpoint,
      districtName: config.districtName,
      officeName: config.officeName,
      officeAddress: config.officeAddress,
      logo: config.logo,
    };
  }
  const district = config.districts && Object.hasOwn(config.districts, regencyCode) ? config.districts[regencyCode] : undefined;
  return district && { ...district, regencyCode };
}
