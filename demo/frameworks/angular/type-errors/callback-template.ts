// Negative type test for templates, checked by `npm run check`.
// Angular templates have no "expect an error here" directive, so this file lives outside src/
// and scripts/check-negative.mjs requires the Angular compiler (strictTemplates) to report
// exactly the two errors marked ERROR below, at those lines, and nothing else.
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { AniapiErrorEvent, AniapiTokenEvent } from 'aniapi-elements';
import type { TokenStore } from 'aniapi-elements/session';

@Component({
  selector: 'app-type-errors',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    @switch (store()) {
      @case ('local') {
        <aniapi-callback store="local" (aniapi-token)="onToken($event)" (aniapi-error)="onError($event)"></aniapi-callback>
      }
      @case ('cookie') {
        <aniapi-callback store="cookie" (aniapi-token)="onError($event)"></aniapi-callback>
      }
    }
    <aniapi-callback [store]="'cookie'" [autoReturn]="'yes'"></aniapi-callback>
  `,
})
export class TypeErrors {
  // Line 17 (ERROR TS2678): 'cookie' is no TokenStore, the type of the value switched on.
  // Line 18 (ERROR TS2345): $event of (aniapi-token) is an AniapiTokenEvent, typed by Angular from
  //   the package's HTMLElementTagNameMap and GlobalEventHandlersEventMap entries.
  //   The static store="cookie" attribute on that line is not checked.
  // Line 21 (no error): Angular does not type-check property bindings on elements, custom or not.
  protected readonly store = signal<TokenStore>('session');
  protected onToken(event: AniapiTokenEvent): void {
    void event.detail.accessToken;
  }
  protected onError(event: AniapiErrorEvent): void {
    void event.detail.code;
  }
}
