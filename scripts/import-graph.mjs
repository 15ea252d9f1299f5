// Checks the shape of src/: no import circle (type-only imports count too, since
// they tie the modules' meaning together) and no file over 400 lines. Run by
// `npm run lint`; prints each problem and exits 1 if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_LINES = 400;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sources(root);
const graph = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) problems.push(`${relative(root, file)}: ${lines} lines, more than ${MAX_LINES}`);
  // Every static import and re-export, `import type` included: from '…' or import '…'.
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g),
  ].map((m) => m[1]);
  graph.set(
    file,
    specifiers.map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts')),
  );
}

// Depth-first search; a module met again while still on the path closes a circle.
const state = new Map();
const path = [];
function visit(file) {
  state.set(file, 'open');
  path.push(file);
  for (const next of graph.get(file) ?? []) {
    if (!graph.has(next)) continue;
    if (state.get(next) === 'open') {
      const circle = path
        .slice(path.indexOf(next))
        .concat(next)
        .map((f) => relative(root, f));
      problems.push(`import circle: ${circle.join(' -> ')}`);
    } else if (!state.has(next)) visit(next);
  }
  path.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

for (const problem of problems) console.error(problem);
if (problems.length) process.exit(1);
console.log(`src/: ${files.length} modules, no import circle, none over ${MAX_LINES} lines`);
