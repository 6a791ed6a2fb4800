// Builds the two outputs of ak1-form:
//   dist/         the ESM library for npm (one module per source file, with .d.ts), and the region data;
//   dist/cdn/     the script-tag bundle: ak1-form.js, lazy chunks beside it, and the SRI hashes of them all
//                 (integrity.json, snippet.html). It reads the region data from dist/region-data/: one copy.
// Then prints every output's size, minified and gzipped, and the bytes fetched before the form is usable.
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';

// Every build starts from an empty dist/: content-hashed chunks of earlier builds must not pile up or ship.
rmSync('dist', { recursive: true, force: true });

/** Everything fetched before the first step is usable (gzipped) must stay under this. */
// Issue 17: the entry and the element are one file (the page, then one script), and the application's checks (its
// schema, rules and the answers' conversion) load after the first step is usable: 35.7 → 31.7 kB. Then the
// configuration's check moved into that chunk too (the first step renders before it): 31.7 → 24.2 kB, issue 17's
// 25 kB. Then `z.config({ jitless: true })` moved with zod itself (`jitlessZod`): 24.2 → 21.5 kB. What is left is lit
// (about 5.8 kB), the element, the first step and its texts.
const INITIAL_BUDGET_BYTES = 25 * 1024;

// jsPDF imports these only for .html() and SVG, which the card never uses.
const JSPDF_OPTIONAL = ['html2canvas', 'dompurify', 'canvg'];

const onwarn = (warning, warn) => {
  // zod 4 has harmless comment-position annotations and an internal import cycle.
  const inZod = /node_modules[\\/]zod/.test(warning.id ?? warning.ids?.join() ?? warning.message);
  if (inZod && (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY')) return;
  warn(warning);
};

/**
 * Region lists from idn-area-data 4.0.1 (ODbL), one small JSON file per parent: regencies by province,
 * districts and villages by regency. Read with a real CSV parser: names contain quoted commas.
 */
function regionData() {
  const dataDir = 'node_modules/idn-area-data/data';
  let files;
  const build = () => {
    const read = (name) => parse(readFileSync(join(dataDir, name)), { columns: true, skip_empty_lines: true });
    const groups = new Map();
    const add = (file, code, name) => {
      if (!groups.has(file)) groups.set(file, []);
      groups.get(file).push([code, name]);
    };
    for (const r of read('regencies.csv')) add(`regencies/${r.province_code}.json`, r.code, r.name);
    for (const d of read('districts.csv')) add(`districts/${d.regency_code}.json`, d.code, d.name);
    for (const v of read('villages.csv')) add(`villages/${v.district_code.slice(0, 5)}.json`, v.code, v.name);
    return groups;
  };
  return {
    name: 'ak1-region-data',
    generateBundle() {
      files ??= build();
      for (const [file, rows] of files) {
        rows.sort((a, b) => a[0].localeCompare(b[0]));
        this.emitFile({ type: 'asset', fileName: `region-data/${file}`, source: JSON.stringify(rows) });
      }
      this.emitFile({
        type: 'asset',
        fileName: 'region-data/NOTICE.txt',
        source:
          'Region data: idn-area-data 4.0.1 by Fityan Nugroho and contributors, from Kepmendagri codes,\n' +
          'licensed under the Open Database License (ODbL) 1.0. See LICENSE.\n',
      });
    },
  };
}

/** Prints each written file's size, minified and gzipped, and checks the initial payload of the bundle. */
function reportSizes({ label, initialChunks, minified = true }) {
  return {
    name: 'ak1-report-sizes',
    writeBundle(options, bundle) {
      const dir = options.dir ?? dirname(options.file);
      const rows = Object.values(bundle)
        .filter((item) => item.type === 'chunk')
        .map((chunk) => {
          const bytes = readFileSync(join(dir, chunk.fileName));
          return { file: chunk.fileName, min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
        })
        .sort((a, b) => b.gz - a.gz);
      const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(9);
      const shown = rows.slice(0, 12);
      console.log(`\n${label}: ${rows.length} modules (${relative('.', dir)})`);
      console.log(`  ${'file'.padEnd(44)} ${(minified ? 'min' : 'size').padStart(9)} ${'gzip'.padStart(9)}`);
      for (const r of shown) console.log(`  ${r.file.padEnd(44)} ${kb(r.min)} ${kb(r.gz)}`);
      if (rows.length > shown.length) {
        const rest = rows.slice(shown.length);
        const sum = (key) => rest.reduce((s, r) => s + r[key], 0);
        console.log(`  ${`(${rest.length} more)`.padEnd(44)} ${kb(sum('min'))} ${kb(sum('gz'))}`);
      }
      const total = (key) => rows.reduce((s, r) => s + r[key], 0);
      console.log(`  ${'total'.padEnd(44)} ${kb(total('min'))} ${kb(total('gz'))}`);
      if (existsSync(join(dir, 'region-data'))) {
        const sizes = listFiles(join(dir, 'region-data')).map((f) => statSync(f).size);
        console.log(`  region-data/: ${sizes.length} files, ${kb(sizes.reduce((s, n) => s + n, 0))} (largest ${kb(Math.max(...sizes))})`);
      }
      if (!initialChunks) return;
      // The initial payload: the chunks loaded before the first step is usable (the entry, and the element
      // it imports at once) and everything they import statically.
      const seen = new Set();
      const visit = (file) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imported of bundle[file]?.imports ?? []) visit(imported);
      };
      for (const item of Object.values(bundle)) if (initialChunks.includes(item.name)) visit(item.fileName);
      const initial = rows.filter((r) => seen.has(r.file));
      const gz = initial.reduce((s, r) => s + r.gz, 0);
      console.log(`  initial payload: ${initial.length} request(s), ${kb(gz).trim()} gzipped (budget ${kb(INITIAL_BUDGET_BYTES).trim()})`);
      if (gz > INITIAL_BUDGET_BYTES) this.error(`initial payload ${gz} B gzipped is over the ${INITIAL_BUDGET_BYTES} B budget`);
    },
  };
}

/** The font's licence travels with the font: the card renderer embeds it, so the package ships the OFL beside it. */
function fontLicence() {
  return {
    name: 'ak1-font-licence',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'card/font/OFL.txt', source: readFileSync('src/card/font/OFL.txt') });
    },
  };
}

