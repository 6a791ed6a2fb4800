import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, type Ak1HandlerOptions } from '../../src/server/index.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { ROOT, launchBrowser, openPage, recorded, startDemo, waitForStep, type Demo } from '../e2e/helpers.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 8: the portal page was served without a CSP and without `frame-ancestors` (any site could
 * frame it), and `npm start` listened on every interface. Now every page the server makes carries the strict
 * CSP of docs/component.md (the verification page a stricter one) with `frame-ancestors` ('none' unless the
 * district lists its portals) and `nosniff`; the demo pages keep working under it in chromium; and `npm start`
 * listens on 127.0.0.1 unless HOST says otherwise.
 */

const ORIGIN = 'http://localhost:8080';
const PAGES = ['/', '/en.html', '/themed.html', '/partner.html', '/strict-csp.html', '/hostile.html'];
const built = existsSync(join(ROOT, 'dist/server/index.js')) && existsSync(join(ROOT, 'dist/cdn/ak1-form.js'));

function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0]!, part.slice(part.indexOf(' ') + 1)]),
  );
}

interface FramingSite {
  origin: string;
  close(): Promise<void>;
}

/** A site whose page frames `?target=`, listening on `host`. */
function framingSite(host: string): Promise<FramingSite> {
  const server = createServer((request, response) => {
    const target = new URL(request.url ?? '/', 'http://x').searchParams.get('target') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>framing</title><iframe src="${target.replace(/["<>&]/g, '')}"></iframe>`);
  });
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://${host}:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function handler(options: Partial<Ak1HandlerOptions> = {}) {
  return createAk1Handler({
    store: createMemoryStore(),
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: ['https://serangkab.go.id'],
    exportToken: 'token',
    now: () => new Date('2026-11-28T02:00:00Z'),
    ...options,
  } as Ak1HandlerOptions);
}

