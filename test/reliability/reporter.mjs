// A node:test reporter for run.mjs: one JSON line per finished test or suite and per figure (a diagnostic of
// the form `[section] label: value`, see figures.ts), so the runner can print its table.
const FIGURE = /^\[([\w-]+)\] (.+?): (.+)$/s;

export default async function* reliabilityReporter(source) {
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:pass' || type === 'test:fail') {
      yield `${JSON.stringify({
        kind: 'test',
        passed: type === 'test:pass',
        name: data.name,
        file: data.file,
        nesting: data.nesting,
        suite: data.details?.type === 'suite',
        skipped: Boolean(data.skip),
        todo: Boolean(data.todo),
        durationMs: data.details?.duration_ms,
      })}\n`;
    } else if (type === 'test:diagnostic') {
      const match = FIGURE.exec(data.message);
      if (match) yield `${JSON.stringify({ kind: 'figure', section: match[1], label: match[2], value: match[3], file: data.file })}\n`;
    }
  }
}
