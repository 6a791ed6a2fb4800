import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Ak1AbortError, Ak1AuthError, type Ak1LoginCredentials, type Ak1OfficeClient } from '../../client/index.js';
import type { Ak1Officer } from '../../schema/index.js';

/** Which part of logging in the officer is at. */
export type LoginStage = 'credentials' | 'code' | 'change';

/**
 * The officer's session: the client (which holds the token, in memory only), who is logged in, and what
 * happens when the session ends in the middle of work. A call that meets `401 unauthenticated` waits, the
 * element shows the login in place over the screen (whose typed values stay in memory), and once the same
 * or another officer has logged in the call is made again: the work carries on where it stopped.
 */
export class SessionController implements ReactiveController {
  officer: Ak1Officer | undefined;
  /** The session ended while work was on screen. */
  expired = false;
  stage: LoginStage = 'credentials';
  private waiting: Array<{ resume: () => void; abandon: (error: unknown) => void }> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly client: () => Ak1OfficeClient,
  ) {
    host.addController(this);
  }

  get loggedIn(): boolean {
    return this.officer !== undefined && !this.expired && this.stage !== 'change' && this.client().token !== undefined;
  }

  async login(credentials: Ak1LoginCredentials): Promise<void> {
    const reply = await this.client().login(credentials);
    this.officer = reply.officer;
    if (reply.passwordChangeRequired) {
      this.stage = 'change';
    } else {
      this.done();
    }
    this.host.requestUpdate();
  }

  async changePassword(change: { currentPassword: string; newPassword: string }): Promise<void> {
    await this.client().changePassword(change);
    this.done();
    this.host.requestUpdate();
  }

  async logout(): Promise<void> {
    try {
      await this.client().logout();
    } finally {
      this.officer = undefined;
      this.expired = false;
      this.stage = 'credentials';
      for (const { abandon } of this.waiting.splice(0)) abandon(new Ak1AbortError());
      this.host.requestUpdate();
    }
  }

  /** Makes a call, and when the session has ended, makes it again after the officer has logged in again. */
  async call<T>(request: (client: Ak1OfficeClient) => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await request(this.client());
      } catch (error) {
        if (!(error instanceof Ak1AuthError && error.type === 'unauthenticated' && this.officer)) throw error;
        this.expired = true;
        this.stage = 'credentials';
        this.host.requestUpdate();
        await new Promise<void>((resume, abandon) => this.waiting.push({ resume, abandon }));
      }
    }
  }

  hostDisconnected(): void {
    for (const { abandon } of this.waiting.splice(0)) abandon(new Ak1AbortError());
  }

  private done() {
    this.stage = 'credentials';
    this.expired = false;
    for (const { resume } of this.waiting.splice(0)) resume();
  }
}
