import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { canonicalJson, type Ak1Application, type Ak1District, type Ak1Issue, type Ak1Registration, type DocumentKind } from '../../schema/index.js';
import { createAk1Client, isRefusedForGood, newIdempotencyKey, type Ak1Client } from '../../client/index.js';
import { ak1Event } from '../events.js';
import type { DeviceController } from './device.js';
import type { FocusController } from './focus.js';
import type { SubmitState } from './step-host.js';

/** A submission on its way: the validated application, its key, and where it goes. */
export interface Outbox {
  application: unknown;
  idempotencyKey: string;
  endpoint: string;
}

/** What the submission needs of the form: questions and outcomes, never the form's state. */
export interface SubmissionOptions {
  focus: FocusController;
  device: DeviceController;
  /** The office that receives the application (undefined: none serves the applicant's regency). */
  office(): Ak1District | undefined;
  /** The district's rules, which the client checks too. */
  clientOptions(): { minAge?: number | undefined; requiredDocuments?: readonly DocumentKind[] | undefined };
  validate(): { ok: true; value: Ak1Application } | { ok: false; issues: Ak1Issue[] };
  /** The server confirmed: show the done screen (which calls `doneShown` once it is on the screen). */
  finish(application: Ak1Application, registration: Ak1Registration): Promise<void>;
  /** Problems found at submit (locally or by the server): back to the first step concerned. */
  showIssues(issues: readonly Ak1Issue[]): Promise<void>;
  /** Asks the endpoint afresh: `wrong` (a wrong path, CORS) never cures itself, `offline` and the rest may. */
  checkEndpoint(endpoint: string): Promise<'ok' | 'offline' | 'unreachable' | 'busy' | 'wrong'>;
}

/**
 * Sending the application, with its state (what the check page shows), the outbox and the client: one key
 * per logical submission, the outbox kept on the device until the server confirms, sent again with the same
 * key on the next press, when the connection returns or when the page is opened again. Only a refusal for
 * good (`isRefusedForGood`, the client's one retry policy) drops the outbox and its key: after any failure
 * whose outcome may be unknown the backend may have registered the applicant, and a new key would get
 * `already-registered` instead of the number. This module loads with the check page (the client with it),
 * so nothing of it is fetched before the first step.
 */
