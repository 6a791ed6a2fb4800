/**
 * The checks a PDF passes before it is sent as it is. We cannot re-encode a PDF the way we re-encode a
 * picture, so it must be well formed and carry nothing active. Pure functions over bytes.
 */
import type { Ak1MediaErrorCode } from './errors.js';

/** Where the trailer must be: `startxref`, its offset and `%%EOF` sit in the last kilobyte. */
const TAIL_BYTES = 1024;

/**
 * Names that make a PDF do something rather than show something. A scanned KTP or diploma never needs
 * them, and a district officer opens these files on an office PC.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'XFA',
]);

/** `%PDF-1.x` (and 2.0): the header a PDF must start with. */
export function hasPdfHeader(head: Uint8Array): boolean {
  return /^%PDF-(1\.[0-7]|2\.0)/.test(latin1(head.subarray(0, 8)));
}

/** The first problem found in a complete PDF's bytes, or undefined when it may be sent as it is. */
export function checkPdf(bytes: Uint8Array): Ak1MediaErrorCode | undefined {
  if (!hasPdfHeader(bytes)) return 'media.pdfInvalid';
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)));
  const trailer = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(tail);
  if (!trailer) return 'media.pdfInvalid';
  const xrefAt = Number(trailer[1]);
  if (!(xrefAt > 0 && xrefAt < bytes.length)) return 'media.pdfInvalid';
  // The offset must point at a cross-reference table or a cross-reference stream object.
  const atXref = latin1(bytes.subarray(xrefAt, xrefAt + 32));
  if (!/^(xref\b|\d+\s+\d+\s+obj\b)/.test(atXref)) return 'media.pdfInvalid';

  const text = latin1(bytes);
  let encrypted = false;
  for (const name of pdfNames(text)) {
    if (ACTIVE_NAMES.has(name)) return 'media.pdfActive';
    if (name === 'Encrypt') encrypted = true;
  }
  return encrypted ? 'media.pdfEncrypted' : undefined;
}

/**
 * Every name token (`/Name`) in the file, with `#xx` escapes decoded: `/J#61vaScript` is `/JavaScript`.
 * Names inside compressed object streams are not visible here; see docs/media.md.
 */
function* pdfNames(text: string): Generator<string> {
  const pattern = /\/((?:[^\s/<>[\](){}%#]|#[0-9A-Fa-f]{2})+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[1]!;
    yield raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
  }
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}
