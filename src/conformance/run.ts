import { DEFAULT_TIME_ZONE } from '../schema/index.js';
import { CONFORMANCE_CHECKS, type ConformanceCheckDefinition } from './checks.js';
import { CheckFailure, createCheckContext, describeError, type CheckContext } from './context.js';
import { createOfficeContext, OFFICE_CHECKS, type ConformanceOfficer } from './office-checks.js';
import { cancelMade } from './self-checks.js';

/*
 * Checks a backend against the contract of docs/openapi.yaml, over plain HTTP, and says for every check
 * what was expected and what came back. It registers a few test applicants (see fixtures.ts: their NIKs
 * cannot be anyone's) and cancels them at the end through `/self/cancel` with their access codes; run it against a
 * staging backend all the same.
 * The checks are in checks.ts, one entry each; what they share is in context.ts.
 */

export interface ConformanceOptions {
  /** The backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1`. */
  endpoint: string;
  /** Default: the global `fetch`, looked up at each request. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** The site origin the backend must allow by CORS. Default: the endpoint's origin. */
  origin?: string;
  /** The district's time zone, for the month rules. Default Asia/Jakarta. */
  timeZone?: string;
  /** Each request's limit. Default 15 000. */
  timeoutMs?: number;
  /** A number in [0, 1) to pick the test applicants. Default `Math.random`. */
  random?: () => number;
  /**
   * An officer's account (a petugas or a Pengantar Kerja, without a second factor and with its one-time password
   * already changed): adds the office's checks. Its password goes to the backend only.
   */
  officer?: ConformanceOfficer;
}

export interface ConformanceCheck {
  /** Stable id, e.g. `replay`. */
  id: string;
  /** What the check asks of the backend. */
  title: string;
  passed: boolean;
  /** Why it passed or failed: what was sent and what came back. */
  detail: string;
}

export interface ConformanceReport {
  endpoint: string;
  origin: string;
  checks: ConformanceCheck[];
  /** True only when every check passed. */
  passed: boolean;
  /**
   * What became of the test registrations the run made: each is cancelled at the end through `/self/cancel` with
   * its access code (not a check: a backend without `/self` fails the self checks and keeps them).
   */
  cleanup: string;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const origin = options.origin ?? new URL(endpoint).origin;
  const context = createCheckContext({
    endpoint,
    origin,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    timeoutMs: options.timeoutMs ?? 15_000,
    random: options.random ?? Math.random,
    fetch: options.fetch,
  });
  const checks: ConformanceCheck[] = [];
  // One at a time: checks that run at once would make a backend's own concurrency limits part of the result.
  for (const check of CONFORMANCE_CHECKS) checks.push(await runCheck(check, context));
  if (options.officer) {
    const office = createOfficeContext(context, options.officer);
    for (const check of OFFICE_CHECKS) checks.push(await runCheck({ ...check, run: (c) => check.run(c, office) }, context));
  }
  const cleanup = await cancelMade(context).catch((error: unknown) => `not done: ${describeError(error)}`);
  return { endpoint, origin, checks, passed: checks.every((c) => c.passed), cleanup };
}

async function runCheck(check: ConformanceCheckDefinition, context: CheckContext): Promise<ConformanceCheck> {
  const title = check.title(context);
  try {
    return { id: check.id, title, passed: true, detail: await check.run(context) };
  } catch (error) {
    const detail = error instanceof CheckFailure ? error.message : `the check itself failed: ${describeError(error)}`;
    return { id: check.id, title, passed: false, detail };
  }
}

/** The report as text: one line per check, PASS or FAIL and why, then the totals. */
export function formatConformanceReport(report: ConformanceReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = [`ak1-form conformance: ${report.endpoint} (origin ${report.origin})`, ''];
  for (const c of report.checks) {
    lines.push(`${c.passed ? 'PASS' : 'FAIL'}  ${c.id.padEnd(width)}  ${c.title}`);
    lines.push(`${' '.repeat(6 + width + 2)}${c.detail}`);
  }
  const failed = report.checks.filter((c) => !c.passed).length;
  lines.push('', `${report.checks.length} checks: ${report.checks.length - failed} passed, ${failed} failed`);
  if (report.cleanup) lines.push(`Test registrations: ${report.cleanup}`);
  return lines.join('\n');
}