/** The declaration files package.json's exports name (dist/index.d.ts → 'index'), so a new entry keeps its types. */
function exportedTypes() {
  const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
  return Object.values(exports)
    .map((target) => (typeof target === 'object' ? target.types : undefined))
    .filter((types) => types?.startsWith('./dist/'))
    .map((types) => types.slice('./dist/'.length, -'.d.ts'.length));
}

/**
 * Keeps the .d.ts files a consumer's TypeScript can reach from the package's entries, and drops the rest
 * (the script-tag entry's, the build scripts'): declarations of modules no entry exports only add size.
 */
function reachableDeclarations(entries) {
  return {
    name: 'ak1-reachable-declarations',
    generateBundle(_options, bundle) {
      const declarations = new Map(
        Object.values(bundle)
          .filter((item) => item.type === 'asset' && item.fileName.endsWith('.d.ts'))
          .map((item) => [item.fileName.split(sep).join('/'), item]),
      );
      const reached = new Set();
      const visit = (file) => {
        if (reached.has(file) || !declarations.has(file)) return;
        reached.add(file);
        const text = String(declarations.get(file).source);
        for (const [, specifier] of text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
          visit(join(dirname(file), `${specifier}.d.ts`).split(sep).join('/'));
        }
      };
      for (const entry of entries) visit(`${entry}.d.ts`);
      for (const [file, item] of declarations) if (!reached.has(file)) delete bundle[item.fileName];
    },
  };
}

