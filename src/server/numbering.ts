/** What a registration number is made from. */
export interface NumberParts {
  /** The district's regency code, dotted: `36.04`. */
  regencyCode: string;
  /** The serial within the district and the year of registration: 1, 2, 3 … */
  serial: number;
  /** The registration date in the district's time zone, `YYYY-MM-DD`. */
  date: string;
}

export type NumberFormatter = (parts: NumberParts) => string;

/**
 * Tokens of a registration number pattern. Everything outside braces is copied as it is and may use
 * letters, digits, `.`, `/` and `-`, so that a number stays one word on the card and in a URL.
 */
const TOKENS: Record<string, (parts: NumberParts, width?: number) => string> = {
  /** The regency code without the dot: `3604`. */
  regency: (p) => p.regencyCode.replace('.', ''),
  /** The province code: `36`. */
  province: (p) => p.regencyCode.slice(0, 2),
  /** The serial, zero-padded to `width` digits when a width is given (`{serial:6}` → `000123`), never cut. */
  serial: (p, width) => String(p.serial).padStart(width ?? 0, '0'),
  YYYY: (p) => p.date.slice(0, 4),
  YY: (p) => p.date.slice(2, 4),
  MM: (p) => p.date.slice(5, 7),
  DD: (p) => p.date.slice(8, 10),
  DDMMYY: (p) => p.date.slice(8, 10) + p.date.slice(5, 7) + p.date.slice(2, 4),
  YYYYMMDD: (p) => p.date.replaceAll('-', ''),
};

/** Tokens that carry the year: serials restart every year, so a pattern needs one of them to stay unique. */
const YEAR_TOKENS = new Set(['YYYY', 'YY', 'DDMMYY', 'YYYYMMDD']);

/**
 * Compiles a registration number pattern such as `{regency}-{serial:6}-{DDMMYY}` (the default, giving
 * `3604-000123-281126`). Tokens: `{regency}` (`3604`), `{province}` (`36`), `{serial}` or `{serial:N}`
 * (padded to N digits, 1–10), `{YYYY}`, `{YY}`, `{MM}`, `{DD}`, `{DDMMYY}`, `{YYYYMMDD}` (the registration
 * date in the district's time zone). The pattern must hold `{serial}` and a token with the year. Throws a
 * `TypeError` saying what is wrong.
 */
export function compileNumberPattern(pattern: string): NumberFormatter {
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 60) {
    throw new TypeError('a pattern of 1 to 60 characters is required');
  }
  const pieces: Array<string | { token: string; width?: number }> = [];
  const tokenRe = /\{([A-Za-z]+)(?::(\d{1,2}))?\}/g;
  let last = 0;
  for (const match of pattern.matchAll(tokenRe)) {
    pieces.push(pattern.slice(last, match.index));
    const token = match[1]!;
    if (!Object.hasOwn(TOKENS, token)) throw new TypeError(`unknown token {${token}}`);
    const width = match[2] === undefined ? undefined : Number(match[2]);
    if (width !== undefined && (token !== 'serial' || width < 1 || width > 10)) {
      throw new TypeError(`{${token}:${match[2]}}: only {serial} takes a width, from 1 to 10`);
    }
    pieces.push(width === undefined ? { token } : { token, width });
    last = match.index + match[0].length;
  }
  pieces.push(pattern.slice(last));

  const literals = pieces.filter((p): p is string => typeof p === 'string').join('');
  if (!/^[A-Za-z0-9./-]*$/.test(literals)) {
    throw new TypeError('text outside tokens may use only letters, digits, ".", "/" and "-"');
  }
  const tokens = pieces.filter((p) => typeof p !== 'string').map((p) => p.token);
  if (!tokens.includes('serial')) throw new TypeError('the pattern needs {serial}');
  if (!tokens.some((t) => YEAR_TOKENS.has(t))) {
    throw new TypeError('serials restart every year, so the pattern needs the year: {YYYY}, {YY}, {DDMMYY} or {YYYYMMDD}');
  }
  if (!/^[A-Za-z0-9{]/.test(pattern)) throw new TypeError('the number must start with a letter or a digit');

  const format: NumberFormatter = (parts) =>
    pieces.map((p) => (typeof p === 'string' ? p : TOKENS[p.token]!(parts, p.width))).join('');
  // The contract allows 40 characters; a billion registrations in a year must still fit.
  if (format({ regencyCode: '36.04', serial: 1_000_000_000, date: '2026-11-28' }).length > 40) {
    throw new TypeError('the pattern makes numbers longer than 40 characters');
  }
  return format;
}
