// custom-elements.json is generated from the JSDoc; this holds it to the
// public contract, so a renamed attribute or a lost description fails here.
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { test } from 'node:test';
import { readJson } from './helpers.mjs';

const manifest = await readJson('custom-elements.json');
const elements = new Map(
  manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => [d.tagName, d]),
);

const contract = {
  'aniapi-login': {
    attributes: [
      'client-id',
      'redirect-uri',
      'authorize-url',
      'return-to',
      'disabled',
      'mode',
      'store',
      'popup-timeout',
      'expiry-warning',
      'signed-in',
      'defer-hydration',
    ],
    members: [
      'clientId',
      'redirectUri',
      'authorizeUrl',
      'returnTo',
      'disabled',
      'mode',
      'store',
      'popupTimeout',
      'expiryWarning',
      'messages',
      'signedIn',
      'login',
    ],
    events: ['aniapi-login', 'aniapi-error', 'aniapi-token', 'aniapi-expiring', 'aniapi-logout'],
    slots: [''],
    cssParts: ['button'],
    cssStates: ['signed-in', 'redirecting', 'error'],
  },
  'aniapi-callback': {
    attributes: ['store', 'auto-return', 'expiry-warning'],
    members: ['store', 'autoReturn', 'expiryWarning', 'messages', 'result'],
    events: ['aniapi-login', 'aniapi-token', 'aniapi-error', 'aniapi-expiring', 'aniapi-logout', 'aniapi-handed-back'],
    slots: [],
    cssParts: ['status', 'retry'],
    cssStates: ['signed-in', 'error'],
  },
  'aniapi-user': {
    attributes: ['api-base'],
    members: ['apiBase', 'allowOrigin', 'messages', 'status', 'user', 'refresh'],
    events: ['aniapi-user', 'aniapi-error'],
    slots: ['', 'loading', 'signed-out', 'error'],
    cssParts: ['user', 'avatar', 'name', 'loading', 'signed-out', 'error'],
    cssStates: ['loading', 'signed-in', 'signed-out', 'error'],
    cssProperties: ['--aniapi-user-avatar-size', '--aniapi-user-avatar-radius', '--aniapi-user-gap'],
  },
};

for (const [tag, expected] of Object.entries(contract)) {
  test(`the manifest lists <${tag}>'s public API, each item described`, () => {
    const element = elements.get(tag);
    assert.ok(element, `${tag} is missing`);
    for (const [kind, names] of Object.entries(expected)) {
      const items = element[kind] ?? [];
      assert.deepEqual(items.map((item) => item.name).sort(), [...names].sort(), `${tag} ${kind}`);
      for (const item of items)
        assert.ok(item.description?.trim(), `${tag} ${kind} ${item.name || '(default)'} has no description`);
    }
  });
}

// Tools import the modules the manifest names and open their declarations: each path must be a
// file the package ships (dist/*.js, built beside its .d.ts), never a source under src/.
test('every module the manifest names, and every reference to one, is a shipped dist/*.js file', async () => {
  const paths = [];
  const collect = (node) => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    if (typeof node.module === 'string' && !node.package) paths.push(node.module);
    Object.values(node).forEach(collect);
  };
  for (const mod of manifest.modules) {
    paths.push(mod.path);
    collect(mod);
  }
  assert.ok(paths.length > manifest.modules.length, 'the manifest references no module');
  for (const path of new Set(paths)) {
    assert.match(path, /^dist\/[\w/-]+\.js$/, path);
    await access(new URL(`../../${path}`, import.meta.url));
    await access(new URL(`../../${path.replace(/\.js$/, '.d.ts')}`, import.meta.url));
  }
});
