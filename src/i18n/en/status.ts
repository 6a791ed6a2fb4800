import type { Ak1StatusTexts } from '../types.js';

/** A registration's status in English; a status this version does not know has its own text where it is shown. */
export const enStatus: Ak1StatusTexts = {
  RECEIVED: 'Sent, awaiting verification',
  NEEDS_CORRECTION: 'Needs correction',
  VERIFIED: 'Verified',
  SIGNED: 'Card valid',
  PLACED: 'Employed',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  EXPIRED: 'No longer valid',
};
