/**
 * A copy without `undefined` values at any depth. Optional fields left blank come out of validation (and out
 * of the form's answers) as `undefined`; the normalised form has no such keys. `Object.fromEntries` defines
 * own properties, so a `__proto__` key stays a key.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, withoutUndefined(item)]),
  ) as T;
}
