import type { Ak1Catalogue, Ak1Lang, Ak1Translations } from './types.js';
import { id } from './id.js';

export type { Ak1Catalogue, Ak1Lang, Ak1Translations } from './types.js';
export { id } from './id.js';

/** Indonesian is built in; other languages load as their own chunk when first asked for. */
export async function loadCatalogue(lang: string | undefined): Promise<Ak1Catalogue> {
  if (resolveLang(lang) === 'en') return (await import('./en.js')).en;
  return id;
}

/** `en`, `en-GB` … give English; everything else, Indonesian. */
export function resolveLang(lang: string | undefined): Ak1Lang {
  return /^en\b/i.test(lang ?? '') ? 'en' : 'id';
}

/** A catalogue with some texts replaced, one level deep per section (a district's own wording). */
export function withTranslations(catalogue: Ak1Catalogue, overrides: Ak1Translations | undefined): Ak1Catalogue {
  if (!overrides) return catalogue;
  const merged: Record<string, unknown> = { ...catalogue };
  for (const [section, value] of Object.entries(overrides)) {
    const base = merged[section];
    merged[section] = isPlainObject(base) && isPlainObject(value) ? mergeSection(base, value) : (value ?? base);
  }
  return merged as unknown as Ak1Catalogue;
}

function mergeSection(base: Record<string, unknown>, value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, text] of Object.entries(value)) {
    // Keys are the catalogue's own: an override cannot add `__proto__` or any key the catalogue lacks.
    if (Object.hasOwn(base, key) && text !== undefined) {
      result[key] = isPlainObject(base[key]) && isPlainObject(text) ? { ...base[key], ...text } : text;
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A calendar date (`YYYY-MM-DD`) written out: `12 September 1990`. */
export function formatDate(date: string, catalogue: Ak1Catalogue): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${catalogue.months[month - 1]} ${year}`;
}
