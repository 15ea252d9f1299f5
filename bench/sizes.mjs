// Bundles a minimal "start a login and handle the callback" use of this package
// and of three OAuth libraries people use, with the same rollup, resolver and
// terser settings as the single file, and prints min+gzip and min+brotli sizes
// with each one's ratio to ours. The figures are the bundles' bytes on disk.
import commonjs from '@rollup/plugin-commonjs';
import { mkdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleMinified } from '../size/bundle.mjs';

const USES = ['aniapi-elements', 'hellojs', 'oidc-client-ts', 'auth0-spa-js'];
const out = new URL('out/', import.meta.url);
await mkdir(out, { recursive: true });

const rows = [];
for (const name of USES) {
  const code = Buffer.from(
    await bundleMinified(new URL(`usage/${name}.js`, import.meta.url).pathname, { plugins: [commonjs()] }),
  );
  await writeFile(new URL(`${name}.min.js`, out), code);
  rows.push({
    name,
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

const ours = rows[0];
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log('\nMinimal login + callback, bundled with the same rollup and terser settings\n');
console.log('| library | min | min+gzip | ×ours | min+brotli | ×ours |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${kb(row.min)} | ${kb(row.gzip)} | ${ratio(row.gzip, ours.gzip)} | ${kb(row.brotli)} | ${ratio(row.brotli, ours.brotli)} |`,
  );
}
