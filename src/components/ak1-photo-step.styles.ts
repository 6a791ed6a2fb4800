import { css } from 'lit';

/**
 * The look of `<ak1-photo-step>`. The step renders into its own light DOM so that it lives inside the
 * form's shadow tree (labels and error links resolve); these styles therefore go into the form's
 * `static styles`, after its own. The step uses the form's classes for what every field has (`legend`,
 * `hint`, `error-message`, `field-error`, `visually-hidden`) and gets the form's focus ring on its buttons,
 * range and frame; its own classes are prefixed `ak1-media-` so the two sheets never collide.
 * No `style` attributes anywhere: the crop position is set through CSSOM (`element.style.left = …`); Lit's
 * `styleMap` would write a `style` attribute string on its first render, which a strict CSP blocks.
 */
export const photoStepStyles = css`
  ak1-photo-step {
    display: block;
  }
  .ak1-media-fieldset {
    position: relative;
    border: 0;
    margin: 0 0 2rem;
    padding: 0;
    min-width: 0;
  }
  .ak1-media-fieldset .ak1-media-fieldset {
    margin-bottom: 1.5rem;
  }
  .ak1-media-legend {
    font-size: 1.125rem;
  }
  .ak1-media .hint {
    margin: 0 0 0.75rem;
  }
  .ak1-media .hint p {
    margin: 0 0 0.25rem;
  }
  .ak1-media-rules {
    color: var(--ak1-color-text, #0b0c0c);
    border-left: 4px solid var(--ak1-color-border, #b1b4b6);
    padding-left: 0.75rem;
  }
  .ak1-media .error-message {
    margin: 0 0 0.75rem;
  }
  /* The file inputs are also .visually-hidden: focusable, but only their labels show. */
  .ak1-media-file {
    opacity: 0;
  }
  .ak1-media-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin: 0.75rem 0;
  }
  .ak1-media-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    min-height: 2.75rem;
    min-width: 2.75rem;
    margin: 0 0 2px;
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 700;
    line-height: 1.25;
    text-align: center;
    color: var(--ak1-button-text, #fff);
    background: var(--ak1-color-primary, #00703c);
    border: 2px solid transparent;
    border-radius: var(--ak1-button-radius, 0);
    box-shadow: 0 2px 0 var(--ak1-color-primary-dark, #002d18);
    cursor: pointer;
  }
  .ak1-media-button-secondary {
    color: var(--ak1-color-text, #0b0c0c);
    background: var(--ak1-color-secondary-button, #f3f2f1);
    box-shadow: 0 2px 0 #929191;
  }
  .ak1-media-button-warning {
    color: #fff;
    background: var(--ak1-color-warning-button, #d4351c);
    box-shadow: 0 2px 0 #55150b;
  }
  .ak1-media-button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  .ak1-media-link {
    min-height: 2.75rem;
    padding: 0.5rem 0;
    font: inherit;
    color: var(--ak1-color-link, #1d70b8);
    background: none;
    border: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  /*
   * The form's focus ring reaches the buttons, the range and the frame. A file input is hidden, and its
   * label is the button people see, so the same ring is drawn there.
   */
  .ak1-media-file:focus + .ak1-media-button {
    outline: 3px solid var(--ak1-focus-color, #ffdd00);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--ak1-focus-halo, #0b0c0c);
  }
  .ak1-media-progress {
    margin: 0.75rem 0;
  }
  .ak1-media-progress label {
    display: block;
    font-weight: 700;
  }
  .ak1-media-progress progress {
    display: block;
    width: 100%;
    max-width: 20rem;
    height: 1rem;
    accent-color: var(--ak1-color-primary, #00703c);
  }
  .ak1-media-crop {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 1rem;
  }
  .ak1-media-frame {
    position: relative;
    flex: none;
    overflow: hidden;
    width: min(100%, 15rem);
    aspect-ratio: 3 / 4;
    background: #0b0c0c;
    border: 2px solid var(--ak1-color-text, #0b0c0c);
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    cursor: grab;
  }
  .ak1-media-frame:active {
    cursor: grabbing;
  }
  .ak1-media-picture {
    position: absolute;
    display: block;
    max-width: none;
    pointer-events: none;
  }
  /* Where a face goes in a pas foto: a guide, not a rule. */
  .ak1-media-guide {
    position: absolute;
    inset: 14% 20% 30%;
    border: 2px dashed rgba(255, 255, 255, 0.85);
    border-radius: 50%;
    pointer-events: none;
  }
  .ak1-media-zoom {
    flex: 1 1 10rem;
    min-width: 0;
  }
  .ak1-media-zoom label {
    display: block;
    font-weight: 700;
  }
  .ak1-media-range {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    margin: 0;
    accent-color: var(--ak1-color-primary, #00703c);
  }
  .ak1-media-result {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem 1rem;
    margin: 0.5rem 0;
  }
  .ak1-media-photo {
    display: block;
    width: 9rem;
    height: auto;
    aspect-ratio: 3 / 4;
    border: 1px solid var(--ak1-color-border, #b1b4b6);
  }
  .ak1-media-thumb {
    display: block;
    width: auto;
    height: auto;
    max-width: min(100%, 10rem);
    max-height: 10rem;
    border: 1px solid var(--ak1-color-border, #b1b4b6);
  }
  .ak1-media-summary {
    margin: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    /* Keyboard moves glide a little; dragging follows the finger directly. */
    .ak1-media-frame:focus-visible .ak1-media-picture {
      transition:
        left 80ms ease-out,
        top 80ms ease-out,
        width 80ms ease-out,
        height 80ms ease-out;
    }
  }
  @media (forced-colors: active) {
    .ak1-media-button,
    .ak1-media-frame {
      border-color: ButtonText;
    }
    .ak1-media-guide {
      border-color: Highlight;
    }
    .ak1-media-file:focus + .ak1-media-button {
      outline-color: Highlight;
    }
  }
`;
