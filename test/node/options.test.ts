import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ts from 'typescript';
// @ts-expect-error: a plain ES module without types (the manifest analyzer's configuration).
import { readOptionTables } from '../../docs/custom-elements-manifest.config.mjs';
import * as z from 'zod/mini';
import { AK1_FORM_OPTIONS } from '../../src/schema/form-options.js';
import { AK1_FORM_SCHEMAS } from '../../src/schema/config.js';
import { optionDefaults, optionProperties, optionsMarkdown, readOptions, type OptionDoc } from '../../src/schema/options.js';
import { DEFAULT_MIN_AGE } from '../../src/schema/index.js';
import { mergeConfig } from '../../src/components/form/config.js';
import { checkConfig } from '../../src/components/form/config-check.js';
import { configSummary } from '../../src/components/form/debug.js';

const DOCS = 'docs/component.md';
const BEGIN = '<!-- options of <ak1-form>: made from AK1_FORM_OPTIONS (src/schema/form-options.ts); UPDATE_DOCS=1 node --import tsx --test test/node/options.test.ts rewrites it -->';
const END = '<!-- end of the options -->';

/** The element's way: merged, then checked (the check comes with the checks' chunk). */
function resolveConfig(...args: Parameters<typeof mergeConfig>) {
  const merged = mergeConfig(...args);
  return { ...checkConfig(merged.config), sources: merged.sources };
}

interface SourceRow {
  property: string;
  attribute: string | undefined;
  type: string | undefined;
  doc: string;
}

/** The table's rows as the docs show them: the columns from the table, the doc line from each row's comment. */
function documentedRows(): OptionDoc[] {
  const source: SourceRow[] = readOptionTables(ts, 'src/schema/form-options.ts').get('AK1_FORM_OPTIONS');
  assert.ok(source, 'AK1_FORM_OPTIONS is declared with defineOptions in src/schema/form-options.ts');
  return source.map((row) => {
    const spec = AK1_FORM_OPTIONS[row.property as keyof typeof AK1_FORM_OPTIONS];
    return { property: row.property, attribute: spec.attribute, type: spec.type, default: 'default' in spec ? spec.default : undefined, doc: row.doc };
  });
}

describe('options declared once (AK1_FORM_OPTIONS)', () => {
  it('docs/component.md has the attribute table made from the table', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const start = docs.indexOf(BEGIN);
    const end = docs.indexOf(END);
    assert.ok(start >= 0 && end > start, `${DOCS} keeps the markers around the options table`);
    const expected = optionsMarkdown(documentedRows());
    const actual = docs.slice(start + BEGIN.length, end).trim();
    if (actual !== expected && process.env.UPDATE_DOCS) {
      writeFileSync(DOCS, `${docs.slice(0, start + BEGIN.length)}\n${expected}\n${docs.slice(end)}`);
      return;
    }
    assert.equal(actual, expected, `the options table in ${DOCS} is out of date; run with UPDATE_DOCS=1 to rewrite it`);
  });

  it('every row has its attribute, type and one line of documentation, as the source declares them', () => {
    const source: SourceRow[] = readOptionTables(ts, 'src/schema/form-options.ts').get('AK1_FORM_OPTIONS');
    assert.deepEqual(
      source.map((row) => row.property),
      Object.keys(AK1_FORM_OPTIONS),
    );
    for (const row of source) {
      const spec = AK1_FORM_OPTIONS[row.property as keyof typeof AK1_FORM_OPTIONS];
      assert.equal(row.attribute, spec.attribute, row.property);
      assert.equal(row.type, spec.type, row.property);
      assert.match(row.doc, /\S/, `${row.property} has a doc comment`);
      assert.doesNotMatch(row.doc, /\n/, `${row.property}: one line`);
      assert.match(spec.attribute, /^[a-z]+(-[a-z]+)*$/, `${row.property}: a kebab-case attribute`);
    }
  });

  it('has a schema for each option, and for nothing else, that takes its default', () => {
    assert.deepEqual(Object.keys(AK1_FORM_SCHEMAS), Object.keys(AK1_FORM_OPTIONS));
    for (const [key, value] of Object.entries(optionDefaults(AK1_FORM_OPTIONS))) {
      assert.ok(z.safeParse(AK1_FORM_SCHEMAS[key as keyof typeof AK1_FORM_SCHEMAS], value).success, `${key}'s default passes its schema`);
    }
  });

  it('gives Lit its properties: strings, and booleans for presence attributes', () => {
    const properties = optionProperties(AK1_FORM_OPTIONS);
    assert.deepEqual(properties.districtCode, { attribute: 'district-code', type: String });
    assert.deepEqual(properties.debug, { attribute: 'debug', type: Boolean });
    assert.equal(Object.keys(properties).length, Object.keys(AK1_FORM_OPTIONS).length);
  });

  it('reads attributes through the table: numbers, comma lists, languages, presence; empty sets nothing', () => {
    const element = { minAge: ' 20 ', documents: 'ktp, ijazah,', lang: 'en-US', debug: true, districtName: '  Kabupaten Serang ', logo: '', officerName: undefined };
    assert.deepEqual(readOptions(AK1_FORM_OPTIONS, element), {
      minAge: 20,
      documents: ['KTP', 'IJAZAH'],
      lang: 'en',
      debug: true,
      districtName: 'Kabupaten Serang',
    });
    assert.deepEqual(readOptions(AK1_FORM_OPTIONS, { minAge: 'tua', lang: 'fr', debug: false }), { minAge: 'tua', lang: 'id' });
  });

  it('has the defaults the application rules have', () => {
    assert.deepEqual(optionDefaults(AK1_FORM_OPTIONS), { lang: 'id', minAge: DEFAULT_MIN_AGE, documents: [] });
  });

  it('resolves defaults < config < attributes, and says where each setting came from', () => {
    const result = resolveConfig(
      { endpoint: 'https://a.example/api', districtName: 'Kabupaten A', minAge: 21 },
      readOptions(AK1_FORM_OPTIONS, { districtName: 'Kabupaten B', officerName: 'Budi', officerNip: '198001012005011001' }),
      undefined,
    );
    assert.ok(result.ok);
    assert.equal(result.config.districtName, 'Kabupaten B');
    assert.equal(result.config.minAge, 21);
    assert.equal(result.config.lang, 'id');
    assert.equal(result.sources.districtName, 'attribute');
    assert.equal(result.sources.minAge, 'config');
    assert.equal(result.sources.lang, 'default');
    const summary = JSON.stringify(configSummary(result.config, result.sources));
    assert.doesNotMatch(summary, /Budi|198001012005011001/, 'debug does not repeat the officer');
    assert.match(summary, /"endpoint":\{"value":"https:\/\/a.example\/api","from":"config"\}/);
  });

  it('names the mistake in a bad attribute', () => {
    const result = resolveConfig(undefined, readOptions(AK1_FORM_OPTIONS, { endpoint: '/api', minAge: '9', documents: 'KTP,PASPOR' }), undefined);
    assert.ok(!result.ok);
    assert.deepEqual(result.error.problems.map((problem) => problem.split(':')[0]).sort(), ['documents.1', 'minAge']);
  });
});
