// aniapi-elements/react in the browser, as an app's React renders it: props reach the element,
// event props hear its events, and a ref reaches it with React 19's semantics.
import { expect, waitUntil } from '@open-wc/testing';
import { createElement, type ComponentProps, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { AniapiLogin } from '../../../src/react.js';
import { AniapiLoginElement } from '../../../src/elements/login-element.js';
import '../../../src/login.js';
import { clearStorage, jwt, sessionRecord, storedToken, TOKEN_KEY } from '../helpers.js';

let container: HTMLElement;
let root: Root;

/** Renders `props` on an `<AniapiLogin>`, synchronously; undefined unmounts it. */
function render(props: ComponentProps<typeof AniapiLogin> | undefined): void {
  flushSync(() => root.render(props ? createElement(AniapiLogin, props) : null));
}

describe('aniapi-elements/react', () => {
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
    clearStorage();
  });

  it('sets the props as properties and hears the events through the event props', async () => {
    const heard: string[] = [];
    render({
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      redirectUri: 'https://elsewhere.test/callback',
      authorizeUrl: 'https://aniapi.test/v1/oauth',
      onAniapiError: (event) => heard.push(event.detail.code),
    });
    const element = container.querySelector('aniapi-login')!;
    await waitUntil(() => element instanceof AniapiLoginElement, 'the element is defined');
    const login = element as AniapiLoginElement;
    expect(login.clientId).to.equal('c0ffee00-0000-4000-8000-000000000001');
    expect(login.hasAttribute('clientid')).to.equal(false);
    expect(login.hasAttribute('defer-hydration')).to.equal(false);
    // A redirect URI on another origin than the page's: invalid_config at the click.
    login.login();
    expect(heard).to.deep.equal(['invalid_config']);
  });

  it('hears, through onAniapiLogout, that a session expired while the page was away', async () => {
    sessionStorage.setItem(TOKEN_KEY, sessionRecord(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) - 60 })));
    const heard: string[] = [];
    // The element is defined already, as on any mount after a page's first: it connects as React commits.
    render({ onAniapiLogout: (event) => heard.push(event.detail.reason) });
    expect(storedToken(sessionStorage), 'dropped as the element connects').to.equal(null);
    await waitUntil(() => heard.length > 0, 'onAniapiLogout heard nothing');
    expect(heard).to.deep.equal(['expired']);
  });

  it("calls a ref callback's cleanup when the element goes, and never the callback with null (React 19)", () => {
    const calls: Array<Element | null> = [];
    let cleanups = 0;
    const ref: Ref<AniapiLoginElement> = (element) => {
      calls.push(element);
      return () => void cleanups++;
    };
    render({ ref });
    const element = container.querySelector('aniapi-login');
    expect(calls).to.deep.equal([element]);
    render(undefined);
    expect(cleanups).to.equal(1);
    expect(calls, 'no call with null').to.deep.equal([element]);
  });

  it('sets an object ref to the element, and back to null when it goes', () => {
    const ref = { current: null as AniapiLoginElement | null };
    render({ ref });
    expect(ref.current).to.equal(container.querySelector('aniapi-login'));
    render(undefined);
    expect(ref.current).to.equal(null);
  });
});
