import { VERIFICATION_TOKEN_PATTERN } from '../../schema/index.js';

/** What the counter read: a registration number, or the verification token of a card's QR code. */
export type Scanned = { kind: 'number'; number: string } | { kind: 'token'; token: string };

const NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/;

/**
 * Reads what a camera decoded or an officer (or a USB scanner, which types) entered: the card's QR holds
 * `{publicUrl}/verify/{token}`, so an address is cut to its token; a bare token is taken too. A registration
 * number is at most 40 characters; a token is longer, so the two cannot be mistaken for each other.
 */
export function parseScanned(raw: string): Scanned | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const fromUrl = /\/verify\/([A-Za-z0-9_.-]+)\/?(?:[?#].*)?$/.exec(text)?.[1];
  if (fromUrl) return VERIFICATION_TOKEN_PATTERN.test(fromUrl) ? { kind: 'token', token: fromUrl } : undefined;
  if (text.length > 40 && VERIFICATION_TOKEN_PATTERN.test(text)) return { kind: 'token', token: text };
  const number = text.replace(/\s+/g, '');
  return NUMBER_PATTERN.test(number) ? { kind: 'number', number } : undefined;
}
