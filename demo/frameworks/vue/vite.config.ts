import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: {
          // <aniapi-login> and <aniapi-callback> are Web Components, not Vue components:
          // Vue renders them as elements, setting known properties and listening to their events.
          isCustomElement: (tag) => tag.startsWith('aniapi-'),
        },
      },
    }),
  ],
});
