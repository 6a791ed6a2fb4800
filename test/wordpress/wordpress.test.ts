/**
 * The WordPress plugin (src/integrations/wordpress/ak1-form/) in a real WordPress: Debian's `wordpress`
 * (6.1) on PHP's built-in server, its database in a private MariaDB (`mariadb-server`, a socket, no network),
 * a small classic theme with global CSS (test/wordpress/site/district-theme/), the bundle from the
 * unpacked package on a "CDN" origin and the demo server as the backend on a third.
 *
 * Opt-in, outside `npm test` (design.md: a real-WordPress test is not part of every run): `npm run test:wordpress`
 * installs those Debian packages where missing (as root), then runs this file; without them it fails, never skips.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { packPackage, prepareApp, run, serveStatic, type StaticServer } from '../e2e/apps.js';
import { ROOT, launchBrowser, openPage, startDemo, waitForStep, type Demo, type OpenedPage } from '../e2e/helpers.js';

const NEEDED = ['/usr/share/wordpress/wp-settings.php', '/usr/sbin/mariadbd', '/usr/bin/mariadb-install-db', '/usr/bin/php'];
const missing = NEEDED.filter((file) => !existsSync(file));
if (missing.length) {
  throw new Error(`WordPress, MariaDB or PHP is not installed (${missing.join(', ')}): npm run test:wordpress installs them as root`);
}
const SITE = join(ROOT, 'test/wordpress/site');

/** Debian's wp-config.php reads /etc/wordpress/config-$WORDPRESS_CONFIG.php: a name of our own, removed after. */
const CONFIG_NAME = `ak1e2e${process.pid}`;
const CONFIG_FILE = `/etc/wordpress/config-${CONFIG_NAME}.php`;

