import { expect } from '@open-wc/testing';
import { createLeaveGuard, onReconnect, type ReconnectReason } from '../../src/storage/index.js';

/** An EventTarget that counts its listeners per type, as a stand-in window. */
function countingTarget(state: { visibilityState?: DocumentVisibilityState; onLine?: boolean } = {}) {
  const target = new EventTarget();
  const listeners = new Map<string, number>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  return Object.assign(target, {
    listeners,
    document: { get visibilityState() { return state.visibilityState ?? 'visible'; } },
    navigator: { get onLine() { return state.onLine ?? true; } },
    addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      listeners.set(type, (listeners.get(type) ?? 0) + 1);
      add(type, listener, options);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      listeners.set(type, (listeners.get(type) ?? 0) - 1);
      remove(type, listener, options);
    },
  });
}

describe('storage: the leave-page warning', () => {
  it('has a beforeunload listener only while there are unsent answers', () => {
    const target = countingTarget();
    const guard = createLeaveGuard(target);
    expect(target.listeners.get('beforeunload') ?? 0).to.equal(0);
    guard.set(true);
    guard.set(true);
    expect(target.listeners.get('beforeunload')).to.equal(1);
    expect(guard.dirty).to.equal(true);
    guard.set(false);
    expect(target.listeners.get('beforeunload')).to.equal(0);
    expect(guard.dirty).to.equal(false);
    guard.set(true);
    guard.dispose();
    expect(target.listeners.get('beforeunload')).to.equal(0);
  });

  it('on the real window, cancels beforeunload while dirty and leaves it alone once clean', () => {
    const guard = createLeaveGuard();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event;
    };
    try {
      guard.set(true);
      expect(unload().defaultPrevented).to.equal(true);
      guard.set(false);
      expect(unload().defaultPrevented).to.equal(false);
    } finally {
      guard.dispose();
    }
  });
});

describe('storage: trying again on reconnect', () => {
  it('calls back when the window comes online, and no longer once unsubscribed', () => {
    const reasons: ReconnectReason[] = [];
    const stop = onReconnect((reason) => reasons.push(reason));
    window.dispatchEvent(new Event('online'));
    stop();
    window.dispatchEvent(new Event('online'));
    expect(reasons).to.deep.equal(['online']);
  });

  it('calls back when the tab becomes visible (the event bubbles from the document) and on a back/forward-cache restore', () => {
    const reasons: ReconnectReason[] = [];
    const stop = onReconnect((reason) => reasons.push(reason));
    try {
      expect(document.visibilityState).to.equal('visible');
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    } finally {
      stop();
    }
    expect(reasons).to.deep.equal(['visible', 'pageshow']);
  });

  it('does not call back for a hidden tab, or for visibility and pageshow while the browser says it is offline', () => {
    const state: { visibilityState: DocumentVisibilityState; onLine: boolean } = { visibilityState: 'hidden', onLine: true };
    const target = countingTarget(state);
    const reasons: ReconnectReason[] = [];
    const stop = onReconnect((reason) => reasons.push(reason), target);
    target.dispatchEvent(new Event('visibilitychange'));
    state.visibilityState = 'visible';
    state.onLine = false;
    target.dispatchEvent(new Event('visibilitychange'));
    target.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(reasons).to.deep.equal([]);
    target.dispatchEvent(new Event('online'));
    expect(reasons).to.deep.equal(['online']);
    stop();
    expect([...target.listeners.values()].every((count) => count === 0)).to.equal(true);
  });
});
