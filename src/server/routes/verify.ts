import type { Ak1Verification } from '../../schema/index.js';
import type { RequestContext } from '../context.js';
import { json, problem } from '../http.js';
import { expireIfDue, isDue } from '../office/expiry.js';
import type { Ak1StoredRegistration } from '../store.js';
import { verifyPage as renderVerifyPage } from '../verify-page.js';

/** `GET {endpoint}/verify/{token}`: what a card's QR code confirms, for machines. */
export async function verify(context: RequestContext): Promise<Response> {
  const registration = await lookUpToken(context);
  if (!registration) return problem('invalid-token');
  return json(verification(context, registration), 200);
}

/** `GET {public site}/verify/{token}`: the page a card's QR code opens, for people. */
export async function verifyPage(context: RequestContext): Promise<Response> {
  const registration = await lookUpToken(context);
  return renderVerifyPage({
    verification: registration ? verification(context, registration) : undefined,
    ...(registration ? { registrationDate: registration.registrationDate } : {}),
    today: context.today(),
    officeName: context.district.officeName,
    officeAddress: context.district.officeAddress,
    acceptLanguage: context.request.headers.get('accept-language'),
    frameAncestors: context.frameAncestors,
  });
}

/**
 * The registration the path's token names, if the token is ours, canonical and its registration exists. A reading
 * is a read of the record: one past its validity gets its `expire` entry now (design.md, "Decisions").
 */
async function lookUpToken(context: RequestContext): Promise<Ak1StoredRegistration | undefined> {
  const { params, signer, store, district } = context;
  const claims = await (await signer).verify(params.token ?? '');
  const registration = claims ? await store.findById(claims.sub) : undefined;
  if (!registration || !isDue(registration, context.today())) return registration;
  try {
    await expireIfDue(store, registration.registrationNumber, context.today(), district.timeZone);
  } catch {
    // The reply says EXPIRED all the same; the sweep or the next read writes the entry.
  }
  return { ...registration, status: 'EXPIRED' };
}

function verification({ today }: RequestContext, r: Ak1StoredRegistration): Ak1Verification & { valid: true } {
  // A card past its date reads as expired even before anyone marks it so.
  const status = isDue(r, today()) ? 'EXPIRED' : r.status;
  return {
    valid: true,
    status,
    registrationNumber: r.registrationNumber,
    initials: initials(r.fullName),
    registeredAt: r.registeredAt,
    ...(r.issuedAt ? { issuedAt: r.issuedAt } : {}),
    validUntil: r.validUntil,
  };
}

/** `S. N.` for `Siti Nur’aini`: the first letter of each word, at most six. */
export function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .slice(0, 6)
    .map((letter) => `${letter.toLocaleUpperCase('id')}.`)
    .join(' ');
}
