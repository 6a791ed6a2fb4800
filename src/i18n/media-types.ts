import type { Ak1MediaErrorCode } from '../media/errors.js';

/** Texts of the photo and documents step (`<ak1-photo-step>`) and of every media refusal. */
export interface Ak1MediaTexts {
  /** Why a picture or PDF was refused, for every code of `AK1_MEDIA_ERROR_CODES`. */
  errors: Record<Ak1MediaErrorCode, string>;
  /** Read before each inline error by screen readers only (GOV.UK). */
  errorPrefix: string;
  photoLegend: string;
  photoHint: string;
  /** Before the district's own photo rules (`photo-rules`). */
  photoRulesLabel: string;
  /** Opens the camera. */
  takePhoto: string;
  /** Opens the file picker. */
  chooseFile: string;
  /** While a picked picture is checked and opened for the crop frame. */
  openingPhoto: string;
  /** While the cropped pas foto is made. */
  preparingPhoto: string;
  cropLabel: string;
  cropHint: string;
  zoom: string;
  /** Said politely after the frame is moved or zoomed by keyboard; numbers are percentages. */
  cropStatus: (state: { zoom: number; left: number; top: number }) => string;
  usePhoto: string;
  chooseAnother: string;
  cancel: string;
  photoPreviewAlt: string;
  photoReady: (info: { width: number; height: number; size: string }) => string;
  changePhoto: string;
  remove: string;
  photoRemoved: string;
  documentsLegend: string;
  documentsHint: string;
  documentHint: string;
  /** Opens the back camera for a document. */
  takeDocumentPhoto: string;
  preparingDocument: string;
  documentPreviewAlt: (kind: string) => string;
  /** Under a document's thumbnail. */
  imageSummary: (size: string) => string;
  /** In place of a thumbnail for a PDF; `name` is the file's name when known. */
  pdfSummary: (info: { name?: string | undefined; size: string }) => string;
  documentReady: (kind: string) => string;
  documentRemoved: (kind: string) => string;
  /** A byte count as people read it: `85 KB`, `1,2 MB`. */
  fileSize: (bytes: number) => string;
}
