import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/element.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';

describe('<ak1-form> (first release)', () => {
  it('is accessible, in Indonesian by default', async () => {
    const el = await fixture<Ak1Form>(html`<ak1-form endpoint="/api/ak1" office-name="Disnakertrans Kabupaten Serang" office-address="Jl. Veteran No. 1, Serang"></ak1-form>`);
    await expect(el).to.be.accessible();
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('Disnakertrans Kabupaten Serang, Jl. Veteran No. 1, Serang');
    expect(el.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('id');
  });

  it('checks a NIK typed with the keyboard, on the device', async () => {
    const el = await fixture<Ak1Form>(html`<ak1-form endpoint="/api/ak1"></ak1-form>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    input.focus();
    await sendKeys({ type: '3604 0552 0990 0003' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[role=status]')!.textContent!;
    expect(status).to.contain('12 September 1990');
    expect(status).to.contain('Banten');

    input.value = '';
    input.focus();
    await sendKeys({ type: '3604057104900003' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.not.contain('Banten');
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const el = await fixture<Ak1Form>(html`<ak1-form endpoint="/api/ak1" lang="en"></ak1-form>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('en');
    await expect(el).to.be.accessible();
  });
});
