import 'aniapi-elements'; // registers <aniapi-login> and <aniapi-callback>
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { loadConfig } from './state';

void loadConfig();
createApp(App).use(router).mount('#app');
