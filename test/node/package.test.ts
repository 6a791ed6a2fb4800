import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';

// The package as npm gives it to its users: `npm pack` of the built tree (test/run.mjs builds first), unpacked
// into a temporary folder, and checked there: what is in it, what its texts point at, and whether its types
// compile in a Node-only TypeScript project.
const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  sideEffects: string[];
  exports: Record<string, string | Record<string, string>>;
};
const CDN_BASE = `https://cdn.jsdelivr.net/npm/ak1-form@${pkg.version}/`;
/** Docs that carry the script-tag snippet; `UPDATE_DOCS=1` rewrites their script lines from integrity.json. */
const SNIPPET_DOCS = ['README.md', 'docs/component.md'];

let work: string;
let unpacked: string;
let files: string[];
let unpackedSize: number;

const read = (path: string) => readFileSync(join(unpacked, path), 'utf8');
const shipped = (path: string) => files.includes(path);
/** A package.json glob (`*` within a folder, `**` across folders) as a test on packed paths. */
const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);

before(() => {
  assert.ok(existsSync(join(root, 'dist/cdn/ak1-form.js')), 'run the build first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'ak1-package-'));
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as { filename: string; unpackedSize: number; files: { path: string }[] }[];
  files = report!.files.map((file) => file.path);
  unpackedSize = report!.unpackedSize;
  unpacked = join(work, 'node_modules/ak1-form');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, report!.filename), '-C', unpacked, '--strip-components=1']);
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('has one copy of the region data, no source maps and no declaration a consumer cannot reach', () => {
    assert.ok(files.some((file) => file.startsWith('dist/region-data/villages/')));
    assert.deepEqual(files.filter((file) => /\/region-data\//.test(file) && !file.startsWith('dist/region-data/')), []);
    assert.deepEqual(files.filter((file) => file.endsWith('.map')), []);
    // From the entries' types, follow every relative import: what is not reached is an orphan.
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file) || !shipped(file)) return;
      reached.add(file);
      for (const [, spec] of read(file).matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/g)) visit(posix.join(posix.dirname(file), `${spec}.d.ts`));
    };
    for (const target of Object.values(pkg.exports)) if (typeof target === 'object' && target.types) visit(target.types.replace(/^\.\//, ''));
    assert.deepEqual(files.filter((file) => file.endsWith('.d.ts') && !reached.has(file)), []);
  });

  it('has no string literal type of more than 1 kB in its declarations (the font is typed string, not its base64)', () => {
    const literal = /"[^"\n]{1000,}"|'[^'\n]{1000,}'/;
    assert.deepEqual(files.filter((file) => file.endsWith('.d.ts') && literal.test(read(file))), []);
    assert.ok(!shipped('dist/card/font/noto-sans.d.ts') || read('dist/card/font/noto-sans.d.ts').length < 1000);
  });

  // 5.9 MB before the office release; 7.4 MB with the counter (its bundle shares jsPDF, the font and the texts with the
  // form's chunks, but not its own code and jsQR), the PostgreSQL store and the office's docs and screenshots; 7.8 MB
  // with the applicant's status view, the office's reports (the spreadsheet writer's lazy chunk is 70 kB) and the
  // KBJI lists; 8.1 MB with the card's own jsPDF (dist/card/jspdf/, 0.37 MB), which took jspdf and its optional
  // html2canvas, canvg, dompurify and core-js out of what installing the package pulls in.
  it('stays under 8.3 MB unpacked (9.0 MB when the region data shipped twice, with source maps)', () => {
    assert.ok(unpackedSize < 8.3e6, `${unpackedSize} bytes unpacked`);
  });

  it('ships every file its exports, bin, sideEffects and customElements name', () => {
    const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of targets) assert.ok(target === './package.json' || shipped(target.replace(/^\.\//, '')), `exports: ${target}`);
    assert.ok(shipped('dist/cli.js') && shipped('dist/custom-elements.json'));
    for (const pattern of pkg.sideEffects) assert.ok(files.some((file) => glob(pattern).test(file)), `sideEffects: ${pattern} matches no file`);
  });

  it('ships the licence texts LICENSE points to, the font’s OFL beside the font', () => {
    const license = read('LICENSE');
    const paths = [...license.matchAll(/\bdist\/[\w./-]+\w/g)].map(([path]) => path);
    assert.ok(paths.includes('dist/card/font/OFL.txt'));
    for (const path of paths) assert.ok(shipped(path) || files.some((file) => file.startsWith(`${path}/`)), `LICENSE names ${path}`);
    assert.match(read('dist/card/font/OFL.txt'), /SIL OPEN FONT LICENSE Version 1\.1/);
    assert.ok(shipped('dist/region-data/NOTICE.txt'));
  });
});