describe('item 8: the handler’s pages and replies', () => {
  it('the verification page forbids framing by default, and allows exactly the portals frameAncestors names', async () => {
    const closed = await handler()(new Request(`${ORIGIN}/verify/a.b.c`));
    assert.equal(directives(closed.headers.get('content-security-policy')).get('frame-ancestors'), "'none'");
    assert.equal(closed.headers.get('x-content-type-options'), 'nosniff');
    const open = await handler({ frameAncestors: ['https://portal.serangkab.go.id', 'https://*.serangkab.go.id'] })(
      new Request(`${ORIGIN}/verify/a.b.c`),
    );
    const policy = directives(open.headers.get('content-security-policy'));
    assert.equal(policy.get('frame-ancestors'), 'https://portal.serangkab.go.id https://*.serangkab.go.id');
    assert.equal(policy.get('default-src'), "'none'");
    for (const bad of ["https://a.example; script-src 'unsafe-inline'", '*', 'javascript:', 'https://a.example/path', '']) {
      assert.throws(() => handler({ frameAncestors: [bad] }), TypeError, bad);
    }
  });

  it('every kind of reply has X-Content-Type-Options: nosniff', async () => {
    const handle = handler();
    const register = await handle(
      new Request(`${ORIGIN}/api/ak1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'item-8' },
        body: JSON.stringify(testApplicant(8)),
      }),
    );
    const token = (await register.clone().json()).verification.token as string;
    const replies: Record<string, Response> = {
      'POST 201': register,
      'GET availability': await handle(new Request(`${ORIGIN}/api/ak1/availability`)),
      'GET availability?from=abc': await handle(new Request(`${ORIGIN}/api/ak1/availability?from=abc`)),
      'GET keys': await handle(new Request(`${ORIGIN}/api/ak1/keys`)),
      'GET verify (JSON)': await handle(new Request(`${ORIGIN}/api/ak1/verify/${token}`)),
      'GET verify page': await handle(new Request(`${ORIGIN}/verify/${token}`)),
      'HEAD verify page': await handle(new Request(`${ORIGIN}/verify/${token}`, { method: 'HEAD' })),
      'GET export.csv': await handle(new Request(`${ORIGIN}/api/ak1/export.csv?registeredOn=2026-11-28`, { headers: { authorization: 'Bearer token' } })),
      'GET 404': await handle(new Request(`${ORIGIN}/api/ak1/nothing`)),
      'DELETE 405': await handle(new Request(`${ORIGIN}/api/ak1`, { method: 'DELETE' })),
      'OPTIONS preflight': await handle(
        new Request(`${ORIGIN}/api/ak1`, { method: 'OPTIONS', headers: { origin: 'https://serangkab.go.id', 'access-control-request-method': 'POST' } }),
      ),
    };
    for (const [name, reply] of Object.entries(replies)) assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', name);
  });
});

describe('item 8: npm start', { skip: !built && 'needs the build (dist/)' }, () => {
  let demo: Demo;
  let browser: Browser;
  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('serves every demo page, and its 404, with the strict CSP, frame-ancestors \'none\' and nosniff', async (t) => {
    for (const path of [...PAGES, '/nothing-here.html']) {
      const response = await fetch(`${demo.url}${path}`);
      await response.arrayBuffer();
      const policy = directives(response.headers.get('content-security-policy'));
      assert.equal(policy.get('frame-ancestors'), "'none'", path);
      assert.equal(policy.get('default-src'), "'self'", path);
      assert.equal(policy.get('script-src'), "'self'", path);
      assert.equal(policy.get('object-src'), "'none'", path);
      assert.equal(policy.get('require-trusted-types-for'), "'script'", path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
    const verify = await fetch(`${demo.url}/verify/a.b.c`);
    assert.equal(directives(verify.headers.get('content-security-policy')).get('frame-ancestors'), "'none'");
    figure(t, 'item-8', 'npm start pages with the strict CSP and frame-ancestors', `${PAGES.length + 2} of ${PAGES.length + 2}`);
  });

  it('every demo page works under that header in chromium: the form shows its first step, no CSP violation', async (t) => {
    let violations = 0;
    for (const path of PAGES) {
      const { page, context, console: logged } = await openPage(browser);
      try {
        await page.goto(`${demo.url}${path}`);
        await waitForStep(page, 'identity');
        const seen = (await recorded(page)).violations;
        violations += seen.length;
        assert.deepEqual(seen, [], `${path}: ${JSON.stringify(seen)}`);
        assert.deepEqual(logged.filter((line) => /^(error|pageerror)/.test(line) && !/favicon/.test(line)), [], path);
      } finally {
        await context.close();
      }
    }
    figure(t, 'item-8', 'demo pages opened in chromium under the header', `${PAGES.length}, ${violations} CSP violations`);
  });

  it('another site cannot show the portal in a frame; a site AK1_FRAME_ANCESTORS names can', async (t) => {
    // Two framing sites, both real servers on loopback (chromium lets only local pages frame local ones), so
    // nothing but frame-ancestors tells them apart.
    const sites = await Promise.all(['127.0.0.1', '127.0.0.2'].map(framingSite));
    const [portal, evil] = sites as [FramingSite, FramingSite];
    const allowing = await startDemo({ AK1_FRAME_ANCESTORS: portal.origin });
    try {
      const framed = async (site: FramingSite, target: string) => {
        const { page, context } = await openPage(browser);
        try {
          await page.goto(`${site.origin}/?target=${encodeURIComponent(`${target}/`)}`);
          // The portal was shown only if the frame holds its document (its form element); a blocked frame
          // holds the browser's error page.
          for (let waited = 0; waited < 5000; waited += 250) {
            const child = page.frames().find((frame) => frame !== page.mainFrame());
            const shown = await child?.evaluate(() => document.querySelector('ak1-form') !== null).catch(() => false);
            if (shown) return true;
            await page.waitForTimeout(250);
          }
          return false;
        } finally {
          await context.close();
        }
      };
      assert.equal(await framed(evil, demo.url), false, 'default: nobody may frame the portal');
      assert.equal(await framed(portal, demo.url), false, 'default: not even the district’s portal');
      assert.equal(await framed(evil, allowing.url), false, 'a site not listed may not');
      assert.equal(await framed(portal, allowing.url), true, 'the listed portal may');
      figure(t, 'item-8', 'portal framed by another site', 'blocked (frame-ancestors); shown only on a site AK1_FRAME_ANCESTORS lists');
    } finally {
      await allowing.stop();
      await Promise.all(sites.map((site) => site.close()));
    }
  });

  it('listens on 127.0.0.1 only: the same port on 127.0.0.2 refuses the connection', async (t) => {
    const port = Number(new URL(demo.url).port);
    const tryConnect = (host: string) =>
      new Promise<'connected' | string>((resolve) => {
        const socket = connect({ host, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    assert.equal(await tryConnect('127.0.0.1'), 'connected');
    assert.equal(await tryConnect('127.0.0.2'), 'ECONNREFUSED');
    assert.match(demo.output(), /listening on this machine only/);
    figure(t, 'item-8', 'npm start without HOST', 'listens on 127.0.0.1 (127.0.0.2: ECONNREFUSED)');
  });
});
