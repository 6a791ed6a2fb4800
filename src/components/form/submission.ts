import { canonicalJson, type Ak1Application, type Ak1District, type Ak1Issue, type Ak1Registration, type DocumentKind } from '../../schema/index.js';
import { createAk1Client, newIdempotencyKey, type Ak1Client } from '../../client/index.js';
import { ak1Event } from '../events.js';
import type { Persistence } from './persistence.js';
import type { SubmitState } from './step-host.js';

/** A submission on its way: the validated application, its key, and where it goes. */
export interface Outbox {
  application: unknown;
  idempotencyKey: string;
  endpoint: string;
}

/** What the submission needs of the form. */
export interface SubmissionHost {
  submitState: SubmitState;
  readonly office: Ak1District | undefined;
  readonly clientOptions: { minAge?: number | undefined; requiredDocuments?: readonly DocumentKind[] | undefined };
  validate(): { ok: true; value: Ak1Application } | { ok: false; issues: Ak1Issue[] };
  device(): Promise<Persistence>;
  dispatchEvent(event: Event): boolean;
  /** The server confirmed: show the done screen. */
  finish(application: Ak1Application, registration: Ak1Registration): Promise<void>;
  /** Problems found at submit (locally or by the server): back to the first step concerned. */
  showIssues(issues: readonly Ak1Issue[]): Promise<void>;
  /** Moves focus to the submission's status once it renders. */
  focusStatus(): void;
}

/**
 * Sending the application: one key per logical submission, the outbox kept on the device until the server
 * confirms, queued and sent again with the same key when the connection returns or the page is opened again.
 * Loads with the check page (the client with it), so nothing of it is fetched before the first step.
 */
export class Submission {
  private outbox: Outbox | undefined;
  private outboxKept = false;
  private client: { endpoint: string; client: Ak1Client } | undefined;

  constructor(private readonly host: SubmissionHost) {}

  /** The client for an office (made once per endpoint). */
  clientFor(endpoint: string): Ak1Client {
    if (this.client?.endpoint !== endpoint) {
      const { minAge, requiredDocuments } = this.host.clientOptions;
      this.client = { endpoint, client: createAk1Client({ endpoint, minAge, requiredDocuments }) };
    }
    return this.client.client;
  }

  /** An outbox found on the device after a reload: sent at once (it waits if the connection is still down). */
  resume(outbox: Outbox) {
    this.outbox = outbox;
    this.outboxKept = true;
    this.host.submitState = { kind: 'queued' };
    void this.send();
  }

  /** "Hapus data saya": the outbox went with everything else. */
  forget() {
    this.outbox = undefined;
    this.outboxKept = false;
  }

  get pending(): boolean {
    return !!this.outbox;
  }

  async submit() {
    const host = this.host;
    if (host.submitState.kind === 'sending' || host.submitState.kind === 'retrying') return;
    const result = host.validate();
    if (!result.ok) {
      await host.showIssues(result.issues);
      return;
    }
    const office = host.office;
    if (!office) {
      host.submitState = { kind: 'failed', code: 'noOffice' };
      return;
    }
    if (!host.dispatchEvent(ak1Event('ak1-submit', result.value, true))) return;
    host.submitState = { kind: 'sending' };
    // One key per logical submission: the same application sent again (a second press, a reload) keeps its key.
    const same =
      this.outbox?.endpoint === office.endpoint && canonicalJson(this.outbox.application) === canonicalJson(result.value);
    if (!same) this.outbox = { application: result.value, idempotencyKey: newIdempotencyKey(), endpoint: office.endpoint };
    // Kept on the device before it leaves, so a dropped connection or a closed tab loses nothing.
    this.outboxKept = await (await host.device()).putOutbox(this.outbox!);
    await this.send();
  }

  /** Sends the outbox; a failure the network may cure leaves it queued for when the connection returns. */
  async send() {
    const host = this.host;
    const outbox = this.outbox;
    if (!outbox || host.submitState.kind === 'retrying' || (host.submitState.kind === 'sending' && this.sending)) return;
    this.sending = true;
    host.submitState = { kind: 'sending' };
    try {
      const registration = await this.clientFor(outbox.endpoint).submit(outbox.application, {
        idempotencyKey: outbox.idempotencyKey,
        onRetry: ({ delayMs }) => (host.submitState = { kind: 'retrying', until: Date.now() + delayMs }),
      });
      // Only now, with the server's word, is it sent: clear every trace and keep the done screen in memory.
      this.outbox = undefined;
      host.submitState = { kind: 'idle' };
      await (await host.device()).wipe({ finished: true });
      host.dispatchEvent(ak1Event('ak1-success', registration));
      await host.finish(outbox.application as Ak1Application, registration);
    } catch (error) {
      await this.failed(error);
    } finally {
      this.sending = false;
    }
  }

  private sending = false;

  /** The connection is back, or the page was opened again: send what is waiting. */
  reconnected() {
    if (this.outbox && this.host.submitState.kind === 'queued') void this.send();
  }

  private async failed(error: unknown) {
    const host = this.host;
    const name = error instanceof Error ? error.name : 'Error';
    const details = error as { issues?: Ak1Issue[]; type?: string; status?: number };
    const mayRecover =
      name === 'Ak1NetworkError' ||
      name === 'Ak1TimeoutError' ||
      (name === 'Ak1HttpError' && (!details.status || details.status >= 500 || details.status === 429));
    if (mayRecover && this.outboxKept) {
      // Kept on the device: it goes when the connection returns or the page is opened again, with the same key.
      host.submitState = { kind: 'queued' };
      host.dispatchEvent(ak1Event('ak1-error', { name, code: 'queued' }));
      host.focusStatus();
      return;
    }
    if (!mayRecover) {
      // The server answered for good: this submission will not be sent again as it is.
      this.outbox = undefined;
      await (await host.device()).clearOutbox().catch(() => undefined);
    }
    if (name === 'Ak1ValidationError' && details.issues?.length) {
      host.submitState = { kind: 'idle' };
      host.dispatchEvent(ak1Event('ak1-error', { name, code: 'invalid-application' }));
      await host.showIssues(details.issues);
      return;
    }
    const code = name === 'Ak1ConflictError' ? String(details.type) : name === 'Ak1AbortError' ? 'aborted' : 'unreachable';
    host.submitState = { kind: 'failed', code };
    host.dispatchEvent(ak1Event('ak1-error', { name, code }));
    host.focusStatus();
  }
}
