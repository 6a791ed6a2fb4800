import { expect } from '@open-wc/testing';
import { showUnsupportedNotice } from '../../src/unsupported.js';

describe('the notice for browsers that cannot run the form', () => {
  it('shows the office in each <ak1-form>, in its language, once, as text', async () => {
    const host = document.createElement('div');
    // Not upgraded: this file never defines <ak1-form>, as in a browser that cannot run it.
    host.innerHTML = `<ak1-form office-name="Disnakertrans Kabupaten Serang" office-address="Jl. Veteran No. 1, Serang"></ak1-form>
      <ak1-form lang="en" office-name="&lt;b&gt;Kota&lt;/b&gt;"></ak1-form><ak1-form></ak1-form>`;
    document.body.append(host);
    try {
      showUnsupportedNotice(document);
      showUnsupportedNotice(document);
      const [id, en, bare] = [...host.querySelectorAll('ak1-form')];
      expect(id!.querySelectorAll('[role=alert]')).to.have.length(1);
      expect(id!.textContent).to.contain('Disnakertrans Kabupaten Serang, Jl. Veteran No. 1, Serang');
      expect(id!.textContent).to.contain('tidak dapat berjalan');
      expect(en!.textContent).to.contain('cannot run in this browser');
      expect(en!.textContent).to.contain('<b>Kota</b>');
      expect(en!.querySelector('b')).to.equal(null);
      expect(bare!.textContent).to.contain('Dinas yang membidangi ketenagakerjaan');
      await expect(host).to.be.accessible();
    } finally {
      host.remove();
    }
  });
});
