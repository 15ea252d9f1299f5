// The stand-in's API for an app's own tests (issue 26): clients and users added while it
// runs, AniAPI's failures on demand (a revoked token, a changed or removed user, a slow
// answer, the rate limit), the record of what the app asked, and `await using`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';
import { DEMO_CLIENT_ID, MAX_ANSWER_DELAY, startStandin } from '../../dist/standin/index.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ann = { id: 7, email: 'ann@example.test', password: 'pw', username: 'ann' };

/** Runs `body(standin)` against a fresh stand-in with `options`, and closes it. */
async function withStandin(options, body) {
  const standin = await startStandin({ rateLimit: 0, ...options });
  try {
    return await body(standin);
  } finally {
    await standin.close();
  }
}

function authorizeUrl(standin, clientId, redirectUri, extra = {}) {
  const query = new URLSearchParams({
    response_type: 'token',
    client_id: clientId,
    redirect_uri: redirectUri,
    ...extra,
  });
  return `${standin.url}/v1/oauth?${query}`;
}

/** Signs in on the login page's POST; resolves the envelope. */
async function login(standin, clientId, redirectUri, { email, password }) {
  const response = await fetch(authorizeUrl(standin, clientId, redirectUri), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, g_recaptcha_response: '' }),
  });
  return response.json();
}