/**
 * Subresource Integrity for the script-tag bundle: a sha384 of every file in dist/cdn/, in integrity.json, and
 * snippet.html, the copy-paste snippet for this version with the entry's integrity and an import map giving
 * the integrity of every chunk the entry loads later (a script's integrity attribute covers that file only).
 */
function subresourceIntegrity({ version }) {
  return {
    name: 'ak1-sri',
    writeBundle(options) {
      const dir = options.dir;
      const files = {};
      for (const file of listFiles(dir).filter((f) => f.endsWith('.js')).sort()) {
        const name = relative(dir, file).split(sep).join('/');
        files[name] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
      }
      const base = `https://cdn.jsdelivr.net/npm/ak1-form@${version}/dist/cdn/`;
      const chunks = Object.fromEntries(
        Object.entries(files)
          .filter(([name]) => name.startsWith('chunks/'))
          .map(([name, hash]) => [base + name, hash]),
      );
      writeFileSync(join(dir, 'integrity.json'), `${JSON.stringify({ version, base, files }, null, 2)}\n`);
      const snippet = cdnSnippet({ base, files, chunks });
      writeFileSync(join(dir, 'snippet.html'), snippet);
      console.log(`\nSRI (dist/cdn/integrity.json, dist/cdn/snippet.html):\n${snippet.split('\n').filter((l) => l.includes('<script ') && l.includes('src=')).join('\n')}`);
    },
  };
}

/**
 * snippet-office.html: the counter's script tag with its integrity, and the import map of its own chunks only.
 * `ak1-office.js` is served by the district's own server (design.md): replace the base address with it.
 */
function officeSnippet({ version }) {
  return {
    name: 'ak1-sri-office',
    writeBundle(options, bundle) {
      const dir = options.dir;
      const hash = (name) => `sha384-${createHash('sha384').update(readFileSync(join(dir, name))).digest('base64')}`;
      const names = Object.values(bundle).filter((item) => item.type === 'chunk').map((chunk) => chunk.fileName).sort();
      const base = `https://cdn.jsdelivr.net/npm/ak1-form@${version}/dist/cdn/`;
      const chunks = Object.fromEntries(names.filter((name) => name.startsWith('chunks/')).map((name) => [base + name, hash(name)]));
      const snippet = [
        '<!-- ak1-office: the counter\'s script tag with Subresource Integrity for this version. Serve dist/cdn/ from the',
        '     district\'s own server and replace the base address with it. The import map must come before any module script. -->',
        '<script type="importmap">',
        JSON.stringify({ integrity: chunks }, null, 2),
        '</script>',
        `<script type="module" src="${base}ak1-office.js" integrity="${hash('ak1-office.js')}" crossorigin="anonymous"></script>`,
        '',
      ].join('\n');
      writeFileSync(join(dir, 'snippet-office.html'), snippet);
      console.log(`\nSRI (dist/cdn/snippet-office.html):\n${snippet.split('\n').filter((l) => l.includes('src=')).join('\n')}`);
    },
  };
}

/**
 * jsQR ships one UMD file and this build has no CommonJS plugin: the file runs as it is, with a `module` of its
 * own, and its export becomes the default one. It is bundled (the counter's camera fallback, a lazy chunk), so
 * the package needs no runtime dependency for it.
 */
function jsqrAsModule() {
  const file = /[\\/]node_modules[\\/]jsqr[\\/]dist[\\/]jsQR\.js$/;
  return {
    name: 'ak1-jsqr-module',
    transform(code, id) {
      if (!file.test(id)) return null;
      return { code: `const module = { exports: {} };\nconst exports = module.exports;\n${code}\nexport default module.exports;\n`, map: null };
    },
  };
}

/**
 * The spreadsheet chunk gets its own copy of fflate (its zip library, about 5 kB gzipped). jsPDF uses fflate too,
 * and one shared module would be split out of jsPDF's chunk, so the counter's jsPDF chunk would no longer be the
 * form's (the same 370 kB shipped twice in the package). A second module id for write-excel-file's import keeps
 * jsPDF's chunk as the form's and the spreadsheet's code in its own lazy chunk.
 */
