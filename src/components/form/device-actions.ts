import { html } from 'lit';
import { formatDate, type Ak1Catalogue } from '../../i18n/index.js';
import { calendarDate } from '../../schema/index.js';
import type { DeviceController } from './device.js';

export { Persistence } from './persistence.js';

/*
 * What the device controller does once there is something on the device: restoring, the remembered draft,
 * "Ingat di perangkat ini" and "Hapus data saya". It loads with the storage code, not with the first step.
 */

/** A reload, a crash or a discarded tab: back to the step the applicant was on, with every answer. */
export async function restoreTab(device: DeviceController) {
  const { work, outbox } = await (await device.ready()).restoreTab();
  if (work) await device.options.restore(work);
  if (outbox) await device.options.resend(outbox);
  device.restoring = false;
  device.host.requestUpdate();
}

/** After the first step shows, when the device may hold one: a remembered draft is offered, a remembered submission sent. */
export async function checkRemembered(device: DeviceController) {
  const persistence = await device.ready();
  const remembered = await persistence.findRemembered();
  // A submission kept encrypted ("Ingat") waits in IndexedDB, not in the tab: it is sent, not offered.
  const { outbox } = await persistence.restoreTab();
  if (outbox) {
    if (remembered) await device.options.restore(remembered);
    await device.options.resend(outbox);
    return;
  }
  device.remembered = remembered;
  device.host.requestUpdate();
}

async function resumeRemembered(device: DeviceController) {
  const remembered = device.remembered;
  if (!remembered) return;
  device.remembered = undefined;
  (await device.ready()).remember = true;
  await device.options.restore(remembered);
  device.notice = 'resumed';
  device.host.requestUpdate();
}

export async function toggleRemember(device: DeviceController, on: boolean) {
  await (await device.ready()).setRemember(on, device.options.snapshot());
  device.host.requestUpdate();
}

/** "Hapus data saya": everything of ak1-form's leaves the device, and the form starts again empty. */
export async function clear(device: DeviceController) {
  const persistence = await device.ready();
  await persistence.wipe();
  persistence.resume();
  device.remembered = undefined;
  await device.options.cleared();
  device.notice = 'cleared';
  device.options.focus.request('device-notice');
}

/** The offer of a remembered draft, on the first step. */
export function renderRemembered(device: DeviceController, t: Ak1Catalogue) {
  const remembered = device.remembered!;
  const texts = t.form.device;
  const savedOn = formatDate(calendarDate(new Date(remembered.savedAt)), t);
  return html`<div class="inset" role="region" aria-labelledby="ak1-remembered-title">
    <h2 class="step-subheading" id="ak1-remembered-title">${texts.rememberedTitle}</h2>
    <p>${texts.rememberedText(savedOn)}</p>
    <button class="button" part="button" type="button" @click=${() => resumeRemembered(device)}>${texts.resume}</button>
    <button class="button button-secondary" part="button-secondary" type="button" @click=${() => clear(device)}>${texts.discard}</button>
  </div>`;
}
