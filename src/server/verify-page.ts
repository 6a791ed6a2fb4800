import { formatDate, loadCatalogue, resolveLang } from '../i18n/index.js';
import { serverTexts } from '../i18n/server.js';
import { statusTexts } from '../i18n/status.js';
import { REGISTRATION_STATUSES, SIGNED_STATUSES, type Ak1Verification, type RegistrationStatus } from '../schema/index.js';

/*
 * The human verification page, `{publicUrl}/verify/{token}`: what a phone shows after scanning a card's QR
 * code. It says whether the card is known and whether it is valid (signed, not past its date), with the registration
 * number (to compare with the card's), initials, status and dates only: no NIK, no full name.
 * Every text comes from the catalogue and every value is escaped; the page has no script, and its one
 * inline style is allowed by hash under a `default-src 'none'` policy (stricter than the form's documented
 * one); only the district's own portals (`frameAncestors`) may frame it.
 */

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f3f3f3}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.25rem;margin:.25rem 0 1rem}
.office{margin:0;color:#505050}
.result{background:#fff;border-left:.5rem solid #00703c;padding:1rem 1.25rem}
.result.invalid{border-color:#d4351c}
h2{font-size:1.5rem;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dt{color:#505050}dd{margin:0;font-weight:600}
.note{color:#505050;font-size:.875rem}`;

let styleHash: Promise<string> | undefined;

/** `sha256-…` of the page's style, for its Content-Security-Policy. */
function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(STYLE))
    .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
  return styleHash;
}

export interface VerifyPageInput {
  /** The verification reply, or `undefined` for a token that is not valid. */
  verification: (Ak1Verification & { valid: true }) | undefined;
  /** The calendar date of `registeredAt` in the district, for display. */
  registrationDate?: string;
  /** The district's date: a signed card past its `validUntil` no longer reads as valid. */
  today: string;
  officeName: string;
  officeAddress: string;
  acceptLanguage: string | null;
  /** The CSP `frame-ancestors` sources: `'none'`, or the district's portals. */
  frameAncestors: string;
}

export async function verifyPage(input: VerifyPageInput): Promise<Response> {
  const lang = resolveLang(firstLanguage(input.acceptLanguage));
  const catalogue = await loadCatalogue(lang);
  const t = serverTexts[lang].verifyPage;
  const { verification } = input;
  const office = `${input.officeName}, ${input.officeAddress}`;

  let result: string;
  if (verification) {
    const status = verification.status;
    const statusText = status && isKnownStatus(status) ? statusTexts[lang][status] : t.statusUnknown;
    const rows: Array<[string, string]> = [
      ...(verification.registrationNumber ? [[t.registrationNumber, verification.registrationNumber] as [string, string]] : []),
      [t.initials, verification.initials ?? ''],
      [t.status, statusText],
    ];
    if (input.registrationDate) rows.push([t.registeredAt, formatDate(input.registrationDate, catalogue)]);
    if (verification.issuedAt) rows.push([t.issuedAt, formatDate(verification.issuedAt, catalogue)]);
    if (verification.validUntil) rows.push([t.validUntil, formatDate(verification.validUntil, catalogue)]);
    const standing = standingOf(verification, input.today);
    const heading = standing === 'signed' ? t.signed : standing === 'void' ? t.notValid : t.valid;
    result = `<section class="result${standing === 'void' ? ' invalid' : ''}" aria-labelledby="result"><h2 id="result">${escapeHtml(heading)}</h2><dl>${rows
      .map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`)
      .join('')}</dl>${standing === 'pending' ? `<p class="note">${escapeHtml(t.unsigned)}</p>` : ''}</section>`;
  } else {
    result = `<section class="result invalid" aria-labelledby="result"><h2 id="result">${escapeHtml(t.invalid)}</h2><p>${escapeHtml(
      t.invalidHelp(office),
    )}</p></section>`;
  }

  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="office">${escapeHtml(input.officeName)}</p>
<h1>${escapeHtml(t.title)}</h1>
${result}
<p class="note">${escapeHtml(t.privacy)}</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: verification ? 200 : 404,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src ${await styleSource()}; base-uri 'none'; form-action 'none'; frame-ancestors ${input.frameAncestors}`,
      // The token is in the URL: it must not leak to other sites, search engines or shared caches.
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-language': lang,
      vary: 'accept-language',
    },
  });
}

/**
 * What the page says of a known card: `pending` until signed (the "belum sah" note), `signed` for a signed card
 * within its validity, `void` once it no longer counts. A status this server does not know reads as pending.
 */
export function standingOf(verification: Pick<Ak1Verification, 'status' | 'validUntil'>, today: string): 'pending' | 'signed' | 'void' {
  const status = verification.status ?? '';
  if (status === 'REJECTED' || status === 'CANCELLED' || status === 'EXPIRED') return 'void';
  if ((SIGNED_STATUSES as readonly string[]).includes(status)) {
    return verification.validUntil !== undefined && verification.validUntil < today ? 'void' : 'signed';
  }
  return 'pending';
}

function isKnownStatus(status: string): status is RegistrationStatus {
  return (REGISTRATION_STATUSES as readonly string[]).includes(status);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function firstLanguage(header: string | null): string | undefined {
  return header?.split(',')[0]?.split(';')[0]?.trim() || undefined;
}
