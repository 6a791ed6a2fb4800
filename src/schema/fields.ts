import * as z from 'zod/mini';
import { hasForbiddenCharacter, isNameText, isPrintableText, normalizeText } from './characters.js';
import { isCalendarDate } from './dates.js';

/**
 * Building blocks for leaf fields. Each leaf normalises its input and reports at most one problem, the
 * first it finds, as a rule name (`required`, `format`, `tooLong` …); `issues.ts` turns the rule and the
 * field's path into the message key.
 */

/** A failed check inside a leaf: the rule that failed. */
export class Refusal {
  constructor(readonly rule: string) {}
}

export function refuse(rule: string): Refusal {
  return new Refusal(rule);
}

/** A string leaf: `check` returns the normalised value or a `Refusal`. */
export function stringLeaf<T>(check: (value: string) => T | Refusal, description?: string) {
  const schema = z.pipe(
    z.string(),
    z.transform((value: string, payload) => {
      const result = check(value);
      if (result instanceof Refusal) {
        payload.issues.push({ code: 'custom', message: result.rule, input: value });
        return z.NEVER as T;
      }
      return result;
    }),
  );
  if (description) z.globalRegistry.add(schema, { description });
  return schema;
}

/** A whole-number leaf between `min` and `max`: below is `tooSmall`, above is `tooLarge`. */
export function integerLeaf(min: number, max: number) {
  return z.int().check(z.gte(min), z.lte(max));
}

export interface TextOptions {
  /** The longest value accepted after normalisation. */
  max: number;
  /** `name` for names and places (letters and a little punctuation), `text` for free text. */
  kind: 'name' | 'text';
}

/** The check every text field runs: refuse invisible characters, normalise, bound, test the character set. */
function checkText(raw: string, { max, kind }: TextOptions): string | Refusal {
  // Bound the work before normalising a hostile multi-megabyte string.
  if (raw.length > max * 4 + 64) return refuse('tooLong');
  if (hasForbiddenCharacter(raw)) return refuse('format');
  const value = normalizeText(raw);
  if (value === '') return refuse('required');
  if (value.length > max) return refuse('tooLong');
  return (kind === 'name' ? isNameText(value) : isPrintableText(value)) ? value : refuse('format');
}

/** A required text field. */
export function requiredText(options: TextOptions) {
  return stringLeaf((raw) => checkText(raw, options));
}

/** An optional text field: a blank value counts as not given. */
export function optionalText(options: TextOptions) {
  return z.optional(
    stringLeaf((raw) => {
      if (raw.trim() === '' && !hasForbiddenCharacter(raw)) return undefined;
      return checkText(raw, options);
    }),
  );
}

/** A `YYYY-MM-DD` date that the calendar has. */
export function calendarDateLeaf() {
  return stringLeaf((raw) => {
    const value = raw.trim();
    if (value === '') return refuse('required');
    return isCalendarDate(value) ? value : refuse('format');
  }, 'A calendar date, YYYY-MM-DD.');
}

/** An optional `YYYY-MM-DD` date: a blank value counts as not given. */
export function optionalCalendarDateLeaf() {
  return z.optional(
    stringLeaf((raw) => {
      const value = raw.trim();
      if (value === '') return undefined;
      return isCalendarDate(value) ? value : refuse('format');
    }, 'A calendar date, YYYY-MM-DD.'),
  );
}

/** A four-digit year; anything else is a `format` problem (the rules compare years with the birth date). */
export function yearLeaf() {
  return z.pipe(
    z.number(),
    z.transform((year: number, payload) => {
      if (Number.isInteger(year) && year >= 1900 && year <= 2100) return year;
      payload.issues.push({ code: 'custom', message: 'format', input: year });
      return z.NEVER as number;
    }),
  );
}

/** Digits typed with spaces, as people copy them from cards: spaces removed, then `pattern` must match. */
export function digitsLeaf(pattern: RegExp, description: string) {
  return stringLeaf((raw) => {
    const value = raw.replace(/[\s.-]/g, '');
    if (value === '') return refuse('required');
    return pattern.test(value) ? value : refuse('format');
  }, description);
}
