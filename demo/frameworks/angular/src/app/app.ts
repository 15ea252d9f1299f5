import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppState } from './app-state';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>aniapi-elements with Angular</h1>
      @if (state.configError(); as configError) {
        <p data-test="config-error">Could not load the configuration: {{ configError }}</p>
      }

      <router-outlet />

      <h2>Events handled by the app</h2>
      <ul data-test="events">
        @for (type of state.events(); track $index) {
          <li>{{ type }}</li>
        }
      </ul>
    </main>
  `,
})
export class App {
  protected readonly state = inject(AppState);
}
