import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Ak1Catalogue } from '../../i18n/index.js';
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
 * server confirms, the leave warning while something is unsent, and "Hapus data saya". The storage code and
 * what is done with it (`device-actions.ts`, `persistence.ts`, `storage/`) load only when there is something to
 * keep or to restore, so a first visit fetches none of it before the form is usable.
 */
export class DeviceController implements ReactiveController {
  /** Restoring this tab's draft: the form waits for it rather than flash an empty first step. */
  restoring = false;
  /** A draft an earlier visit asked this device to remember: offered on the first step, not forced. */
  remembered: RememberedWork | undefined;
  /** What the last device action says in the status line. */
  notice: 'cleared' | 'resumed' | undefined;
  private persistence: Persistence | undefined;
  private actions: typeof import('./device-actions.js') | undefined;
  private loading: Promise<Persistence> | undefined;
  private restoreStarted = false;
  private firstUpdateSeen = false;

  constructor(
    readonly host: ReactiveControllerHost,
    readonly options: DeviceOptions,
  ) {
    host.addController(this);
  }

  /** The storage code, loaded once. */
  ready(): Promise<Persistence> {
    this.loading ??= import('./device-actions.js').then((actions) => {
      this.actions = actions;
      this.persistence = new actions.Persistence(() => this.options.reconnected());
      return this.persistence;
    });
    return this.loading;
  }

  /** Runs a device action once its code is loaded. */
  private act(action: (actions: typeof import('./device-actions.js')) => Promise<void>) {
    void this.ready().then(() => action(this.actions!));
  }

  hostConnected() {
    if (!this.restoreStarted && tabHasRecords()) {
      this.restoreStarted = true;
      this.restoring = true;
      this.act((actions) => actions.restoreTab(this));
    }
  }

  hostUpdated() {
    if (this.firstUpdateSeen) return;
    this.firstUpdateSeen = true;
    // A draft or a submission this device was asked to remember; the storage code loads only if there may be one.
    if (this.restoreStarted) return;
    void mayHaveRemembered().then((may) => {
      if (may) this.act((actions) => actions.checkRemembered(this));
    });
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
                @change=${(event: Event) => {
                  event.stopPropagation();
                  const on = (event.target as HTMLInputElement).checked;
                  this.act((actions) => actions.toggleRemember(this, on));
                }}
              />
              <label class="choice-label" for="ak1-remember">${t.remember}</label>
            </div>
            <p class="hint" id="ak1-remember-hint">${t.rememberHint}</p>`
        : nothing}
      <button class="link-button" part="button-secondary" type="button" @click=${() => this.act((actions) => actions.clear(this))}>${t.clear}</button>
      <p id="device-notice" role="status">${this.notice === 'cleared' ? t.cleared : this.notice === 'resumed' ? t.resumed : ''}</p>
    </div>`;
  }

  /** The offer of a remembered draft, on the first step (its code came with the draft). */
  renderRemembered(t: Ak1Catalogue) {
    return this.remembered && this.actions ? this.actions.renderRemembered(this, t) : nothing;
  }
}
