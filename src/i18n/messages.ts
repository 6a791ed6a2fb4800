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
  // Keys are known ones (the client turns a backend's unknown keys into known ones), so a plain lookup does;
  // the form's own messages (`form.messages`) hold only `generic`, which is the last resort anyway.
  const text = (texts: object | undefined) => (texts as Partial<Record<string, string>> | undefined)?.[key];
  return text(sources.t.messages) ?? text(sources.j?.messages) ?? text(sources.j?.media?.errors) ?? sources.t.form.messages.generic;
}
