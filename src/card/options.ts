import * as z from 'zod/mini';
import { isPrintableText } from '../schema/index.js';

/*
 * The options of renderCardPdf, with the overlay description for districts that print on their own
 * pre-printed blanks. Options come from webmasters' configuration, so they are checked like any input;
 * the zod schema and the TypeScript types below are kept in step by the assertion at the end.
 */

/** The issuing office, printed in the letterhead and in the conditions. A blank text counts as not given. */
export interface Ak1CardDistrict {
  /** The district as it is called, e.g. `Kabupaten Serang`; the letterhead prints `PEMERINTAH KABUPATEN SERANG`. */
  name?: string;
  /** The office, e.g. `Dinas Tenaga Kerja dan Transmigrasi`. */
  officeName?: string;
  officeAddress?: string;
  /**
   * The signer's title above the signature, e.g. `Kepala Dinas` or `Kepala Bidang Penempatan Tenaga Kerja`, where
   * the district's cards are not signed by a Pengantar Kerja. Default `Pengantar Kerja/Petugas Antar Kerja`. A
   * registration's `signedBy.title` wins over it.
   */
  signerTitle?: string;
  /** The Ketentuan (conditions) in place of the four standard ones, one clause per item. */
  terms?: string[];
  /** Clauses added after the Ketentuan (the standard ones, or `terms`). */
  extraTerms?: string[];
}

/**
 * The Pengantar Kerja printed in the signature block of a card not yet signed (a signed card prints
 * `registration.signedBy`, and this only when that is missing); without one, the block is left blank.
 */
export interface Ak1CardOfficer {
  name: string;
  /** The officer's NIP: 18 digits are written out as `19691220 200701 2 018`; anything else as given. */
  nip?: string;
}

/** PNG or JPEG bytes, or a `data:image/png;base64,…` / `data:image/jpeg;base64,…` URL. */
export type Ak1CardImage = Uint8Array | ArrayBuffer | string;

/** Where a text goes. Millimetres from the page's top-left corner; `yMm` is the top of the box. */
export interface Ak1OverlayText {
  kind?: 'text';
  xMm: number;
  yMm: number;
  widthMm: number;
  /**
   * The box's height. Without it the box is one line of `fontSizePt`; with it, the text wraps. Either way a
   * text too long for its box is set smaller (down to 4 pt), never past the box's edges.
   */
  heightMm?: number;
  /** Default 9. */
  fontSizePt?: number;
  bold?: boolean;
  /** Default `left`. */
  align?: 'left' | 'center' | 'right';
}

/**
 * One character per cell, for the boxes of the registration number and the NIK. Separators in the
 * registration number (`-`, `/`, `.`) take `separatorWidthMm` instead of a cell. The whole value is also
 * put in the PDF's text layer (invisible), so it can be searched and copied.
 */
export interface Ak1OverlayBoxes {
  kind: 'boxes';
  xMm: number;
  yMm: number;
  cellWidthMm: number;
  cellHeightMm: number;
  /** Default: `cellWidthMm`. */
  separatorWidthMm?: number;
  /** Default: what fits the cell. */
  fontSizePt?: number;
  /** Draw the cells' outlines too (blanks usually have them printed). Default `false`. */
  drawCells?: boolean;
}

