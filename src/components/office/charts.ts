import { html, nothing, svg } from 'lit';

/*
 * The report screen's charts, drawn as plain SVG: geometry in SVG attributes, colours in the element's own
 * stylesheet (classes), nothing in a `style` attribute, so the strict CSP (`style-src 'self'`, no
 * 'unsafe-inline') holds and no chart library is fetched. Each chart is an image with a title and a description
 * that say its numbers, and the caller puts its data beside it as a table.
 */

/** One day of the visits chart; `capacity` is missing on a day the office is closed. */
export interface DayBar {
  date: string;
  /** Registrations submitted that day. */
  registered: number;
  booked: number;
  arrived: number;
  capacity?: number | undefined;
}

export interface ChartLabels {
  id: string;
  title: string;
  description: string;
}

const PLOT_HEIGHT = 160;
const LEFT = 34;
const BOTTOM = 22;
const TOP = 8;
const SLOT = 20;

/** A round top for the y-axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= max)!;
}

/** Per day: registered, booked and arrived as bars side by side, the day's capacity as a dashed line over them. */
export function dailyChart(days: readonly DayBar[], labels: ChartLabels) {
  const top = niceMax(Math.max(1, ...days.flatMap((d) => [d.registered, d.booked, d.arrived, d.capacity ?? 0])));
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const width = LEFT + days.length * SLOT + 4;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const ticks = [0, top / 2, top];
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${labels.id}-title ${labels.id}-desc"
    data-chart=${labels.id}
  >
    <title id="${labels.id}-title">${labels.title}</title>
    <desc id="${labels.id}-desc">${labels.description}</desc>
    ${ticks.map(
      (tick) => svg`<line class="grid" x1=${LEFT} x2=${width - 4} y1=${y(tick)} y2=${y(tick)}></line>
        <text class="axis" x=${LEFT - 4} y=${y(tick) + 3} text-anchor="end">${Number.isInteger(tick) ? tick : tick.toFixed(1)}</text>`,
    )}
    ${days.map((day, i) => {
      const x = LEFT + i * SLOT;
      const dayNumber = Number(day.date.slice(8));
      return svg`<g>
        <rect class="bar-registered" x=${x + 1} y=${y(day.registered)} width="5" height=${PLOT_HEIGHT + TOP - y(day.registered)}></rect>
        <rect class="bar-booked" x=${x + 7} y=${y(day.booked)} width="5" height=${PLOT_HEIGHT + TOP - y(day.booked)}></rect>
        <rect class="bar-arrived" x=${x + 13} y=${y(day.arrived)} width="5" height=${PLOT_HEIGHT + TOP - y(day.arrived)}></rect>
        ${day.capacity !== undefined
          ? svg`<line class="capacity" x1=${x + 1} x2=${x + SLOT - 1} y1=${y(day.capacity)} y2=${y(day.capacity)} stroke-dasharray="3 2"></line>`
          : nothing}
        ${dayNumber === 1 || dayNumber % 5 === 0 ? svg`<text class="axis" x=${x + SLOT / 2} y=${height - 6} text-anchor="middle">${dayNumber}</text>` : nothing}
      </g>`;
    })}
  </svg>`;
}

/** The status funnel: one bar per stage, widest first, its count at its end. */
export function funnelChart(steps: ReadonlyArray<{ label: string; count: number }>, labels: ChartLabels) {
  const rowHeight = 26;
  const labelWidth = 150;
  const barSpace = 200;
  const width = labelWidth + barSpace + 40;
  const top = Math.max(1, ...steps.map((s) => s.count));
  return html`<svg
    class="chart funnel"
    viewBox="0 0 ${width} ${steps.length * rowHeight + 4}"
    role="img"
    aria-labelledby="${labels.id}-title ${labels.id}-desc"
    data-chart=${labels.id}
  >
    <title id="${labels.id}-title">${labels.title}</title>
    <desc id="${labels.id}-desc">${labels.description}</desc>
    ${steps.map((step, i) => {
      const barWidth = (step.count / top) * barSpace;
      const y = i * rowHeight + 4;
      return svg`<g>
        <text class="label" x=${labelWidth - 6} y=${y + 15} text-anchor="end">${step.label}</text>
        <rect class="bar-funnel" x=${labelWidth} y=${y} width=${Math.max(barWidth, 1)} height=${rowHeight - 8}></rect>
        <text class="label" x=${labelWidth + barWidth + 4} y=${y + 15}>${step.count}</text>
      </g>`;
    })}
  </svg>`;
}
