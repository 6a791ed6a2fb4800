/*
 * Faults: applicants submit while about half of all requests fail as a bad network and a struggling server
 * fail them (connection resets, 500, 503 and 429 with Retry-After, requests that hang past the client's
 * timeout, replies lost after the server committed, 2xx replies that arrive garbled). Whoever is left with a
 * failure submits again later, as the form's outbox does. In the end every application is registered exactly
 * once, and every success an applicant was shown is a registration the server holds with that number.
 * 1. ≥ 1,000 submissions through the SDK client, in Node, against the reference handler behind the mocks'
 *    fault layer (src/mocks: the same one test/browser/client-faults.test.ts uses in the browser).
 * 2. ≥ 50 submissions through <ak1-form> (the built bundle) in chromium against npm start's server, with the
 *    faults injected by route interception; each applicant's application waits in the tab's outbox, as after
 *    a reload, and the applicant reloads until the form shows the done screen.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import type { Route } from 'playwright-core';
import { createAk1Client, Ak1Error } from '../../src/client/index.js';
import { createAk1Handlers, type Ak1MockFault } from '../../src/mocks/index.js';
import { seededRandom } from '../../src/mocks/random.js';
import type { Ak1Registration } from '../../src/schema/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { TODAY } from '../fixtures/application.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { launchBrowser, openPage, outboxApplication, recorded, registrationNumber, seedOutbox, startDemo, type Demo } from '../e2e/helpers.js';
import { figure } from './figures.js';

const SEED = Number(process.env.AK1_FAULTS_SEED ?? Date.now() % 2 ** 31);
const CLIENT_SUBMISSIONS = Number(process.env.AK1_FAULTS_CLIENT ?? 1_000);
const FORM_SUBMISSIONS = Number(process.env.AK1_FAULTS_FORM ?? 50);
const FAILURE_RATE = 0.5;
/** Flushes after the client has spent its retries: the outbox's resends on reconnect, reload or Kirim. */
const MAX_FLUSHES = 10;

