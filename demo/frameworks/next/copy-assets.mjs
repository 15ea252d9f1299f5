// Copies what the static callback page loads from the installed aniapi-elements into public/,
// before each build (npm run prebuild): the pre-scrub, and the callback page's single file with
// the failure view it loads on demand from beside it. The copies are git-ignored.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const dist = `${dirname(createRequire(import.meta.url).resolve('aniapi-elements/package.json'))}/dist/`;
cpSync(`${dist}aniapi-scrub.js`, 'public/aniapi-scrub.js');
mkdirSync('public/aniapi', { recursive: true });
for (const file of ['aniapi-callback.min.js', 'aniapi-callback-failure-view.min.js'])
  cpSync(`${dist}${file}`, `public/aniapi/${file}`);
