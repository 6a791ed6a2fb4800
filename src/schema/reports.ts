import * as z from 'zod/mini';
import { EDUCATION_LEVELS, SEXES } from './codes.js';

/*
 * The monthly IPK (Informasi Pasar Kerja) job-seeker tables (design.md, "Reports"): the reply of
 * `GET {endpoint}/office/reports/ipk?month=YYYY-MM`. The reference server counts them (server/reports/ipk.ts),
 * `createAk1OfficeClient` validates the reply with this (replies are untrusted input too) and docs/openapi.yaml is
 * generated from it. Groups are strings rather than closed lists, so that a backend one release ahead (a new
 * education level) still parses; the conformance check holds a backend to the lists below.
 */

/** The age bands of the IPK tables, at the month's end. Anyone younger than 15 (the form does not allow it) counts in the first. */
export const IPK_AGE_GROUPS = ['15-19', '20-29', '30-44', '45-54', '55+'] as const;
/** The KBJI 2014 major groups (first digit of the code; 0 is the armed forces), and `-` for a position without a code. */
export const IPK_JOB_GROUPS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-'] as const;

/** `YYYY-MM`. */
export const REPORT_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const count = z.int().check(z.gte(0));
const group = z.string().check(z.regex(/^[A-Za-z0-9_+-]{1,32}$/));

/** One row of a table: a group and a sex, with start + registered − placed − removed = end. */
export const ak1IpkRowSchema = z.object({
  group,
  sex: z.enum(SEXES),
  /** On the books when the month began (sisa bulan lalu). */
  start: count,
  /** Signed in the month (terdaftar). */
  registered: count,
  /** Placed in the month (ditempatkan). */
  placed: count,
  /** Expired or cancelled after signing, in the month (dihapuskan). */
  removed: count,
  /** On the books when the month ended. */
  end: count,
});
export type Ak1IpkRow = z.output<typeof ak1IpkRowSchema>;

export const ak1IpkJobGroupRowSchema = z.object({
  group,
  sex: z.enum(SEXES),
  registered: count,
});
export type Ak1IpkJobGroupRow = z.output<typeof ak1IpkJobGroupRowSchema>;

/** A table holds a row per group and sex: a few dozen, never thousands. */
const MAX_ROWS = 200;

export const ak1IpkReportSchema = z.object({
  month: z.string().check(z.regex(REPORT_MONTH_PATTERN)),
  /** By age band at the month's end, and sex. */
  byAge: z.array(ak1IpkRowSchema).check(z.maxLength(MAX_ROWS)),
  /** By highest education level, and sex. */
  byEducation: z.array(ak1IpkRowSchema).check(z.maxLength(MAX_ROWS)),
  /** Registered in the month, by the KBJI major group of the first position sought (`-`: no code), and sex. */
  byJobGroup: z.array(ak1IpkJobGroupRowSchema).check(z.maxLength(MAX_ROWS)),
});
export type Ak1IpkReport = z.output<typeof ak1IpkReportSchema>;

/**
 * `GET {endpoint}/office/reports/summary`: the few numbers the office's home screen shows besides the day's queue.
 * `karirhubPending`: signed cards (status SIGNED) not yet entered in Karirhub (no `karirhub` action taken).
 */
export const ak1OfficeSummarySchema = z.object({
  karirhubPending: count,
});
export type Ak1OfficeSummary = z.output<typeof ak1OfficeSummarySchema>;

/** One group and sex of the opening balance: paper-era card holders still on the books. */
const openingRow = z.object({ group, sex: z.enum(SEXES), count: z.int().check(z.gte(0), z.lte(1_000_000)) });

/**
 * The opening balance an admin enters once (design.md, "Decisions": Reports): the holders of paper-era cards on the
 * books when the office began counting in `month`, per group and sex, by age band and by education level. The IPK
 * tables add them to that month's start and carry them forward to every later month (they never appear as
 * registered, placed or removed: their cards are not in the system). Each group and sex at most once.
 */
export const ak1OpeningBalanceSchema = z
  .object({
    month: z.string().check(z.regex(REPORT_MONTH_PATTERN)),
    byAge: z.array(openingRow).check(z.maxLength(MAX_ROWS)),
    byEducation: z.array(openingRow).check(z.maxLength(MAX_ROWS)),
  })
  .check(
    z.refine(
      (balance) =>
        balance.byAge.every((row) => (IPK_AGE_GROUPS as readonly string[]).includes(row.group)) &&
        balance.byEducation.every((row) => (EDUCATION_LEVELS as readonly string[]).includes(row.group)),
      { message: 'group.unknown' },
    ),
    z.refine(
      (balance) => [balance.byAge, balance.byEducation].every((rows) => new Set(rows.map((row) => `${row.group}|${row.sex}`)).size === rows.length),
      { message: 'group.twice' },
    ),
  );
export type Ak1OpeningBalance = z.output<typeof ak1OpeningBalanceSchema>;

/** `GET {endpoint}/office/reports/opening-balance`: the balance in force, if an admin has entered one. */
export const ak1OpeningBalanceReplySchema = z.object({ openingBalance: z.optional(ak1OpeningBalanceSchema) });
export type Ak1OpeningBalanceReply = z.output<typeof ak1OpeningBalanceReplySchema>;

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** One day of `GET {endpoint}/office/reports/daily`. */
export const ak1DailyReportDaySchema = z.object({
  date: day,
  /** An office day on the district's calendar (not a weekend or a closed date), whether past or still to come. */
  open: z.boolean(),
  /** Visits the day holds at most (0 on a closed day). */
  capacity: count,
  /** Registrations submitted that day, on the district's clock. */
  registered: count,
  /** Visits held for that day, not cancelled. */
  booked: count,
  /** Visits of that day checked in at the counter. */
  checkedIn: count,
});
export type Ak1DailyReportDay = z.output<typeof ak1DailyReportDaySchema>;

/**
 * The month's status funnel: of the visits held for the month's days (cancelled ones left out), how many are
 * checked in, and how far they went since, by their status now.
 */
export const ak1DailyFunnelSchema = z.object({
  /** Visits held for a day of the month, not cancelled. */
  booked: count,
  /** Of those, checked in at the counter. */
  arrived: count,
  /** Of those, verified or further (VERIFIED, SIGNED, PLACED, EXPIRED). */
  verified: count,
  /** Of those, signed or further (SIGNED, PLACED, EXPIRED). */
  signed: count,
  /** Of those, placed. */
  placed: count,
});
export type Ak1DailyFunnel = z.output<typeof ak1DailyFunnelSchema>;

/** `GET {endpoint}/office/reports/daily?month=YYYY-MM`: every day of the month, for the office's chart. */
export const ak1DailyReportSchema = z.object({
  month: z.string().check(z.regex(REPORT_MONTH_PATTERN)),
  days: z.array(ak1DailyReportDaySchema).check(z.maxLength(31)),
  funnel: ak1DailyFunnelSchema,
});
export type Ak1DailyReport = z.output<typeof ak1DailyReportSchema>;