/**
 * The script-tag bundles run under a strict CSP, so zod must be jitless before any schema is made. Every
 * `zod/mini` import resolves to src/jitless.ts, which configures zod and re-exports it: the setting travels with
 * zod into whichever lazy chunk first needs it, and the first step's file, which makes no schema, carries none of it.
 */
function jitlessZod() {
  const wrapper = resolve('src/jitless.ts');
  return {
    name: 'ak1-jitless-zod',
    resolveId(source, importer) {
      return source === 'zod/mini' && importer && resolve(importer) !== wrapper ? wrapper : null;
    },
  };
}

function fflateForSpreadsheets() {
  const suffix = '?ak1-xlsx';
  return {
    name: 'ak1-xlsx-fflate',
    async resolveId(source, importer, options) {
      if (source !== 'fflate' || !importer || !/[\\/]write-excel-file[\\/]/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, id: resolved.id + suffix };
    },
    load(id) {
      return id.endsWith(suffix) ? readFileSync(id.slice(0, -suffix.length), 'utf8') : null;
    },
  };
}

/** The script tags of the documented snippet, with the integrity of this build (docs print the same lines). */
function cdnScriptTags({ base, files }) {
  return [
    `<script type="module" src="${base}ak1-form.js" integrity="${files['ak1-form.js']}" crossorigin="anonymous"></script>`,
    `<script nomodule src="${base}ak1-form-nomodule.js" integrity="${files['ak1-form-nomodule.js']}" crossorigin="anonymous"></script>`,
  ].join('\n');
}

