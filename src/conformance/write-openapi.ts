/**
 * `npm run openapi`: writes docs/openapi.yaml from the zod schemas. With `--check`, writes nothing and
 * exits 1 when the committed file differs from what the schemas produce.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiYaml } from './openapi.js';

const target = new URL('../../docs/openapi.yaml', import.meta.url);
const text = openApiYaml();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file differs.
  }
  if (committed !== text) {
    console.error('docs/openapi.yaml is out of date: run `npm run openapi`.');
    process.exit(1);
  }
  console.log('docs/openapi.yaml is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`docs/openapi.yaml written (${text.length} characters).`);
}
