import type { Ak1Lang, Ak1SelfTexts } from './types.js';

export type { Ak1SelfTexts } from './types.js';

/** The status view's texts, loaded with that view only (its own chunk per language). */
export async function loadSelfTexts(lang: Ak1Lang): Promise<Ak1SelfTexts> {
  return lang === 'en' ? (await import('./en/self.js')).enSelf : (await import('./id/self.js')).idSelf;
}
