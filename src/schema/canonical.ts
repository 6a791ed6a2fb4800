/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * strings and numbers as `JSON.stringify` writes them (the rules of RFC 8785 for the values an application
 * holds). Two applications are "the same" when their canonical JSON is the same string: the client keys its
 * idempotency on it, and the server hashes it to tell a replay from a reused key.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties, so a `__proto__` key stays a key instead of setting the prototype.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
