// A folder outside this project, as a newcomer's would be: shared by the tests that use the
// packed package there (the docs' npx line, the README's quickstart).
import { execFile } from 'node:child_process';

/** Runs a command; resolves its exit code and output, whatever the code. */
export function run(command, args, options) {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { shell: process.platform === 'win32', timeout: 60_000, ...options },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
  });
}

// The user's registry settings: all of npm's that a shell outside this project would have.
const KEEP = /^npm_config_(registry|.*proxy|cafile|ca|strict_ssl|userconfig|globalconfig)$/i;

/**
 * The environment of a shell outside this project: none of what `npm test` passes on
 * (npm_config_local_prefix names this one) but the registry settings, and `extra`.
 */
export function outsideEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP.test(key)));
  return { ...env, npm_config_update_notifier: 'false', ...extra };
}

/** Why the npm registry cannot be used from `cwd` with `env`, or '' when it answers. */
export async function registryUnreachable(cwd, env) {
  const ping = await run('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { cwd, env, timeout: 20_000 });
  if (ping.code === 0) return '';
  const why = /reason: (.*)/.exec(ping.stderr)?.[1] ?? /npm error code (\S+)/.exec(ping.stderr)?.[1] ?? ping.code;
  return `the npm registry does not answer (npm ping: ${why})`;
}
