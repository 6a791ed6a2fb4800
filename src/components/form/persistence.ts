import { DOCUMENT_KINDS, type DocumentKind } from '../../schema/index.js';
import type { DeviceStore, LeaveGuard, OutboxEntry, RememberedDraft, SavedDraft } from '../../storage/index.js';
import { emptyAnswers, emptyEducation, emptySkill, emptyWork, type Answers, type Attachments } from './answers.js';
import { QUESTION_STEPS, type StepId } from './steps.js';

/** What is kept of the journey between page loads. */
export interface Snapshot {
  answers: Answers;
  /** When the applicant ticked the consent: part of the consent record, so it survives a reload too. */
  consentAcceptedAt: string | undefined;
  step: string;
  attachments: Attachments;
}

/** Work found on the device, checked and shaped for the form. */
export interface RestoredWork {
  answers: Answers;
  consentAcceptedAt: string | undefined;
  step: StepId;
  attachments?: Attachments;
}

/** A remembered draft, and when it was saved. */
export interface RememberedWork extends RestoredWork {
  savedAt: number;
}

export interface Restored {
  work?: RestoredWork;
  outbox?: { application: unknown; idempotencyKey: string; endpoint: string };
}

/** How long typing rests before the tab draft is written, and before the (heavier, encrypted) remembered one. */
const DRAFT_DELAY_MS = 400;
const REMEMBER_DELAY_MS = 1500;

/**
 * Keeps the applicant's work on the device as design.md's storage policy says: the tab draft, the remembered
 * draft when asked for, the outbox until the server confirms, and the leave warning while something is
 * unsent. This module (and the storage code with it) loads only when there is something to keep or to
 * restore, so a first visit downloads none of it before the form is usable.
 */
export class Persistence {
  /** Whether "Ingat di perangkat ini" can be offered (a secure context with WebCrypto and IndexedDB). */
  canRemember = false;
  remember = false;