export class SubmissionController implements ReactiveController {
  state: SubmitState = { kind: 'idle' };
  private outbox: Outbox | undefined;
  private outboxKept = false;
  private client: { endpoint: string; client: Ak1Client } | undefined;
  private sending = false;
  /** Ticks "mencoba lagi dalam N detik" down while the client waits to retry. */
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: SubmissionOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.tick();
  }

  hostDisconnected() {
    clearInterval(this.countdown);
    this.countdown = undefined;
  }

  /** The client for an office (made once per endpoint). */
  clientFor(endpoint: string): Ak1Client {
    if (this.client?.endpoint !== endpoint) {
      const { minAge, requiredDocuments } = this.options.clientOptions();
      this.client = { endpoint, client: createAk1Client({ endpoint, minAge, requiredDocuments }) };
    }
    return this.client.client;
  }

  /** An outbox found on the device after a reload: sent at once (it waits if the connection is still down). */
  resume(outbox: Outbox) {
    this.outbox = outbox;
    this.outboxKept = true;
    this.set({ kind: 'queued' });
    void this.send();
  }

  /** "Hapus data saya": the outbox went with everything else. */
  forget() {
    this.outbox = undefined;
    this.outboxKept = false;
    this.set({ kind: 'idle' });
  }

  async submit() {
    if (this.state.kind === 'sending' || this.state.kind === 'retrying') return;
    const result = this.options.validate();
    if (!result.ok) {
      await this.options.showIssues(result.issues);
      return;
    }
    const office = this.options.office();
    if (!office) {
      this.set({ kind: 'failed', code: 'noOffice' });
      return;
    }
    if (!this.host.dispatchEvent(ak1Event('ak1-submit', result.value, true))) return;
    this.set({ kind: 'sending' });
    // One key per logical submission: the same application sent again (a second press, a reload) keeps its key.
    const same = this.outbox?.endpoint === office.endpoint && canonicalJson(this.outbox.application) === canonicalJson(result.value);
    if (!same) this.outbox = { application: result.value, idempotencyKey: newIdempotencyKey(), endpoint: office.endpoint };
    // Kept on the device before it leaves, so a dropped connection or a closed tab loses nothing.
    this.outboxKept = await (await this.options.device.ready()).putOutbox(this.outbox!);
    await this.send();
  }

  /** The connection is back, or the page was opened again: send what is waiting. */
  reconnected() {
    if (this.outbox && this.state.kind === 'queued') void this.send();
  }

  /** Sends the outbox; a failure that is not a refusal for good leaves it queued, with its key. */
  private async send() {
    const outbox = this.outbox;
    if (!outbox || this.state.kind === 'retrying' || (this.state.kind === 'sending' && this.sending)) return;
    this.sending = true;
    this.set({ kind: 'sending' });
    let registration: Ak1Registration;
    try {
      registration = await this.clientFor(outbox.endpoint).submit(outbox.application, {
        idempotencyKey: outbox.idempotencyKey,
        onRetry: ({ delayMs }) => this.set({ kind: 'retrying', until: Date.now() + delayMs }),
      });
    } catch (error) {
      await this.failed(error, outbox.endpoint);
      return;
    } finally {
      this.sending = false;
    }
    // Registered. The outbox (here and on the device) stays until the done screen with the number is on the
    // screen (`doneShown`): should that screen fail to load, Kirim again or a reload sends it with its key, which
    // brings the same number back, instead of leaving the applicant registered with no number and nothing to resend.
    this.set({ kind: 'idle' });
    this.host.dispatchEvent(ak1Event('ak1-success', registration));
    await this.options.finish(outbox.application as Ak1Application, registration);
  }

  /**
   * The done screen is on the screen: now every trace leaves the device, and nothing is written again. A
   * storage that refuses to be cleared does not turn the registration into a failure; it is tried once more.
   */
  async doneShown() {
    this.outbox = undefined;
    this.outboxKept = false;
    const persistence = await this.options.device.ready();
    await persistence.wipe({ finished: true }).catch(() => persistence.wipe({ finished: true })).catch(() => undefined);
  }

  private async failed(error: unknown, endpoint: string) {
    const name = error instanceof Error ? error.name : 'Error';
    const details = error as { issues?: Ak1Issue[]; type?: string; status?: number };
    // No reply the page could read, on a working connection: a wrong endpoint or CORS would make the promise
    // to send it later a false one, so ask the endpoint before making it. The outbox and its key stay all the
    // same: the request may have got through (a flaky network can look like CORS to the check), and once the
    // webmaster mends the endpoint the same key gets the same registration.
    if (name === 'Ak1NetworkError' && (await this.options.checkEndpoint(endpoint)) === 'wrong') {
      this.fail({ kind: 'failed', code: 'endpoint' }, name);
      return;
    }
    if (!isRefusedForGood(error)) {
      // The backend may have registered the applicant, or may yet: the outbox and its key stay.
      if (this.outboxKept) {
        // Kept on the device: it goes on the next press, when the connection returns or the page is opened again.
        this.fail({ kind: 'queued' }, name, 'queued');
      } else {
        this.fail({ kind: 'failed', code: name === 'Ak1AbortError' ? 'aborted' : 'unreachable' }, name);
      }
      return;
    }
    if (name === 'Ak1HttpError' && [401, 403, 404, 405, 410].includes(details.status ?? 0)) {
      // Not an ak1 backend at that path, or an answer that is not the contract's word: a proxy's 403, or a
      // `403 proof-required` cut short on the way (no type left, so not retried). Only an endpoint the check finds
      // wrong (and logs what to change for the webmaster) drops the submission; a well one keeps it with its key.
      if ((await this.options.checkEndpoint(endpoint)) === 'wrong') {
        await this.dropOutbox();
        this.fail({ kind: 'failed', code: 'endpoint' }, name);
      } else if (this.outboxKept) {
        this.fail({ kind: 'queued' }, name, 'queued');
      } else {
        this.fail({ kind: 'failed', code: 'unreachable' }, name);
      }
      return;
    }
    // The backend refused for good: this submission will not be sent again as it is.
    await this.dropOutbox();
    if (name === 'Ak1ValidationError' && details.issues?.length) {
      this.set({ kind: 'idle' });
      this.host.dispatchEvent(ak1Event('ak1-error', { name, code: 'invalid-application' }));
      await this.options.showIssues(details.issues);
      return;
    }
    this.fail({ kind: 'failed', code: name === 'Ak1ConflictError' ? String(details.type) : 'unreachable' }, name);
  }

  private async dropOutbox() {
    this.outbox = undefined;
    await (await this.options.device.ready()).clearOutbox().catch(() => undefined);
  }

  /** Shows a failure (or the queue), says so to the host page without personal data, and moves focus to it. */
  private fail(state: Extract<SubmitState, { kind: 'queued' | 'failed' }>, name: string, code = state.kind === 'failed' ? state.code : 'queued') {
    this.set(state);
    this.host.dispatchEvent(ak1Event('ak1-error', { name, code }));
    this.options.focus.request('submit-status');
  }

  private set(state: SubmitState) {
    this.state = state;
    this.tick();
    this.host.requestUpdate();
  }

  private tick() {
    const retrying = this.state.kind === 'retrying';
    if (retrying && !this.countdown) this.countdown = setInterval(() => this.host.requestUpdate(), 1000);
    if (!retrying && this.countdown) {
      clearInterval(this.countdown);
      this.countdown = undefined;
    }
  }
}
