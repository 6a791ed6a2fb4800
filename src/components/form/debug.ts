import type { Ak1District } from '../../schema/index.js';
import type { ConfigSource, ResolvedConfig } from './config.js';

/**
 * The configuration as `debug` logs it: each setting with where it came from. Names of people (the officer)
 * and a logo's bytes are not repeated, only that they are set; the applicant's answers are never here.
 */
export function configSummary(config: ResolvedConfig, sources: Record<string, ConfigSource>): Record<string, { value: unknown; from: ConfigSource }> {
  const shown = (key: string, value: unknown): unknown => {
    if (key === 'officerName' || key === 'officerNip') return '(set)';
    if (key === 'logo' && typeof value === 'string' && value.startsWith('data:')) return `${value.slice(0, value.indexOf(';'))} (${value.length} characters)`;
    if (key === 'districts' && value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, Ak1District>).map(([code, district]) => [code, district.endpoint]));
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, { value: shown(key, value), from: sources[key] ?? 'default' }]),
  );
}
