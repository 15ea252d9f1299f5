import 'aniapi-elements'; // registers <aniapi-login> and <aniapi-callback>
import { APP_BASE_HREF } from '@angular/common';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { App } from './app/app';
import { routes } from './app/routes';

bootstrapApplication(App, {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch()),
    provideRouter(routes),
    // No <base href>: the pages are served with CSP base-uri 'none'. Scripts load from
    // absolute URLs (deployUrl "/" in angular.json), and the router learns its base here.
    { provide: APP_BASE_HREF, useValue: '/' },
  ],
}).catch((error: unknown) => console.error(error));
