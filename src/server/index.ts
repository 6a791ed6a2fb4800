/**
 * `ak1-form/server`: the reference backend of the AK/I registration contract (`docs/openapi.yaml`), for
 * districts without developers of their own. One Fetch-API handler, two stores (SQLite and memory), and
 * what running it under Node takes. Importing this module touches no Node API: the handler, the memory
 * store and the token code also run in a browser, under the msw mocks. See docs/server.md.
 *
 * @packageDocumentation
 */
export { createAk1Handler, initials } from './handler.js';
export type { Ak1Handler, Ak1HandlerOptions, Ak1LogEntry, Ak1RequestInfo } from './handler.js';
export { ak1DemoDistrict, DEFAULT_NUMBER_PATTERN, DEFAULT_WINDOWS, DEFAULT_HORIZON_DAYS, DEFAULT_CAPACITY_PER_DAY } from './district.js';
export type { Ak1DistrictOptions, Ak1DistrictCardOptions, Ak1VisitWindow } from './district.js';
export { INDONESIAN_HOLIDAYS, ak1NationalHolidays, ak1HolidayWarning } from './holidays.js';
export type { Ak1Holiday, Ak1HolidayYear } from './holidays.js';
export { compileNumberPattern } from './numbering.js';
export type { NumberParts, NumberFormatter } from './numbering.js';
export { createMemoryStore } from './memory-store.js';
export { createSqliteStore, backupSqliteDatabase, restoreSqliteDatabase } from './sqlite-store.js';
export type { SqliteStoreOptions, Ak1SqliteCopy } from './sqlite-store.js';
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
export { Ak1StoreUnavailableError, isActive, withoutAttachments, compareForExport } from './store.js';
export type {
  Ak1Store,
  Ak1RegisterRequest,
  Ak1RegisterOutcome,
  Ak1StoredRegistration,
  Ak1ExportedRegistration,
  Ak1ExportFilter,
  Ak1StoredRecord,
  Ak1ExpiryDue,
  Ak1IpkSource,
  Ak1StoredHistoryEntry,
  Ak1RecordUpdate,
  Ak1UpdateDecision,
  Ak1UpdateOutcome,
  Ak1OfficerStore,
  Ak1StoredOfficer,
  Ak1StoredSession,
} from './store.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, Ak1SchemaTooNewError } from './migrations/index.js';
export type { Ak1MigrationIntent } from './migrations/index.js';
export { chooseAppointment, slotRange } from './calendar.js';
export type { Ak1Slot, Ak1BookingCount, Ak1BookedVisit } from './calendar.js';
export { generateSigningKey } from './tokens.js';
export type { Ak1SigningKey, Ak1PublicJwk } from './tokens.js';
export { toNodeListener, loadOrCreateSigningKey } from './node.js';
export { loadOrCreateSigningKeys, readKeyRing, rotateSigningKey } from './key-file.js';
export type { Ak1KeyRing, Ak1KeyRingEntry } from './key-file.js';
export type { NodeIncomingMessage, NodeServerResponse } from './node.js';
export { DEFAULT_LIMITS } from './abuse/index.js';
export type { Ak1Limits, Ak1RateLimit, Ak1ProofOfWorkOptions, Ak1Challenge } from './abuse/index.js';
export { createScryptHasher, createWebCryptoHasher, Ak1HasherBusyError } from './office/passwords.js';
export type { Ak1PasswordHasher, Ak1ScryptOptions, Ak1WebCryptoHasherOptions } from './office/passwords.js';
export {
  addOfficer,
  resetPassword,
  resetTotp,
  disableOfficer,
  enableOfficer,
  listOfficers,
  generateOneTimePassword,
  Ak1AccountError,
} from './office/accounts.js';
export type { Ak1NewOfficer, Ak1NewOfficerResult, Ak1OfficerListing } from './office/accounts.js';
export { generateTotpSecret, otpauthUri, totpCode } from './office/totp.js';
export type { Ak1OfficeOptions } from './office/auth.js';
export { PROBLEMS } from './http.js';
export type { ProblemName } from './http.js';
