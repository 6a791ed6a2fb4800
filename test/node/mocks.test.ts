import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/*
 * `ak1-form/mocks` without msw (an optional peer dependency): a project that has not installed it is told
 * what to install, not handed a bare ERR_MODULE_NOT_FOUND.
 */

/** A resolve hook that finds no `msw`, as in a project that never installed it. */
const WITHOUT_MSW = `data:text/javascript,${encodeURIComponent(`
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent(\`
    export async function resolve(specifier, context, next) {
      if (specifier === 'msw' || specifier.startsWith('msw/')) {
        throw Object.assign(new Error("Cannot find package 'msw'"), { code: 'ERR_MODULE_NOT_FOUND' });
      }
      return next(specifier, context);
    }
  \`));
`)}`;

function importMocks(hooks: string[]) {
  const script = `import('./src/mocks/index.ts').then(() => console.log('loaded'), (error) => { console.log(String(error.message)); console.log(String(error.cause?.code)); process.exit(1); });`;
  return spawnSync(process.execPath, [...hooks, '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    encoding: 'utf8',
  });
}

describe('ak1-form/mocks', () => {
  it('without msw installed, says it needs msw and how to install it', () => {
    const result = importMocks(['--import', WITHOUT_MSW]);
    assert.equal(result.status, 1, result.stderr);
    const [message, code] = result.stdout.trim().split('\n');
    assert.match(message!, /needs msw 2/);
    assert.match(message!, /npm install --save-dev msw@\^2/);
    // The original error stays reachable for whoever needs it.
    assert.equal(code, 'ERR_MODULE_NOT_FOUND');
  });

  it('with msw installed, loads', () => {
    const result = importMocks([]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout.trim(), 'loaded');
  });
});
