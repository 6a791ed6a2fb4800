import type * as z from 'zod/mini';
import type { Ak1Issue, Ak1MessageKey } from './messages.js';

/**
 * The message key for a rule at a path: the path's field names (array indices dropped) and the rule,
 * e.g. `['education', 0, 'graduationYear']` and `beforeBirth` give `education.graduationYear.beforeBirth`.
 * A path outside every field is the application's own: `application.<rule>`.
 */
export function messageKey(path: readonly (string | number)[], rule: string): Ak1MessageKey {
  const fields = path.filter((part): part is string => typeof part === 'string');
  // The property tests check that every key made here is in AK1_MESSAGE_KEYS.
  return `${fields.length ? fields.join('.') : 'application'}.${rule}` as Ak1MessageKey;
}

/** Zod's issues as the application's issues: paths and message keys. */
export function toAk1Issues(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): Ak1Issue[] {
  const result: Ak1Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) result.push({ path: [...path, key], code: messageKey(path, 'unknownKey') });
      continue;
    }
    result.push({ path, code: messageKey(path, ruleOf(issue, path)) });
  }
  return result;
}

function ruleOf(issue: z.core.$ZodIssue, path: readonly (string | number)[]): string {
  // A missing field is `required`; a hole in a list (`[undefined]`, only possible from JavaScript) is a bad item.
  if (issue.input === undefined && issue.code !== 'custom') return typeof path.at(-1) === 'number' ? 'format' : 'required';
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return 'tooSmall';
      return Number(issue.minimum) <= 1 ? 'required' : 'tooShort';
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' ? 'tooLarge' : 'tooLong';
    case 'invalid_value':
      return 'enum';
    default:
      return 'format';
  }
}
