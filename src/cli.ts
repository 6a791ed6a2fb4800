/**
 * The `ak1-form` command. `ak1-form conformance <endpoint>` checks a backend against the contract and
 * prints a report; it exits 0 only when every check passes, 1 when one fails, 2 when it was called wrongly.
 * `backup`, `restore` and `keys` look after the reference server's files (src/cli-data.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATA_COMMANDS, runDataCommand } from './cli-data.js';
import { formatConformanceReport, runConformance } from './conformance/index.js';

const USAGE = `Usage: ak1-form conformance <endpoint> [options]

Checks a district backend against the ak1-form contract (docs/openapi.yaml) and prints every check with
PASS or FAIL and why. It registers a few test applicants, named "Pemohon Uji Kesesuaian" with NIKs of the
kecamatan 36.04.99, which does not exist, and cancels them at the end through /self/cancel with their access
codes (the last line says how many): use a staging backend all the same.

Options:
  --origin <origin>      the district site's origin that CORS must allow (default: the endpoint's origin)
  --time-zone <zone>     the district's IANA time zone (default: Asia/Jakarta)
  --timeout <ms>         each request's limit in milliseconds (default: 15000)
  --officer <user:pass>  also check the office routes as this officer (a petugas or Pengantar Kerja
                         account without a second factor, its one-time password already changed);
                         AK1_CONFORMANCE_OFFICER=user:pass keeps the password out of the process list
  --json                 print the report as JSON
  -h, --help             show this help
  -v, --version          print the version of ak1-form

Exit status: 0 when every check passes, 1 when any fails, 2 on a usage error.

Also: ak1-form backup, restore and keys (ak1-form keys --help); ak1-form officer (ak1-form officer --help).`;

async function main(argv: string[]): Promise<number> {
  // The data commands take their own options; they load better-sqlite3 only when called.
  if ((DATA_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runDataCommand(argv);
  if (argv[0] === 'officer') return (await import('./cli-officer.js')).runOfficerCommand(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        origin: { type: 'string' },
        'time-zone': { type: 'string' },
        timeout: { type: 'string' },
        officer: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, endpoint, ...extra] = positionals;
  if (values.version) {
    console.log(version());
    return 0;
  }
  if (values.help && (command === undefined || command === 'conformance')) {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'conformance' || !endpoint || extra.length) {
    console.error(USAGE);
    return 2;
  }
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    console.error(`Not an http(s) URL: ${endpoint}\n\n${USAGE}`);
    return 2;
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    console.error(`--timeout must be a whole number of milliseconds\n\n${USAGE}`);
    return 2;
  }
  const officerText = values.officer ?? (process.env.AK1_CONFORMANCE_OFFICER || undefined);
  const separator = officerText?.indexOf(':') ?? -1;
  if (officerText !== undefined && separator < 1) {
    console.error(`--officer takes USER:PASSWORD\n\n${USAGE}`);
    return 2;
  }
  const officer = officerText === undefined ? undefined : { username: officerText.slice(0, separator), password: officerText.slice(separator + 1) };
  const report = await runConformance({ endpoint, origin: values.origin, timeZone: values['time-zone'], timeoutMs, officer });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatConformanceReport(report));
  return report.passed ? 0 : 1;
}

/** The package's own version: package.json sits one level above both src/cli.ts and dist/cli.js. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
