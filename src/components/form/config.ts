import * as z from 'zod/mini';
import { ak1ConfigSchema, type Ak1Config, type Ak1District, type DocumentKind } from '../../schema/index.js';
import { AK1_FORM_OPTIONS } from '../../schema/config.js';
import { optionDefaults } from '../../schema/options.js';

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

/** The configuration with every default filled in. */
export type ResolvedConfig = Ak1Config & { lang: 'id' | 'en'; minAge: number; documents: DocumentKind[] };

/** Where a setting came from, for `debug`. */
export type ConfigSource = 'default' | 'config' | 'attribute';

/**
 * Defaults < the `config` property < attributes (GOV.UK's order). `attributes` are the options as the
 * element's properties hold them (`readOptions`). Returns the checked configuration with where each setting
 * came from, or the problems found, for the notice and the one `Ak1ConfigError`.
 */
export function resolveConfig(
  property: Partial<Ak1Config> | undefined,
  attributes: Partial<Record<keyof typeof AK1_FORM_OPTIONS, unknown>>,
  districts: Record<string, Ak1District> | undefined,
): { ok: true; config: ResolvedConfig; sources: Record<string, ConfigSource> } | { ok: false; error: Ak1ConfigError } {
  const merged: Record<string, unknown> = { ...optionDefaults(AK1_FORM_OPTIONS) };
  const sources: Record<string, ConfigSource> = Object.fromEntries(Object.keys(merged).map((key) => [key, 'default']));
  const take = (values: object, source: ConfigSource) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      merged[key] = value;
      sources[key] = source;
    }
  };
  if (property && typeof property === 'object') take(property, 'config');
  if (districts !== undefined) take({ districts }, 'config');
  take(attributes, 'attribute');
  // `lang` may be any BCP 47 tag on the page; only its language matters here.
  if (typeof merged.lang === 'string' && !['id', 'en'].includes(merged.lang)) merged.lang = 'id';
  const result = z.safeParse(ak1ConfigSchema, merged);
  if (result.success) return { ok: true, config: result.data as ResolvedConfig, sources };
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
