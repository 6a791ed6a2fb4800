/**
 * The ak1-form SDK: the application schema, the NIK parser and region lookup, for browsers, workers and
 * Node. It imports no lit; `ak1-form/element` registers the `<ak1-form>` element.
 *
 * @packageDocumentation
 */
export * from './schema/index.js';
export { parseNik, PROVINCES, isProvinceCode, provinceName } from './nik/index.js';
export type { NikInfo, NikErrorCode, ParseNikResult, ParseNikOptions, ProvinceCode } from './nik/index.js';
export { createRegionLookup } from './regions/index.js';
export type { Region, RegionLookup, RegionLookupOptions } from './regions/index.js';
export { preparePhoto, prepareDocument, Ak1MediaError, AK1_MEDIA_ERROR_CODES, MEDIA_LIMITS } from './media/index.js';
export type {
  Ak1PreparedPhoto,
  Ak1PreparedDocument,
  Ak1PhotoOptions,
  Ak1DocumentOptions,
  Ak1MediaOptions,
  Ak1MediaErrorCode,
  Ak1CropRect,
} from './media/index.js';
export * from './client/index.js';
// Types only (no lit): `<ak1-form>`'s event details, for code that listens without importing the element.
export type {
  Ak1FormEventMap,
  Ak1StepId,
  Ak1StepChangeDetail,
  Ak1SubmitDetail,
  Ak1SuccessDetail,
  Ak1ErrorDetail,
  Ak1CardReadyDetail,
  Ak1View,
  Ak1ViewChangeDetail,
  Ak1SelfEventDetail,
} from './components/events.js';
export { renderCardPdf, Ak1CardError } from './card/index.js';
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
  Ak1CardErrorCode,
  Ak1CardIssue,
} from './card/index.js';
