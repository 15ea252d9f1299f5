import type { Routes } from '@angular/router';
import { Callback } from './callback';
import { Home } from './home';
import { NotFound } from './not-found';

export const routes: Routes = [
  { path: '', component: Home, title: 'aniapi-elements with Angular' },
  { path: 'callback', component: Callback, title: 'Signing in – aniapi-elements with Angular' },
  { path: '**', component: NotFound },
];
