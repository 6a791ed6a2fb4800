export { ak1ApplicationSchema, validateApplication } from './validate.js';
export type { ValidationResult } from './validate.js';
export { applicationRules, DEFAULT_MIN_AGE } from './rules.js';
export type { ValidationOptions, RegionCheck } from './rules.js';
export type { Ak1Application, Ak1ApplicationInput } from './types.js';
export { AK1_MESSAGE_KEYS, AK1_WARNING_KEYS } from './messages.js';
export type { Ak1MessageKey, Ak1WarningKey, Ak1Issue, Ak1Warning } from './messages.js';
export * from './codes.js';
export { LIMITS } from './limits.js';
export { withoutUndefined } from './objects.js';
export { normalizePhone, formatPhone } from './phone.js';
export { dottedTime, dottedTimeRange } from './clock.js';
export { decodedLength, matchesMediaType, APPLICATION_FIELD_NAMES } from './application.js';
export type { ApplicationField } from './application.js';
export { nameCodePoints, textCodePoints, isNameText, isPrintableText } from './characters.js';
export { addMonths, addDays, datesFrom, cardDates, calendarDate, isCalendarDate, DEFAULT_TIME_ZONE } from './dates.js';
export {
  ak1RegistrationSchema,
  ak1AppointmentSchema,
  ak1AvailabilitySchema,
  ak1VerificationSchema,
  ak1ProblemSchema,
  ak1KeySetSchema,
} from './registration.js';
export type { Ak1Registration, Ak1RegistrationStatus, Ak1Appointment, Ak1Availability, Ak1Verification, Ak1Problem, Ak1KeySet } from './registration.js';
export { ak1ConfigSchema, ak1DistrictSchema } from './config.js';
export type { Ak1Config, Ak1District } from './config.js';
export { canonicalJson } from './canonical.js';
export { AK1_PROBLEM_STATUS, AK1_PROBLEM_TYPES, AK1_PROBLEM_PREFIX } from './problems.js';
export type { Ak1ProblemType } from './problems.js';
export {
  IDEMPOTENCY_KEY_PATTERN,
  isIdempotencyKey,
  MAX_AVAILABILITY_DAYS,
  daysInRange,
  BODY_GRACE_MS,
  BODY_MIN_BYTES_PER_SECOND,
  bodyDeadlineMs,
  MAX_TOKEN_LENGTH,
  VERIFICATION_TOKEN_PATTERN,
  isTokenShaped,
  AK1_REQUEST_HEADERS,
  AK1_EXPOSED_HEADERS,
} from './protocol.js';
export {
  ACTIVE_STATUSES,
  SIGNED_STATUSES,
  STATUS_TRANSITIONS,
  OFFICER_ROLES,
  HISTORY_EVENTS,
  OFFICE_ACTIONS,
  OFFICE_ACTION_RULES,
  REASON_CODES,
  REASON_DEFAULT_PATHS,
  mayTake,
  refusalOf,
  isActiveStatus,
  ak1ReasonSchema,
  ak1FieldChangeSchema,
  ak1HistoryEntrySchema,
} from './lifecycle.js';
export type {
  Ak1OfficerRole,
  Ak1HistoryEvent,
  Ak1OfficeAction,
  Ak1ActionRule,
  Ak1ReasonCode,
  Ak1Reason,
  Ak1FieldChange,
  Ak1HistoryEntry,
} from './lifecycle.js';
export {
  OFFICER_USERNAME_PATTERN,
  NIP_PATTERN,
  MIN_PASSWORD_LENGTH,
  MAX_PASSWORD_LENGTH,
  ak1OfficerSchema,
  ak1LoginRequestSchema,
  ak1LoginReplySchema,
  ak1PasswordChangeSchema,
  ak1RegistrationSummarySchema,
  ak1RegistrationListSchema,
  ak1SearchRequestSchema,
  ak1OfficeRegistrationSchema,
  ak1OfficeRecordSchema,
  ak1ReportSchema,
  ak1OfficeActionRequestSchema,
  ak1OfficeActionReplySchema,
  ak1AuditSchema,
  ak1OfficeSettingsSchema,
} from './office.js';
export type {
  Ak1Officer,
  Ak1LoginRequest,
  Ak1LoginReply,
  Ak1PasswordChange,
  Ak1RegistrationSummary,
  Ak1OfficeRegistration,
  Ak1OfficeRecord,
  Ak1Report,
  Ak1OfficeActionRequest,
  Ak1OfficeActionReply,
  Ak1Audit,
  Ak1OfficeSettings,
} from './office.js';
export {
  ACCESS_CODE_PATTERN,
  SELF_ACTION_RULES,
  selfActionAllowed,
  ak1SelfLookupRequestSchema,
  ak1SelfRegistrationSchema,
  ak1SelfLookupReplySchema,
  ak1SelfCorrectionRequestSchema,
  ak1SelfRescheduleRequestSchema,
  ak1SelfCancelRequestSchema,
  ak1SelfReportRequestSchema,
  ak1SelfActionReplySchema,
} from './self.js';
export type {
  Ak1SelfAction,
  Ak1SelfLookupRequest,
  Ak1SelfRegistration,
  Ak1SelfLookupReply,
  Ak1SelfCorrectionRequest,
  Ak1SelfRescheduleRequest,
  Ak1SelfCancelRequest,
  Ak1SelfReportRequest,
  Ak1SelfActionReply,
} from './self.js';
export {
  IPK_AGE_GROUPS,
  IPK_JOB_GROUPS,
  REPORT_MONTH_PATTERN,
  ak1IpkRowSchema,
  ak1IpkJobGroupRowSchema,
  ak1IpkReportSchema,
  ak1DailyReportSchema,
  ak1DailyReportDaySchema,
  ak1OfficeSummarySchema,
  ak1OpeningBalanceSchema,
  ak1OpeningBalanceReplySchema,
} from './reports.js';
export type { Ak1IpkRow, Ak1IpkJobGroupRow, Ak1IpkReport, Ak1DailyReport, Ak1DailyReportDay, Ak1DailyFunnel, Ak1OfficeSummary, Ak1OpeningBalance, Ak1OpeningBalanceReply } from './reports.js';
