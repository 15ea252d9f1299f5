#!/usr/bin/env node
// aniapi-standin: runs the local AniAPI stand-in until Ctrl-C.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { StandinOptions } from './options.js';
import { DEMO_EMAIL, DEMO_PASSWORD, demoClient } from './options.js';

const USAGE = `Usage: aniapi-standin [options]

  --port <n>             port to listen on (default 8765; 0 picks a free one)
  --host <address>       address to listen on (default 127.0.0.1)
  --config <file.json>   clients, users and any option below, as JSON
  --redirect-uri <uri>   the demo client's registered redirect URI
  --token-lifetime <s>   token lifetime in seconds (default 2592000, 30 days)
  --rate-limit <n>       requests a minute per address (default 90; 0 = no limit)
  --help                 show this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'redirect-uri': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: StandinOptions = values.config ? JSON.parse(await readFile(values.config, 'utf8')) : {};
  options.port = number(values.port, 'port') ?? options.port ?? 8765;
  if (values.host) options.host = values.host;
  if (values['redirect-uri']) options.clients = [demoClient(values['redirect-uri'])];
  const tokenLifetime = number(values['token-lifetime'], 'token-lifetime');
  if (tokenLifetime !== undefined) options.tokenLifetime = tokenLifetime;
  const rateLimit = number(values['rate-limit'], 'rate-limit');
  if (rateLimit !== undefined) options.rateLimit = rateLimit;

  // Imported here, so that a missing optional peer dependency is explained, not a stack trace.
  const { startStandin } = await import('./server.js').catch((error: unknown) => {
    const missing = error instanceof Error && /jose/.test(error.message);
    throw missing ? new Error('the stand-in needs the jose package: npm install --save-dev jose') : error;
  });
  const standin = await startStandin(options);
  console.log(`AniAPI stand-in listening at ${standin.url}`);
  console.log(`  authorize endpoint: ${standin.url}/v1/oauth`);
  for (const client of options.clients ?? [demoClient()]) {
    console.log(`  client "${client.name}": ${client.id}, redirect URI ${client.redirectUri}`);
  }
  if (!options.users) console.log(`  demo user: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  console.log('Press Ctrl-C to stop.');
  const stop = () => standin.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new TypeError(`--${name} must be a whole number.`);
  return Number(value);
}

main().catch((error: unknown) => {
  console.error(`aniapi-standin: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(2);
});