  private store: DeviceStore | undefined;
  private guard: LeaveGuard | undefined;
  private loading: Promise<DeviceStore> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The draft waiting for typing to rest; written at once if the page is hidden or left first. */
  private pending: (() => Snapshot) | undefined;
  private stopped = false;
  /**
   * A reload, the app switcher or a tab the phone discards must not lose the last keystrokes: hidden and
   * frozen pages run no timers. (`pagehide`, unlike `unload`, keeps the page eligible for the bfcache.)
   */
  private readonly onLeave = (event: Event) => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.flush();
  };

  constructor(private readonly onReconnect: () => void) {}

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
      const outbox: OutboxEntry | undefined = await store.loadOutbox();
      if (outbox) this.remember = outbox.remember;
      return {
        work: draft && restoreWork(draft.answers, draft.step),
        outbox: outbox && { application: outbox.application, idempotencyKey: outbox.idempotencyKey, endpoint: outbox.endpoint },
      };
    } catch {
      return {};
    }
  }

  /** A draft remembered on this device by an earlier visit ("Ingat di perangkat ini"), if any. */
  async findRemembered(): Promise<RememberedWork | undefined> {
    try {
      const store = await this.ready();
      const remembered: RememberedDraft | undefined = store.canRemember ? await store.loadRemembered() : undefined;
      return remembered && { ...restoreWork(remembered.answers, remembered.step, remembered.attachments), savedAt: remembered.savedAt };
    } catch {
      return undefined;
    }
  }

  /** Writes the draft after the applicant pauses; `dirty` drives the leave warning. */
  scheduleSave(snapshot: () => Snapshot, dirty: boolean) {
    if (this.stopped) return;
    clearTimeout(this.saveTimer);
    void this.ready().then(() => this.guard?.set(dirty));
    if (!this.pending) this.listenForLeaving(true);
    this.pending = snapshot;
    this.saveTimer = setTimeout(() => this.flush(), this.remember ? REMEMBER_DELAY_MS : DRAFT_DELAY_MS);
  }

  /** Writes the waiting draft now, if any. The tab draft is written synchronously once the store is loaded. */
  flush() {
    const pending = this.pending;
    clearTimeout(this.saveTimer);
    this.pending = undefined;
    this.listenForLeaving(false);
    if (pending) void this.save(pending());
  }

  private listenForLeaving(on: boolean) {
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis[method]?.('pagehide', this.onLeave);
    globalThis.document?.[method]('visibilitychange', this.onLeave);
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
    this.pending = undefined;
    this.listenForLeaving(false);
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

/** A saved draft (`{ answers, consentAcceptedAt }` and the step) as the form's state, trusting only its shape. */
function restoreWork(saved: unknown, step: string, attachments?: unknown): RestoredWork {
  const record = (typeof saved === 'object' && saved !== null ? saved : {}) as { answers?: unknown; consentAcceptedAt?: unknown };
  return {
    answers: restoreAnswers(record.answers),
    consentAcceptedAt: typeof record.consentAcceptedAt === 'string' ? record.consentAcceptedAt : undefined,
    step: (QUESTION_STEPS as readonly string[]).includes(step) || step === 'review' ? (step as StepId) : 'identity',
    ...(attachments === undefined ? {} : { attachments: restoreAttachments(attachments) }),
  };
}

/**
 * Answers read back from the device, trusted no further than their shape: every leaf is taken only where
 * the empty answers have one of the same type, and list rows are rebuilt from their templates. Anything else
 * (an old draft's shape, a hand-edited one) falls back to empty.
 */
export function restoreAnswers(saved: unknown): Answers {
  const rowTemplates: Record<string, () => object> = {
    education: emptyEducation,
    skills: emptySkill,
    workExperience: emptyWork,
    positions: () => ({ title: '', kbji: '' }),
  };
  const take = (template: unknown, value: unknown, key: string): unknown => {
    if (typeof template === 'string') return typeof value === 'string' && value.length <= 1000 ? value : template;
    if (typeof template === 'boolean') return typeof value === 'boolean' ? value : template;
    if (Array.isArray(template)) {
      if (!Array.isArray(value)) return template;
      const row = rowTemplates[key];
      if (!row) return value.filter((item) => typeof item === 'string').slice(0, 20);
      const rows = value.slice(0, 20).map((item) => take(row(), item, ''));
      return rows.length || template.length === 0 ? rows : template;
    }
    if (typeof template === 'object' && template !== null) {
      const source = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      return Object.fromEntries(
        Object.entries(template).map(([k, v]) => [k, take(v, Object.hasOwn(source, k) ? source[k] : undefined, k)]),
      );
    }
    return template;
  };
  return take(emptyAnswers(), saved, '') as Answers;
}

/** Attachments read back from the device: kept only where they have the shape the schema expects. */
export function restoreAttachments(saved: unknown): Attachments {
  const record = (typeof saved === 'object' && saved !== null ? saved : {}) as { photo?: unknown; documents?: unknown };
  const isAttachment = (value: unknown): value is { mediaType: string; dataBase64: string } =>
    typeof value === 'object' && value !== null && typeof (value as { dataBase64?: unknown }).dataBase64 === 'string' &&
    typeof (value as { mediaType?: unknown }).mediaType === 'string';
  const photo = isAttachment(record.photo) && record.photo.mediaType === 'image/jpeg' ? { mediaType: 'image/jpeg' as const, dataBase64: record.photo.dataBase64 } : undefined;
  const documents = Array.isArray(record.documents)
    ? record.documents
        .filter((document): document is { kind: DocumentKind; mediaType: 'image/jpeg' | 'application/pdf'; dataBase64: string } =>
          isAttachment(document) && (DOCUMENT_KINDS as readonly string[]).includes((document as { kind?: string }).kind ?? '') &&
          (document.mediaType === 'image/jpeg' || document.mediaType === 'application/pdf'))
        .slice(0, 6)
        .map(({ kind, mediaType, dataBase64 }) => ({ kind, mediaType, dataBase64 }))
    : [];
  return { photo, documents };
}
