// Builds the pages of the peers bench into test/bench/peers/build/: each peer's definition of the step (from
// step.mjs), each page bundled by esbuild (the main package's devDependency) into one minified ES module and,
// where the product ships a stylesheet, one CSS file; and ak1-form's page, which is docs/component.md's snippet
// with the CDN's address turned into this server's /ak1/ (the package's dist/ folder, self-hosted as the same
// page describes). Installs the peers' own node_modules (npm ci) on first use.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { formioJson, jsonForms, STEP, surveyJson } from './step.mjs';

export const HERE = new URL('.', import.meta.url).pathname;
export const ROOT = join(HERE, '../../..');
export const OUT = join(HERE, 'build');
const CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/ak1-form@[^/]+\/dist\//g;

// JSON Forms' vanilla renderers come without a stylesheet; its examples give the classes a few rules.
const JSONFORMS_STYLE =
  '<style>body{font:16px/1.5 system-ui,sans-serif}.control{margin:0 0 1rem}.control>label,.group-layout>legend{display:block;font-weight:600}.control input:not([type=radio]):not([type=checkbox]),.control select,.control textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}.validation{color:#b00020}</style>\n';

/** The pages, in the table's order; `first` finds the step's first field (the NIK) once it is in the page. */
export const PAGES = [
  { name: 'floor', title: 'a bare Lit + zod/mini form (the floor)', body: '<floor-step></floor-step>', first: "document.querySelector('floor-step')?.shadowRoot?.querySelector('#nik')" },
  { name: 'ak1-form', title: "ak1-form (docs/component.md's snippet)", first: "document.querySelector('ak1-form')?.shadowRoot?.querySelector('#f-nik')" },
  { name: 'jsonforms', title: 'JSON Forms + React (vanilla renderers)', entry: 'jsonforms.jsx', style: JSONFORMS_STYLE, body: '<div id="root"></div>', first: "document.querySelector('#root input')" },
  { name: 'surveyjs', title: 'SurveyJS (survey-js-ui)', body: '<div id="root"></div>', first: "document.querySelector('#root input')" },
  { name: 'formio', title: 'Form.io renderer (@formio/js/form)', body: '<div id="root"></div>', first: "document.querySelector('#root input[name=\"data[nik]\"]')" },
];

export function installPeers() {
  if (existsSync(join(HERE, 'node_modules'))) return;
  console.log('Installing the peers (npm ci --prefix test/bench/peers)…');
  const result = spawnSync('npm', ['ci', '--prefix', HERE, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci --prefix test/bench/peers failed');
}

const page = (title, head, body) =>
  `<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Pendaftaran kartu kuning (AK/I): ${title}</title>\n<link rel="icon" href="data:,">\n${head}</head>\n<body>\n<h1>Pendaftaran kartu kuning (AK/I)</h1>\n${body}\n</body>\n</html>\n`;

/** Builds every page; returns notes worth printing under the table. */
export async function buildPages() {
  installPeers();
  rmSync(OUT, { recursive: true, force: true });
  const definitions = join(OUT, 'definitions');
  mkdirSync(definitions, { recursive: true });
  writeFileSync(join(definitions, 'floor.json'), JSON.stringify(STEP));
  writeFileSync(join(definitions, 'surveyjs.json'), JSON.stringify(surveyJson()));
  writeFileSync(join(definitions, 'formio.json'), JSON.stringify(formioJson()));
  writeFileSync(join(definitions, 'jsonforms.json'), JSON.stringify(jsonForms()));
  const notes = [];
  for (const peer of PAGES) {
    const dir = join(OUT, peer.name);
    mkdirSync(dir, { recursive: true });
    if (peer.name === 'ak1-form') {
      notes.push(...writeAk1Page(dir, peer));
      continue;
    }
    const result = await build({
      entryPoints: { app: join(HERE, 'pages', peer.entry ?? `${peer.name}.js`) },
      outdir: dir,
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
      // Form.io's CommonJS modules use Node's `global`, as webpack 4 provided; bundlers map it to globalThis.
      define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
      legalComments: 'none',
      logLevel: 'error',
      metafile: true,
    });
    const css = Object.keys(result.metafile.outputs).some((file) => file.endsWith('app.css'));
    const head = `${peer.style ?? ''}${css ? '<link rel="stylesheet" href="app.css">\n' : ''}<script type="module" src="app.js"></script>\n`;
    writeFileSync(join(dir, 'index.html'), page(peer.title, head, peer.body));
  }
  return notes;
}

/**
 * ak1-form's page: the first snippet of docs/component.md as it stands, served from /ak1/ instead of the CDN.
 * The integrity attributes stay when they match the built files; when the docs' hashes are of another build,
 * they would make the browser refuse the script, so they go (and a note says so).
 */
function writeAk1Page(dir, peer) {
  // A copy of the bundle, taken under the lock that builds hold (flock /tmp/ak1-dist.lock), so that a build
  // running beside the bench cannot swap its files between two loads.
  mkdirSync(join(OUT, 'ak1'), { recursive: true });
  const copy = spawnSync('flock', ['-s', '/tmp/ak1-dist.lock', 'cp', '-r', join(ROOT, 'dist/cdn'), join(OUT, 'ak1/cdn')], { stdio: 'inherit' });
  if (copy.status !== 0) throw new Error('could not copy dist/cdn');
  const docs = readFileSync(join(ROOT, 'docs/component.md'), 'utf8');
  const snippet = /```html\n([\s\S]*?)```/.exec(docs)?.[1];
  if (!snippet?.includes('<ak1-form')) throw new Error('docs/component.md: no snippet with <ak1-form> found');
  let html = snippet.replace(CDN, '/ak1/');
  const notes = [];
  for (const [tag, src, integrity] of html.matchAll(/<script[^>]*src="\/ak1\/([^"]+)"[^>]*integrity="([^"]+)"[^>]*>/g)) {
    const actual = `sha384-${createHash('sha384').update(readFileSync(join(OUT, 'ak1', src))).digest('base64')}`;
    if (actual !== integrity) {
      html = html.replace(tag, tag.replace(/ integrity="[^"]+"/, ''));
      notes.push(`ak1-form: docs/component.md's integrity for ${src} is not this build's; the page leaves it out`);
    }
  }
  writeFileSync(join(dir, 'index.html'), page(peer.title, '', html.trim()));
  return notes;
}
