import type { Ak1Catalogue, Ak1MediaTexts } from './types.js';

/** Where a message key's text can be: the texts loaded so far. */
export interface Ak1MessageSources {
  /** The catalogue: the first step's keys, and the generic text (`form.messages.generic`). */
  readonly t: Ak1Catalogue;
  /** The later steps' texts, once loaded: their fields' keys, and the reasons a picture or PDF was refused. */
  readonly j?:
    | { readonly messages?: Partial<Record<string, string>> | undefined; readonly media?: Pick<Ak1MediaTexts, 'errors'> | undefined }
    | undefined;
}

/**
 * The text of a message key (a validation or warning key, a media refusal code), wherever it is among the
 * texts loaded so far; the form's generic "check this answer" when none has it (a key from a newer server,
 * say), so an error always shows a sentence and never a key.
 */
export function messageText(sources: Ak1MessageSources, key: string): string {
  // Own keys only: `constructor` or `__proto__` must not find what every object inherits. The form's own
  // messages (`form.messages`) hold only `generic`, which is the last resort anyway.
  const own = (texts: object | undefined) => (texts && Object.hasOwn(texts, key) ? (texts as Record<string, string>)[key] : undefined);
  return own(sources.t.messages) ?? own(sources.j?.messages) ?? own(sources.j?.media?.errors) ?? sources.t.form.messages.generic;
}
