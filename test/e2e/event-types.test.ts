import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/*
 * What an SDK user's TypeScript sees of the events: a small project with `ak1-form` in its node_modules
 * (this package, as its package.json exports the built dist/), compiled by tsc against the built .d.ts.
 */

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let project: string;

function compile(source: string): { status: number | null; output: string } {
  writeFileSync(join(project, 'main.ts'), source);
  const result = spawnSync(process.execPath, [TSC, '-p', project], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('event types for TypeScript users (built .d.ts)', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'ak1-event-types-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/ak1-form'), 'dir');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it("types `el.addEventListener('ak1-success', (e) => e.detail.registrationNumber)` from ak1-form/element", () => {
    const { status, output } = compile(`
      import 'ak1-form/element';
      import type { Ak1ErrorDetail, Ak1StepChangeDetail, Ak1SuccessDetail } from 'ak1-form/element';
      const el = document.querySelector('ak1-form')!;
      el.addEventListener('ak1-success', (e) => e.detail.registrationNumber);
      el.addEventListener('ak1-step-change', (e) => {
        const step: Ak1StepChangeDetail['step'] = e.detail.step;
        return step;
      });
      el.addEventListener('ak1-submit', (e) => e.preventDefault());
      // Any element, and the document, where the events bubble to.
      document.body.addEventListener('ak1-error', (e) => e.detail.code satisfies Ak1ErrorDetail['code']);
      document.addEventListener('ak1-card-ready', (e) => e.detail.byteLength.toFixed(0));
      const number: Ak1SuccessDetail['registrationNumber'] = '3604-000001-000001';
      // The detail is typed, not any.
      // @ts-expect-error no such property on a registration
      el.addEventListener('ak1-success', (e) => e.detail.noSuchProperty);
      // @ts-expect-error a step is one of the journey's ids
      const wrong: Ak1StepChangeDetail = { step: 'nowhere' };
      export { number, wrong };
    `);
    assert.equal(status, 0, output);
  });

  it('exports the detail types from the SDK entry too, without the element', () => {
    const { status, output } = compile(`
      import type { Ak1FormEventMap, Ak1ErrorDetail, Ak1CardReadyDetail } from 'ak1-form';
      const onError = (event: Ak1FormEventMap['ak1-error']): Ak1ErrorDetail => event.detail;
      const card: Ak1CardReadyDetail = { fileName: 'kartu-ak1.pdf', byteLength: 1 };
      export { onError, card };
    `);
    assert.equal(status, 0, output);
  });
});