let work: string;
let database: ChildProcess | undefined;
let php: ChildProcess | undefined;
let site: string;
let pages: { form: number; english: number };
let demo: Demo;
let cdn: StaticServer;
let browser: Browser;
const opened: OpenedPage[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the WordPress plugin in Debian’s WordPress', () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ak1-wordpress-'));
    // The database: a private MariaDB on a socket.
    run('mariadb-install-db', [`--datadir=${work}/db`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], work);
    const socket = join(work, 'mysql.sock');
    database = spawn('/usr/sbin/mariadbd', ['--no-defaults', `--datadir=${work}/db`, `--socket=${socket}`, '--skip-networking', '--user=root', `--pid-file=${work}/db.pid`], { stdio: 'ignore' });
    await until('MariaDB listening', () => spawnSync('mariadb', [`--socket=${socket}`, '-uroot', '-e', 'SELECT 1'], { stdio: 'ignore' }).status === 0);
    run('mariadb', [`--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress'], work);

    // wp-content: the plugin from this repository and the district theme; uploads writable.
    const content = join(work, 'wp-content');
    for (const dir of ['plugins', 'themes', 'uploads']) mkdirSync(join(content, dir), { recursive: true });
    symlinkSync(join(ROOT, 'src/integrations/wordpress/ak1-form'), join(content, 'plugins/ak1-form'));
    symlinkSync(join(SITE, 'district-theme'), join(content, 'themes/district-theme'));

    // The "CDN" (the unpacked package) and the backend, which allows the site's origin.
    const pack = packPackage();
    const app = prepareApp('plain-cross-origin', pack.tarball, work);
    rmSync(pack.dir, { recursive: true, force: true });
    cdn = await serveStatic(join(app, 'node_modules/ak1-form'), { cors: true });
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    process.env.AK1_CORS_ORIGINS = site;
    demo = await startDemo();

    writeFileSync(
      CONFIG_FILE,
      `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('WP_HOME', '${site}');
define('WP_SITEURL', '${site}');
define('WP_CONTENT_DIR', '${content}');
define('WP_CONTENT_URL', '${site}/wp-content');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((key) => `define('${key}', '${key}-${process.pid}-ak1-e2e');`).join('\n')}
`,
    );
    const env = { WORDPRESS_CONFIG: CONFIG_NAME };
    const output = run('php', [join(SITE, 'setup.php'), `${cdn.origin}/dist/cdn/ak1-form.js`, `${demo.url}/api/ak1`], work, env);
    pages = JSON.parse(output.split('\n').find((line) => line.startsWith('{"form"'))!);

    // PHP's built-in server: wp-content from our folder, everything else from Debian's WordPress.
    const router = join(work, 'router.php');
    writeFileSync(
      router,
      `<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strpos($path, '/wp-content/') === 0) {
    $file = realpath('${content}' . substr($path, strlen('/wp-content')));
    if ($file && is_file($file) && substr($file, -4) !== '.php') {
        $types = array('css' => 'text/css', 'js' => 'text/javascript', 'png' => 'image/png', 'svg' => 'image/svg+xml');
        header('Content-Type: ' . ($types[pathinfo($file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
        readfile($file);
        return true;
    }
}
if (substr($path, -1) === '/' && is_file('/usr/share/wordpress' . $path . 'index.php')) $path .= 'index.php';
if ($path !== '/index.php' && substr($path, -4) !== '.php' && is_file('/usr/share/wordpress' . $path)) return false;
$_SERVER['WORDPRESS_CONFIG'] = '${CONFIG_NAME}';
if (substr($path, -4) === '.php' && is_file('/usr/share/wordpress' . $path)) {
    chdir(dirname('/usr/share/wordpress' . $path));
    require '/usr/share/wordpress' . $path;
    return true;
}
require '/usr/share/wordpress/index.php';
`,
    );
    php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', '/usr/share/wordpress', router], { cwd: work, env: { ...process.env, ...env }, stdio: 'ignore' });
    await until('WordPress answering', async () => (await fetch(`${site}/?page_id=${pages.form}`).catch(() => undefined))?.ok === true);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const page of opened) await page.context.close().catch(() => {});
    await browser?.close();
    php?.kill('SIGTERM');
    database?.kill('SIGTERM');
    await demo?.stop();
    await cdn?.close();
    rmSync(CONFIG_FILE, { force: true });
    if (database) await new Promise((resolve) => (database!.exitCode !== null ? resolve(undefined) : database!.once('exit', resolve)));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('[ak1_form] shows the form with the settings page’s values inside the theme, untouched by its global CSS', async () => {
    const o = await openPage(browser);
    opened.push(o);
    await o.page.goto(`${site}/?page_id=${pages.form}`);
    await waitForStep(o.page, 'identity');
    const seen = await o.page.evaluate(() => {
      const form = document.querySelector('ak1-form')!;
      const nik = getComputedStyle(form.shadowRoot!.querySelector('#f-nik')!);
      return {
        attributes: Object.fromEntries([...form.attributes].map((a) => [a.name, a.value])),
        scripts: document.querySelectorAll('script[src*="ak1-form"]').length,
        border: nik.borderTopStyle,
        theme: getComputedStyle(document.body).fontFamily,
      };
    });
    assert.equal(seen.attributes.endpoint, `${demo.url}/api/ak1`);
    assert.equal(seen.attributes['district-code'], '36.04');
    assert.equal(seen.attributes['office-address'], 'Jl. Veteran No. 1, Serang');
    assert.equal(seen.scripts, 2, 'the module script and the nomodule fallback, once');
    assert.match(seen.theme, /Georgia/, 'the district theme is active');
    assert.notEqual(seen.border, 'dashed', 'the theme’s input rule reached the form');
    assert.deepEqual(o.console.filter((line) => /^(pageerror|error):/.test(line) && !/favicon|status of 404/.test(line)), []);
  });

  it('the shortcode’s attributes override the settings for one page ([ak1_form lang="en"])', async () => {
    const o = await openPage(browser);
    opened.push(o);
    await o.page.goto(`${site}/?page_id=${pages.english}`);
    await waitForStep(o.page, 'identity');
    const heading = await o.page.evaluate(() => document.querySelector('ak1-form')!.shadowRoot!.querySelector('.step-heading')!.textContent);
    assert.equal(heading, 'About you');
  });

  it('Settings → Kartu Kuning saves the district’s settings, which the shortcode then prints', async () => {
    const o = await openPage(browser);
    opened.push(o);
    const page = o.page;
    await page.goto(`${site}/wp-login.php`);
    await page.locator('#user_login').fill('admin');
    await page.locator('#user_pass').fill('ak1-e2e-password');
    await Promise.all([page.waitForURL(/wp-admin/), page.locator('#wp-submit').click()]);
    await page.goto(`${site}/wp-admin/options-general.php?page=ak1-form`);
    assert.equal(await page.getByLabel('Regency code (district-code)').inputValue(), '36.04');
    await page.getByLabel('District name (district-name)').fill('Kota Serang');
    await page.getByLabel('Regency code (district-code)').fill('36.73');
    await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
    await page.goto(`${site}/?page_id=${pages.form}`);
    await waitForStep(page, 'identity');
    assert.equal(await page.locator('ak1-form').getAttribute('district-name'), 'Kota Serang');
    assert.equal(await page.locator('ak1-form').getAttribute('district-code'), '36.73');
  });
});
