// Prints the bench's header, then the bytes each library makes a page load, in
// two tables: the button page (start a login) and the callback page (handle the
// response). Ours are the shipped single files as a plain page loads them, with
// whatever they import; the other three are bench/usage/*-{login,callback}.js,
// the least each page does with that library's public API, bundled with the same
// rollup, resolver and terser settings as our single files. Sizes are min,
// min+gzip -9 and min+brotli q11, summed over a page's files (each file
// travels compressed on its own).
import commonjs from '@rollup/plugin-commonjs';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleMinified } from '../size/bundle.mjs';
import { header } from './machine.mjs';

// Our shipped files, in dist/. Until a build makes one, the all-in-one file stands in, and a note says so.
const LOGIN_FILE = 'aniapi-login.min.js';
const LOGIN_USER_FILE = 'aniapi-login-user.min.js';
const USER_FILE = 'aniapi-user.min.js';
const CALLBACK_FILE = 'aniapi-callback.min.js';
const SCRUB_FILE = 'aniapi-scrub.js';
const STAND_IN_FILE = 'aniapi-elements.min.js';

const OTHERS = [
  ['hello.js (core build)', 'hellojs'],
  ['oidc-client-ts', 'oidc-client-ts'],
  ['@auth0/auth0-spa-js', 'auth0-spa-js'],
];

const dist = new URL('../dist/', import.meta.url);
const out = new URL('out/', import.meta.url);
const notes = [];

const measure = (code) => ({
  min: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const sum = (sizes) => ({
  min: sizes.reduce((total, size) => total + size.min, 0),
  gzip: sizes.reduce((total, size) => total + size.gzip, 0),
  brotli: sizes.reduce((total, size) => total + size.brotli, 0),
});

/** The file of ours that a page loads, or the stand-in while the build does not make it yet. */
function shipped(file) {
  if (existsSync(new URL(file, dist))) return file;
  notes.push(`dist/${file} is not built yet: dist/${STAND_IN_FILE} stands in for it.`);
  return STAND_IN_FILE;
}

/**
 * A dist file with the files it imports statically, which the page loads with
 * it, and apart from those the ones it may import() later (a failure-only chunk).
 */
async function withImports(file, loaded = new Set(), later = new Set()) {
  if (loaded.has(file)) return { loaded, later };
  loaded.add(file);
  const code = await readFile(new URL(file, dist), 'utf8');
  for (const [, how, path] of code.matchAll(/(import\s*\(\s*|(?:from|import)\s*)["']\.\/([^"']+)["']/g)) {
    if (how.includes('(')) later.add(path);
    else await withImports(path, loaded, later);
  }
  for (const path of loaded) later.delete(path);
  return { loaded, later };
}

/** The sizes of a page's dist files, and a note for any chunk loaded only later. */
async function oursFor(page, file) {
  const { loaded, later } = await withImports(file);
  const sizes = await Promise.all([...loaded].map(async (path) => measure(await readFile(new URL(path, dist)))));
  for (const path of later) {
    const size = measure(await readFile(new URL(path, dist)));
    notes.push(`The ${page} may also load dist/${path} on demand (${kb(size.gzip)} min+gzip), not counted above.`);
  }
  return { files: [...loaded].map((path) => `dist/${path}`), ...sum(sizes) };
}

async function bundled(usage) {
  const code = Buffer.from(
    await bundleMinified(new URL(`usage/${usage}.js`, import.meta.url).pathname, { plugins: [commonjs()] }),
  );
  await writeFile(new URL(`${usage}.min.js`, out), code);
  return { files: [`bench/usage/${usage}.js`], ...measure(code) };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

function table(title, rows, ours) {
  const lines = [
    `\n${title}\n`,
    '| library | files | min | min+gzip | ×ours | min+brotli | ×ours |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.name} | ${row.files.join(' + ')} | ${kb(row.min)} | ${kb(row.gzip)} | ${ratio(row.gzip, ours.gzip)} | ${kb(row.brotli)} | ${ratio(row.brotli, ours.brotli)} |`,
    );
  console.log(lines.join('\n'));
}

console.log(header());
await mkdir(out, { recursive: true });

const login = [{ name: 'aniapi-elements (Lit inlined)', ...(await oursFor('button page', shipped(LOGIN_FILE))) }];
// The page with the button and the card that shows the user: its one file, and the two files apart (Lit twice).
const withCard = [
  { name: 'aniapi-elements, button and card', ...(await oursFor('button and card page', shipped(LOGIN_USER_FILE))) },
];
if (existsSync(new URL(USER_FILE, dist))) {
  const apart = [await oursFor('button page', shipped(LOGIN_FILE)), await oursFor('card', USER_FILE)];
  withCard.push({
    ...sum(apart),
    name: 'aniapi-elements, button and card as two files',
    files: apart.flatMap((page) => page.files),
  });
}
const callback = [
  { name: 'aniapi-elements (Lit inlined)', ...(await oursFor('callback page', shipped(CALLBACK_FILE))) },
];
if (existsSync(new URL(SCRUB_FILE, dist))) {
  const scrub = measure(await readFile(new URL(SCRUB_FILE, dist)));
  const [plain] = callback;
  callback.push({
    ...sum([plain, scrub]),
    name: 'aniapi-elements with the pre-scrub',
    files: [...plain.files, `dist/${SCRUB_FILE}`],
  });
} else {
  notes.push(`dist/${SCRUB_FILE} is not built yet: the callback page has no row with the pre-scrub.`);
}
for (const [name, usage] of OTHERS) {
  login.push({ name, ...(await bundled(`${usage}-login`)) });
  callback.push({ name, ...(await bundled(`${usage}-callback`)) });
}

table('Button page (starts a login): bytes it loads; ×ours against the first row', login, login[0]);
table('Button and card page (our quickstart page): bytes it loads; ×ours against the first row', withCard, withCard[0]);
table(
  'Callback page (handles the response): bytes it loads; ×ours against ours with the pre-scrub where built',
  callback,
  callback[1]?.name.includes('pre-scrub') ? callback[1] : callback[0],
);
notes.push(
  "The other libraries' rows are bundles of bench/usage/*.js (rollup, node-resolve, commonjs, our terser settings), kept in bench/out/.",
);
if (notes.length) console.log(`\n${[...new Set(notes)].map((note) => `- ${note}`).join('\n')}`);
