import type { Ak1Route } from '../router.js';
import { availability } from './availability.js';
import { challenge } from './challenge.js';
import { exportRegistrations, officeExport } from './export.js';
import { keys } from './keys.js';
import { changePassword, login, logout } from './office-session.js';
import { officeAudit } from './office-audit.js';
import { officeDailyReport, officeIpkReport, officeKarirhubExport, officeOpeningBalance, officeSummary, setOfficeOpeningBalance } from './office-reports.js';
import { listOfficeRegistrations, officeAction, officeRecord, searchOfficeRegistrations } from './office-registrations.js';
import { officeSettings } from './office-settings.js';
import { register } from './register.js';
import { selfCancel, selfCorrection, selfLookup, selfReport, selfReschedule } from './self.js';
import { verify, verifyPage } from './verify.js';

/**
 * Every route of the reference backend. Paths are under `endpointPath` unless `base: 'public'` (under the
 * public site's path). A new route is a file in this folder and a row here; docs/server.md lists them.
 */
export const ROUTES: readonly Ak1Route[] = [
  { method: 'POST', path: '', handle: register, limit: 'registrations' },
  { method: 'GET', path: '/challenge', handle: challenge },
  { method: 'GET', path: '/availability', handle: availability },
  { method: 'GET', path: '/verify/*token', handle: verify },
  { method: 'GET', path: '/keys', handle: keys },
  // The export is for the office's own tools, never for scripts on other sites.
  { method: 'GET', path: '/export.csv', handle: exportRegistrations, cors: false },
  { method: 'POST', path: '/office/login', handle: login },
  { method: 'POST', path: '/office/logout', handle: logout },
  { method: 'POST', path: '/office/password', handle: changePassword },
  { method: 'GET', path: '/office/registrations', handle: listOfficeRegistrations },
  { method: 'POST', path: '/office/registrations/search', handle: searchOfficeRegistrations },
  // `*number`: a district's number pattern may hold `/` (sent as %2F or as it is).
  { method: 'POST', path: '/office/registrations/*number/actions', handle: officeAction },
  { method: 'GET', path: '/office/registrations/*number', handle: officeRecord },
  { method: 'GET', path: '/office/audit', handle: officeAudit },
  { method: 'GET', path: '/office/reports/ipk', handle: officeIpkReport },
  { method: 'GET', path: '/office/reports/daily', handle: officeDailyReport },
  { method: 'GET', path: '/office/reports/summary', handle: officeSummary },
  { method: 'GET', path: '/office/reports/karirhub.csv', handle: officeKarirhubExport },
  { method: 'GET', path: '/office/reports/opening-balance', handle: officeOpeningBalance },
  { method: 'POST', path: '/office/reports/opening-balance', handle: setOfficeOpeningBalance },
  { method: 'GET', path: '/office/settings', handle: officeSettings },
  { method: 'GET', path: '/office/export.csv', handle: officeExport },
  { method: 'POST', path: '/self/lookup', handle: selfLookup },
  { method: 'POST', path: '/self/correction', handle: selfCorrection },
  { method: 'POST', path: '/self/reschedule', handle: selfReschedule },
  { method: 'POST', path: '/self/cancel', handle: selfCancel },
  { method: 'POST', path: '/self/report', handle: selfReport },
  { method: 'GET', path: '/verify/*token', base: 'public', handle: verifyPage },
];
