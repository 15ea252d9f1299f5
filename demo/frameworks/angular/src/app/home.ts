import { CUSTOM_ELEMENTS_SCHEMA, ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import type { AniapiErrorEvent, AniapiLoginEvent, AniapiLogoutEvent, AniapiTokenEvent } from 'aniapi-elements';
import { AniapiError } from 'aniapi-elements';
import { fetchUser, type AniapiUser } from 'aniapi-elements/api';
import { logout } from 'aniapi-elements/session';
import { AppState } from './app-state';
import { SessionService } from './session.service';

@Component({
  selector: 'app-home',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  providers: [SessionService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p data-test="session">{{ session() ? 'signed in' : 'signed out' }}</p>

    @if (session()) {
      @if (user(); as user) {
        <p data-test="user">{{ user.username }}</p>
      }
      <button type="button" data-test="logout" (click)="logout()">Log out</button>
    } @else {
      <label>
        <input #holdBox type="checkbox" data-test="hold" [checked]="hold()" (change)="hold.set(holdBox.checked)" />
        Hold the login
      </label>
    }

    <!-- Kept in place while signed in (hidden) so that its aniapi-token / aniapi-logout reach the app's handlers. -->
    <aniapi-login
      [hidden]="session() !== null"
      [clientId]="state.config()?.clientId ?? ''"
      [redirectUri]="state.config()?.redirectUri ?? ''"
      [authorizeUrl]="state.config()?.authorizeUrl ?? ''"
      [disabled]="state.config() === null"
      (aniapi-login)="onLogin($event)"
      (aniapi-error)="onError($event)"
      (aniapi-token)="onToken($event)"
      (aniapi-logout)="onLogout($event)"
    ></aniapi-login>

    @if (held()) {
      <p data-test="held">Login held by the app</p>
    }
    @if (status()) {
      <p data-test="status">{{ status() }}</p>
    }
    @if (problem(); as problem) {
      <p data-test="error">{{ problem }}</p>
    }
  `,
})
export class Home {
  protected readonly state = inject(AppState);
  protected readonly session = inject(SessionService).session;
  protected readonly hold = signal(false);
  protected readonly held = signal(false);
  protected readonly user = signal<AniapiUser | null>(null);
  protected readonly status = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly logout = logout;

  constructor() {
    // Ask AniAPI who is signed in whenever a session begins (and once the config is there).
    effect((onCleanup) => {
      const session = this.session();
      const apiBase = this.state.config()?.apiBase;
      this.user.set(null);
      if (!session || apiBase === undefined) return;
      let live = true;
      onCleanup(() => (live = false));
      fetchUser({ apiBase }).then(
        (found) => {
          if (live) this.user.set(found);
        },
        (error: unknown) => {
          if (live) this.problem.set(error instanceof AniapiError ? `${error.code}: ${error.message}` : String(error));
        },
      );
    });
  }

  protected onLogin(event: AniapiLoginEvent): void {
    this.state.heard(event);
    this.held.set(this.hold());
    if (this.hold()) event.preventDefault();
    else this.status.set(`Going to ${new URL(event.detail.url).origin} to sign in…`);
  }

  protected onError(event: AniapiErrorEvent): void {
    this.state.heard(event);
    this.problem.set(`${event.detail.code}: ${event.detail.message}`);
  }

  protected onToken(event: AniapiTokenEvent): void {
    this.state.heard(event);
    const { expiresAt } = event.detail;
    this.status.set(expiresAt === null ? 'A session began.' : `A session began, until ${new Date(expiresAt).toLocaleString()}.`);
  }

  protected onLogout(event: AniapiLogoutEvent): void {
    this.state.heard(event);
    this.status.set(`The session ended (${event.detail.reason}).`);
  }
}
