import { css } from 'lit';

/**
 * The form's look: GOV.UK's form patterns, themable through `--ak1-*` custom properties with fallbacks, the
 * host's font, and a focus ring that cannot be themed away (its width and the dark halo are fixed).
 * Everything is scoped to the shadow root, so the host page's CSS cannot move it.
 */
export const formStyles = css`
  :host {
    display: block;
    max-width: var(--ak1-max-width, 40rem);
  }
  /*
   * The host page's styles reach the <ak1-form> element itself (and beat :host), and inherited properties
   * would flow in from there: letter-spacing, text-transform, word-spacing… The form's root starts from
   * initial values and takes only the font from the page.
   */
  .ak1-root {
    all: initial;
    display: block;
    box-sizing: border-box;
    font-family: var(--ak1-font-family, inherit);
    font-size: var(--ak1-font-size, inherit);
    line-height: 1.5;
    color: var(--ak1-color-text, #0b0c0c);
    background: var(--ak1-color-background, transparent);
    overflow-wrap: anywhere;
    -webkit-text-size-adjust: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.75rem;
  }
  h2.step-heading {
    font-size: 1.5rem;
  }
  p {
    margin: 0 0 1rem;
  }
  a {
    color: var(--ak1-color-link, #1d70b8);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  /* A step's introduction (plain text, not a <p>) keeps a paragraph's distance from what follows. */
  .intro {
    margin-bottom: 1rem;
  }
  .progress-text {
    color: var(--ak1-color-secondary-text, #505a5f);
    margin-bottom: 0.25rem;
  }
  .progress-bar {
    /* A native <progress> is about 10em wide by default: the bar spans the form, as the text above it. */
    display: block;
    width: 100%;
    height: 0.5rem;
    background: var(--ak1-color-border-light, #e6e6e6);
    margin-bottom: 1.25rem;
  }
  .progress-bar > span {
    display: block;
    height: 100%;
    background: var(--ak1-color-primary, #00703c);
  }
  .field {
    margin-bottom: 1.5rem;
  }
  .field-error {
    border-left: 5px solid var(--ak1-color-error, #d4351c);
    padding-left: 0.75rem;
  }
  .label,
  .legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .legend {
    padding: 0;
  }
  .date-label {
    font-weight: 400;
  }
  .optional {
    font-weight: 400;
  }
  .hint {
    color: var(--ak1-color-secondary-text, #505a5f);
    margin-bottom: 0.5rem;
  }
  .error-message {
    color: var(--ak1-color-error, #d4351c);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  .fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .input,
  .select,
  .textarea {
    font: inherit;
    color: inherit;
    background: var(--ak1-input-background, #fff);
    border: 2px solid var(--ak1-input-border-color, #0b0c0c);
    border-radius: var(--ak1-input-radius, 0);
    min-height: 2.75rem;
    padding: 0.3rem 0.5rem;
    width: 100%;
    max-width: 100%;
  }
  .field-error .input,
  .field-error .select {
    border-color: var(--ak1-color-error, #d4351c);
  }
  .width-2 {
    max-width: 5.5ch;
  }
  .width-3 {
    max-width: 7ch;
  }
  .width-4 {
    max-width: 8.5ch;
  }
  .width-5 {
    max-width: 10ch;
  }
  .width-10 {
    max-width: 20ch;
  }
  .width-20 {
    max-width: 38ch;
  }
  .width-30 {
    max-width: 56ch;
  }
  .date {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  .choices-inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.25rem 0;
  }
  .choice-input {
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    margin: 0.1rem 0 0;
    accent-color: var(--ak1-color-primary, #00703c);
  }
  .choice-label {
    padding-top: 0.2rem;
    cursor: pointer;
  }
  .conditional {
    margin: 0 0 1rem 0.9rem;
    padding-left: 1.25rem;
    border-left: 4px solid var(--ak1-color-border, #b1b4b6);
  }
  .button,
  .link-button {
    font: inherit;
    cursor: pointer;
    min-height: 2.75rem;
  }
  .button {
    display: inline-block;
    font-weight: 700;
    color: var(--ak1-button-text, #fff);
    background: var(--ak1-color-primary, #00703c);
    border: 2px solid transparent;
    border-radius: var(--ak1-button-radius, 0);
    box-shadow: 0 2px 0 var(--ak1-color-primary-dark, #002d18);
    padding: 0.5rem 1rem;
    margin: 0 0.75rem 1rem 0;
    text-decoration: none;
  }
  .button-secondary {
    color: var(--ak1-color-text, #0b0c0c);
    background: var(--ak1-color-secondary-button, #f3f2f1);
    box-shadow: 0 2px 0 #929191;
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0.5rem 0;
    color: var(--ak1-color-link, #1d70b8);
    text-decoration: underline;
  }
  .back-link {
    display: inline-block;
    margin-bottom: 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    margin-top: 1rem;
  }
  .error-summary {
    border: 5px solid var(--ak1-color-error, #d4351c);
    padding: 1rem;
    margin-bottom: 1.5rem;
  }
  .error-summary-title {
    font-size: 1.25rem;
  }
  .error-summary-list {
    margin: 0;
    padding-left: 1.25rem;
  }
  .error-summary-list a {
    color: var(--ak1-color-error, #d4351c);
    font-weight: 700;
  }
  .warning,
  .notice,
  .inset {
    border-left: 5px solid var(--ak1-color-border, #b1b4b6);
    padding: 0.5rem 1rem;
    margin-bottom: 1.5rem;
  }
  .warning {
    border-color: var(--ak1-color-warning, #f47738);
  }
  .repeat {
    border: 2px solid var(--ak1-color-border-light, #e6e6e6);
    padding: 1rem 1rem 0;
    margin-bottom: 1rem;
  }
  .spinner-text {
    font-weight: 700;
  }
  /* The focus ring: yellow with a dark halo, 3 px, the same on every control; themes may change the colour only. */
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible,
  .choice-input:focus-visible {
    outline: 3px solid var(--ak1-focus-color, #ffdd00) !important;
    outline-offset: 0 !important;
    box-shadow: 0 0 0 6px var(--ak1-focus-halo, #0b0c0c) !important;
  }
  .error-summary:focus {
    outline: 3px solid var(--ak1-focus-color, #ffdd00);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    .button,
    .error-summary,
    .field-error,
    .panel {
      border: 2px solid CanvasText;
    }
    a:focus-visible,
    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    [tabindex]:focus-visible {
      outline-color: Highlight !important;
    }
  }
`;
