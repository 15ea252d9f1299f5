import { defineConfig } from 'vite';

// Two pages: the one with the button, and the redirect-URI page with the callback.
export default defineConfig({
  build: {
    rollupOptions: {
      input: { main: 'index.html', callback: 'callback.html' },
    },
  },
});
