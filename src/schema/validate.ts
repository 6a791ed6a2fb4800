import * as z from 'zod/mini';
import { APPLICATION_FIELD_NAMES, applicationFields } from './application.js';
import { toAk1Issues } from './issues.js';
import { withoutUndefined } from './objects.js';
import type { Ak1Issue, Ak1Warning } from './messages.js';
import { applicationRules, type ValidationOptions } from './rules.js';
import type { Ak1Application } from './types.js';

/**
 * The strict application schema with the default options (today, minimum age 18, no required documents,
 * no region lists). For composing with other zod schemas; `validateApplication` is the friendlier door.
 */
export const ak1ApplicationSchema = z.pipe(
  z.strictObject(applicationFields),
  z.transform((value, payload) => {
    for (const issue of applicationRules(value as Ak1Application).issues) {
      payload.issues.push({ code: 'custom', message: ruleOf(issue.code), input: value, path: issue.path });
    }
    return withoutUndefined(value) as Ak1Application;
  }),
);

export type ValidationResult =
  | { ok: true; value: Ak1Application; warnings: Ak1Warning[] }
  | { ok: false; issues: Ak1Issue[]; warnings: Ak1Warning[] };

/**
 * Checks an application and returns it normalised (trimmed NFC text, `+628…` phones, padded RT/RW), or every
 * problem found with its path and message key. Synchronous and never throws, whatever it is given.
 */
export function validateApplication(input: unknown, options: ValidationOptions = {}): ValidationResult {
  try {
    return validate(input, options);
  } catch {
    // Only hostile objects get here (a getter that throws, a revoked proxy): refuse them as a whole.
    return { ok: false, issues: [{ path: [], code: 'application.format' }], warnings: [] };
  }
}

function validate(input: unknown, options: ValidationOptions): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: [], code: 'application.format' }], warnings: [] };
  }
  const record = input as Record<string, unknown>;
  const issues: Ak1Issue[] = [];
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(applicationFields, key)) issues.push({ path: [key], code: 'application.unknownKey' });
  }

  // Each field on its own, so that one bad field does not hide the others' problems.
  const value: Record<string, unknown> = {};
  for (const field of APPLICATION_FIELD_NAMES) {
    const given = Object.hasOwn(record, field) ? record[field] : undefined;
    const result = z.safeParse(applicationFields[field] as z.ZodMiniType, given, { reportInput: true });
    if (result.success) {
      if (result.data !== undefined) value[field] = withoutUndefined(result.data);
    } else {
      issues.push(...toAk1Issues(result.error.issues, [field]));
    }
  }

  const rules = applicationRules(value as Partial<Ak1Application>, options);
  issues.push(...rules.issues);
  if (issues.length) return { ok: false, issues, warnings: rules.warnings };
  return { ok: true, value: value as Ak1Application, warnings: rules.warnings };
}

function ruleOf(code: string): string {
  return code.slice(code.lastIndexOf('.') + 1);
}