/** `/v1/auth/me` with this token: the HTTP status and the envelope. */
async function me(standin, token) {
  const response = await fetch(`${standin.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, ...(await response.json()) };
}

describe('addClient', () => {
  test('registers a client while it runs, with a fresh GUID, whose login page then opens', async () => {
    await withStandin({ clients: [] }, async (standin) => {
      const redirectUri = 'http://127.0.0.1:5173/callback.html';
      assert.equal((await fetch(authorizeUrl(standin, DEMO_CLIENT_ID, redirectUri))).status, 404);
      const client = standin.addClient({ name: 'My app', redirectUri });
      assert.match(client.id, GUID);
      assert.deepEqual(client, { id: client.id, name: 'My app', redirectUri });
      const page = await fetch(authorizeUrl(standin, client.id, redirectUri));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /My app's authentication/);
      const other = standin.addClient({ name: 'Other', redirectUri });
      assert.notEqual(other.id, client.id);
    });
  });

  test('keeps the id it is given, and the redirect URI must match exactly', async () => {
    await withStandin({}, async (standin) => {
      const id = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
      assert.equal(standin.addClient({ id, name: 'Mine', redirectUri: 'http://localhost:4000/cb' }).id, id);
      assert.equal((await fetch(authorizeUrl(standin, id, 'http://localhost:4000/cb/'))).status, 403);
      assert.equal((await fetch(authorizeUrl(standin, id.toUpperCase(), 'http://localhost:4000/cb'))).status, 200);
    });
  });

  test('refuses what the start options refuse, and an id already registered, with a TypeError', async () => {
    await withStandin({}, async (standin) => {
      const refusals = [
        [{ id: 'demo', name: 'x', redirectUri: 'http://x' }, /^Client id "demo" is not a GUID\.$/],
        [{ name: '', redirectUri: 'http://x' }, /needs a name and a redirectUri/],
        [{ name: 'x' }, /needs a name and a redirectUri/],
        // The token goes in the redirect URI's fragment: a URI the flow cannot use is refused here, not at a login.
        [{ name: 'x', redirectUri: '/callback' }, /redirectUri "\/callback" is not an absolute http\(s\) URL/],
        [{ name: 'x', redirectUri: 'localhost:5173/cb' }, /is not an absolute http\(s\) URL/],
        [{ name: 'x', redirectUri: 'javascript:alert(1)//' }, /is not an absolute http\(s\) URL/],
        [{ name: 'x', redirectUri: 'http://localhost:5173/cb#frag' }, /without a fragment/],
        [{ id: DEMO_CLIENT_ID.toUpperCase(), name: 'x', redirectUri: 'http://x' }, /is already registered/],
      ];
      for (const [client, message] of refusals) {
        assert.throws(
          () => standin.addClient(client),
          (error) => error instanceof TypeError && message.test(error.message),
        );
      }
      // The same words as at start.
      await assert.rejects(startStandin({ clients: [refusals[0][0]] }), { name: 'TypeError', message: /not a GUID/ });
      const twice = { id: DEMO_CLIENT_ID, name: 'x', redirectUri: 'http://x' };
      await assert.rejects(startStandin({ clients: [twice, twice] }), { name: 'TypeError', message: /already/ });
    });
  });
});

describe('addUser and setUser', () => {
  test('adds a user who can sign in, with the next free id when none is given', async () => {
    await withStandin({}, async (standin) => {
      const added = standin.addUser({ email: 'bo@example.test', password: 'pw', username: 'bo' });
      assert.equal(added.id, 2, 'the demo user is 1');
      const { status_code, data } = await login(standin, DEMO_CLIENT_ID, 'http://localhost:8000/callback.html', added);
      assert.equal(status_code, 200);
      const token = /access_token=([^&]+)/.exec(data)[1];
      const answer = await me(standin, token);
      assert.deepEqual([answer.status, answer.data.id, answer.data.username], [200, 2, 'bo']);
      assert.equal(standin.addUser(ann).id, 7);
      assert.equal(standin.addUser({ ...ann, id: undefined, email: 'cy@example.test' }).id, 8);
    });
  });

  test('refuses a user without its fields, a taken id or a taken email, with a TypeError', async () => {
    await withStandin({ users: [ann] }, async (standin) => {
      const refusals = [
        [{ ...ann, id: 1.5, email: 'x@example.test' }, /needs an integer id, an email, a password and a username/],
        [{ email: 'x@example.test', password: '', username: 'x' }, /needs an integer id/],
        [{ ...ann, email: 'other@example.test' }, /^User id 7 is already taken\.$/],
        [{ ...ann, id: 8 }, /^User email "ann@example\.test" is already taken \(user 7\)\.$/],
      ];
      for (const [user, message] of refusals) {
        assert.throws(
          () => standin.addUser(user),
          (error) => error instanceof TypeError && message.test(error.message),
        );
      }
      await assert.rejects(startStandin({ users: [ann, { ...ann, id: 8 }] }), { name: 'TypeError', message: /taken/ });
    });
  });

  test('keeps a copy: changing the object given or returned changes nothing', async () => {
    await withStandin({ users: [] }, async (standin) => {
      const given = { ...ann };
      const returned = standin.addUser(given);
      given.password = 'changed';
      returned.password = 'changed too';
      const { status_code } = await login(standin, DEMO_CLIENT_ID, 'http://localhost:8000/callback.html', ann);
      assert.equal(status_code, 200);
    });
  });

  test("edits a user: /v1/auth/me shows the change, and an unverified email gets AniAPI's 401", async () => {
    await withStandin({ users: [ann] }, async (standin) => {
      const token = await standin.issueToken(7);
      standin.setUser(7, { username: 'annie', hasMal: true });
      const answer = await me(standin, token);
      assert.deepEqual([answer.message, answer.data.username, answer.data.has_mal], ['Hi annie', 'annie', true]);
      standin.setUser(7, { verified: false });
      assert.deepEqual(Object.values(await me(standin, token)).slice(0, 3), [401, 401, 'Unauthorized']);
      assert.equal((await me(standin, token)).data, 'Email not verified');
    });
  });

  test('removes a user with null: its token is an "Invalid JWT token" and its login fails', async () => {
    await withStandin({}, async (standin) => {
      const token = await standin.issueToken(1);
      const page = () => fetch(authorizeUrl(standin, DEMO_CLIENT_ID, 'http://localhost:8000/callback.html'));
      assert.match(await (await page()).text(), /Demo credentials/);
      standin.setUser(1, null);
      const answer = await me(standin, token);
      assert.deepEqual([answer.status, answer.data], [401, 'Invalid JWT token']);
      const demo = { email: 'demo@aniapi.test', password: 'demo' };
      const refused = await login(standin, DEMO_CLIENT_ID, 'http://localhost:8000/callback.html', demo);
      assert.deepEqual([refused.status_code, refused.data], [401, 'Credentials are not valid']);
      // The page no longer offers credentials that sign no one in.
      assert.doesNotMatch(await (await page()).text(), /Demo credentials/);
    });
  });

  test('refuses an unknown user, a new id, a taken email or a broken user, with a TypeError', async () => {
    await withStandin({ users: [ann, { ...ann, id: 8, email: 'bo@example.test' }] }, async (standin) => {
      const refusals = [
        [9, { username: 'x' }, /^There is no user with id 9\.$/],
        [7, { id: 9 }, /id cannot change/],
        [7, { email: 'bo@example.test' }, /already taken \(user 8\)/],
        [7, { password: '' }, /needs an integer id, an email, a password and a username/],
      ];
      for (const [id, changes, message] of refusals) {
        assert.throws(
          () => standin.setUser(id, changes),
          (error) => error instanceof TypeError && message.test(error.message),
        );
      }
      assert.equal((await me(standin, await standin.issueToken(7))).data.username, 'ann', 'unchanged');
    });
  });
});

describe('revokeToken', () => {
  test('/v1/auth/me answers its 401 for that token, and only that one', async () => {
    await withStandin({}, async (standin) => {
      const [revoked, kept] = [await standin.issueToken(1), await standin.issueToken(1, { lifetime: 60 })];
      assert.equal((await me(standin, revoked)).status, 200);
      standin.revokeToken(revoked);
      const answer = await me(standin, revoked);
      assert.deepEqual(
        [answer.status, answer.status_code, answer.message, answer.data],
        [401, 401, 'Unauthorized', 'Invalid Authorization header'],
      );
      assert.equal((await me(standin, kept)).status, 200);
      assert.throws(() => standin.revokeToken(''), TypeError);
      assert.throws(() => standin.revokeToken(undefined), TypeError);
    });
  });
});

describe('delay', () => {
  /** How long a request takes, in ms, and its status. */
  async function timed(url, init = undefined) {
    const start = performance.now();
    const response = await fetch(url, init);
    await response.arrayBuffer();
    return { ms: performance.now() - start, status: response.status };
  }

  test('makes every answer wait, from the start option or setDelay, body read first', async () => {
    await withStandin({ delay: 300 }, async (standin) => {
      const me = `${standin.url}/v1/auth/me`;
      assert.ok((await timed(me)).ms >= 290, 'GET /v1/auth/me');
      assert.ok((await timed(`${standin.url}/nowhere`)).ms >= 290, 'a 404 as well');
      const post = await timed(authorizeUrl(standin, DEMO_CLIENT_ID, 'http://localhost:8000/callback.html'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'demo@aniapi.test', password: 'demo' }),
      });
      assert.deepEqual([post.status, post.ms >= 290], [200, true]);
      standin.setDelay(0);
      assert.ok((await timed(me)).ms < 250);
      standin.setDelay(400);
      assert.ok((await timed(me)).ms >= 390);
    });
  });

  test(`takes whole milliseconds from 0 to MAX_ANSWER_DELAY (${MAX_ANSWER_DELAY}), else a TypeError`, async () => {
    assert.equal(MAX_ANSWER_DELAY, 60_000);
    for (const delay of [-1, 1.5, MAX_ANSWER_DELAY + 1, Number.NaN]) {
      await assert.rejects(startStandin({ delay }), {
        name: 'TypeError',
        message: /^delay must be a whole number, from 0 to 60000\.$/,
      });
    }
    await withStandin({}, async (standin) => {
      for (const ms of [-1, 0.5, MAX_ANSWER_DELAY + 1, '100']) assert.throws(() => standin.setDelay(ms), TypeError);
      standin.setDelay(MAX_ANSWER_DELAY);
    });
  });

  test('closes at once while an answer waits', async () => {
    const standin = await startStandin({ delay: MAX_ANSWER_DELAY });
    const pending = fetch(`${standin.url}/v1/auth/me`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = performance.now();
    await standin.close();
    assert.equal(await pending, 'dropped');
    assert.ok(performance.now() - start < 1000);
  });
});

describe('setRateLimit', () => {
  test('changes the limit while it runs, each address starting afresh', async () => {
    await withStandin({}, async (standin) => {
      const statuses = async (n) => {
        const seen = [];
        for (let i = 0; i < n; i++) seen.push((await fetch(`${standin.url}/v1/auth/me`)).status);
        return seen;
      };
      assert.deepEqual(await statuses(3), [401, 401, 401], 'no limit');
      standin.setRateLimit(2);
      const limited = await fetch(`${standin.url}/v1/auth/me`);
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '1', 'the earlier requests are not counted');
      assert.deepEqual(await statuses(2), [401, 429]);
      standin.setRateLimit(0);
      assert.deepEqual(await statuses(2), [401, 401]);
      for (const limit of [-1, 2.5, '3']) assert.throws(() => standin.setRateLimit(limit), TypeError);
    });
  });
});

describe('requests', () => {
  test('lists what the app asked: method, path, query, the Authorization scheme, status and time', async () => {
    await withStandin({}, async (standin) => {
      const before = Date.now();
      const token = await standin.issueToken(1);
      const redirect = 'http://localhost:8000/callback.html';
      await fetch(authorizeUrl(standin, DEMO_CLIENT_ID, redirect, { state: 'abc' }));
      await me(standin, token);
      await fetch(`${standin.url}/v1/auth/me`, { headers: { Authorization: `Basic ${btoa('a:b')}` } });
      await fetch(`${standin.url}/v1/auth/me`);
      assert.deepEqual(
        standin.requests.map(({ time, ...rest }) => (assert.ok(time >= before && time <= Date.now()), rest)),
        [
          {
            method: 'GET',
            path: '/v1/oauth',
            query: { response_type: 'token', client_id: DEMO_CLIENT_ID, redirect_uri: redirect, state: 'abc' },
            authorization: null,
            status: 200,
          },
          { method: 'GET', path: '/v1/auth/me', query: {}, authorization: 'Bearer', status: 200 },
          { method: 'GET', path: '/v1/auth/me', query: {}, authorization: 'Basic', status: 401 },
          { method: 'GET', path: '/v1/auth/me', query: {}, authorization: null, status: 401 },
        ],
      );
      // What a test can assert with it.
      assert.ok(!standin.requests.some((r) => r.path.startsWith('/v1/oauth') && r.authorization === 'Bearer'));
      // A copy: a test that changes its list changes nothing.
      standin.requests.pop();
      assert.equal(standin.requests.length, 4);
    });
  });

  test('never keeps a token or a secret, wherever the app put it', async () => {
    await withStandin(
      { clients: [{ id: DEMO_CLIENT_ID, name: 'x', redirectUri: 'http://x.test/', secret: 'client-secret-42' }] },
      async (standin) => {
        const token = await standin.issueToken(1);
        const code = 'c'.repeat(30);
        await fetch(`${standin.url}/v1/auth/me?access_token=${token}&tab=2&tab=3&__proto__=p`);
        await fetch(`${standin.url}/v1/auth/me/${token}?other=${token}`);
        await fetch(`${standin.url}/v1/auth/me`, { headers: { Authorization: token } });
        await fetch(`${standin.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
        const exchange = new URLSearchParams({
          client_id: DEMO_CLIENT_ID,
          client_secret: 'client-secret-42',
          code,
          redirect_uri: 'http://x.test/',
        });
        await fetch(`${standin.url}/v1/oauth/token?${exchange}`, { method: 'POST' });
        const logged = standin.requests;
        const text = JSON.stringify(logged);
        for (const secret of [token, token.split('.')[1], code, 'client-secret-42'])
          assert.ok(!text.includes(secret), secret);
        assert.deepEqual(logged[0].query, { access_token: '[redacted]', tab: '2', ['__proto__']: 'p' });
        assert.equal(Object.getPrototypeOf(logged[0].query), Object.prototype);
        assert.deepEqual([logged[1].path, logged[1].query], ['/v1/auth/me/[redacted]', { other: '[redacted]' }]);
        assert.equal(logged[2].authorization, '[redacted]');
        assert.equal(logged[3].authorization, 'Bearer');
        assert.deepEqual(logged[4].query, {
          client_id: DEMO_CLIENT_ID,
          client_secret: '[redacted]',
          code: '[redacted]',
          redirect_uri: 'http://x.test/',
        });
      },
    );
  });
});

describe('Symbol.asyncDispose', () => {
  test('closes the stand-in, as close() does', async () => {
    const standin = await startStandin();
    assert.equal(typeof standin[Symbol.asyncDispose], 'function');
    await standin[Symbol.asyncDispose]();
    await assert.rejects(fetch(standin.url));
  });

  test('`await using standin = await startStandin()` closes it at the end of the block', async (t) => {
    // Node 20 does not parse `await using`; TypeScript compiles it to code that calls Symbol.asyncDispose.
    const source = `
      import { startStandin } from ${JSON.stringify(new URL('../../dist/standin/index.js', import.meta.url).href)};
      let url;
      {
        await using standin = await startStandin();
        url = standin.url;
        console.log((await fetch(url + '/v1/auth/me')).status);
      }
      console.log(await fetch(url).then(() => 'open', () => 'closed'));
    `;
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    });
    const dir = await mkdtemp(join(tmpdir(), 'standin-using-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'using.mjs'), outputText);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'using.mjs')], { timeout: 20_000 });
    assert.equal(stdout, '401\nclosed\n');
  });
});
