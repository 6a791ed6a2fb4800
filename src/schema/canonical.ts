/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * strings and numbers as `JSON.stringify` writes them (the rules of RFC 8785 for the values an application
 * holds). Two applications are "the same" when their canonical JSON is the same string: the client keys its
 * idempotency on it, and the server hashes it to tell a replay from a reused key.
 */
export function canonicalJson(value: unknown): string {
  return write(value, true) as string;
}

/**
 * `JSON.stringify(value)` for plain data (objects, arrays, strings, numbers, booleans, null; no `toJSON`), the
 * same string, faster for an application: its attachments' long base64 strings are written without the
 * character-by-character escaping scan (see `isJsonSafeBase64`).
 */
export function plainJson(value: unknown): string {
  return write(value, false) as string;
}

/*
 * Written by hand rather than by JSON.stringify over a sorted copy: JSON.stringify looks at every character of a
 * string for what it must escape, about 3 ns a character in Node 20, so a 55 kB photo cost 0.15 ms each time it
 * was written, twice per registration (the fingerprint, the stored row), the largest item after the database in
 * the server's profile (docs/performance.md). Everything else is left to JSON.stringify, so the output is the
 * same string.
 */
function write(value: unknown, sorted: boolean): string | undefined {
  if (typeof value === 'string') return value.length >= 512 && isJsonSafeBase64(value) ? `"${value}"` : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    // Indexes, not map: a hole is written as null, as JSON.stringify writes it.
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${write(value[i], sorted) ?? 'null'}`;
    return `${out}]`;
  }
  const keys = sorted ? sortedKeys(value) : Object.keys(value);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const written = write((value as Record<string, unknown>)[key], sorted);
    // undefined, functions and symbols: the key is left out, as JSON.stringify leaves it out.
    if (written === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${written}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The keys in the order the canonical JSON has always had them: sorted, then laid out as an object made with
 * them in that order lays them out, array-index keys ("0", "10") first in numeric order. A fingerprint stored
 * by an earlier release must still match, so that order stays.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  const indexes = keys.filter(isArrayIndex);
  if (!indexes.length) return keys;
  return [...indexes.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isArrayIndex(key))];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= 4294967294;
}

/**
 * True when `text` is base64 that JSON writes as it is: only the base64 alphabet, `=` and spaces, nothing to
 * escape. atob checks the alphabet natively; what it forgives beyond it is ASCII whitespace, of which only the
 * space needs no escaping.
 */
function isJsonSafeBase64(text: string): boolean {
  for (const control of ['\n', '\r', '\t', '\f']) if (text.includes(control)) return false;
  try {
    atob(text);
  } catch {
    return false;
  }
  return true;
}