describe('the package page and the shipped docs', () => {
  it('README starts with the two commands a newcomer runs, then is for users: install, the snippet, links', () => {
    const readme = read('README.md');
    assert.match(readme, /^```sh\nnpm ci && npm start[^\n]*\nnpm ci && npm test[^\n]*\n```\n/);
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
    assert.ok(headings.indexOf('Install') >= 0 && headings.indexOf('Install') < headings.indexOf('Development'), headings.join(' / '));
    assert.doesNotMatch(readme, /--omit=optional/, 'nothing of jsPDF is left to omit');
  });

  it('shows images from a host the registry page can load, each of them in the package', () => {
    const readme = read('README.md');
    const sources = [...readme.matchAll(/<img src="([^"]+)"|!\[[^\]]*\]\(([^)]+)\)/g)].map(([, a, b]) => (a ?? b)!);
    assert.ok(sources.length >= 10);
    for (const src of sources) {
      assert.ok(src.startsWith(CDN_BASE), `${src} is not under ${CDN_BASE}`);
      assert.ok(shipped(src.slice(CDN_BASE.length)), `${src}: not in the package`);
    }
  });

  it('names no path of the repository the package does not contain (src/, test/, demo/, ../shared/)', () => {
    const docs = files.filter((file) => file === 'README.md' || /^docs\/[^/]+\.(md|yaml)$/.test(file));
    assert.ok(docs.length >= 8);
    // HTML comments are not shown (docs/component.md's table marker names the test that checks the table).
    const found = docs.flatMap((file) =>
      [...read(file).replace(/<!--[\s\S]*?-->/g, '').matchAll(/(?<![\w.-])(?:src|test|demo)\/[\w./*-]*|\.\.\/shared\/[\w./-]*/g)].map(([match]) => `${file}: ${match}`),
    );
    assert.deepEqual(found, []);
  });

  it('links only to docs that are in the package', () => {
    for (const file of files.filter((path) => path === 'README.md' || /^docs\/[^/]+\.md$/.test(path))) {
      for (const [, target] of read(file).matchAll(/\]\(((?!https?:|#|mailto:)[^)#\s]+)/g)) {
        assert.ok(shipped(posix.join(posix.dirname(file), target!)), `${file} links to ${target}`);
      }
    }
  });
});

describe('Subresource Integrity of the script-tag bundle', () => {
  const integrity = () => JSON.parse(read('dist/cdn/integrity.json')) as { version: string; base: string; files: Record<string, string> };

  it('integrity.json has the sha384 of the entry, the no-module fallback and every chunk', () => {
    const { version, base, files: hashes } = integrity();
    assert.equal(version, pkg.version);
    assert.equal(base, `${CDN_BASE}dist/cdn/`);
    const scripts = files.filter((file) => file.startsWith('dist/cdn/') && file.endsWith('.js')).map((file) => file.slice('dist/cdn/'.length));
    assert.deepEqual(Object.keys(hashes).sort(), scripts.sort());
    for (const [file, hash] of Object.entries(hashes)) {
      assert.equal(hash, `sha384-${createHash('sha384').update(readFileSync(join(unpacked, 'dist/cdn', file))).digest('base64')}`, file);
    }
    // The entry's integrity covers the entry only; the import map in snippet.html carries the chunks'.
    const snippet = read('dist/cdn/snippet.html');
    const map = JSON.parse(/<script type="importmap">\n([\s\S]*?)\n<\/script>/.exec(snippet)![1]!) as { integrity: Record<string, string> };
    for (const [file, hash] of Object.entries(hashes)) if (file.startsWith('chunks/')) assert.equal(map.integrity[base + file], hash);
  });

  it('the documented snippet has this build’s URLs and integrity (UPDATE_DOCS=1 rewrites it)', () => {
    const { base, files: hashes } = integrity();
    const lines = {
      module: `<script type="module" src="${base}ak1-form.js" integrity="${hashes['ak1-form.js']}" crossorigin="anonymous"></script>`,
      nomodule: `<script nomodule src="${base}ak1-form-nomodule.js" integrity="${hashes['ak1-form-nomodule.js']}" crossorigin="anonymous"></script>`,
    };
    const pattern = { module: /^<script type="module" src="https:[^"]*\/ak1-form\.js"[^>]*><\/script>$/gm, nomodule: /^<script nomodule src="https:[^"]*\/ak1-form-nomodule\.js"[^>]*><\/script>$/gm };
    for (const doc of SNIPPET_DOCS) {
      const path = join(root, doc);
      const text = readFileSync(path, 'utf8');
      if (process.env.UPDATE_DOCS) writeFileSync(path, text.replace(pattern.module, lines.module).replace(pattern.nomodule, lines.nomodule));
      const current = readFileSync(path, 'utf8');
      assert.ok(current.includes(lines.module), `${doc}: the module script line is not this build's (UPDATE_DOCS=1 node --import tsx --test test/node/package.test.ts)`);
      assert.ok(current.includes(lines.nomodule), `${doc}: the nomodule script line is not this build's`);
    }
  });
});

describe('custom-elements.json', () => {
  type Manifest = { modules: { path: string; declarations?: { customElement?: boolean; tagName?: string; cssProperties?: { name: string }[] }[] }[] };
  const manifest = () => JSON.parse(read('dist/custom-elements.json')) as Manifest;

  it('names the modules by their place in the package, and only those with elements', () => {
    const { modules } = manifest();
    for (const mod of modules) assert.ok(shipped(mod.path), `${mod.path} is not in the package`);
    assert.doesNotMatch(JSON.stringify(modules), /\bsrc\/|\.ts"/);
    assert.deepEqual(modules.filter((mod) => /\/(form|steps|photo)\/|styles/.test(mod.path)).map((mod) => mod.path), []);
    for (const tag of ['ak1-form', 'ak1-office']) {
      assert.ok(modules.some((mod) => mod.declarations?.some((declaration) => declaration.tagName === tag)), `<${tag}> is not in the manifest`);
    }
  });

  it('lists every --ak1-* custom property docs/component.md documents', () => {
    const element = manifest().modules.flatMap((mod) => mod.declarations ?? []).find((declaration) => declaration.tagName === 'ak1-form')!;
    const listed = new Set((element.cssProperties ?? []).map((property) => property.name));
    const theming = /## Theming\n([\s\S]*?)\n## /.exec(read('docs/component.md'))![1]!;
    const documented = [...new Set([...theming.matchAll(/--ak1-[a-z-]+/g)].map(([name]) => name))];
    assert.ok(documented.includes('--ak1-input-radius') && documented.includes('--ak1-button-radius'));
    assert.deepEqual(documented.filter((name) => !listed.has(name)), []);
  });
});

describe('types in a Node-only TypeScript project', () => {
  // ak1-form/mocks is left out: msw's own declarations need the DOM lib (README says so).
  it('compile with lib ES2022, types node and skipLibCheck false, for the SDK and the server', () => {
    // The project is the folder the package was unpacked into (node_modules/ak1-form), with the package's
    // dependencies beside it, as an install would put them.
    const project = work;
    mkdirSync(join(project, 'node_modules/@types'), { recursive: true });
    for (const dep of ['zod', 'lit', 'lit-html', 'lit-element', '@lit', 'jspdf', 'uqr', 'tslib', 'altcha-lib', 'undici-types', '@types/node']) {
      if (!existsSync(join(root, 'node_modules', dep))) continue;
      mkdirSync(dirname(join(project, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep));
    }
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'], strict: true, skipLibCheck: false, noEmit: true },
        files: ['index.ts'],
      }),
    );
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(project, 'index.ts'),
      [
        "import { createAk1Client, validateApplication, parseNik } from 'ak1-form';",
        "import { createAk1Handler } from 'ak1-form/server';",
        "const client = createAk1Client({ endpoint: 'https://disnaker.example.go.id/api/ak1', headers: { 'x-api-key': 'k' } });",
        'console.log(client, validateApplication, parseNik, createAk1Handler);',
        '',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    assert.equal(tsc.stdout + tsc.stderr, '', 'tsc reports errors');
    assert.equal(tsc.status, 0);
  });
});

