import { html, nothing } from 'lit';
import type { Ak1JourneyTexts } from '../../i18n/index.js';
import type { SubmitState } from './step-host.js';

/*
 * Is the endpoint an ak1 backend this page may talk to? Asked early (once the applicant leaves the first
 * step), so a wrong `endpoint` is found before the applicant has typed six steps for nothing, and again when a
 * submission fails without a reply, to tell a failure that may cure itself (offline, the backend briefly down)
 * from one that never will (a wrong path, CORS refusing this page). One cheap request: `GET {endpoint}/availability`
 * with no range, which every backend answers and which changes nothing. Loaded only when needed, with the
 * notice it gives the applicant.
 */

/** What the probe found. `wrong` never cures itself: the webmaster has to change something. */
export type EndpointProbe =
  | { kind: 'ok' }
  /** The device has no connection: nothing can be said about the endpoint. */
  | { kind: 'offline' }
  /** No reply at all while the device is online: the backend may be down for a while, or the host name wrong. */
  | { kind: 'unreachable' }
  /** A reply saying the backend is busy or failing (5xx, 429): it may answer later. */
  | { kind: 'busy'; status: number }
  | { kind: 'wrong'; reason: EndpointWrongReason; status?: number };

/**
 * - `not-https`: an `http:` endpoint that is not on this device (browsers block it from an https page, and the
 *   applicant's answers would cross the network unencrypted);
 * - `not-found`: the backend's server answers, but not as an ak1 backend at that path (404, 405, 410);
 * - `refused`: 401 or 403, a gateway in front of the backend refuses the form;
 * - `cors`: the server answers (a no-cors request gets through) but the browser may not read its reply:
 *   CORS does not allow this page's origin.
 */
export type EndpointWrongReason = 'not-https' | 'not-found' | 'refused' | 'cors';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The form's checks of its endpoints: each asked once, unless the answer was only "not now" (offline, busy,
 * unreachable); a wrong one is kept for the form to tell the applicant, and logged once for the webmaster.
 */
export class EndpointChecks {
  /** The endpoint found wrong, if any. */
  wrong: string | undefined;
  private readonly probes = new Map<string, Promise<EndpointProbe>>();

  constructor(private readonly host: { requestUpdate(): void }) {}

  check(endpoint: string, fresh = false): Promise<EndpointProbe> {
    let pending = fresh ? undefined : this.probes.get(endpoint);
    if (!pending) {
      pending = probeEndpoint(endpoint).then((probe) => {
        if (probe.kind !== 'ok' && probe.kind !== 'wrong') this.probes.delete(endpoint);
        if (probe.kind === 'wrong' && this.wrong !== endpoint) console.error(describeWrongEndpoint(endpoint, probe));
        const wrong = probe.kind === 'wrong' ? endpoint : probe.kind === 'ok' && this.wrong === endpoint ? undefined : this.wrong;
        if (wrong !== this.wrong) {
          this.wrong = wrong;
          this.host.requestUpdate();
        }
        return probe;
      });
      this.probes.set(endpoint, pending);
    }
    return pending;
  }

  /** The applicant's notice while the office's endpoint is wrong (unless a failed Kirim says it already). */
  renderNotice(endpoint: string | undefined, j: Ak1JourneyTexts | undefined, state: SubmitState | undefined) {
    const saidAtSubmit = state?.kind === 'failed' && state.code === 'endpoint';
    return j && endpoint && this.wrong === endpoint && !saidAtSubmit
      ? html`<div class="notice warning" role="alert"><p>${j.review.failed.endpoint}</p></div>`
      : nothing;
  }
}

export async function probeEndpoint(endpoint: string, options: { fetch?: Fetch; timeoutMs?: number; pageUrl?: string } = {}): Promise<EndpointProbe> {
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.pageUrl ?? globalThis.location?.href;
  let url: URL;
  try {
    url = new URL(`${endpoint.replace(/\/+$/, '')}/availability`, base);
  } catch {
    return { kind: 'wrong', reason: 'not-found' };
  }
  if (url.protocol === 'http:' && !isLocal(url.hostname)) return { kind: 'wrong', reason: 'not-https' };
  const init = (mode: RequestMode): RequestInit => ({
    mode,
    credentials: 'omit',
    cache: 'no-store',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  let response: Response;
  try {
    response = await fetchImpl(url.href, init('cors'));
  } catch {
    if (isOffline()) return { kind: 'offline' };
    // No readable reply. If an opaque request gets one, the server is there and CORS may be what refuses us;
    // asked once more with CORS, so that one dropped connection is not taken for a refusal.
    try {
      await fetchImpl(url.href, init('no-cors'));
    } catch {
      // The connection may have dropped while we asked.
      return isOffline() ? { kind: 'offline' } : { kind: 'unreachable' };
    }
    try {
      response = await fetchImpl(url.href, init('cors'));
    } catch {
      return isOffline() ? { kind: 'offline' } : { kind: 'wrong', reason: 'cors' };
    }
  }
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status === 404 || status === 405 || status === 410) return { kind: 'wrong', reason: 'not-found', status };
  if (status === 401 || status === 403) return { kind: 'wrong', reason: 'refused', status };
  if (status >= 500 || status === 429) return { kind: 'busy', status };
  return { kind: 'ok' };
}

function isOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}

function isLocal(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]';
}

/** For the webmaster, in the console: what is wrong with `endpoint` and what to change. */
export function describeWrongEndpoint(endpoint: string, probe: Extract<EndpointProbe, { kind: 'wrong' }>, origin = globalThis.location?.origin): string {
  const start = `ak1-form: the endpoint "${endpoint}" cannot take registrations from this page`;
  switch (probe.reason) {
    case 'not-https':
      return `${start}: it is http:, not https:. Set the endpoint attribute to the backend's https:// address.`;
    case 'not-found':
      return `${start}: GET ${endpoint}/availability answered ${probe.status ?? 'with an error'}, so no ak1 backend is at that path. Set the endpoint attribute to the backend's base path (the one that has /availability under it, e.g. https://disnaker.example.go.id/api/ak1).`;
    case 'refused':
      return `${start}: GET ${endpoint}/availability answered ${probe.status}. A gateway or login in front of the backend refuses the form; the backend's public paths must be open to anyone.`;
    case 'cors':
      return `${start}: the server answers, but its CORS headers do not allow this page's origin (${origin}). Add ${origin} to the backend's allowed origins (corsOrigins of the reference server).`;
  }
}
