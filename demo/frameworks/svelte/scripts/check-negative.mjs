// Runs svelte-check on type-errors/ and passes only if it reports exactly the
// expected error: `store="cookie"` on <aniapi-callback> must not type-check.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));

const expected = {
  filename: 'type-errors/store-cookie.svelte',
  line: 12, // 1-based, as in the file
  code: 2322,
  message: `Type '"cookie"' is not assignable to type 'TokenStore | undefined'.`,
};

const { stdout, stderr, status, error } = spawnSync(
  process.execPath,
  ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './type-errors/tsconfig.json', '--output', 'machine-verbose'],
  { cwd: app, encoding: 'utf8' },
);
if (error) throw error;

const diagnostics = stdout
  .split('\n')
  .map((line) => line.match(/^\d+ (\{.*\})$/)?.[1])
  .filter(Boolean)
  .map((json) => JSON.parse(json))
  .filter((diagnostic) => diagnostic.type === 'ERROR' || diagnostic.type === 'WARNING');

const describe = (d) => `${d.filename}:${d.start?.line + 1} ${d.type} ${d.code}: ${d.message}`;
const found = diagnostics.length === 1 && diagnostics[0];
const ok =
  status === 1 &&
  found &&
  found.type === 'ERROR' &&
  found.filename === expected.filename &&
  found.start.line + 1 === expected.line &&
  found.code === expected.code &&
  found.message === expected.message;

if (!ok) {
  console.error('check:negative FAILED: expected svelte-check to report exactly');
  console.error(`  ${expected.filename}:${expected.line} ERROR ${expected.code}: ${expected.message}`);
  console.error(`but it exited ${status} with ${diagnostics.length} diagnostic(s):`);
  for (const d of diagnostics) console.error(`  ${describe(d)}`);
  if (stderr) console.error(stderr);
  process.exit(1);
}
console.log(`check:negative passed: svelte-check rejects store="cookie" (${describe(found)})`);
