import { html, nothing } from 'lit';
import { resolveLang, type Ak1DebugTexts, type Ak1SelfCheckId } from '../../i18n/index.js';
import { regionFile } from '../../regions/lookup.js';
import { probeEndpoint } from './endpoint.js';

/*
 * `debug` as a setup self-check: what a webmaster gets wrong when putting the form on a page, each checked the
 * way the form will use it, and reported in the page (a panel) and the console with what to change. It asks
 * the backend for its schedule (a GET that changes nothing) and sends one POST with the form's headers and an
 * empty body (it passes the CORS preflight or not; the backend refuses the body, so nothing is registered).
 * This module, its texts and these requests load only with `debug`.
 */

export type SelfCheckOutcome = 'passed' | 'failed' | 'skipped';

export interface SelfCheckResult {
  id: Ak1SelfCheckId;
  outcome: SelfCheckOutcome;
  /** What was asked and what came back (a URL, a status): data, not prose. */
  detail?: string;
}

export interface SelfCheckInput {
  /** The office's endpoint (undefined for a partner portal until the applicant's regency is known). */
  endpoint: string | undefined;
  /** The base URL of the region lists. */
  regionsUrl: string;
  /** Loads a chunk the form loads later (a step), as it will. */
  loadChunk: () => Promise<unknown>;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** Runs the self-check for the form: the panel says it is checking, then shows the results, as the console does. */
export async function selfCheck(input: SelfCheckInput & { lang: string | undefined; show(panel: unknown): void }) {
  const texts = resolveLang(input.lang) === 'en' ? (await import('../../i18n/en/debug.js')).enDebug : (await import('../../i18n/id/debug.js')).idDebug;
  input.show(renderSelfCheck(undefined, texts));
  const results = await runSelfCheck(input);
  logSelfCheck(results, texts);
  input.show(renderSelfCheck(results, texts));
}

export async function runSelfCheck(input: SelfCheckInput): Promise<SelfCheckResult[]> {
  const fetchImpl = input.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init));
  const violations: string[] = [];
  const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    const results: SelfCheckResult[] = [{ id: 'configuration', outcome: 'passed' }];
    results.push(...(await checkEndpoint(input.endpoint, fetchImpl)));
    results.push(await checkRegions(input.regionsUrl, fetchImpl));
    results.push(await checkChunks(input.loadChunk));
    // A violation reported while checking (it arrives as a task after the failure) goes with the chunks' result.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const chunks = results[results.length - 1]!;
    if (violations.length) chunks.detail = [chunks.detail, `CSP: ${violations.join('; ')}`].filter(Boolean).join('; ');
    return results;
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}

async function checkEndpoint(endpoint: string | undefined, fetchImpl: NonNullable<SelfCheckInput['fetch']>): Promise<SelfCheckResult[]> {
  const ids = ['endpointHttps', 'endpointReachable', 'endpointCors', 'endpointHeaders', 'availability'] as const;
  if (!endpoint) return ids.map((id) => ({ id, outcome: 'skipped', detail: 'districts: the endpoint follows the applicant’s regency' }));
  const url = new URL(endpoint.replace(/\/+$/, ''), location.href).href;
  const probe = await probeEndpoint(endpoint, { fetch: fetchImpl });
  const https = !(probe.kind === 'wrong' && probe.reason === 'not-https');
  const reachable = https && probe.kind !== 'unreachable' && probe.kind !== 'offline';
  const cors = reachable && !(probe.kind === 'wrong' && probe.reason === 'cors');
  const answers = cors && probe.kind === 'ok';
  const status = 'status' in probe && probe.status ? ` → ${probe.status}` : '';
  const results: SelfCheckResult[] = [
    { id: 'endpointHttps', outcome: https ? 'passed' : 'failed', detail: url },
    { id: 'endpointReachable', outcome: !https ? 'skipped' : reachable ? 'passed' : 'failed', detail: probe.kind === 'offline' ? 'offline' : undefined },
    { id: 'endpointCors', outcome: !reachable ? 'skipped' : cors ? 'passed' : 'failed', detail: cors ? undefined : `Origin ${location.origin}` },
  ];
  results.push({ id: 'endpointHeaders', outcome: cors ? await preflight(url, fetchImpl) : 'skipped', detail: `POST ${url}` });
  results.push({ id: 'availability', outcome: !cors ? 'skipped' : answers ? 'passed' : 'failed', detail: `GET ${url}/availability${status}` });
  return results;
}

/** A POST with the form's headers: the browser sends the preflight first and gives up when CORS refuses them. */
async function preflight(url: string, fetchImpl: NonNullable<SelfCheckInput['fetch']>): Promise<SelfCheckOutcome> {
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      // Not an application: refused by the backend, registers no one.
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel().catch(() => undefined);
    return 'passed';
  } catch {
    return 'failed';
  }
}

async function checkRegions(regionsUrl: string, fetchImpl: NonNullable<SelfCheckInput['fetch']>): Promise<SelfCheckResult> {
  const url = new URL(regionFile('regencies', '36'), new URL(regionsUrl.endsWith('/') ? regionsUrl : `${regionsUrl}/`, location.href)).href;
  try {
    const response = await fetchImpl(url, { credentials: 'omit', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return { id: 'regionLists', outcome: 'failed', detail: `GET ${url} → ${response.status}` };
    const list: unknown = await response.json();
    return { id: 'regionLists', outcome: Array.isArray(list) || (typeof list === 'object' && list !== null) ? 'passed' : 'failed', detail: url };
  } catch (error) {
    return { id: 'regionLists', outcome: 'failed', detail: `GET ${url}: ${(error as Error).name}` };
  }
}

async function checkChunks(loadChunk: () => Promise<unknown>): Promise<SelfCheckResult> {
  try {
    await loadChunk();
    return { id: 'chunks', outcome: 'passed' };
  } catch (error) {
    return { id: 'chunks', outcome: 'failed', detail: String((error as Error).message ?? error) };
  }
}

/** The results in the console: one line each, a failure as an error with its fix. */
export function logSelfCheck(results: readonly SelfCheckResult[], t: Ak1DebugTexts) {
  const failed = results.filter((result) => result.outcome === 'failed');
  console.info(`ak1-form: ${t.title}: ${t.summary(failed.length, results.length)}`);
  for (const result of results) {
    const { title, fix } = t.checks[result.id];
    const line = `ak1-form: ${t[result.outcome]}: ${title}${result.detail ? ` (${result.detail})` : ''}`;
    if (result.outcome === 'failed') console.error(`${line}. ${fix}`);
    else console.info(line);
  }
}

/** The panel at the top of the form, for the webmaster. */
export function renderSelfCheck(results: readonly SelfCheckResult[] | undefined, t: Ak1DebugTexts) {
  const failed = results?.filter((result) => result.outcome === 'failed').length ?? 0;
  return html`<section class="notice self-check" aria-labelledby="ak1-self-check-title">
    <h2 id="ak1-self-check-title" class="self-check-title">${t.title}</h2>
    <p>${t.intro}</p>
    ${results
      ? html`<p role="status"><strong>${t.summary(failed, results.length)}</strong></p>
          <ul class="self-check-list">
            ${results.map(
              (result) => html`<li data-check=${result.id} data-outcome=${result.outcome}>
                <strong>${t[result.outcome]}:</strong> ${t.checks[result.id].title}${result.detail ? html` <code>${result.detail}</code>` : nothing}
                ${result.outcome === 'failed' ? html`<br />${t.checks[result.id].fix}` : nothing}
              </li>`,
            )}
          </ul>`
      : html`<p role="status">${t.running}</p>`}
  </section>`;
}
