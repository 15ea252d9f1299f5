import { CUSTOM_ELEMENTS_SCHEMA, ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AniapiErrorDetail, AniapiErrorEvent, AniapiTokenEvent } from 'aniapi-elements';
import { AppState } from './app-state';

@Component({
  selector: 'app-callback',
  imports: [RouterLink],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- Angular sets [store] just after it connects the element, which checks the response in its first update. -->
    <aniapi-callback
      auto-return
      [store]="state.store()"
      (aniapi-token)="onToken($event)"
      (aniapi-error)="onError($event)"
    ></aniapi-callback>

    @if (returningTo(); as path) {
      <p data-test="returning">Signed in, going back to {{ path }}…</p>
    }
    @if (error(); as error) {
      <p data-test="error">{{ error.code }}: {{ error.message }}</p>
      <p><a routerLink="/">Back to the start</a></p>
    }
  `,
})
export class Callback {
  protected readonly state = inject(AppState);
  protected readonly error = signal<AniapiErrorDetail | null>(null);
  protected readonly returningTo = signal<string | null>(null);

  protected onToken(event: AniapiTokenEvent): void {
    this.state.heard(event);
    // The callback's own event carries the path the login started from; later session events carry null.
    this.returningTo.update((path) => path ?? event.detail.returnTo);
  }

  protected onError(event: AniapiErrorEvent): void {
    this.state.heard(event);
    this.error.set(event.detail);
  }
}
