import type { Ak1MediaTexts } from '../types.js';

/** The photo and documents step, and why each file was refused. */
export const enMedia: Ak1MediaTexts = {
  errors: {
    'media.empty': 'The selected file is empty; take the photo again or choose another file',
    'media.type': 'The selected file must be a JPG, PNG, WebP or HEIC photo',
    'media.documentType': 'The selected file must be a photo (JPG, PNG, WebP or HEIC) or a PDF',
    'media.fileTooLarge': 'The selected file must be smaller than 15 MB',
    'media.tooManyPixels': 'The picture is too large to process (over 40 megapixels); take it at a lower resolution',
    'media.tooSmall': 'The picture is too small to read; take it again from closer',
    'media.unreadable': 'The selected file is damaged or incomplete; take the photo again or choose another file',
    'media.heicUnsupported':
      'This browser cannot open HEIC photos; choose a JPG, or set the camera format to “Most Compatible”',
    'media.pdfInvalid': 'The PDF is damaged or incomplete; save it again or photograph the document instead',
    'media.pdfTooLarge': 'The PDF must be 1 MB or smaller; or photograph the document, photos are made smaller for you',
    'media.pdfEncrypted': 'The PDF is password-protected; choose one without a password or photograph the document',
    'media.pdfActive': 'The PDF contains scripts or attachments, which are not allowed; photograph or scan the document again',
    'media.cannotShrink': 'The picture cannot be made small enough; take it again in better light',
    'media.browserUnsupported': 'This browser cannot process photos; update it or use the latest Chrome',
  },
  errorPrefix: 'Error:',
  photoLegend: 'Passport-style photo',
  photoHint: 'A colour 3×4 photo: facing the camera with your face clearly visible, without a mask or sunglasses.',
  photoRulesLabel: 'The office asks for:',
  takePhoto: 'Take a photo',
  chooseFile: 'Choose a file',
  openingPhoto: 'Opening the photo…',
  preparingPhoto: 'Preparing your photo…',
  cropLabel: 'Photo frame',
  cropHint:
    'Drag the photo so that your face is in the middle of the frame; pinch or use the Zoom slider to zoom in. ' +
    'With a keyboard: select the frame, then the arrow keys move it, + zooms in and − zooms out.',
  zoom: 'Zoom',
  cropStatus: ({ zoom, left, top }) => `Zoom ${zoom}%. Frame ${left}% from the left, ${top}% from the top.`,
  usePhoto: 'Use this photo',
  chooseAnother: 'Choose another photo',
  cancel: 'Cancel',
  photoPreviewAlt: 'Your photo',
  photoReady: ({ width, height, size }) => `Photo ready: ${width} × ${height} pixels, ${size}.`,
  changePhoto: 'Change photo',
  remove: 'Remove',
  photoRemoved: 'Photo removed.',
  documentsLegend: 'Documents',
  documentsHint: 'The office asks for these documents. Photograph the original in good light, or choose a photo or PDF file.',
  documentHint: 'A photo (made smaller for you) or a PDF of 1 MB or less. Make sure all the writing can be read.',
  takeDocumentPhoto: 'Photograph it',
  preparingDocument: 'Preparing the document…',
  documentPreviewAlt: (kind) => `Preview of ${kind}`,
  imageSummary: (size) => `Photo, ${size}`,
  pdfSummary: ({ name, size }) => (name ? `PDF ${name}, ${size}` : `PDF, ${size}`),
  documentReady: (kind) => `${kind} ready.`,
  documentRemoved: (kind) => `${kind} removed.`,
  fileSize: (bytes) =>
    bytes < 1024 * 1024
      ? `${Math.max(1, Math.round(bytes / 1024))} KB`
      : `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`,
};
