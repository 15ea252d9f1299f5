#!/usr/bin/env node
// aniapi-standin: runs the local AniAPI stand-in until Ctrl-C.
// Exit codes: 0 stopped (or --help), 1 could not start, 2 bad flag, 3 jose not installed.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { StandinOptions } from './options.js';
import { DEMO_EMAIL, DEMO_PASSWORD, demoClient, MAX_ANSWER_DELAY } from './options.js';

const USAGE = `Usage: aniapi-standin [options]

Runs a local stand-in for AniAPI's OAuth server (login page, tokens, /v1/auth/me) until Ctrl-C.

  --port <n>             port to listen on (default 8765; 0 picks a free one)
  --host <address>       address to listen on (default 127.0.0.1)
  --config <file.json>   clients, users and any option below, as JSON
  --redirect-uri <uri>   registers the demo client at this redirect URI, beside any
                         clients of --config
  --token-lifetime <s>   token lifetime in seconds (default 2592000, 30 days)
  --rate-limit <n>       requests a minute per address (default 90; 0 = no limit)
  --delay <ms>           milliseconds every answer waits (default 0; at most 60000)
  -h, --help             show this text

It needs the jose package, an optional peer dependency of aniapi-elements:
  in a project:        npm install --save-dev aniapi-elements jose, then npx aniapi-standin
  outside a project:   npx -p aniapi-elements -p jose aniapi-standin

Exit codes: 0 stopped, 1 could not start, 2 bad flag, 3 jose not installed.`;

/** The one line printed, with exit code 3, when jose is not installed. */
const NO_JOSE_LINE =
  'aniapi-standin needs the jose package: npm install --save-dev jose' +
  ' (outside a project: npx -p aniapi-elements -p jose aniapi-standin)';

/** A wrong flag or flag value: printed with the usage, exit code 2. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parse();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: StandinOptions = values.config ? JSON.parse(await readFile(values.config, 'utf8')) : {};
  options.port = number(values.port, 'port') ?? options.port ?? 8765;
  if (values.host) options.host = values.host;
  if (values['redirect-uri']) {
    const demo = demoClient(values['redirect-uri']);
    // Beside the config file's clients, in place of a demo client of its own if it has one.
    options.clients = [...(options.clients ?? []).filter((client) => client.id !== demo.id), demo];
  }
  const tokenLifetime = number(values['token-lifetime'], 'token-lifetime');
  if (tokenLifetime !== undefined) options.tokenLifetime = tokenLifetime;
  const rateLimit = number(values['rate-limit'], 'rate-limit');
  if (rateLimit !== undefined) options.rateLimit = rateLimit;
  const delay = number(values.delay, 'delay');
  if (delay !== undefined && delay > MAX_ANSWER_DELAY)
    throw new UsageError(`--delay must be at most ${MAX_ANSWER_DELAY}.`);
  if (delay !== undefined) options.delay = delay;

  // Imported only now, so that --help and flag errors never need jose.
  const { startStandin } = await import('./server.js');
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

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        'redirect-uri': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'rate-limit': { type: 'string' },
        delay: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Unknown flag, missing value, stray argument (ERR_PARSE_ARGS_*).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number.`);
  return Number(value);
}

main().catch((error: unknown) => {
  // The code set by ./jose.ts when the package itself is missing.
  if ((error as { code?: unknown } | null)?.code === 'ERR_ANIAPI_STANDIN_NO_JOSE') {
    console.error(NO_JOSE_LINE);
    process.exit(3);
  }
  console.error(`aniapi-standin: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof UsageError)) process.exit(1);
  console.error(USAGE);
  process.exit(2);
});
