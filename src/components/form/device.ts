import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatDate, type Ak1Catalogue } from '../../i18n/index.js';
import { calendarDate } from '../../schema/index.js';
import { canRememberHere, mayHaveRemembered, tabHasRecords } from '../../storage/capability.js';
import type { FocusController } from './focus.js';
import type { Persistence, RememberedWork, Restored, RestoredWork, Snapshot } from './persistence.js';

/** What the device controller needs of the form. */
export interface DeviceOptions {
  focus: FocusController;
  /** The work as it stands, to keep. */
  snapshot(): Snapshot;
  /** Whether there is anything of the applicant's to keep (it drives the leave warning). */
  dirty(): boolean;
  /** The server has confirmed: nothing is written again. */
  finished(): boolean;
  /** Answers found on the device, back into the form on their step. */
  restore(work: RestoredWork): Promise<void>;
  /** A submission found on the device: to the check page, and sent with its key. */
  resend(outbox: NonNullable<Restored['outbox']>): Promise<void>;
  /** The connection is back: send what waits. */
  reconnected(): void;
  /** "Hapus data saya" removed everything: the form starts again empty. */
  cleared(): Promise<void>;
}

/**
 * The device (design.md's storage policy): this tab's draft, "Ingat di perangkat ini", the outbox until the
 * server confirms, the leave warning while something is unsent, and "Hapus data saya". The storage code
 * (`persistence.ts` and `storage/`) loads only when there is something to keep or to restore, so a first
 * visit fetches none of it before the form is usable.
 */
export class DeviceController implements ReactiveController {
  /** Restoring this tab's draft: the form waits for it rather than flash an empty first step. */
  restoring = false;
  /** A draft an earlier visit asked this device to remember: offered on the first step, not forced. */
  remembered: RememberedWork | undefined;
  private notice: 'cleared' | 'resumed' | undefined;
  private persistence: Persistence | undefined;
  private loading: Promise<Persistence> | undefined;
  private restoreStarted = false;
  private firstUpdateSeen = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeviceOptions,
  ) {
    host.addController(this);
  }

  /** The storage code, loaded once. */
  ready(): Promise<Persistence> {
    this.loading ??= import('./persistence.js').then(({ Persistence }) => {
      this.persistence = new Persistence(() => this.options.reconnected());
      return this.persistence;
    });
    return this.loading;
  }

  hostConnected() {
    if (!this.restoreStarted && tabHasRecords()) {
      this.restoreStarted = true;
      this.restoring = true;
      void this.restoreTab();
    }
  }

  hostUpdated() {
    if (this.firstUpdateSeen) return;
    this.firstUpdateSeen = true;
    if (!this.restoreStarted) void this.checkRemembered();
  }

  /** The form left the page: no leave warning for a form that is gone (its draft stays for the tab). */
  hostDisconnected() {
    this.persistence?.detach();
  }

  /** Keeps the work on the device once there is any (nothing is written, or loaded, before the first answer). */
  keep() {
    if (this.options.finished()) return;
    const dirty = this.options.dirty();
    if (dirty || tabHasRecords()) void this.ready().then((device) => device.scheduleSave(() => this.options.snapshot(), dirty));
  }

  /** A reload, a crash or a discarded tab: back to the step the applicant was on, with every answer. */
  private async restoreTab() {
    const device = await this.ready();
    const { work, outbox } = await device.restoreTab();
    if (work) await this.options.restore(work);
    if (outbox) await this.options.resend(outbox);
    this.restoring = false;
    this.host.requestUpdate();
  }

  /** After the first step shows: a remembered draft is offered; a remembered submission is sent. */
  private async checkRemembered() {
    if (!(await mayHaveRemembered())) return;
    const device = await this.ready();
    const remembered = await device.findRemembered();
    // A submission kept encrypted ("Ingat") waits in IndexedDB, not in the tab: it is sent, not offered.
    const { outbox } = await device.restoreTab();
    if (outbox) {
      if (remembered) await this.options.restore(remembered);
      await this.options.resend(outbox);
      return;
    }
    this.remembered = remembered;
    this.host.requestUpdate();
  }

  private async resumeRemembered() {
    const remembered = this.remembered;
    if (!remembered) return;
    this.remembered = undefined;
    (await this.ready()).remember = true;
    await this.options.restore(remembered);
    this.notice = 'resumed';
    this.host.requestUpdate();
  }

  private async toggleRemember(event: Event) {
    event.stopPropagation();
    const on = (event.target as HTMLInputElement).checked;
    await (await this.ready()).setRemember(on, this.options.snapshot());
    this.host.requestUpdate();
  }

  /** "Hapus data saya": everything of ak1-form's leaves the device, and the form starts again empty. */
  private async clear() {
    const device = await this.ready();
    await device.wipe();
    device.resume();
    this.remembered = undefined;
    await this.options.cleared();
    this.notice = 'cleared';
    this.options.focus.request('device-notice');
  }

  /** The choices under every question step. */
  renderControls(t: Ak1Catalogue['form']['device']) {
    return html`<div class="device">
      ${canRememberHere()
        ? html`<div class="choice">
              <input
                class="choice-input"
                id="ak1-remember"
                type="checkbox"
                aria-describedby="ak1-remember-hint"
                .checked=${this.persistence?.remember ?? false}
                @change=${(event: Event) => this.toggleRemember(event)}
              />
              <label class="choice-label" for="ak1-remember">${t.remember}</label>
            </div>
            <p class="hint" id="ak1-remember-hint">${t.rememberHint}</p>`
        : nothing}
      <button class="link-button" part="button-secondary" type="button" @click=${() => this.clear()}>${t.clear}</button>
      <p id="device-notice" role="status">${this.notice === 'cleared' ? t.cleared : this.notice === 'resumed' ? t.resumed : ''}</p>
    </div>`;
  }

  /** The offer of a remembered draft, on the first step. */
  renderRemembered(t: Ak1Catalogue) {
    const remembered = this.remembered;
    if (!remembered) return nothing;
    const texts = t.form.device;
    const savedOn = formatDate(calendarDate(new Date(remembered.savedAt)), t);
    return html`<div class="inset" role="region" aria-labelledby="ak1-remembered-title">
      <h2 class="step-subheading" id="ak1-remembered-title">${texts.rememberedTitle}</h2>
      <p>${texts.rememberedText(savedOn)}</p>
      <button class="button" part="button" type="button" @click=${() => this.resumeRemembered()}>${texts.resume}</button>
      <button class="button button-secondary" part="button-secondary" type="button" @click=${() => this.clear()}>${texts.discard}</button>
    </div>`;
  }
}
