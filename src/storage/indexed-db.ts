/*
 * The few IndexedDB calls the sealed store needs, as promises. Connections are opened per operation and
 * closed after it: a connection left open would block another tab's "Hapus data saya" (deleteDatabase waits
 * for every connection to close), and the rare remembered write is not worth keeping one warm.
 */

export const DB_VERSION = 1;
export const KEY_STORE = 'keys';
export const RECORD_STORE = 'records';

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `body` in one transaction and settles when it commits (or rejects when it aborts). */
export function runTransaction(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: (transaction: IDBTransaction) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let transaction: IDBTransaction;
    try {
      // A queued outbox must survive the tab being killed right after the write: ask for a flushed commit.
      transaction = db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
    } catch (error) {
      reject(error);
      return;
    }
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new DOMException('The transaction was aborted', 'AbortError'));
    try {
      body(transaction);
    } catch (error) {
      transaction.abort();
      reject(error);
    }
  });
}

/**
 * Opens the database; with `create: false`, a database that does not exist yet stays absent (undefined)
 * instead of being created empty, so merely looking for a remembered draft leaves no trace on the device.
 */
export function openDatabase(factory: IDBFactory, name: string, { create }: { create: boolean }): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      reject(error);
      return;
    }
    let refusedToCreate = false;
    request.onupgradeneeded = (event) => {
      if (event.oldVersion === 0 && !create) {
        // Aborting the first upgrade leaves no database behind (checked in chromium by the storage tests).
        refusedToCreate = true;
        request.transaction?.abort();
        return;
      }
      const db = request.result;
      if (!db.objectStoreNames.contains(KEY_STORE)) db.createObjectStore(KEY_STORE);
      if (!db.objectStoreNames.contains(RECORD_STORE)) db.createObjectStore(RECORD_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab deleting the database (its wipe, an expiry) must not wait for us.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = (event) => {
      if (refusedToCreate) {
        event.preventDefault();
        resolve(undefined);
      } else {
        reject(request.error);
      }
    };
  });
}

/**
 * Deletes the database. Other connections get `versionchange` and ours close on it; a deletion blocked by a
 * foreign connection still completes once that closes, which is when this settles.
 */
export function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.deleteDatabase(name);
    } catch (error) {
      reject(error);
      return;
    }
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
