/** Every sessionStorage key ak1-form writes starts with this, so a wipe finds its own and leaves the host's. */
export const STORAGE_KEY_PREFIX = 'ak1-form:';

/** Whether this tab holds a draft or an outbox of ak1-form's: a synchronous look, so a first visit loads nothing. */
export function tabHasRecords(storage: Storage | undefined = safeSessionStorage()): boolean {
  if (!storage) return false;
  for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(STORAGE_KEY_PREFIX)) return true;
  return false;
}

function safeSessionStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Reading sessionStorage throws where the browser blocks site data (some in-app browsers, privacy modes).
    return undefined;
  }
}

/**
 * Whether "Ingat di perangkat ini" can work here: a secure context (WebCrypto's subtle API exists only
 * there), IndexedDB for the key and the ciphertext, and a source of random IVs. Small on purpose: the form
 * asks before it loads the rest of the storage code.
 */
export function canRememberWith(env: {
  isSecureContext?: boolean | undefined;
  crypto?: Crypto | undefined;
  indexedDB?: IDBFactory | undefined;
}): boolean {
  return env.isSecureContext === true && env.indexedDB !== undefined && env.crypto?.subtle !== undefined && typeof env.crypto.getRandomValues === 'function';
}

/** The same question about this page. */
export function canRememberHere(): boolean {
  try {
    return canRememberWith({ isSecureContext: globalThis.isSecureContext, crypto: globalThis.crypto, indexedDB: globalThis.indexedDB });
  } catch {
    return false;
  }
}

/**
 * Whether this device may hold a remembered draft: false without the means to remember, and false where
 * the browser can list its databases and ak1-form's is not among them, so most visitors load nothing more.
 */
export async function mayHaveRemembered(dbName = 'ak1-form'): Promise<boolean> {
  if (!canRememberHere()) return false;
  const databases = await globalThis.indexedDB.databases?.().catch(() => undefined);
  return !databases || databases.some((db) => db.name === dbName);
}