/** msw's endless delay does not end when the request is aborted: the client's timeout ends the wait here. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '0'} %`;

describe('faults: nothing lost, nothing duplicated, never a false "terkirim"', () => {
  it(`${CLIENT_SUBMISSIONS.toLocaleString('en-US')} submissions through the SDK client under ${FAILURE_RATE * 100} % injected faults`, { timeout: 600_000 }, async (t) => {
    const endpoint = 'http://ak1.test/api/ak1';
    const store = createMemoryStore();
    const kinds: Ak1MockFault[] = ['network', 'unavailable', 'rate-limited', 'server-error', 'hang', 'lost-reply', 'garbled-reply'];
    const server = setupServer(
      ...createAk1Handlers({ endpoint, seed: SEED, store, now: () => new Date(`${TODAY}T03:00:00Z`), faults: { failureRate: FAILURE_RATE, kinds } }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const observed = new Map<string, number>();
      const keysByNik = new Map<string, Set<string>>();
      let requests = 0;
      let faults = 0;
      const note = (outcome: string, fault: boolean) => {
        observed.set(outcome, (observed.get(outcome) ?? 0) + 1);
        if (fault) faults++;
      };
      const client = createAk1Client({
        endpoint,
        today: TODAY,
        requiredDocuments: ['KTP'],
        // Long enough for the real handler on a loaded machine, short enough that the hangs cost little.
        timeoutMs: 1_000,
        random: seededRandom(SEED ^ 0x5eed),
        // Backoff and Retry-After are the client's business, tested elsewhere; here they are cut to 25 ms, which
        // still lets a request the handler is working on (409 request-in-progress) finish before the retry.
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 25))),
        fetch: async (url, init) => {
          requests++;
          // Registrations, and the client's `GET /challenge` before them (404 here: no proof of work required).
          if (init.method === 'POST') {
            const nik = (JSON.parse(String(init.body)) as { nik: string }).nik;
            const key = new Headers(init.headers).get('idempotency-key')!;
            keysByNik.set(nik, (keysByNik.get(nik) ?? new Set()).add(key));
          }
          let response: Response;
          try {
            const reply = await untilAborted(fetch(url, init), init.signal ?? undefined);
            // Read here and handed on as a plain Response: cancelling the body of msw/node's replies never
            // settles (the client cancels the body of a 404 from /challenge).
            response = new Response(await untilAborted(reply.arrayBuffer(), init.signal ?? undefined), reply);
          } catch (error) {
            note(init.signal?.aborted ? 'hang past the timeout' : 'reset or reply lost', true);
            throw error;
          }
          if (response.ok) {
            const garbled = await response
              .clone()
              .json()
              .then(() => false, () => true);
            note(garbled ? `${response.status} garbled` : String(response.status), garbled);
          } else {
            note(String(response.status), response.status >= 429);
          }
          return response;
        },
      });

      const shown = new Map<string, Ak1Registration>();
      const failures: string[] = [];
      let flushes = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < CLIENT_SUBMISSIONS) {
            const application = testApplicant(100_000 + next++);
            for (let round = 0; round <= MAX_FLUSHES; round++) {
              try {
                shown.set(application.nik, await client.submit(application));
                break;
              } catch (error) {
                if (!(error instanceof Ak1Error) || error.name === 'Ak1ConflictError' || error.name === 'Ak1ValidationError' || round === MAX_FLUSHES) {
                  failures.push(`${application.nik}: ${(error as Error).name} ${(error as Error).message}`);
                  break;
                }
                flushes++;
                await new Promise((resolve) => setTimeout(resolve, 100));
              }
            }
          }
        }),
      );

      const stored = await store.listRegistrations({ registrationDate: TODAY });
      const storedByNik = new Map<string, string[]>();
      for (const r of stored) storedByNik.set(r.application.nik, [...(storedByNik.get(r.application.nik) ?? []), r.registrationNumber]);
      const duplicated = [...storedByNik.values()].filter((numbers) => numbers.length > 1).length;
      const lost = CLIENT_SUBMISSIONS - shown.size;
      const falseSuccess = [...shown].filter(([nik, r]) => storedByNik.get(nik)?.[0] !== r.registrationNumber).length;
      const oneKey = [...keysByNik.values()].filter((keys) => keys.size === 1).length;

      figure(t, 'faults', 'client: submissions (seed)', `${CLIENT_SUBMISSIONS.toLocaleString('en-US')} (seed ${SEED})`);
      figure(t, 'faults', 'client: requests, of them faults', `${requests.toLocaleString('en-US')}, ${faults.toLocaleString('en-US')} (${percent(faults, requests)})`);
      figure(t, 'faults', 'client: requests by outcome', [...observed].sort().map(([s, n]) => `${s}: ${n}`).join(', '));
      figure(t, 'faults', 'client: flushes after the retries were spent', flushes);
      figure(t, 'faults', 'client: lost / duplicated / false success', `${lost} / ${duplicated} / ${falseSuccess}`);
      figure(t, 'faults', 'client: applicants whose every request had one key', `${oneKey} of ${keysByNik.size}`);

      assert.deepEqual(failures, []);
      assert.equal(lost, 0, 'lost');
      assert.equal(duplicated, 0, 'duplicated');
      assert.equal(falseSuccess, 0, 'a success shown without that registration stored');
      assert.equal(storedByNik.size, CLIENT_SUBMISSIONS);
      assert.equal(oneKey, CLIENT_SUBMISSIONS, 'one key per applicant');
      assert.ok(faults / requests >= 0.45, `injected faults: ${percent(faults, requests)}`);
      assert.ok((observed.get('200') ?? 0) > 0, 'replays answered lost or garbled replies');
    } finally {
      server.close();
    }
  });

  // Once open (issue 12): a registration whose done screen failed to appear (its chunk not fetched, or the device's
  // wipe throwing after the server's 201) was taken for a failure after the outbox had been wiped, so no reload sent
  // it again. The outbox now stays until the number is on the screen (test/e2e/reload.test.ts holds that case).
  it(`${FORM_SUBMISSIONS} submissions through <ak1-form> in chromium under ${FAILURE_RATE * 100} % injected faults`, { timeout: 900_000 }, async (t) => {
    // 50 registrations from one address would meet the per-address limit, which is flood.test.ts's business.
    process.env.AK1_LIMITS = 'off';
    const demo: Demo = await startDemo().finally(() => delete process.env.AK1_LIMITS);
    const browser = await launchBrowser();
    const random = seededRandom(SEED ^ 0xf0a3);
    const injected = new Map<string, number>();
    const injectedCount = () => [...injected.values()].reduce((sum, n) => sum + n, 0);
    let apiRequests = 0;
    let reloads = 0;
    let silentReloads = 0;
    const shown = new Map<string, string>();
    const problems: string[] = [];
    /** Each API request of the form: with FAILURE_RATE one of the faults below, else the server's own reply. */
    async function faulty(route: Route): Promise<void> {
      apiRequests++;
      // Drawn at random, but never letting the share fall far under FAILURE_RATE: 50 applicants make only
      // about 150 requests, too few for chance alone to keep it over 45 %.
      const behind = injectedCount() < FAILURE_RATE * apiRequests - 2;
      if (!behind && random() >= FAILURE_RATE) return route.continue();
      const kind = FORM_FAULTS[Math.floor(random() * FORM_FAULTS.length)]!;
      injected.set(kind, (injected.get(kind) ?? 0) + 1);
      switch (kind) {
        case 'connection reset':
          return route.abort('connectionreset');
        case '503 with Retry-After':
          return route.fulfill({
            status: 503,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
            body: JSON.stringify({ type: 'urn:ak1:problem:unavailable', title: 'unavailable', status: 503 }),
          });
        case 'reply lost after the commit': {
          await route.fetch();
          return route.abort('connectionreset');
        }
        case 'garbled 2xx': {
          const response = await route.fetch();
          const text = await response.text();
          const headers = { ...response.headers() };
          delete headers['content-length'];
          return route.fulfill({ status: response.status(), headers, body: text.slice(0, Math.floor(text.length / 2)) });
        }
      }
    }

    async function applicantSubmits(i: number): Promise<void> {
      const application = outboxApplication(200_000 + i);
      const nik = application.nik as string;
      const opened = await openPage(browser);
      const { page, context } = opened;
      try {
        // The application waits in the tab's outbox, as after "Kirim" and a reload; the form sends it on load.
        await seedOutbox(context, application);
        await page.route(/\/api\/ak1(\/challenge)?$/, faulty);
        await page.goto(`${demo.url}/`);
        for (let load = 0; ; load++) {
          const outcome = await page
            .waitForFunction(
              (errorsBefore) => {
                const seen = (window as unknown as { __ak1?: { step?: string; events: Array<{ type: string }> } }).__ak1;
                if (!seen) return false;
                if (seen.step === 'done') return 'done';
                return seen.events.filter((event) => event.type === 'ak1-error').length > errorsBefore ? 'error' : false;
              },
              0,
              { timeout: Number(process.env.AK1_FAULTS_FORM_WAIT ?? 20_000), polling: 100 },
            )
            .then((handle) => handle.jsonValue())
            .catch(async (error: Error) => {
              // Neither the number nor an ak1-error after 20 s: the applicant gives up waiting and reloads.
              if (load < MAX_FLUSHES) return 'silent';
              const seen = await recorded(page);
              const requests = opened.apiRequests.map((r) => `${r.method} ${new URL(r.url).pathname}`).join(', ');
              const log = demo.output().trim().split('\n').filter((line) => /^(GET|POST) \/api\//.test(line)).slice(-3).join(' | ');
              const text = await page.evaluate(() => (document.querySelector('ak1-form')?.shadowRoot?.querySelector('[role=alert], [role=status], .submission, form') as HTMLElement | null)?.innerText?.slice(0, 300) ?? '');
              throw new Error(`${error.message.split('\n')[0]}; shows ${JSON.stringify(text)}; steps ${seen.steps.join(' → ')}; events ${seen.events.map((e) => e.type).join(', ')}; requests ${requests}; server ${log}`);
            });
          if (outcome === 'done') {
            const number = await registrationNumber(page);
            shown.set(nik, number);
            const stored = demo.registrations(nik);
            if (stored.length !== 1 || stored[0]!.registration_number !== number) {
              problems.push(`${nik}: the done screen shows ${number}, the server holds ${stored.map((r) => r.registration_number).join(', ') || 'nothing'}`);
            }
            return;
          }
          if (load >= MAX_FLUSHES) {
            problems.push(`${nik}: still failing after ${load} reloads: ${(await recorded(page)).events.filter((e) => e.type === 'ak1-error').map((e) => e.detail).join(' | ')}`);
            return;
          }
          // The applicant sees the failure (or nothing for 20 s) and reloads; the form sends the outbox again.
          reloads++;
          if (outcome === 'silent') silentReloads++;
          await page.reload();
        }
      } finally {
        await context.close();
      }
    }

    const started = performance.now();
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: 3 }, async () => {
          while (next < FORM_SUBMISSIONS) {
            const i = next++;
            // One applicant's trouble is reported with the others', not in place of them.
            await applicantSubmits(i).catch((error: Error) => void problems.push(`applicant ${i}: ${error.message.split('\n')[0]}`));
          }
        }),
      );
    } finally {
      await browser.close();
      const rows = demo.registrations();
      await demo.stop();
      const byNik = new Map<string, number>();
      for (const row of rows) byNik.set(row.nik, (byNik.get(row.nik) ?? 0) + 1);
      const faults = [...injected.values()].reduce((sum, n) => sum + n, 0);
      figure(t, 'faults', 'form: submissions, wall time', `${FORM_SUBMISSIONS} in ${Math.round((performance.now() - started) / 1000)} s`);
      figure(t, 'faults', 'form: API requests, of them faults', `${apiRequests}, ${faults} (${percent(faults, apiRequests)})`);
      figure(t, 'faults', 'form: faults by kind', [...injected].sort().map(([k, n]) => `${k}: ${n}`).join(', '));
      figure(t, 'faults', 'form: reloads, of them after 20 s without an ak1-error or the number', `${reloads}, ${silentReloads}`);
      figure(
        t,
        'faults',
        'form: lost / duplicated / false "terkirim"',
        `${FORM_SUBMISSIONS - shown.size} / ${[...byNik.values()].filter((n) => n > 1).length} / ${problems.filter((p) => p.includes('done screen')).length}`,
      );
      assert.deepEqual(problems, []);
      assert.equal(shown.size, FORM_SUBMISSIONS, 'every applicant saw the done screen');
      assert.equal(byNik.size, FORM_SUBMISSIONS, 'every applicant is registered');
      assert.ok([...byNik.values()].every((n) => n === 1), 'no one registered twice');
      assert.ok(faults / apiRequests >= 0.45, `injected faults: ${percent(faults, apiRequests)}`);
    }
  });
});

/** What route interception can do to a request of the form (a hang would cost the form's 30 s timeout each). */
const FORM_FAULTS = ['connection reset', '503 with Retry-After', 'reply lost after the commit', 'garbled 2xx'] as const;
