import { css } from 'lit';

/**
 * The counter's look: the form's tokens (`--ak1-*`, with the same fallbacks), the host's font, a focus ring
 * that cannot be themed away, and a layout that holds at 320 px (tables turn into stacked rows). Constructable
 * stylesheets only: nothing inline, so a strict `style-src 'self'` holds.
 */
export const officeStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .ak1-root {
    all: initial;
    display: block;
    box-sizing: border-box;
    font-family: var(--ak1-font-family, inherit);
    font-size: var(--ak1-font-size, inherit);
    line-height: 1.5;
    color: var(--ak1-color-text, #0b0c0c);
    overflow-wrap: anywhere;
    max-width: var(--ak1-office-max-width, 70rem);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    border-bottom: 4px solid var(--ak1-color-primary, #00703c);
    padding-bottom: 0.5rem;
    margin-bottom: 1rem;
  }
  .title {
    font-weight: 700;
    font-size: 1.25rem;
    margin: 0;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    margin: 0;
    padding: 0;
    align-items: center;
  }
  h2 {
    font-size: 1.5rem;
    margin: 0 0 1rem;
  }
  h3 {
    font-size: 1.2rem;
    margin: 1.5rem 0 0.5rem;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  section {
    margin-bottom: 1.5rem;
  }
  label,
  legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .hint {
    display: block;
    color: var(--ak1-color-secondary-text, #505a5f);
    margin-bottom: 0.25rem;
  }
  .field {
    margin-bottom: 1rem;
  }
  .field.invalid {
    border-left: 4px solid var(--ak1-color-error, #d4351c);
    padding-left: 0.75rem;
  }
  .error-message {
    display: block;
    color: var(--ak1-color-error, #d4351c);
    font-weight: 700;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: #fff;
    border: 2px solid var(--ak1-input-border-color, #0b0c0c);
    border-radius: var(--ak1-input-radius, 0);
    padding: 0.3rem 0.4rem;
    max-width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0 0.5rem 0 0;
    vertical-align: middle;
  }
  .choice {
    display: flex;
    align-items: center;
    font-weight: 400;
    margin-bottom: 0.4rem;
  }
  textarea {
    width: 100%;
    min-height: 4rem;
  }
  .wide {
    width: 100%;
    max-width: 30rem;
  }
  fieldset {
    border: 0;
    margin: 0 0 1rem;
    padding: 0;
    min-width: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
    color: #fff;
    background: var(--ak1-color-primary, #00703c);
    border: 2px solid transparent;
    border-radius: var(--ak1-button-radius, 0);
    box-shadow: 0 2px 0 var(--ak1-color-primary-dark, #002d18);
    padding: 0.4rem 0.8rem;
    margin: 0 0.5rem 0.5rem 0;
  }
  button.secondary {
    color: var(--ak1-color-text, #0b0c0c);
    background: var(--ak1-color-secondary-button, #f3f2f1);
    box-shadow: 0 2px 0 #929191;
  }
  button.warning {
    background: var(--ak1-color-error, #d4351c);
    box-shadow: 0 2px 0 #55150b;
  }
  button.link {
    color: var(--ak1-color-link, #1d70b8);
    background: none;
    box-shadow: none;
    text-decoration: underline;
    padding: 0;
    margin: 0;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--ak1-focus-color, #ffdd00) !important;
    outline-offset: 0;
    box-shadow: 0 0 0 6px #0b0c0c !important;
  }
  .problem {
    border: 4px solid var(--ak1-color-error, #d4351c);
    padding: 0.75rem 1rem;
    margin-bottom: 1rem;
  }
  .problem:focus {
    outline: 3px solid var(--ak1-focus-color, #ffdd00);
  }
  .problem p {
    margin: 0;
  }
  .problem .heading {
    font-weight: 700;
    font-size: 1.1rem;
    margin-bottom: 0.25rem;
  }
  .notice {
    border-left: 6px solid var(--ak1-color-primary, #00703c);
    padding: 0.5rem 0.75rem;
    margin-bottom: 1rem;
    background: #f3f2f1;
  }
  .relogin {
    border: 4px solid var(--ak1-color-link, #1d70b8);
    padding: 1rem;
    margin-bottom: 1rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: flex-end;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin-bottom: 1rem;
  }
  caption {
    text-align: left;
    font-weight: 700;
    font-size: 1.1rem;
    padding: 0.5rem 0;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid var(--ak1-color-border, #b1b4b6);
    padding: 0.4rem 0.5rem 0.4rem 0;
  }
  td button {
    margin-bottom: 0.25rem;
  }
  @media (max-width: 40rem) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    table.stack tr,
    table.stack td,
    table.stack th {
      display: block;
    }
    table.stack tr {
      border-bottom: 2px solid var(--ak1-color-border, #b1b4b6);
      padding: 0.5rem 0;
    }
    table.stack td,
    table.stack th {
      border: 0;
      padding: 0.1rem 0;
    }
    table.stack td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 700;
    }
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, 14rem) 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.5rem;
    }
  }
  .media {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: flex-start;
  }
  .media img {
    max-width: 100%;
    height: auto;
    border: 1px solid var(--ak1-color-border, #b1b4b6);
  }
  .photo img {
    width: 9rem;
  }
  .document img {
    width: 20rem;
  }
  video {
    width: 100%;
    max-width: 28rem;
    background: #0b0c0c;
  }
  .counts {
    font-weight: 700;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    button {
      border: 2px solid ButtonText;
    }
    .problem,
    .relogin {
      border-color: CanvasText;
    }
  }
`;
