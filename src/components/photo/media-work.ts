import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a field shows while its work runs: a label and how far it is (0 to 1). */
export interface Busy {
  label: string;
  progress: number;
}

/** How a run ended. `aborted`: it was aborted or a newer run replaced it, so its result is not for anyone. */
export type WorkOutcome<T> = { status: 'complete'; value: T } | { status: 'error'; error: unknown } | { status: 'aborted' };

export interface WorkContext {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/**
 * Slow media work, one run at a time per field (the photo, each document), in the manner of `@lit/task`:
 * a new run aborts the field's previous one through its `AbortController`, and a result that arrives for
 * a run that is no longer the field's current one is dropped (the stale-result guard), so a slow first
 * file can never overwrite a quicker second. Leaving the page aborts everything.
 */
export class MediaWorkController<K extends string> implements ReactiveController {
  private readonly runs = new Map<K, { id: number; controller: AbortController }>();
  private readonly progress = new Map<K, Busy>();
  private lastId = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The field's running work, if any. */
  busy(key: K): Busy | undefined {
    return this.progress.get(key);
  }

  /**
   * Runs `work` for a field, after aborting what ran there. `dispose` frees a value that arrived too late
   * (a decoded bitmap no one will show).
   */
  async run<T>(key: K, label: string, work: (context: WorkContext) => Promise<T>, dispose?: (value: T) => void): Promise<WorkOutcome<T>> {
    this.abort(key);
    const id = ++this.lastId;
    const controller = new AbortController();
    const { signal } = controller;
    this.runs.set(key, { id, controller });
    const current = () => this.runs.get(key)?.id === id && !signal.aborted;
    const onProgress = (fraction: number) => {
      if (current()) this.setBusy(key, { label, progress: fraction });
    };
    onProgress(0);
    try {
      const value = await work({ signal, onProgress });
      if (current()) return { status: 'complete', value };
      dispose?.(value);
      return { status: 'aborted' };
    } catch (error) {
      return current() ? { status: 'error', error } : { status: 'aborted' };
    } finally {
      if (this.runs.get(key)?.id === id) this.finish(key);
    }
  }

  /** Aborts the field's work; its result, when it comes, is dropped. */
  abort(key: K) {
    const run = this.runs.get(key);
    if (!run) return;
    run.controller.abort();
    this.finish(key);
  }

  hostDisconnected() {
    for (const key of [...this.runs.keys()]) this.abort(key);
  }

  private finish(key: K) {
    this.runs.delete(key);
    this.setBusy(key, undefined);
  }

  private setBusy(key: K, busy: Busy | undefined) {
    if (busy) this.progress.set(key, busy);
    else if (!this.progress.delete(key)) return;
    this.host.requestUpdate();
  }
}
