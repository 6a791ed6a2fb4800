import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/components/ak1-photo-step.define.js';
import { photoStepStyles, type Ak1PhotoStep } from '../../src/components/ak1-photo-step.js';
import { formStyles } from '../../src/components/form/styles.js';
import { pngFile } from './media-corpus.js';

/**
 * The step under the documented strict policy's style and image rules: no `style` attribute strings, previews
 * only from `blob:`. The policy is added to this page before anything renders; violations are collected.
 */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective}: ${event.sample || event.blockedURI}`);
});
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = "style-src 'self'; img-src 'self' data: blob:; worker-src 'self'; object-src 'none'";
document.head.append(policy);

class CspStepHost extends LitElement {
  static override styles = [formStyles, photoStepStyles];
  protected override render() {
    return html`<ak1-photo-step .documents=${['KTP']}></ak1-photo-step>`;
  }
}
customElements.define('csp-step-host', CspStepHost);

function pick(input: HTMLInputElement, file: File) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<ak1-photo-step> under a strict CSP', function () {
  this.timeout(60_000);

  it('the policy is enforced on this page (a style attribute string is blocked)', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: red');
    document.body.append(probe);
    await waitUntil(() => violations.length > 0, 'no violation reported: the policy is not in force');
    expect(getComputedStyle(probe).color).to.not.equal('rgb(255, 0, 0)');
    probe.remove();
    violations.length = 0;
  });

  it('crops, previews and prepares documents without a violation', async () => {
    const element = await fixture<CspStepHost>(html`<csp-step-host></csp-step-host>`);
    const step = element.renderRoot.querySelector<Ak1PhotoStep>('ak1-photo-step')!;
    await step.updateComplete;
    pick(element.renderRoot.querySelector<HTMLInputElement>('#f-photo-file')!, await pngFile(1200, 900));
    await waitUntil(() => element.renderRoot.querySelector('.ak1-media-frame'), 'no crop frame', { timeout: 10_000 });
    await step.updateComplete;
    const picture = element.renderRoot.querySelector<HTMLCanvasElement>('.ak1-media-picture')!;
    // Positioned through CSSOM: the picture is wider than the 3:4 frame it fills.
    expect(picture.getBoundingClientRect().width).to.be.greaterThan(
      element.renderRoot.querySelector('.ak1-media-frame')!.getBoundingClientRect().width * 1.5,
    );
    const changed = oneEvent(step, 'ak1-media-change');
    element.renderRoot.querySelector<HTMLButtonElement>('.ak1-media-crop ~ .ak1-media-actions .ak1-media-button')!.click();
    await changed;
    await step.updateComplete;
    const preview = element.renderRoot.querySelector<HTMLImageElement>('.ak1-media-photo')!;
    await waitUntil(() => preview.complete && preview.naturalWidth > 0, 'the blob: preview did not load');
    pick(element.renderRoot.querySelector<HTMLInputElement>('#f-documents\\.KTP-file')!, await pngFile(1600, 1000));
    await waitUntil(() => element.renderRoot.querySelector('.ak1-media-thumb'), 'no thumbnail');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations).to.deep.equal([]);
  });
});