/** Where an image goes; it is scaled to fit the box, keeping its proportions, and centred. */
export interface Ak1OverlayImage {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

/** Where the verification QR code goes: a square, quiet zone not included. */
export interface Ak1OverlayQr {
  xMm: number;
  yMm: number;
  sizeMm: number;
}

/** One column of a list: its left edge on the page and its width. */
export interface Ak1OverlayColumn {
  xMm: number;
  widthMm: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * A list printed one item per row, on the blank's ruled lines: row `i` starts at `yMm + i × rowHeightMm`.
 * A list longer than `maxRows` ends with a row saying how many more there are.
 */
export interface Ak1OverlayRows<Column extends string> {
  yMm: number;
  rowHeightMm: number;
  maxRows: number;
  /** Default 8. */
  fontSizePt?: number;
  /** The columns to print; a column left out is not printed. */
  columns: Partial<Record<Column, Ak1OverlayColumn>>;
}

/** Every field of the standard layout, each placeable on a district's blank; a field left out is not printed. */
export interface Ak1OverlayFields {
  /** The letterhead's first line, `PEMERINTAH …`, from `district.name`. */
  districtName?: Ak1OverlayText;
  officeName?: Ak1OverlayText;
  officeAddress?: Ak1OverlayText;
  logo?: Ak1OverlayImage;
  registrationNumber?: Ak1OverlayText | Ak1OverlayBoxes;
  nik?: Ak1OverlayText | Ak1OverlayBoxes;
  photo?: Ak1OverlayImage;
  /**
   * Required: until the Pengantar Kerja signs it, the card says here that it is not yet valid (and that the service
   * is free). A signed card leaves it blank, unless it is a copy (`copy: true`), which says so here.
   */
  notice: Ak1OverlayText;
  /** The visit booked at the office, in one sentence, or that the office will call; blank on a signed card. */
  appointment?: Ak1OverlayText;
  firstReportDue?: Ak1OverlayText;
  secondReportDue?: Ak1OverlayText;
  thirdReportDue?: Ak1OverlayText;
  /** The day each report was made (`registration.reports`), blank until then. */
  firstReportMade?: Ak1OverlayText;
  secondReportMade?: Ak1OverlayText;
  thirdReportMade?: Ak1OverlayText;
  fullName?: Ak1OverlayText;
  /** Place and date of birth together: `Serang, 12 September 1990`. */
  birth?: Ak1OverlayText;
  birthPlace?: Ak1OverlayText;
  birthDate?: Ak1OverlayText;
  sex?: Ak1OverlayText;
  maritalStatus?: Ak1OverlayText;
  religion?: Ak1OverlayText;
  address?: Ak1OverlayText;
  phone?: Ak1OverlayText;
  email?: Ak1OverlayText;
  languages?: Ak1OverlayText;
  education?: Ak1OverlayRows<'level' | 'institution' | 'major' | 'graduationYear'>;
  skills?: Ak1OverlayRows<'name' | 'provider' | 'year'>;
  workExperience?: Ak1OverlayRows<'position' | 'employer' | 'years'>;
  /** The signing date (`registration.issuedAt`); blank until the card is signed. */
  issuedOn?: Ak1OverlayText;
  validUntil?: Ak1OverlayText;
  /** The Ketentuan as one numbered paragraph, for a blank that lacks the district's clauses. */
  conditions?: Ak1OverlayText;
  /** The signer's title (`signedBy.title`, else `district.signerTitle`, else the default), for a blank without it. */
  officerTitle?: Ak1OverlayText;
  /** The signer (`registration.signedBy` on a signed card, else the `officer` option). */
  officerName?: Ak1OverlayText;
  officerNip?: Ak1OverlayText;
  qr?: Ak1OverlayQr;
}

/** A district's pre-printed blank: its page size and where each field goes on it. */
export interface Ak1CardOverlay {
  page: { widthMm: number; heightMm: number };
  /** Moves every field, to make up for a printer that feeds the paper a little off. */
  offsetMm?: { xMm: number; yMm: number };
  fields: Ak1OverlayFields;
}

/** The options of `renderCardPdf`; all are optional. */
/** Place names for the address line; any left out are skipped. */
export interface Ak1CardPlaceNames {
  village?: string;
  district?: string;
  regency?: string;
  province?: string;
}

/** The options of `renderCardPdf`; all are optional. */
export interface Ak1CardOptions {
  /** `standard` (default): an A4 landscape sheet folded in two. Or where each field goes on a district's blank. */
  layout?: 'standard' | Ak1CardOverlay;
  district?: Ak1CardDistrict;
  /** The district's logo for the letterhead. Without it the letterhead is text only. */
  logo?: Ak1CardImage;
  officer?: Ak1CardOfficer;
  /**
   * A signed card printed away from the counter (the applicant's own download): it has no wet signature, so it
   * says `Salinan — keabsahan: pindai kode QR` on its face and in the signature's place. No effect on a card that
   * is not signed, which says it is not valid anyway.
   */
  copy?: boolean;
  /**
   * The names of the applicant's village, district, regency and province (from the region lists), printed
   * in the address instead of the village's code.
   */
  placeNames?: Ak1CardPlaceNames;
  /** The PDF's creation date. Default: now. Set it (with `documentId`) for byte-identical output. */
  creationDate?: Date;
  /** The PDF's file identifier: 32 hexadecimal digits. Default: random. */
  documentId?: string;
}

const MAX_MM = 2000;
const mm = z.number().check(z.gte(0), z.lte(MAX_MM));
const size = z.number().check(z.gt(0), z.lte(MAX_MM));
const fontSize = z.number().check(z.gte(4), z.lte(72));
const align = z.optional(z.enum(['left', 'center', 'right']));
const printable = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.refine(isPrintableText, 'format'));
/** Configuration passes `''` for what a webmaster left unset: blank is the same as absent. */
const optionalPrintable = (max: number) =>
  z.pipe(
    z.pipe(z.optional(z.string()), z.transform((value) => (value?.trim() ? value.trim() : undefined))),
    z.optional(printable(max)),
  );

const text = z.strictObject({
  kind: z.optional(z.literal('text')),
  xMm: mm,
  yMm: mm,
  widthMm: size,
  heightMm: z.optional(size),
  fontSizePt: z.optional(fontSize),
  bold: z.optional(z.boolean()),
  align,
});

const boxes = z.strictObject({
  kind: z.literal('boxes'),
  xMm: mm,
  yMm: mm,
  cellWidthMm: size,
  cellHeightMm: size,
  separatorWidthMm: z.optional(z.number().check(z.gte(0), z.lte(MAX_MM))),
  fontSizePt: z.optional(fontSize),
  drawCells: z.optional(z.boolean()),
});

const image = z.strictObject({ xMm: mm, yMm: mm, widthMm: size, heightMm: size });
const column = z.strictObject({ xMm: mm, widthMm: size, align });
const rows = <Column extends string>(columns: readonly [Column, ...Column[]]) =>
  z.strictObject({
    yMm: mm,
    rowHeightMm: size,
    maxRows: z.int().check(z.gte(1), z.lte(100)),
    fontSizePt: z.optional(fontSize),
    columns: z.partialRecord(z.enum(columns), column),
  });

const textOrBoxes = z.union([boxes, text]);
const optionalText = z.optional(text);

const fields = z.strictObject({
  districtName: optionalText,
  officeName: optionalText,
  officeAddress: optionalText,
  logo: z.optional(image),
  registrationNumber: z.optional(textOrBoxes),
  nik: z.optional(textOrBoxes),
  photo: z.optional(image),
  notice: text,
  appointment: optionalText,
  firstReportDue: optionalText,
  secondReportDue: optionalText,
  thirdReportDue: optionalText,
  firstReportMade: optionalText,
  secondReportMade: optionalText,
  thirdReportMade: optionalText,
  fullName: optionalText,
  birth: optionalText,
  birthPlace: optionalText,
  birthDate: optionalText,
  sex: optionalText,
  maritalStatus: optionalText,
  religion: optionalText,
  address: optionalText,
  phone: optionalText,
  email: optionalText,
  languages: optionalText,
  education: z.optional(rows(['level', 'institution', 'major', 'graduationYear'])),
  skills: z.optional(rows(['name', 'provider', 'year'])),
  workExperience: z.optional(rows(['position', 'employer', 'years'])),
  issuedOn: optionalText,
  validUntil: optionalText,
  conditions: optionalText,
  officerTitle: optionalText,
  officerName: optionalText,
  officerNip: optionalText,
  qr: z.optional(z.strictObject({ xMm: mm, yMm: mm, sizeMm: size })),
});

const overlay = z.strictObject({
  page: z.strictObject({ widthMm: z.number().check(z.gte(50), z.lte(MAX_MM)), heightMm: z.number().check(z.gte(50), z.lte(MAX_MM)) }),
  offsetMm: z.optional(z.strictObject({ xMm: z.number().check(z.gte(-50), z.lte(50)), yMm: z.number().check(z.gte(-50), z.lte(50)) })),
  fields,
});

const MAX_IMAGE_BYTES = 1024 * 1024;
/** PNG or JPEG bytes of at most 1 MB, or a PNG or JPEG data URL; the bytes are sniffed when read. */
const imageInput = z.custom<Ak1CardImage>(
  (value) =>
    (value instanceof Uint8Array && value.byteLength <= MAX_IMAGE_BYTES) ||
    (value instanceof ArrayBuffer && value.byteLength <= MAX_IMAGE_BYTES) ||
    (typeof value === 'string' && value.length <= (MAX_IMAGE_BYTES * 4) / 3 + 64 && /^data:image\/(png|jpeg);base64,/i.test(value)),
  'format',
);

/** Ketentuan clauses: as many as a card has room for, each at most a paragraph; blank ones are dropped. */
const MAX_TERMS = 12;
const terms = z.pipe(
  z.array(z.string()).check(z.maxLength(MAX_TERMS)),
  z.pipe(
    z.transform((clauses: string[]) => clauses.map((clause) => clause.trim()).filter(Boolean)),
    z.array(printable(500)),
  ),
);

/** The creation dates jsPDF can write: its pattern covers 1970 to 2037. */
export const PDF_DATES = { first: new Date('1970-01-01T00:00:00Z'), last: new Date('2037-12-31T23:59:59.999Z') } as const;

export const cardOptionsSchema = z.strictObject({
  layout: z.optional(z.union([z.literal('standard'), overlay])),
  district: z.optional(
    z.strictObject({
      name: optionalPrintable(100),
      officeName: optionalPrintable(150),
      officeAddress: optionalPrintable(200),
      signerTitle: optionalPrintable(120),
      terms: z.optional(terms),
      extraTerms: z.optional(terms),
    }),
  ),
  logo: z.optional(imageInput),
  officer: z.optional(z.strictObject({ name: printable(100), nip: optionalPrintable(40) })),
  copy: z.optional(z.boolean()),
  placeNames: z.optional(
    z.strictObject({
      village: optionalPrintable(100),
      district: optionalPrintable(100),
      regency: optionalPrintable(100),
      province: optionalPrintable(100),
    }),
  ),
  creationDate: z.optional(z.date().check(z.gte(PDF_DATES.first), z.lte(PDF_DATES.last))),
  documentId: z.optional(z.string().check(z.regex(/^[0-9a-fA-F]{32}$/))),
});

// The schema and the documented types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const optionsMatch: Same<z.output<typeof cardOptionsSchema>, Ak1CardOptions> = true;
void optionsMatch;
