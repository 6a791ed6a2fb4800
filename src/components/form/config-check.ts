import * as z from 'zod/mini';
import { ak1ConfigSchema } from '../../schema/config.js';
import type { ResolvedConfig } from './config.js';

/** A configuration mistake by the site (not the applicant): shown as a notice and logged once. */
export class Ak1ConfigError extends Error {
  override name = 'Ak1ConfigError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/**
 * The merged configuration (`mergeConfig`, config.ts) checked by its schema: the checked values, or the
 * problems found, for the notice and the one `Ak1ConfigError`. In the checks' chunk, with zod.
 */
export function checkConfig(merged: ResolvedConfig): { ok: true; config: ResolvedConfig } | { ok: false; error: Ak1ConfigError } {
  const result = z.safeParse(ak1ConfigSchema, merged);
  if (result.success) return { ok: true, config: result.data as ResolvedConfig };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
  return { ok: false, error: new Ak1ConfigError(`<ak1-form> is not set up correctly: ${problems.join('; ')}`, problems) };
}
