import type { Ak1Config, Ak1District, DocumentKind } from '../../schema/index.js';
import { AK1_FORM_OPTIONS } from '../../schema/form-options.js';
import { optionDefaults } from '../../schema/options.js';

/** The configuration with every default filled in. */
export type ResolvedConfig = Ak1Config & { lang: 'id' | 'en'; minAge: number; documents: DocumentKind[] };

/** Where a setting came from, for `debug`. */
export type ConfigSource = 'default' | 'config' | 'attribute';

/** The configuration as set, before its check: what the first step renders from while the checks load. */
export interface MergedConfig {
  /** Not yet checked: the types say what the check lets through, not what is there (config-check.ts checks it). */
  config: ResolvedConfig;
  sources: Record<string, ConfigSource>;
}

/**
 * Defaults < the `config` property < attributes (GOV.UK's order). `attributes` are the options as the
 * element's properties hold them (`readOptions`). Returns the merged configuration with where each setting
 * came from, unchecked: the check (`checkConfig`, config-check.ts) comes with the application's checks, so
 * zod is not part of what the first step downloads.
 */
export function mergeConfig(
  property: Partial<Ak1Config> | undefined,
  attributes: Partial<Record<keyof typeof AK1_FORM_OPTIONS, unknown>>,
  districts: Record<string, Ak1District> | undefined,
): MergedConfig {
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
  return { config: merged as ResolvedConfig, sources };
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
