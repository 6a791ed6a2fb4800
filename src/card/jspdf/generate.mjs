// Makes the card's jsPDF: jsPDF's own ES build (node_modules/jspdf/dist/jspdf.es.js, MIT, its licence header
// kept) without the plugins the card never calls. The ES build is one file whose plugins register themselves on
// jsPDF.API as they load, so no bundler can drop them; cut here, they and the decoders only they use (the GIF,
// BMP and WebP readers, the canvas font parser) are gone before any bundler sees them. Run it after updating
// jsPDF:
//
//   npm run jspdf
//
// Each plugin below is found by something only it contains; if an update moves or renames one, the script
// stops and says which, rather than writing a different jsPDF. test/node/card-jspdf.test.ts runs
// generateJsPdfModule() and compares it with the committed file, and renders the fixture cards with this and
// with the full jsPDF to the same bytes.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { parseAst } from 'rollup/parseAst';

const require = createRequire(import.meta.url);

export const JSPDF_MODULE = fileURLToPath(new URL('./jspdf.js', import.meta.url));

/**
 * The plugins taken out, each with a pattern that matches its top-level statement and nothing else in the file.
 * Kept: AcroForm's helpers (the core refers to them), addImage with JPEG and PNG (the photo, the logo), the
 * annotations, filters, split_text_to_size, standard font metrics, TrueType support, utf8, the virtual file
 * system, the bidi engine (every text passes through it), setLanguage (the card sets `id`) and addMetadata.
 */
export const DROPPED_PLUGINS = [
  ['arabic', /jsPDFAPI\.processArabic = /],
  ['autoprint', /jsPDFAPI\.autoPrint = /],
  ['canvas', /var Canvas = function Canvas\(\)/],
  ['cell', /jsPDFAPI\.cell = /],
  ['context2d', /var ContextLayer = function ContextLayer\(/],
  ['fileloading', /jsPDFAPI\.loadFile = /],
  ['html', /jsPDFAPI\.html = /],
  ['javascript', /jsPDFAPI\.addJS = /],
  ['outline', /pdf\.outline\.render\(\)/],
  ['gif_support', /jsPDFAPI\.processGIF89A = /],
  ['bmp_support', /jsPDFAPI\.processBMP = /],
  ['webp_support', /jsPDFAPI\.processWEBP = /],
  ['svg', /jsPDFAPI\.addSvgAsImage = /],
  ['total_pages', /jsPDFAPI\.putTotalPages = /],
  ['viewerpreferences', /jsPDFAPI\.viewerPreferences = /],
];

/** The source of the trimmed module, made from the installed jsPDF. */
export async function generateJsPdfModule() {
  const packageDir = dirname(require.resolve('jspdf/package.json'));
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const code = await readFile(join(packageDir, 'dist', 'jspdf.es.js'), 'utf8');
  const body = parseAst(code).body;
  const text = (s) => code.slice(s.start, s.end);

  const dropped = new Set();
  for (const [name, pattern] of DROPPED_PLUGINS) {
    const matches = body.filter((s) => pattern.test(text(s)));
    if (matches.length !== 1) throw new Error(`jsPDF ${version}: the ${name} plugin matched ${matches.length} top-level statements, not 1`);
    dropped.add(matches[0]);
  }

  // Then what only the dropped plugins used: a top-level function or variable that no statement left names,
  // with the statements that only extend it (BmpDecoder.prototype.bit1 = ...), until nothing more goes.
  // Names are matched as words in the text, comments and strings included, so a doubt keeps the declaration.
  const declared = (s) =>
    s.type === 'FunctionDeclaration' ? [s.id.name] : s.type === 'VariableDeclaration' ? s.declarations.map((d) => d.id.name) : [];
  const extended = (s) =>
    s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression'
      ? /^([A-Za-z_$][\w$]*)\.prototype\.[\w$]+ =/.exec(text(s))?.[1]
      : undefined;
  for (let changed = true; changed; ) {
    changed = false;
    const kept = body.filter((s) => !dropped.has(s));
    for (const s of kept) {
      const names = declared(s);
      if (names.length === 0) continue;
      const used = names.some((n) => {
        const word = new RegExp(`(?<![\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`);
        return kept.some((other) => other !== s && extended(other) !== n && word.test(text(other)));
      });
      if (used) continue;
      dropped.add(s);
      for (const other of kept) if (names.includes(extended(other))) dropped.add(other);
      changed = true;
    }
  }

  let out = '';
  let at = 0;
  for (const s of body.filter((s) => dropped.has(s))) {
    out += code.slice(at, s.start);
    at = s.end;
  }
  out += code.slice(at);
  // Reprinted without the API documentation's comments (40 % of the file, and the npm package ships this file),
  // the licence comments kept where they are; not minified, so it reads as jsPDF's own source does. A new esbuild
  // may print it differently: the test then asks for this script to be run again.
  const { code: printed } = await transform(out, { format: 'esm', legalComments: 'inline', logLevel: 'error' });
  const names = DROPPED_PLUGINS.map(([name]) => name).join(', ');
  return (
    `// Generated by src/card/jspdf/generate.mjs from jspdf ${version} (dist/jspdf.es.js, MIT: its licence header\n` +
    `// follows) without the plugins the card never calls. Do not edit by hand. Left out:\n` +
    `// ${names}.\n` +
    printed
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(JSPDF_MODULE, await generateJsPdfModule());
  console.log(`wrote ${JSPDF_MODULE}`);
}
