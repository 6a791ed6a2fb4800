/**
 * Mobile numbers: stored as `+628…`, shown and printed as people write them (`0812-3456-7890`). One module
 * for both ways, small enough for the form's later steps and the card's chunk.
 */

/** Mobile numbers as people type them: `0812-3456-7890`, `62 812 …`, `+62 (812) …` all become `+62812…`. */
export function normalizePhone(raw: string): string | undefined {
  let value = raw.replace(/[\s().-]/g, '');
  if (value.startsWith('+62')) value = value.slice(3);
  else if (value.startsWith('62')) value = value.slice(2);
  else if (value.startsWith('0')) value = value.slice(1);
  else return undefined;
  // "+62 0812…" (the trunk zero kept after the country code) is a common slip.
  if (value.startsWith('0')) value = value.slice(1);
  const phone = `+62${value}`;
  return /^\+628\d{7,11}$/.test(phone) ? phone : undefined;
}

/**
 * A mobile number as people write it: `+6281234567890` (as stored) or as typed is `0812-3456-7890`, in groups
 * of four from the trunk zero. A number that is no Indonesian mobile number is shown as given.
 */
export function formatPhone(phone: string): string {
  const stored = normalizePhone(phone);
  if (!stored) return phone;
  const national = `0${stored.slice(3)}`;
  return [national.slice(0, 4), national.slice(4, 8), national.slice(8)].filter(Boolean).join('-');
}
