import type { Ak1Application, Ak1OfficeRegistration, Ak1Registration } from '../schema/index.js';
import type { Ak1CardOptions } from './options.js';

export { Ak1CardError } from './errors.js';
export type { Ak1CardErrorCode, Ak1CardIssue } from './errors.js';
export type {
  Ak1CardOptions,
  Ak1CardDistrict,
  Ak1CardOfficer,
  Ak1CardPlaceNames,
  Ak1CardImage,
  Ak1CardOverlay,
  Ak1OverlayFields,
  Ak1OverlayText,
  Ak1OverlayBoxes,
  Ak1OverlayImage,
  Ak1OverlayQr,
  Ak1OverlayRows,
  Ak1OverlayColumn,
} from './options.js';

/**
 * The applicant's AK/I card ("kartu kuning") as PDF bytes, made on the device: a pure function of its
 * inputs, in browsers, workers and Node 20. The registration's status picks the variant: `SIGNED` and
 * `PLACED` print the signed card (issued on `issuedAt`, signed by `signedBy`; with `copy: true`, marked as a
 * copy to be checked through the QR code); any other status prints a card that says on its face that it is
 * not valid until the Pengantar Kerja signs it at the office, with the booked visit when there is one.
 *
 * The layout is the standard AK/I (A4 landscape folded in two), or a district's pre-printed blank
 * described by `options.layout` (see docs/card.md). The renderer, jsPDF and the embedded font load on the
 * first call, not before.
 *
 * The application is checked again here (it may come from anywhere): every printed field must be present
 * and printable, and the photo must be a JPEG. Values longer than the form allows are set in smaller type
 * rather than refused; only a value that cannot fit even in the smallest type is.
 *
 * @throws {Ak1CardError} `card.application`, `card.photo`, `card.registration` (also a signed one without
 *   `issuedAt`), `card.status` (a rejected or expired registration), `card.logo`, `card.options` or `card.tooLong`; never returns a broken file.
 */
export async function renderCardPdf(
  application: Ak1Application,
  registration: Ak1Registration | Ak1OfficeRegistration,
  options: Ak1CardOptions = {},
): Promise<Uint8Array> {
  // Fetched together, so a first print waits for one round trip rather than three.
  const [{ renderCard }, jspdf, fonts] = await Promise.all([import('./render.js'), import('./jspdf/jspdf.js'), import('./font/noto-sans.js')]);
  return renderCard(jspdf.jsPDF, fonts, application, registration, options);
}
