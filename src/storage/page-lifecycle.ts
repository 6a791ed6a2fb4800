/*
 * The page's lifecycle as the form needs it: warn before leaving unsent answers, and try the outbox again
 * when the connection or the page comes back. Defaults are resolved when called, never at import, so the
 * module loads in Node and in workers.
 */

type ListenerTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The page (or worker) scope; in Node, where the global is no event target, one that never fires. */
function defaultTarget(): ListenerTarget & Partial<Pick<Window, 'document' | 'navigator'>> {
  const scope = globalThis as unknown as Partial<Window>;
  return typeof scope.addEventListener === 'function' ? (scope as Window) : new EventTarget();
}

export interface LeaveGuard {
  /** Dirty: answers that are neither sent nor queued in the outbox. Only then is the warning armed. */
  set(dirty: boolean): void;
  readonly dirty: boolean;
  /** Disarms for good (the element left the page). */
  dispose(): void;
}

function warnBeforeLeaving(event: Event) {
  event.preventDefault();
  // Chrome and Edge before 119 showed the dialog only when returnValue was set.
  (event as BeforeUnloadEvent).returnValue = true;
}

/**
 * The leave-page warning. The `beforeunload` listener exists only while there is something to lose: any
 * `beforeunload` listener keeps the page out of the back/forward cache, which a phone relies on.
 */
export function createLeaveGuard(target: ListenerTarget = defaultTarget()): LeaveGuard {
  let armed = false;
  return {
    set(dirty) {
      if (dirty === armed) return;
      armed = dirty;
      if (dirty) target.addEventListener('beforeunload', warnBeforeLeaving);
      else target.removeEventListener('beforeunload', warnBeforeLeaving);
    },
    get dirty() {
      return armed;
    },
    dispose() {
      this.set(false);
    },
  };
}

/** Why `onReconnect` called back. */
export type ReconnectReason = 'online' | 'visible' | 'pageshow';

/** What `onReconnect` listens on: a window, or in tests anything with its events and, optionally, its state. */
export type ReconnectTarget = ListenerTarget & {
  document?: Pick<Document, 'visibilityState'>;
  navigator?: Pick<Navigator, 'onLine'>;
};

/**
 * Calls `callback` when sending is worth trying again: the connection came back (`online`), the applicant
 * returned to the tab (`visibilitychange` to visible: a phone often suspends a hidden tab's timers and
 * network), or the page was restored from the back/forward cache (`pageshow` with `persisted`; a fresh
 * load is the form's start-up, not a reconnect). The last two are skipped while the browser says it is
 * offline. Returns the function that stops listening.
 */
export function onReconnect(
  callback: (reason: ReconnectReason) => void,
  target: ReconnectTarget = defaultTarget(),
): () => void {
  const offline = () => target.navigator?.onLine === false;
  const onOnline = () => callback('online');
  // `visibilitychange` is fired at the document and bubbles to the window.
  const onVisibility = () => {
    if (target.document?.visibilityState !== 'hidden' && !offline()) callback('visible');
  };
  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted && !offline()) callback('pageshow');
  };
  target.addEventListener('online', onOnline);
  target.addEventListener('visibilitychange', onVisibility);
  target.addEventListener('pageshow', onPageShow);
  return () => {
    target.removeEventListener('online', onOnline);
    target.removeEventListener('visibilitychange', onVisibility);
    target.removeEventListener('pageshow', onPageShow);
  };
}
