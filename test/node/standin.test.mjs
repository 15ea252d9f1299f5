// The stand-in against ../shared/aniapi-protocol.md: each check of GET /v1/oauth
// in order, the login POST, the fragment it builds, /v1/auth/me, the token
// endpoint, the envelope, CORS (where AniAPI's clients need it) and the rate limit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { DEMO_CLIENT_ID, startStandin } from '../../dist/standin/index.js';

const REDIRECT = 'http://localhost:3000/auth';
const OTHER_ID = '0b9f3a52-6a0e-4f0c-8d55-6f1d2b7c9e11';
const BARE_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const QUERY_ID = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const users = [
  {
    id: 1,
    email: 'demo@aniapi.test',
    password: 'demo',
    username: 'demo',
    avatar: 'https://img.test/a.png',
    avatarTracker: 'anilist',
    localization: 'it',
    role: 1,
    gender: 2,
    hasAnilist: true,
  },
  { id: 2, email: 'new@aniapi.test', password: 'pw', username: 'newbie', verified: false },
];
const clients = [
  { id: DEMO_CLIENT_ID, name: 'Demo', redirectUri: REDIRECT, secret: 's3cret' },
  { id: OTHER_ID, name: 'Other <b>app</b>', redirectUri: 'https://other.test/cb' },
  { id: BARE_ID, name: 'Bare', redirectUri: 'http://localhost:3000' },
  { id: QUERY_ID, name: 'Query', redirectUri: 'https://app.test/cb?tab=login' },
];

let standin;
before(async () => {
  standin = await startStandin({ clients, users, rateLimit: 0 });
});
after(() => standin.close());

