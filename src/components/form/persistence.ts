import type { DeviceStore, LeaveGuard, OutboxEntry, RememberedDraft, SavedDraft } from '../../storage/index.js';
import { STORAGE_KEY_PREFIX } from '../../storage/session-records.js';
import type { Answers, Attachments } from './answers.js';

/** What is kept of the journey between page loads. */
export interface Snapshot {
  answers: Answers;
  /** When the applicant ticked the consent: part of the consent record, so it survives a reload too. */
  consentAcceptedAt: string | undefined;
  step: string;
  attachments: Attachments;
}

export interface Restored {
  draft?: { answers: unknown; step: string };
  outbox?: OutboxEntry;
}

/** How long typing rests before the tab draft is written, and before the (heavier, encrypted) remembered one. */
const DRAFT_DELAY_MS = 400;
const REMEMBER_DELAY_MS = 1500;

/**
 * Keeps the applicant's work on the device as design.md's storage policy says: the tab draft, the remembered
 * draft when asked for, the outbox until the server confirms, and the leave warning while something is
 * unsent. The storage code loads only when there is something to keep or to restore, so a first visit
 * downloads none of it before the form is usable.
 */
export class Persistence {
  /** Whether "Ingat di perangkat ini" can be offered (a secure context with WebCrypto and IndexedDB). */
  canRemember = false;
  remember = false;

  private store: DeviceStore | undefined;
  private guard: LeaveGuard | undefined;
  private loading: Promise<DeviceStore> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly onReconnect: () => void) {}

  /** A synchronous look at this tab's sessionStorage: is there a draft or an outbox of ours to restore? */
  static tabHasRecords(): boolean {
    try {
      for (let i = 0; i < sessionStorage.length; i++) if (sessionStorage.key(i)?.startsWith(STORAGE_KEY_PREFIX)) return true;
    } catch {
      // Storage blocked (some in-app browsers, privacy modes): there is nothing to restore.
    }
    return false;
  }

  /** Loads the storage code (once). */
  ready(): Promise<DeviceStore> {
    this.loading ??= import('../../storage/index.js').then((storage) => {
      this.store = storage.createDeviceStore();
      this.guard = storage.createLeaveGuard();
      this.canRemember = this.store.canRemember;
      storage.onReconnect(() => {
        if (!this.stopped) this.onReconnect();
      });
      return this.store;
    });
    return this.loading;
  }

  /** The tab's draft and outbox, if any. Never throws: what cannot be read is as good as absent. */
  async restoreTab(): Promise<Restored> {
    try {
      const store = await this.ready();
      const draft: SavedDraft | undefined = store.loadDraft();
      const outbox = await store.loadOutbox();
      return { draft, outbox };
    } catch {
      return {};
    }
  }

  /** A draft remembered on this device by an earlier visit ("Ingat di perangkat ini"), if any. */
  async findRemembered(): Promise<RememberedDraft | undefined> {
    try {
      const store = await this.ready();
      return store.canRemember ? await store.loadRemembered() : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the draft after the applicant pauses; `dirty` drives the leave warning. */
  scheduleSave(snapshot: () => Snapshot, dirty: boolean) {
    if (this.stopped) return;
    clearTimeout(this.saveTimer);
    void this.ready().then(() => this.guard?.set(dirty));
    this.saveTimer = setTimeout(() => void this.save(snapshot()), this.remember ? REMEMBER_DELAY_MS : DRAFT_DELAY_MS);
  }

  /** Writes the draft now; returns false when the device refused (full, blocked). */
  async save(snapshot: Snapshot): Promise<boolean> {
    if (this.stopped) return true;
    try {
      const store = await this.ready();
      const answers = { answers: snapshot.answers, consentAcceptedAt: snapshot.consentAcceptedAt };
      if (this.remember) await store.remember({ answers, step: snapshot.step, attachments: snapshot.attachments });
      else store.saveDraft({ answers, step: snapshot.step });
      return true;
    } catch {
      return false;
    }
  }

  /** Turns "Ingat di perangkat ini" on (writing everything encrypted now) or off (forgetting it). */
  async setRemember(on: boolean, snapshot: Snapshot): Promise<boolean> {
    this.remember = on;
    const store = await this.ready();
    if (!on) {
      await store.forget();
      return this.save(snapshot);
    }
    return this.save(snapshot);
  }

  /** Keeps the submission and its key until the server confirms it. */
  async putOutbox(entry: { application: unknown; idempotencyKey: string; endpoint: string }): Promise<boolean> {
    try {
      const store = await this.ready();
      await store.putOutbox({ ...entry, remember: this.remember && this.canRemember });
      return true;
    } catch {
      return false;
    }
  }

  async clearOutbox() {
    await (await this.ready()).clearOutbox();
  }

  /** Removes every trace of ak1-form from the device; after a confirmed registration nothing is written again. */
  async wipe({ finished = false } = {}) {
    clearTimeout(this.saveTimer);
    if (finished) this.stopped = true;
    this.remember = false;
    const store = await this.ready();
    this.guard?.set(false);
    await store.wipe();
  }

  /** The form left the page: no leave warning for a form that is gone (its draft stays for the tab). */
  detach() {
    this.guard?.set(false);
  }

  /** Starts keeping drafts again after "Hapus data saya". */
  resume() {
    this.stopped = false;
  }
}
