import { expect } from '@open-wc/testing';
import { $, $$, CONTACT, EDUCATION, IDENTITY, WORK, fill, newForm, pressContinue, settle } from './form-helpers.js';

describe('<ak1-form> journey', () => {
  it('opens on the identity step, accessible, in Indonesian', async () => {
    const el = await newForm();
    expect($(el, '.step-heading')!.textContent).to.equal('Data diri');
    expect($(el, '#progress-text')!.textContent).to.equal('Langkah 1 dari 7');
    await expect(el).to.be.accessible();
  });

  it('shows the error summary on an empty Continue, focuses it, and links to each field', async () => {
    const el = await newForm();
    await pressContinue(el);
    const summary = $(el, '.error-summary')!;
    expect(summary).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const links = $$<HTMLAnchorElement>(el, '.error-summary a');
    expect(links.map((a) => a.getAttribute('href'))).to.include.members(['#f-nik', '#f-fullName', '#f-birthDate', '#f-sex']);
    links[0]!.click();
    expect(el.shadowRoot!.activeElement!.id).to.equal('f-nik');
    const nik = $<HTMLInputElement>(el, '#f-nik')!;
    expect(nik.getAttribute('aria-invalid')).to.equal('true');
    expect(nik.getAttribute('aria-describedby')).to.contain('e-nik');
    expect($(el, '#e-nik .visually-hidden')!.textContent).to.equal('Kesalahan:');
    await expect(el).to.be.accessible();
  });

  it('fills the birth date and sex from a valid NIK, which stay editable', async () => {
    const el = await newForm();
    await fill(el, { nik: '3604 0552 0990 0003' });
    expect($<HTMLInputElement>(el, '[name="birthDate.day"]')!.value).to.equal('12');
    expect($<HTMLInputElement>(el, '[name="birthDate.month"]')!.value).to.equal('09');
    expect($<HTMLInputElement>(el, '[name="birthDate.year"]')!.value).to.equal('1990');
    expect($<HTMLInputElement>(el, '[name="sex"][value="P"]')!.checked).to.be.true;
    await fill(el, { 'birthDate.day': '13' });
    expect($<HTMLInputElement>(el, '[name="birthDate.day"]')!.value).to.equal('13');
    expect($<HTMLInputElement>(el, '[name="sex"][value="P"]')!.checked).to.be.true;
  });

  it('clears errors as they are fixed and keeps every value', async () => {
    const el = await newForm();
    await fill(el, { fullName: 'Siti 2' });
    await pressContinue(el);
    expect($(el, '#e-fullName')).to.exist;
    await fill(el, { fullName: 'Siti Nur’aini' });
    expect($(el, '#e-fullName')).to.not.exist;
    expect($<HTMLInputElement>(el, '#f-fullName')!.value).to.equal('Siti Nur’aini');
  });

  it('asks to confirm a NIK that disagrees with the birth date, then continues', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await fill(el, { 'birthDate.day': '13' });
    await pressContinue(el);
    expect($(el, '.warning')).to.exist;
    expect($(el, '.step-heading')!.textContent).to.equal('Data diri');
    await pressContinue(el);
    expect($(el, '.step-heading')!.textContent).to.equal('Kontak dan alamat');
  });

  it('walks contact, education and work with lazily loaded steps and region lists, and Back keeps values', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await pressContinue(el);
    expect($(el, '.step-heading')!.textContent).to.equal('Kontak dan alamat');
    await expect(el).to.be.accessible();
    await fill(el, CONTACT);
    expect($<HTMLSelectElement>(el, '[name="address.villageCode"]')!.value).to.equal('36.04.05.2001');
    await pressContinue(el);
    expect($(el, '.step-heading')!.textContent).to.equal('Pendidikan dan keterampilan');
    await pressContinue(el);
    expect($(el, '.error-summary')).to.exist;
    await expect(el).to.be.accessible();
    await fill(el, EDUCATION);
    await pressContinue(el);
    expect($(el, '.step-heading')!.textContent).to.contain('Pengalaman');
    await fill(el, WORK);
    $<HTMLAnchorElement>(el, '.back-link')!.click();
    await settle(el);
    $<HTMLAnchorElement>(el, '.back-link')!.click();
    await settle(el);
    expect($(el, '.step-heading')!.textContent).to.equal('Kontak dan alamat');
    expect($<HTMLInputElement>(el, '#f-phone')!.value).to.equal('0812-3456-7890');
    expect($<HTMLSelectElement>(el, '[name="address.districtCode"]')!.value).to.equal('36.04.05');
  });
});

describe('<ak1-form> on the device', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('keeps the typed answers in this tab and restores them, on their step, in a new form (a reload)', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await pressContinue(el);
    await fill(el, { phone: '0812-3456-7890' });
    await settle(el, 200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stored = Object.keys(sessionStorage).filter((key) => key.startsWith('ak1-form:'));
    expect(stored.length).to.be.greaterThan(0);
    expect(localStorage.length).to.equal(0);
    el.remove();
    const again = await newForm('', { keepDevice: true });
    await settle(again, 100);
    expect($(again, '.step-heading')!.textContent).to.equal('Kontak dan alamat');
    expect($<HTMLInputElement>(again, '#f-phone')!.value).to.equal('0812-3456-7890');
    $<HTMLAnchorElement>(again, '.back-link')!.click();
    await settle(again);
    expect($<HTMLInputElement>(again, '#f-fullName')!.value).to.equal('Siti Nur’aini');
  });

  it('"Hapus data saya" removes everything and starts again empty', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await settle(el, 200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('ak1-form:'))).to.be.true;
    const clear = $$<HTMLButtonElement>(el, '.device button').find((b) => b.textContent!.includes('Hapus data saya'))!;
    clear.click();
    await settle(el, 100);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ak1-form:'))).to.deep.equal([]);
    expect($<HTMLInputElement>(el, '#f-nik')!.value).to.equal('');
    expect($(el, '#device-notice')!.textContent).to.contain('dihapus');
    await expect(el).to.be.accessible();
  });
});
