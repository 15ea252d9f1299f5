import { createRouter, createWebHistory } from 'vue-router';
import CallbackView from './views/CallbackView.vue';
import HomeView from './views/HomeView.vue';
import NotFoundView from './views/NotFoundView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomeView },
    { path: '/callback', component: CallbackView },
    { path: '/:unknown(.*)*', component: NotFoundView },
  ],
});
