import { css } from 'lit';

/**
 * The report screen's look: number columns aligned right, wide tables scrolling inside a focusable region at
 * 320 px (a data table keeps its grid: WCAG 1.4.10 allows two-dimensional scrolling for it), rows that do not add
 * up marked by more than colour, and the charts' colours, which are classes here rather than `style` attributes
 * so that the strict CSP holds.
 */
export const reportsStyles = css`
  .reports select {
    min-width: 12rem;
  }
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
    margin-bottom: 0.5rem;
  }
  table.numbers th.number,
  table.numbers td.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  table.numbers tfoot th,
  table.numbers tfoot td {
    font-weight: 700;
    border-top: 2px solid var(--ak1-color-text, #0b0c0c);
  }
  table.numbers th.sex {
    font-weight: 400;
  }
  tr.mismatch th,
  tr.mismatch td {
    background: #fbe9e6;
  }
  tr.mismatch td.check {
    border-left: 4px solid var(--ak1-color-error, #d4351c);
  }
  .mismatch-summary {
    border-left: 6px solid var(--ak1-color-error, #d4351c);
    padding: 0.5rem 0.75rem;
    font-weight: 700;
  }
  .ok-summary {
    border-left: 6px solid var(--ak1-color-primary, #00703c);
    padding: 0.5rem 0.75rem;
  }
  #report-results:focus {
    outline: none;
  }
  .downloads {
    margin-bottom: 1.5rem;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    padding: 0;
    margin: 0 0 0.5rem;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 1rem;
    margin-right: 0.35rem;
    vertical-align: middle;
  }
  .swatch.registered {
    background: var(--ak1-chart-registered, #6f3c97);
  }
  .swatch.booked {
    background: var(--ak1-chart-booked, #1d70b8);
  }
  .swatch.arrived {
    background: var(--ak1-chart-arrived, #00703c);
  }
  .swatch.capacity {
    height: 0;
    border-top: 3px dashed var(--ak1-color-text, #0b0c0c);
  }
  svg.chart {
    display: block;
    width: 100%;
    max-width: 48rem;
    height: auto;
    margin-bottom: 0.5rem;
  }
  svg.chart.funnel {
    max-width: 36rem;
  }
  svg.chart .bar-registered {
    fill: var(--ak1-chart-registered, #6f3c97);
  }
  svg.chart .bar-booked {
    fill: var(--ak1-chart-booked, #1d70b8);
  }
  svg.chart .bar-arrived {
    fill: var(--ak1-chart-arrived, #00703c);
  }
  svg.chart .bar-funnel {
    fill: var(--ak1-chart-booked, #1d70b8);
  }
  svg.chart .capacity {
    stroke: var(--ak1-color-text, #0b0c0c);
    stroke-width: 2;
  }
  svg.chart .grid {
    stroke: var(--ak1-color-border, #b1b4b6);
    stroke-width: 1;
  }
  svg.chart text {
    fill: var(--ak1-color-text, #0b0c0c);
    font-size: 9px;
    font-family: inherit;
  }
  svg.chart.funnel text {
    font-size: 12px;
  }
  details {
    margin-bottom: 1rem;
  }
  .karirhub-pending .karirhub-count {
    margin: 0 0 0.5rem;
    font-weight: 700;
  }
  .karirhub-pending button {
    margin-bottom: 0;
  }
  summary {
    cursor: pointer;
    color: var(--ak1-color-link, #1d70b8);
    text-decoration: underline;
  }
  @media (forced-colors: active) {
    svg.chart .bar-booked,
    svg.chart .bar-funnel {
      fill: CanvasText;
    }
    svg.chart .bar-arrived {
      fill: Highlight;
    }
    svg.chart .bar-registered {
      fill: GrayText;
    }
    svg.chart .capacity,
    svg.chart .grid {
      stroke: CanvasText;
    }
    svg.chart text {
      fill: CanvasText;
    }
    .swatch {
      forced-color-adjust: none;
    }
  }
`;
