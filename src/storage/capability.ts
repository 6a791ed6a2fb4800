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
