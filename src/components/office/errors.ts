import { Ak1AuthError, Ak1ConflictError, Ak1Error, Ak1HttpError, Ak1NetworkError, Ak1TimeoutError, Ak1ValidationError } from '../../client/index.js';
import type { Ak1OfficeTexts } from '../../i18n/types.js';

/** Says a failed call in the officer's words; `action` names what was tried when it matters (signing). */
export function errorText(error: unknown, texts: Ak1OfficeTexts, action?: string): string {
  const e = texts.errors;
  if (error instanceof Ak1AuthError) {
    switch (error.type) {
      case 'invalid-credentials':
        return e.invalidCredentials;
      case 'second-factor-required':
        return e.secondFactor;
      case 'password-change-required':
        return e.passwordChangeRequired;
      case 'forbidden':
        return action === 'sign' ? e.forbiddenSign : e.forbidden;
      default:
        return e.invalidCredentials;
    }
  }
  if (error instanceof Ak1ConflictError) {
    if (error.type === 'version-conflict') return e.versionConflict;
    if (error.type === 'transition-not-allowed') return e.transitionNotAllowed;
    return e.server;
  }
  // The data broke a rule (an edit, a correction without what it needs): the officer's to mend, not the server's fault.
  if (error instanceof Ak1ValidationError) return e.invalidChange;
  if (error instanceof Ak1HttpError) {
    if (error.status === 429) return e.rateLimited(error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : undefined);
    if (error.status === 404) return e.notFound;
    if (error.status === 403) return action === 'sign' ? e.forbiddenSign : e.forbidden;
    if (error.status === 422 && error.type === 'transition-not-allowed') return e.transitionNotAllowed;
    if (error.status === 422) return e.invalidChange;
    return e.server;
  }
  if (error instanceof Ak1TimeoutError) return e.timeout;
  if (error instanceof Ak1NetworkError) return e.network;
  if (error instanceof Ak1Error) return e.server;
  return e.server;
}

/** The error's class and code for the `ak1-office-error` event and for tests: never personal data. */
export function errorCode(error: unknown): { name: string; code: string } {
  if (error instanceof Ak1Error) return { name: error.name, code: error instanceof Ak1HttpError && error.type ? error.type : error.code };
  return { name: 'Error', code: 'unexpected' };
}
