/*
 * Figures of the reliability run: each test reports what it measured as a diagnostic of its own test
 * (`[section] label: value`), which the spec reporter prints and `run.mjs` gathers into its closing table.
 * Figures are reported, never asserted: timings and memory depend on how loaded the machine is.
 */
import type { TestContext } from 'node:test';

export type FigureSection = 'faults' | 'load' | 'flood' | 'xss' | 'fuzz' | `item-${number}`;

/** Reports one figure of `section`: `figure(t, 'load', 'requests', 12345)`. */
export function figure(t: TestContext, section: FigureSection, label: string, value: string | number): void {
  const text = typeof value === 'number' ? formatNumber(value) : value;
  t.diagnostic(`[${section}] ${label}: ${text}`);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Megabytes with one decimal, for memory figures. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Forces a full garbage collection, also when Node was started without --expose-gc. */
export async function collectGarbage(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
