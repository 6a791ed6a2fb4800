import type { Ak1Catalogue, Ak1JourneyTexts, Ak1Lang, Ak1Translations } from './types.js';
import { id } from './id/form.js';

/*
 * The form's entry into the texts. Each language keeps one file per area in its own folder (`id/form.ts`,
 * `id/journey.ts`, `id/media.ts`, `id/card.ts`, `id/server.ts`, `id/unsupported.ts`, `id/debug.ts` (loaded by `debug`'s self-check); `en/` alike), typed by
 * `types.ts`. Indonesian's form texts are built in; every other file loads when it is first needed. The text of
 * a message key is found by `messageText` (`messages.ts`), the one fallback chain for the form and its steps.
 */

export type {
  Ak1CardTexts,
  Ak1Catalogue,
  Ak1DebugTexts,
  Ak1SelfCheckId,
  Ak1FormTexts,
  Ak1JourneyTexts,
  Ak1Lang,
  Ak1MediaTexts,
  Ak1PrivacyTexts,
  Ak1Translations,
} from './types.js';
export type { Ak1FirstStepMessageKey, Ak1LaterMessageKey } from './keys.js';
export { FIRST_STEP_FIELDS } from './keys.js';
export { id } from './id/form.js';

/** Indonesian is built in; other languages load as their own chunk when first asked for. */
export async function loadCatalogue(lang: string | undefined): Promise<Ak1Catalogue> {
  if (resolveLang(lang) === 'en') return (await import('./en/form.js')).en;
  return id;
}

/** The later steps' texts, loaded with the second step; `overrides` is the site's `translations.journey`. */
export async function loadJourney(lang: string | undefined, overrides?: Ak1Translations['journey']): Promise<Ak1JourneyTexts> {
  const texts = resolveLang(lang) === 'en' ? (await import('./en/journey.js')).enJourney : (await import('./id/journey.js')).idJourney;
  // Without overrides, merge gives the texts themselves.
  return merge(texts, overrides) as Ak1JourneyTexts;
}

/** `en`, `en-GB` … give English; everything else, Indonesian. */
export function resolveLang(lang: string | undefined): Ak1Lang {
  return /^en\b/i.test(lang ?? '') ? 'en' : 'id';
}

/**
 * A catalogue with some texts replaced (a district's own wording). Only texts the catalogue has can be
 * replaced, each by a value of the same kind (a text by a text, a message function by a function), so an
 * override can neither add keys (`__proto__` included) nor break a section.
 */
export function withTranslations(catalogue: Ak1Catalogue, overrides: Ak1Translations | undefined): Ak1Catalogue {
  // Without overrides, merge gives the catalogue itself. `journey` overrides apply to the later steps' texts
  // when they load (see loadJourney).
  return merge(catalogue, overrides) as Ak1Catalogue;
}

function merge(base: unknown, override: unknown): unknown {
  if (isPlainObject(base)) {
    if (!isPlainObject(override)) return base;
    const result: Record<string, unknown> = { ...base };
    for (const key of Object.keys(base)) {
      if (Object.hasOwn(override, key)) result[key] = merge(base[key], override[key]);
    }
    return result;
  }
  if (Array.isArray(base)) {
    return Array.isArray(override) && override.length === base.length && override.every((v) => typeof v === 'string')
      ? override
      : base;
  }
  return typeof override === typeof base ? override : base;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A calendar date (`YYYY-MM-DD`) written out: `12 September 1990`. */
export function formatDate(date: string, catalogue: Ak1Catalogue): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${catalogue.months[month - 1]} ${year}`;
}
