import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, plainJson } from '../../src/schema/canonical.js';
import { cardApplication } from '../fixtures/card-photo.js';

/*
 * canonicalJson and plainJson write by hand what JSON.stringify wrote (docs/performance.md). Fingerprints stored
 * by earlier releases must still match, so the reference is the earlier definition itself: JSON.stringify over
 * a copy with its keys sorted (whose array-index keys an object lays out first).
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
const earlierCanonical = (value: unknown) => JSON.stringify(sortKeys(value));

const base64 = fc.uint8Array({ minLength: 300, maxLength: 1500 }).map((bytes) => Buffer.from(bytes).toString('base64'));
// Base64 with one character that JSON must escape, or that is not base64, in the middle.
const almostBase64 = fc
  .tuple(base64, fc.constantFrom('\n', '\r', '\t', '\f', ' ', '"', '\\', '\u0001', '\ud800', 'é', '=', '-'))
  .map(([text, ch]) => text.slice(0, text.length >> 1) + ch + text.slice(text.length >> 1));
const leaf = fc.oneof(fc.string({ unit: 'binary' }), base64, almostBase64, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', ''));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value')), fc.sparseArray(tie('value')), fc.dictionary(key, tie('value'))),
}));

describe('canonicalJson and plainJson', () => {
  it('canonicalJson is the earlier definition’s string for any JSON-like value', () => {
    fc.assert(fc.property(value, (v) => canonicalJson(v) === earlierCanonical(v)), { numRuns: 5000 });
  });

  it('plainJson is JSON.stringify’s string for any JSON-like value', () => {
    fc.assert(fc.property(value, (v) => plainJson(v) === JSON.stringify(v)), { numRuns: 5000 });
  });

  it('an application with a real photo: the same strings as before', () => {
    const application = cardApplication();
    assert.equal(canonicalJson(application), earlierCanonical(application));
    const { photo, documents } = application;
    assert.equal(plainJson({ photo, documents }), JSON.stringify({ photo, documents }));
  });
});
