import { fileURLToPath } from 'node:url';

// The static callback page runs the package's own scripts and nothing else: no inline script,
// no other origin, no HTML parsed from strings (Trusted Types).
const CALLBACK_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // This app has its own lockfile inside the package's repository: it is the root, not the repository.
  outputFileTracingRoot: fileURLToPath(new URL('.', import.meta.url)),
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
  async headers() {
    return [
      // No page tells another site where the user came from; the callback page above all.
      { source: '/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      { source: '/callback.html', headers: [{ key: 'Content-Security-Policy', value: CALLBACK_POLICY }] },
    ];
  },
};

export default nextConfig;
