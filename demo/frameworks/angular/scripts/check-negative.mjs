// Runs the Angular compiler (strictTemplates) on type-errors/ and passes only if it
// reports exactly the expected template errors, and nothing else.
import { performCompilation, readConfiguration } from '@angular/compiler-cli';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const app = fileURLToPath(new URL('..', import.meta.url));
const file = 'type-errors/callback-template.ts';

const expected = [
  // @case ('cookie') in a @switch on a TokenStore signal.
  { file, line: 17, code: 2678, message: `Type '"cookie"' is not comparable to type 'TokenStore'.` },
  // (aniapi-token)="onError($event)": $event is typed from the package's global type maps.
  {
    file,
    line: 18,
    code: 2345,
    message: `Argument of type 'AniapiTokenEvent' is not assignable to parameter of type 'AniapiErrorEvent'.`,
  },
];

const config = readConfiguration(`${app}type-errors/tsconfig.json`);
if (config.errors.length) throw new Error(ts.formatDiagnostics(config.errors, ts.createCompilerHost({})));
const { diagnostics } = performCompilation({ rootNames: config.rootNames, options: config.options, emitFlags: config.emitFlags });

const found = diagnostics
  .filter((d) => d.category === ts.DiagnosticCategory.Error || d.category === ts.DiagnosticCategory.Warning)
  .map((d) => ({
    file: d.file ? relative(app, d.file.fileName) : '(no file)',
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    // The first line of the message; the chain under it explains it.
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0],
  }));

const describe = (d) => `${d.file}:${d.line} TS${d.code}: ${d.message}`;
const ok = found.length === expected.length && expected.every((e, i) => describe(e) === describe(found[i]));

if (!ok) {
  console.error('check FAILED: expected the Angular compiler to report exactly');
  for (const e of expected) console.error(`  ${describe(e)}`);
  console.error(`but it reported ${found.length} diagnostic(s):`);
  for (const d of found) console.error(`  ${describe(d)}`);
  process.exit(1);
}
console.log('check passed: the Angular compiler rejects the template errors');
for (const d of found) console.log(`  ${describe(d)}`);
