import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { getSession, onChange, type Session } from 'aniapi-elements/session';

/**
 * The session as a signal: seeded with getSession(), kept current by onChange,
 * unsubscribed when the injector that made the service is destroyed.
 */
@Injectable()
export class SessionService {
  readonly #session = signal<Session | null>(getSession());
  readonly session = this.#session.asReadonly();

  constructor() {
    const unsubscribe = onChange((session) => this.#session.set(session));
    inject(DestroyRef).onDestroy(unsubscribe);
  }
}
