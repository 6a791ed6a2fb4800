import type { Ak1SelfTexts } from '../../i18n/self.js';
import type { Ak1HistoryEntry, Ak1Reason } from '../../schema/lifecycle.js';
import { ACCESS_CODE_PATTERN } from '../../schema/self.js';

/** What the applicant types to look up their registration, as typed (kept in memory only). */
export interface Typed {
  registrationNumber: string;
  nik: string;
  accessCode: string;
}
export type LookupField = keyof Typed;

/** The number's own shape (the schema's): checked here so a typo is said at once, not as a `404`. */
const REGISTRATION_NUMBER = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/;

/**
 * The lookup's fields checked on the device, each with the text of its problem. The NIK by its 16 digits (spaces
 * allowed); the code in any case, spaces allowed. A mismatch is the server's `404`.
 */
export function checkLookup(typed: Typed, texts: Ak1SelfTexts): Map<LookupField, string> {
  const errors = new Map<LookupField, string>();
  const e = texts.errors;
  const number = typed.registrationNumber.trim();
  if (!number) errors.set('registrationNumber', e.registrationNumberRequired);
  else if (!REGISTRATION_NUMBER.test(number)) errors.set('registrationNumber', e.registrationNumberFormat);
  if (!typed.nik.trim()) errors.set('nik', e.nikRequired);
  else if (!/^\d{16}$/.test(typed.nik.replace(/[\s.-]/g, ''))) errors.set('nik', e.nikFormat);
  const code = typed.accessCode.replace(/\s+/g, '').toUpperCase();
  if (!code) errors.set('accessCode', e.accessCodeRequired);
  else if (!ACCESS_CODE_PATTERN.test(code)) errors.set('accessCode', e.accessCodeFormat);
  return errors;
}

/** The office's reasons of the latest correction request or refusal, in the history. */
export function latestReasons(history: readonly Ak1HistoryEntry[]): Ak1Reason[] {
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (entry.event === 'request-correction' || entry.event === 'reject') return [...(entry.reason ?? [])];
  }
  return [];
}

/** A moment as Indonesian text writes the time of day on this device's clock: `08.30`. */
export function timeOf(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}.${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The lookup's request from what was typed: the number trimmed, the NIK's digits, the code in capitals. */
export function lookupRequest(typed: Typed): Typed {
  return {
    registrationNumber: typed.registrationNumber.trim(),
    nik: typed.nik.replace(/\D/g, ''),
    accessCode: typed.accessCode.replace(/\s+/g, '').toUpperCase(),
  };
}
