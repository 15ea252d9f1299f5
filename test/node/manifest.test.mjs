// custom-elements.json is generated from the JSDoc; this holds it to the
// public contract, so a renamed attribute or a lost description fails here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
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
    members: ['apiBase', 'messages', 'status', 'user', 'refresh'],
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
