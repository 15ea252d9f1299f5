import { defineConfig } from 'astro/config';

// A static site: each route is a page of its own, /callback the redirect URI's.
export default defineConfig({
  output: 'static',
});
