// Prints how far trimming text could take the package: the package entry's own
// code without Lit and the single file with Lit, each bundled as the budgets
// bundle them, at their gzip size as shipped and again with the text of every
// string literal and template chunk emptied: no messages, no CSS, no storage
// keys, no attribute names. What is left is code, a floor that shorter texts
// can never go below.
//   node size/floor.mjs   (after npm run build)
import { parseAst } from 'rollup/parseAst';
import { gzipSync } from 'node:zlib';
import { bundleMinified } from './bundle.mjs';

const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
const entry = new URL('../dist/index.js', import.meta.url).pathname;
const kb = (text) => `${(gzipSync(text, { level: 9 }).length / 1000).toFixed(2)} kB`;

/** `code` with the text of every string literal and template chunk emptied, and how many there were. */
function withoutTexts(code) {
  const spans = [];
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node.type !== 'string') return;
    // The module name in an import declaration stays: it is no text of ours.
    if (node.type === 'ImportDeclaration') return;
    if (node.type === 'Literal' && typeof node.value === 'string') spans.push([node.start + 1, node.end - 1]);
    else if (node.type === 'TemplateElement') spans.push([node.start, node.end]);
    for (const [key, value] of Object.entries(node))
      if (key !== 'type' && value && typeof value === 'object') walk(value);
  })(parseAst(code));
  let bare = code;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) bare = bare.slice(0, start) + bare.slice(end);
  return { bare, count: spans.length };
}

for (const [name, external] of [
  ['own code without Lit (the package entry)', LIT],
  ['single file with Lit', undefined],
]) {
  const code = await bundleMinified(entry, { external });
  const { bare, count } = withoutTexts(code);
  console.log(`${name}, min+gzip: ${kb(code)}; with all ${count} texts emptied: ${kb(bare)}`);
}