function cdnSnippet({ base, files, chunks }) {
  return [
    '<!-- ak1-form: the script-tag snippet with Subresource Integrity for this version. The import map gives the',
    '     integrity of the chunks the bundle loads later; it must come before any module script of the page. -->',
    '<script type="importmap">',
    JSON.stringify({ integrity: chunks }, null, 2),
    '</script>',
    cdnScriptTags({ base, files }),
    '',
  ].join('\n');
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Our modules have no side effects except these: registering elements, and the entries. Saying so lets the
 * build drop schemas a chunk imports through a barrel but never uses (top-level `z.object(...)` calls look
 * like side effects otherwise).
 */
const SIDE_EFFECT_MODULES = /[\\/]src[\\/](element|embed|cli|jitless|cdn-element|unsupported-script|office|cdn-office)\.ts$|\.define\.ts$/;
const treeshake = {
  moduleSideEffects: (id, external) => external || !/[\\/]src[\\/]/.test(id) || SIDE_EFFECT_MODULES.test(id),
};

// write-excel-file: a dependency of the library, imported only when an officer asks for a spreadsheet (in the
// script-tag bundle, a lazy chunk of its own).
// fflate, fast-png and @babel/runtime: what the card's jsPDF (src/card/jspdf/jspdf.js) imports, dependencies as in jsPDF.
const external = [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, 'fflate', 'fast-png', /^@babel\/runtime\//, 'uqr', 'jsqr', /^write-excel-file($|\/)/, /^altcha-lib($|\/)/, 'tslib', /^msw($|\/)/, 'better-sqlite3', 'pg', /^node:/];

export default [
  // The classic-script fallback for browsers without module scripts: ES5, one small file.
  {
    input: 'src/unsupported-script.ts',
    plugins: [
      typescript({ tsconfig: 'src/tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist/cdn', sourceMap: false, target: 'ES5', lib: ['ES2015', 'DOM'] }),
      terser({ ecma: 5, format: { comments: false } }),
      reportSizes({ label: 'No-module fallback' }),
    ],
    output: { file: 'dist/cdn/ak1-form-nomodule.js', format: 'iife' },
  },
  {
    input: { index: 'src/index.ts', element: 'src/element.ts', office: 'src/office.ts', 'server/index': 'src/server/index.ts', cli: 'src/cli.ts', 'mocks/index': 'src/mocks/index.ts' },
    external,
    onwarn,
    plugins: [
      nodeResolve(),
      typescript({ tsconfig: 'src/tsconfig.build.json', sourceMap: false }),
      reachableDeclarations(exportedTypes()),
      regionData(),
      fontLicence(),
      reportSizes({ label: 'ESM library (not minified: bundlers minify it)', minified: false }),
    ],
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      // No source maps: the library is unminified ES2022, readable as shipped, and maps would point at
      // TypeScript sources the package does not contain.
      // dist/cli.js is the package's `bin`.
      banner: (chunk) => (chunk.fileName === 'cli.js' ? '#!/usr/bin/env node' : ''),
      // npm makes a `bin` executable when it installs the package, but `npx ak1-form` in this repository runs dist/cli.js as built.
      plugins: [{ name: 'ak1-bin', writeBundle: (options) => chmodSync(join(options.dir, 'cli.js'), 0o755) }],
    },
  },
  {
    input: { 'ak1-form': 'src/embed.ts' },
    external: JSPDF_OPTIONAL,
    treeshake,
    onwarn,
    plugins: [
      jitlessZod(),
      nodeResolve({ browser: true }),
      typescript({ tsconfig: 'src/tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist/cdn', sourceMap: false }),
      // Lit's html`` and css`` templates keep their source whitespace unless minified here.
      minifyTemplates({ include: ['src/**/*'], failOnError: true }),
      terser({ format: { comments: false }, ecma: 2020, module: true }),
      reportSizes({ label: 'Script-tag bundle', initialChunks: ['ak1-form'] }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      // Each language's texts have the same file names (i18n/id/journey.ts, i18n/en/journey.ts): the chunk
      // takes the language too, so the size report and the network panel say which is which.
      chunkFileNames: (chunk) => {
        const lang = /[\\/]i18n[\\/](\w+)[\\/][\w-]+\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
        return lang ? `chunks/${lang}-[name]-[hash].js` : 'chunks/[name]-[hash].js';
      },
    },
  },
  // The office counter's script-tag bundle, built on its own after the form's: applicants never load it, and
  // ak1-form.js and its chunks come out exactly as without it. Its chunks are named as the form's: a chunk whose
  // content is the same in both builds (jsPDF, the font, the journey texts) has the same name and is one file.
  {
    input: { 'ak1-office': 'src/cdn-office.ts' },
    external: JSPDF_OPTIONAL,
    treeshake,
    onwarn,
    plugins: [
      fflateForSpreadsheets(),
      jitlessZod(),
      nodeResolve({ browser: true }),
      jsqrAsModule(),
      typescript({ tsconfig: 'src/tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist/cdn', sourceMap: false }),
      minifyTemplates({ include: ['src/**/*'], failOnError: true }),
      terser({ format: { comments: false }, ecma: 2020, module: true }),
      reportSizes({ label: 'Office script-tag bundle (ak1-office.js)' }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: (chunk) => {
        const lang = /[\\/]i18n[\\/](\w+)[\\/][\w-]+\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
        // The spreadsheet writer's entry is write-excel-file/browser/index.js: "browser" would say nothing.
        if (/[\\/]write-excel-file[\\/]/.test(chunk.facadeModuleId ?? '')) return 'chunks/write-excel-file-[hash].js';
        return lang ? `chunks/${lang}-[name]-[hash].js` : 'chunks/[name]-[hash].js';
      },
      // The last build: integrity.json then covers every file of dist/cdn/ (both entries, the no-module fallback and
      // every chunk), and snippet.html's import map every chunk (a hash for a chunk the page never loads is harmless).
      plugins: [
        subresourceIntegrity({ version: JSON.parse(readFileSync('package.json', 'utf8')).version }),
        officeSnippet({ version: JSON.parse(readFileSync('package.json', 'utf8')).version }),
      ],
    },
  },
];