function authorize(params, init) {
  return fetch(`${standin.url}/v1/oauth?${new URLSearchParams(params)}`, init);
}
function login(params, body) {
  return authorize(params, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const implicit = (extra = {}) => ({
  response_type: 'token',
  client_id: DEMO_CLIENT_ID,
  redirect_uri: REDIRECT,
  ...extra,
});
const demoLogin = { email: 'demo@aniapi.test', password: 'demo', g_recaptcha_response: '' };

async function envelopeOf(response, status) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const envelope = await response.json();
  assert.deepEqual(Object.keys(envelope).sort(), ['data', 'message', 'status_code', 'version']);
  assert.equal(envelope.version, '1');
  return envelope;
}

describe('GET /v1/oauth', () => {
  test("serves the login page in the client's name", async () => {
    const response = await authorize(implicit({ state: 'abc' }));
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<h1>Demo's authentication<\/h1>/);
    assert.match(page, /type="email" name="email"/);
    assert.match(page, /type="password" name="password"/);
    assert.match(page, />Login<\/button>/);
  });

  test('escapes the client name in the page', async () => {
    const page = await (
      await authorize({ response_type: 'token', client_id: OTHER_ID, redirect_uri: 'https://other.test/cb' })
    ).text();
    assert.match(page, /Other &#60;b&#62;app&#60;\/b&#62;'s authentication/);
  });

  test('shows the demo credentials only when the demo user exists', async () => {
    const page = await (await authorize(implicit())).text();
    assert.match(page, /Demo credentials/);
    const plain = await startStandin({ clients, users: [users[1]] });
    try {
      const other = await (await fetch(`${plain.url}/v1/oauth?${new URLSearchParams(implicit())}`)).text();
      assert.doesNotMatch(other, /Demo credentials/);
    } finally {
      await plain.close();
    }
  });

  const MISSING = [400, 'missing required field'];
  const BAD_TYPE = [400, 'response_type content not expected'];
  const NO_CLIENT = [404, 'client_id not found'];
  const MISMATCH = [403, 'redirect_uri content mismatch from registered client'];
  const refusals = [
    ['no client_id', { response_type: 'token', redirect_uri: REDIRECT }, MISSING],
    ['an empty redirect_uri', implicit({ redirect_uri: '' }), MISSING],
    ['no response_type', { client_id: DEMO_CLIENT_ID, redirect_uri: REDIRECT }, MISSING],
    ['response_type Token (case matters)', implicit({ response_type: 'Token' }), BAD_TYPE],
    ['response_type id_token', implicit({ response_type: 'id_token' }), BAD_TYPE],
    ['a client_id that is no GUID', implicit({ client_id: 'demo' }), NO_CLIENT],
    ['an unknown GUID', implicit({ client_id: '99999999-9999-4999-8999-999999999999' }), NO_CLIENT],
    ['a redirect_uri with a trailing slash', implicit({ redirect_uri: `${REDIRECT}/` }), MISMATCH],
    ['a redirect_uri in another case', implicit({ redirect_uri: REDIRECT.toUpperCase() }), MISMATCH],
    ['a redirect_uri that only starts the same', implicit({ redirect_uri: `${REDIRECT}/more` }), MISMATCH],
    ['a redirect_uri one character off', implicit({ redirect_uri: REDIRECT.replace('auth', 'autH') }), MISMATCH],
    // Each later check is reached only when the earlier ones pass.
    ['a bad response_type and a bad client, missing a field', { response_type: 'nope', client_id: 'bad' }, MISSING],
    ['a bad response_type and a bad client', { response_type: 'nope', client_id: 'bad', redirect_uri: 'x' }, BAD_TYPE],
    ['a bad client and a bad redirect_uri', { response_type: 'token', client_id: 'bad', redirect_uri: 'x' }, NO_CLIENT],
  ];
  for (const [what, params, [status, data]] of refusals) {
    test(`answers ${status} "${data}" for ${what}`, async () => {
      const envelope = await envelopeOf(await authorize(params), status);
      assert.deepEqual([envelope.status_code, envelope.data], [status, data]);
    });
  }

  test('never redirects an error back to the redirect URI', async () => {
    const response = await authorize(implicit({ redirect_uri: 'https://evil.test/' }), { redirect: 'manual' });
    assert.equal(response.headers.get('location'), null);
  });
});

describe('POST /v1/oauth', () => {
  test('answers the redirect URL with a fresh 30-day JWT and the state echoed', async () => {
    const envelope = await envelopeOf(await login(implicit({ state: 'St4te_-' }), demoLogin), 200);
    assert.equal(envelope.status_code, 200);
    assert.equal(envelope.message, 'Authentication done');
    const match = /^http:\/\/localhost:3000\/auth#access_token=([\w-]+\.[\w-]+\.[\w-]+)&state=St4te_-$/.exec(
      envelope.data,
    );
    assert.ok(match, envelope.data);
    const claims = decodeJwt(match[1]);
    assert.deepEqual(Object.keys(claims).sort(), ['exp', 'iat', 'id', 'nbf']);
    assert.equal(claims.id, '1');
    assert.equal(claims.exp - claims.iat, 30 * 24 * 3600);
  });

  test('leaves the state out when none was sent', async () => {
    const { data } = await (await login(implicit(), demoLogin)).json();
    assert.match(data, /#access_token=[^&]+$/);
  });

  test('echoes the state raw, not encoded again', async () => {
    const { data } = await (await login(implicit({ state: 'a&b c+d' }), demoLogin)).json();
    assert.match(data, /&state=a&b c\+d$/);
  });

  test('adds "/" to a redirect URI without a path', async () => {
    const { data } = await (
      await login(
        { response_type: 'token', client_id: BARE_ID, redirect_uri: 'http://localhost:3000', state: 's' },
        demoLogin,
      )
    ).json();
    assert.match(data, /^http:\/\/localhost:3000\/#access_token=[^&]+&state=s$/);
  });

  test('keeps the query of a redirect URI', async () => {
    const { data } = await (
      await login(
        { response_type: 'token', client_id: QUERY_ID, redirect_uri: 'https://app.test/cb?tab=login' },
        demoLogin,
      )
    ).json();
    assert.match(data, /^https:\/\/app\.test\/cb\?tab=login#access_token=[^&]+$/);
  });

  test('answers wrong credentials with status_code 401 inside an HTTP 200', async () => {
    for (const body of [{ ...demoLogin, password: 'wrong' }, { ...demoLogin, email: 'nobody@aniapi.test' }, {}]) {
      const envelope = await envelopeOf(await login(implicit(), body), 200);
      assert.equal(envelope.status_code, 401);
      assert.deepEqual([envelope.message, envelope.data], ['Invalid login', 'Credentials are not valid']);
    }
  });

  test('runs the same checks as the page', async () => {
    assert.equal((await login(implicit({ redirect_uri: `${REDIRECT}x` }), demoLogin)).status, 403);
    assert.equal((await login(implicit({ client_id: 'x' }), demoLogin)).status, 404);
  });

  test('refuses a body that is not a JSON object, or too large, with a clean 4xx', async () => {
    const headers = { 'Content-Type': 'application/json' };
    for (const body of ['{not json', '[1,2]', 'null', '']) {
      const response = await authorize(implicit(), { method: 'POST', headers, body });
      assert.equal((await envelopeOf(response, 400)).status_code, 400);
    }
    for (const size of [64 * 1024, 2 * 1024 * 1024, 2 * 1024 * 1024, 2 * 1024 * 1024]) {
      const body = JSON.stringify({ email: 'x'.repeat(size) });
      const big = await authorize(implicit(), { method: 'POST', headers, body });
      assert.equal((await envelopeOf(big, 413)).status_code, 413);
    }
  });

  test('takes application/json with a charset', async () => {
    const response = await authorize(implicit(), {
      method: 'POST',
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      body: JSON.stringify(demoLogin),
    });
    assert.match((await envelopeOf(response, 200)).data, /#access_token=/);
  });

  // A page on any origin may POST text/plain, or a form, without a preflight: that must sign no one in.
  for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data', null]) {
    test(`refuses a body sent as ${type ?? 'no Content-Type'} with a 415, issuing no token`, async () => {
      const response = await authorize(implicit(), {
        method: 'POST',
        headers: type ? { 'Content-Type': type, Origin: 'https://elsewhere.test' } : {},
        body: type ? JSON.stringify(demoLogin) : new Blob([JSON.stringify(demoLogin)]),
      });
      const envelope = await envelopeOf(response, 415);
      assert.deepEqual(
        [envelope.status_code, envelope.message, envelope.data],
        [415, 'Unsupported media type', 'Content-Type must be application/json'],
      );
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
  }

  test('lets no other origin read it: no CORS on the login page, its POST or its preflight', async () => {
    const Origin = 'https://elsewhere.test';
    const answers = [
      await authorize(implicit(), { headers: { Origin } }),
      await authorize(implicit(), {
        method: 'POST',
        headers: { Origin, 'Content-Type': 'application/json' },
        body: JSON.stringify(demoLogin),
      }),
      await authorize(implicit(), {
        method: 'OPTIONS',
        headers: { Origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      }),
      await fetch(`${standin.url}/v1/oauth/login.js`, { headers: { Origin } }),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 204, 200],
    );
    for (const answer of answers) {
      assert.equal(answer.headers.get('access-control-allow-origin'), null, answer.url);
      assert.equal(answer.headers.get('access-control-allow-methods'), null, answer.url);
    }
  });

  test("issues a code for response_type=code in the query, replacing the redirect URI's own", async () => {
    const { data } = await (
      await login(
        { response_type: 'code', client_id: QUERY_ID, redirect_uri: 'https://app.test/cb?tab=login', state: 'z' },
        demoLogin,
      )
    ).json();
    assert.match(data, /^https:\/\/app\.test\/cb\?code=[A-Za-z0-9]{30}&state=z$/);
  });

  test('exchanges a code at the token endpoint, every error in the envelope of an HTTP 200', async () => {
    const { data } = await (
      await login({ response_type: 'code', client_id: DEMO_CLIENT_ID, redirect_uri: REDIRECT }, demoLogin)
    ).json();
    const code = /\?code=([A-Za-z0-9]{30})$/.exec(data)[1];
    const exchange = async (params) =>
      envelopeOf(await fetch(`${standin.url}/v1/oauth/token?${new URLSearchParams(params)}`, { method: 'POST' }), 200);
    const params = { client_id: DEMO_CLIENT_ID, client_secret: 's3cret', code, redirect_uri: REDIRECT };
    const failures = [
      [{ client_id: DEMO_CLIENT_ID }, 400, 'Missing required field'],
      [{ ...params, client_id: '99999999-9999-4999-8999-999999999999' }, 404, 'client_id not found'],
      [{ ...params, client_secret: 'wrong' }, 403, 'client_secret content mismatch from registered client'],
      [{ ...params, redirect_uri: `${REDIRECT}/` }, 403, 'redirect_uri content mismatch from registered client'],
      [{ ...params, code: 'x'.repeat(30) }, 403, 'code not valid'],
    ];
    for (const [query, status, text] of failures) {
      const envelope = await exchange(query);
      assert.deepEqual([envelope.status_code, envelope.data], [status, text]);
    }
    const envelope = await exchange(params);
    assert.deepEqual([envelope.status_code, envelope.message], [200, 'Code verified']);
    assert.equal(decodeJwt(envelope.data).id, '1');
  });

  test('allows any origin at the token endpoint', async () => {
    const answer = await fetch(`${standin.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { Origin: 'https://app.test' },
    });
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
  });
});

describe('GET /v1/auth/me', () => {
  const me = (authorization) =>
    fetch(`${standin.url}/v1/auth/me`, { headers: authorization ? { Authorization: authorization } : {} });

  test("answers the user with AniAPI's fields, absent ones left out", async () => {
    const envelope = await envelopeOf(await me(`Bearer ${await standin.issueToken(1)}`), 200);
    assert.equal(envelope.message, 'Hi demo');
    assert.deepEqual(envelope.data, {
      id: 1,
      username: 'demo',
      email: 'demo@aniapi.test',
      email_verified: true,
      role: 1,
      gender: 2,
      avatar: 'https://img.test/a.png',
      avatar_tracker: 'anilist',
      localization: 'it',
      has_anilist: true,
      has_mal: false,
    });
  });

  test('leaves out the fields a config left null, as AniAPI omits null fields', async () => {
    // A JSON config (--config) writes an unknown avatar as null; AniAPI never sends "avatar": null.
    const nulls = { avatar: null, avatarTracker: null, localization: null, role: null, gender: null };
    const plain = await startStandin({ users: [{ ...users[0], ...nulls, hasAnilist: null, hasMal: null }] });
    try {
      const response = await fetch(`${plain.url}/v1/auth/me`, {
        headers: { Authorization: `Bearer ${await plain.issueToken(1)}` },
      });
      const { data } = await envelopeOf(response, 200);
      assert.deepEqual(data, {
        id: 1,
        username: 'demo',
        email: 'demo@aniapi.test',
        email_verified: true,
        role: 0,
        gender: 0,
        has_anilist: false,
        has_mal: false,
      });
    } finally {
      await plain.close();
    }
  });

  const reasons = [
    ['no header', async () => null, 'Missing Authorization header'],
    ['another scheme', async () => `Basic ${await standin.issueToken(1)}`, 'Invalid Authorization header'],
    ['bearer in lower case', async () => `bearer ${await standin.issueToken(1)}`, 'Invalid Authorization header'],
    [
      'a bad signature',
      async () => `Bearer ${(await standin.issueToken(1)).slice(0, -2)}xx`,
      'Invalid Authorization header',
    ],
    [
      'an expired token',
      async () => `Bearer ${await standin.issueToken(1, { lifetime: -10 })}`,
      'Invalid Authorization header',
    ],
    [
      'a token of another server',
      async () => `Bearer ${await await otherServerToken()}`,
      'Invalid Authorization header',
    ],
    ['a token for no user', async () => `Bearer ${await standin.issueToken(99)}`, 'Invalid JWT token'],
    ['an unverified user', async () => `Bearer ${await standin.issueToken(2)}`, 'Email not verified'],
  ];
  for (const [what, header, data] of reasons) {
    test(`answers 401 "${data}" for ${what}`, async () => {
      const envelope = await envelopeOf(await me(await header()), 401);
      assert.deepEqual([envelope.status_code, envelope.message, envelope.data], [401, 'Unauthorized', data]);
    });
  }

  test('allows any origin, preflight included', async () => {
    const preflight = await fetch(`${standin.url}/v1/auth/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.test',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/);
    assert.equal((await me(null)).headers.get('access-control-allow-origin'), '*');
  });

  test('lets another origin read its 429', async () => {
    const limited = await startStandin({ rateLimit: 1 });
    try {
      await fetch(`${limited.url}/v1/auth/me`);
      const refused = await fetch(`${limited.url}/v1/auth/me`, { headers: { Origin: 'https://app.test' } });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('access-control-allow-origin'), '*');
      assert.match(refused.headers.get('access-control-expose-headers'), /X-RateLimit-Reset/);
    } finally {
      await limited.close();
    }
  });
});

async function otherServerToken() {
  const other = await startStandin({ users });
  try {
    return await other.issueToken(1);
  } finally {
    await other.close();
  }
}

describe('every endpoint', () => {
  test('answers a request target that is no URL with a 400, and keeps serving', async () => {
    const { connect } = await import('node:net');
    const statusLine = await new Promise((resolve, reject) => {
      const socket = connect(Number(new URL(standin.url).port), '127.0.0.1', () =>
        socket.write('GET //[ HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', reject);
      setTimeout(() => {
        socket.end();
        resolve(answer.split('\r\n')[0]);
      }, 200);
    });
    assert.match(statusLine, /^HTTP\/1\.1 400 /);
    assert.equal((await fetch(`${standin.url}/v1/auth/me`)).status, 401);
  });

  test('answers only to the names of this machine: a rebound name signs nobody in (DNS rebinding)', async () => {
    /** Asks with `host` in the Host header, as a page whose name points at 127.0.0.1 does. */
    const ask = (host, method = 'GET', body) =>
      new Promise((resolve, reject) => {
        const path = `/v1/oauth?${new URLSearchParams(implicit())}`;
        const req = request(
          standin.url + path,
          { method, headers: { Host: host, 'Content-Type': 'application/json' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const port = new URL(standin.url).port;
    for (const host of [`attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`, 'localhost.evil']) {
      const page = await ask(host);
      const post = await ask(host, 'POST', JSON.stringify(demoLogin));
      assert.deepEqual([page.status, post.status], [421, 421], host);
      assert.doesNotMatch(post.text, /access_token/);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`])
      assert.equal((await ask(host)).status, 200, host);
  });

  test('answers an unknown path with a 404 envelope and a wrong method with 405', async () => {
    assert.equal((await envelopeOf(await fetch(`${standin.url}/v2/nothing`), 404)).status_code, 404);
    const wrong = await fetch(`${standin.url}/v1/auth/me`, { method: 'DELETE' });
    assert.equal((await envelopeOf(wrong, 405)).status_code, 405);
    assert.match(wrong.headers.get('allow'), /GET/);
  });

  test('keeps serving after a client drops mid-body', async () => {
    const answer = await new Promise((resolve, reject) => {
      const req = request(
        `${standin.url}/v1/oauth?${new URLSearchParams(implicit())}`,
        { method: 'POST', headers: { 'Content-Length': '100' } },
        resolve,
      );
      req.on('error', reject);
      req.write('{"email":');
      setTimeout(() => req.destroy(), 200);
    }).catch((error) => error);
    assert.ok(answer instanceof Error || answer.statusCode >= 400);
    assert.equal((await fetch(`${standin.url}/v1/oauth?${new URLSearchParams(implicit())}`)).status, 200);
  });

  test('rate-limits each address: headers on every answer, then 429 with the envelope', async () => {
    const limited = await startStandin({ rateLimit: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await fetch(`${limited.url}/v1/auth/me`));
      assert.deepEqual(
        answers.map((a) => a.status),
        [401, 401, 401, 429],
      );
      assert.deepEqual(
        answers.map((a) => a.headers.get('x-ratelimit-remaining')),
        ['2', '1', '0', '0'],
      );
      assert.equal(answers[0].headers.get('x-ratelimit-limit'), '3');
      const reset = Number(answers[3].headers.get('x-ratelimit-reset'));
      assert.ok(reset > 0 && reset <= 60, `reset ${reset}`);
      const envelope = await envelopeOf(answers[3], 429);
      assert.deepEqual(
        [envelope.status_code, envelope.message, envelope.data],
        [429, 'Too many requests', 'You reached the limit of 3 requests per minute'],
      );
    } finally {
      await limited.close();
    }
  });

  test('defaults: 90 requests a minute, 127.0.0.1, a free port, the demo client', async () => {
    const defaults = await startStandin();
    try {
      assert.match(defaults.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(
        `${defaults.url}/v1/oauth?${new URLSearchParams({ response_type: 'token', client_id: DEMO_CLIENT_ID, redirect_uri: 'http://localhost:8000/callback.html' })}`,
      );
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ratelimit-limit'), '90');
    } finally {
      await defaults.close();
    }
  });

  test('refuses bad options with a clear error', async () => {
    await assert.rejects(startStandin({ clients: [{ id: 'demo', name: 'x', redirectUri: 'http://x' }] }), /not a GUID/);
    await assert.rejects(startStandin({ rateLimit: -1 }), /rateLimit/);
  });
});

describe('aniapi-standin', () => {
  const cli = new URL('../../dist/standin/cli.js', import.meta.url).pathname;

  /** Runs the command until it prints its URL, then hands it back. */
  function run(args) {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const ready = new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Press Ctrl-C to stop.')) resolve(/listening at (\S+)/.exec(output)[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, ready, exited, output: () => output };
  }

  test('takes its clients and users from a JSON file, and stops cleanly on Ctrl-C', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'standin-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const config = join(dir, 'standin.json');
    await writeFile(config, JSON.stringify({ clients: [clients[1]], users: [users[0]], rateLimit: 5 }));
    const { child, ready, exited, output } = run(['--port', '0', '--config', config]);
    const url = await ready;
    const response = await fetch(
      `${url}/v1/oauth?${new URLSearchParams({ response_type: 'token', client_id: OTHER_ID, redirect_uri: 'https://other.test/cb' })}`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-ratelimit-limit'), '5');
    assert.match(output(), new RegExp(OTHER_ID));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('registers the demo client at --redirect-uri and prints the demo credentials', async () => {
    const { child, ready, exited, output } = run([
      '--port',
      '0',
      '--redirect-uri',
      'http://localhost:5173/cb',
      '--token-lifetime',
      '60',
    ]);
    const url = await ready;
    assert.match(output(), /demo@aniapi\.test \/ demo/);
    const { data } = await (
      await fetch(
        `${url}/v1/oauth?${new URLSearchParams({ response_type: 'token', client_id: DEMO_CLIENT_ID, redirect_uri: 'http://localhost:5173/cb' })}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(demoLogin),
        },
      )
    ).json();
    const claims = decodeJwt(/access_token=([^&]+)/.exec(data)[1]);
    assert.equal(claims.exp - claims.iat, 60);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  test("adds the demo client at --redirect-uri beside the config file's clients, not in their place", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'standin-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const config = join(dir, 'standin.json');
    await writeFile(config, JSON.stringify({ clients: [clients[1]] }));
    const { child, ready, exited, output } = run([
      '--port',
      '0',
      '--config',
      config,
      '--redirect-uri',
      'http://localhost:5173/cb',
    ]);
    t.after(() => child.kill('SIGKILL'));
    const url = await ready;
    const authorize = (client_id, redirect_uri) =>
      fetch(`${url}/v1/oauth?${new URLSearchParams({ response_type: 'token', client_id, redirect_uri })}`);
    assert.equal((await authorize(OTHER_ID, 'https://other.test/cb')).status, 200);
    assert.equal((await authorize(DEMO_CLIENT_ID, 'http://localhost:5173/cb')).status, 200);
    assert.match(output(), new RegExp(`${OTHER_ID}, redirect URI https://other.test/cb`));
    assert.match(output(), new RegExp(`${DEMO_CLIENT_ID}, redirect URI http://localhost:5173/cb`));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('makes every answer wait --delay milliseconds', async () => {
    const { child, ready, exited } = run(['--port', '0', '--delay', '300']);
    const url = await ready;
    const start = performance.now();
    assert.equal((await fetch(`${url}/v1/auth/me`)).status, 401);
    assert.ok(performance.now() - start >= 290);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('refuses a bad flag with its usage and exit code 2', async () => {
    for (const args of [
      ['--port', 'eighty'],
      ['--delay', '60001'],
    ]) {
      const { ready, exited } = run(args);
      await assert.rejects(ready, /exited with 2/);
      assert.equal(await exited, 2);
    }
  });

  test('fails to start with one line and exit code 1, no usage, when the config file is not there', async () => {
    const { ready, exited, child } = run(['--port', '0', '--config', join(tmpdir(), 'standin-none', 'gone.json')]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await assert.rejects(ready, /exited with 1/);
    assert.equal(await exited, 1);
    assert.match(stderr, /^aniapi-standin: ENOENT: .*gone\.json'\n$/);
  });
});
