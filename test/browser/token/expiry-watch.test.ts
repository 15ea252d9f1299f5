import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { ExpiryClock } from '../../../src/token/expiry-watch.js';
import { watchExpiry } from '../../../src/token/expiry-watch.js';
import '../../../src/login.js';
import '../../../src/user.js';
import type { Session, SessionChangeReason } from '../../../src/token/token-store.js';
import { logout, onChange, setToken } from '../../../src/token/token-store.js';
import { afterPageLoad, clearStorage, collectEvents, jwt, sessionRecord, storedToken, TOKEN_KEY } from '../helpers.js';

/** A wall clock and timers that move only when told; `jump` moves the clock without firing anything. */
class TestClock implements ExpiryClock {
  time = Date.now();
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`a timer delay of ${ms}`);
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(timer: unknown): void {
    this.timers.delete(timer as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Lets `ms` pass, firing each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = end;
  }

  /** Fires every pending timer now, as a timer that wakes early would. */
  fireAll(): void {
    const all = [...this.timers];
    this.timers.clear();
    for (const [, t] of all) t.callback();
  }

  jump(ms: number): void {
    this.time += ms;
  }
}

/** A token that expires `seconds` after `now`. */
function tokenFor(now: number, seconds: number, id = '42'): string {
  return jwt({ id, exp: Math.floor(now / 1000) + seconds });
}

describe('watchExpiry', () => {
  let clock: TestClock;
  let heard: SessionChangeReason[];
  let warned: Session[];
  let stops: (() => void)[];

  function watch(warnBefore?: number): void {
    stops.push(watchExpiry({ warnBefore, clock, onExpiring: (session) => warned.push(session) }));
  }

  beforeEach(() => {
    logout();
    clearStorage();
    clock = new TestClock();
    heard = [];
    warned = [];
    stops = [onChange((_, reason) => heard.push(reason))];
  });
  afterEach(() => {
    for (const stop of stops) stop();
    logout();
    clearStorage();
  });

  it('warns once, the lead before exp, and ends the session at exp with expired', () => {
    const token = tokenFor(clock.time, 300);
    setToken(token);
    heard = [];
    watch(60_000);
    const expiresAt = (Math.floor(clock.time / 1000) + 300) * 1000;
    clock.advance(expiresAt - 60_000 - clock.time - 1);
    expect(warned).to.deep.equal([]);
    clock.advance(1);
    expect(warned.map((s) => [s.accessToken, s.expiresAt])).to.deep.equal([[token, expiresAt]]);
    clock.advance(expiresAt - clock.time - 1);
    expect(warned).to.have.length(1);
    expect(heard).to.deep.equal([]);
    expect(storedToken(sessionStorage)).to.equal(token);
    clock.advance(1);
    expect(heard).to.deep.equal(['expired']);
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(clock.pending).to.equal(0);
  });

  it('warns at once when less than the lead is left', () => {
    setToken(tokenFor(clock.time, 30));
    watch(60_000);
    expect(warned).to.have.length(1);
  });

  it('calls one onExpiring once per token across the watches given it, and another function on its own', () => {
    const token = tokenFor(clock.time, 30);
    setToken(token);
    const onExpiring = (session: Session) => warned.push(session);
    stops.push(watchExpiry({ warnBefore: 60_000, clock, onExpiring }));
    // Started again, as an element does with a new lead or after a pause.
    stops.push(watchExpiry({ warnBefore: 90_000, clock, onExpiring }));
    stops.pop()!();
    stops.push(watchExpiry({ warnBefore: 60_000, clock, onExpiring }));
    expect(warned.map((s) => s.accessToken)).to.deep.equal([token]);
    watch(60_000);
    expect(warned.map((s) => s.accessToken)).to.deep.equal([token, token]);
    const next = tokenFor(clock.time, 30, '43');
    setToken(next);
    expect(warned.map((s) => s.accessToken)).to.deep.equal([token, token, next, next]);
  });

  it('never times out a token without exp', () => {
    setToken(jwt({ id: '42' }));
    watch();
    expect(clock.pending).to.equal(0);
    expect(warned).to.deep.equal([]);
  });

  it('arms again for a new token, and disarms at logout', () => {
    setToken(tokenFor(clock.time, 30));
    watch(60_000);
    const next = tokenFor(clock.time, 600);
    setToken(next);
    expect(warned).to.have.length(1);
    clock.advance(540_000);
    expect(warned.map((s) => s.accessToken)).to.deep.equal([warned[0]!.accessToken, next]);
    logout();
    expect(clock.pending).to.equal(0);
  });

  it('checks again when the page becomes visible or is shown, after the clock moved on', () => {
    setToken(tokenFor(clock.time, 300));
    watch(60_000);
    heard = [];
    clock.jump(240_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(warned).to.have.length(1);
    clock.jump(60_000);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(heard).to.deep.equal(['expired']);
  });

  it('checks again when the window gets the focus', () => {
    setToken(tokenFor(clock.time, 300));
    watch(60_000);
    clock.jump(250_000);
    window.dispatchEvent(new FocusEvent('focus'));
    expect(warned).to.have.length(1);
  });

  it('waits at most what setTimeout can wait, for a token valid for 30 days', () => {
    const token = tokenFor(clock.time, 30 * 24 * 3600);
    setToken(token);
    watch(60_000);
    const expiresAt = (Math.floor(clock.time / 1000) + 30 * 24 * 3600) * 1000;
    clock.advance(2 ** 31 - 1);
    expect(warned).to.deep.equal([]);
    expect(clock.pending).to.equal(1);
    clock.advance(expiresAt - 60_000 - clock.time);
    expect(warned.map((s) => s.accessToken)).to.deep.equal([token]);
  });

  it('re-arms when its timer fires before time, as after the clock was set back', () => {
    setToken(tokenFor(clock.time, 300));
    watch(0);
    heard = [];
    clock.jump(-3_600_000);
    clock.fireAll();
    expect(heard).to.deep.equal([]);
    expect(clock.pending).to.equal(1);
    clock.advance(3_600_000 + 300_000);
    expect(heard).to.deep.equal(['expired']);
  });

  it('takes a lead that is no number as the default, without a busy loop', () => {
    setToken(tokenFor(clock.time, 3600));
    watch(Number.NaN);
    expect(clock.pending).to.equal(1);
    clock.advance(3600_000 - 60_000 - 1_000);
    expect(warned).to.deep.equal([]);
    clock.advance(1_000);
    expect(warned).to.have.length(1);
  });

  it('stops from inside onExpiring, or from another listener of the same change, leaving no timer', () => {
    setToken(tokenFor(clock.time, 120));
    const stop = watchExpiry({ warnBefore: 60_000, clock, onExpiring: () => stop() });
    clock.advance(61_000);
    expect(clock.pending).to.equal(0);
    let other = () => {};
    stops.push(onChange(() => other()));
    const second = watchExpiry({ warnBefore: 0, clock });
    other = second;
    setToken(tokenFor(clock.time, 600));
    expect(clock.pending).to.equal(0);
  });

  it('stops: no timer, no check on visibility', () => {
    setToken(tokenFor(clock.time, 300));
    watch(60_000);
    stops.pop()!();
    expect(clock.pending).to.equal(0);
    clock.jump(600_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(heard.filter((r) => r === 'expired')).to.deep.equal([]);
  });
});

describe('expiry on the elements', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  // A framework adds its listeners just after it has put the elements in the page (React's components in a layout
  // effect), and so does a page's script that runs after the elements' module: both hear the session end.
  for (const [what, markup] of [
    ['the button alone', '<aniapi-login></aniapi-login>'],
    [
      'the button before a card',
      '<aniapi-login></aniapi-login><aniapi-user api-base="http://127.0.0.1:1"></aniapi-user>',
    ],
  ]) {
    it(`tells listeners added just after it connects that a session expired while the page was away: ${what}`, async () => {
      sessionStorage.setItem(TOKEN_KEY, sessionRecord(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) - 60 })));
      const holder = document.createElement('div');
      holder.innerHTML = markup;
      document.body.append(holder);
      const button = holder.querySelector('aniapi-login')!;
      const heard: string[] = [];
      button.addEventListener('aniapi-logout', (event) => heard.push(event.detail.reason));
      try {
        expect(button.hasAttribute('signed-in'), 'an expired token is no session').to.equal(false);
        expect(storedToken(sessionStorage), 'dropped as the elements connect').to.equal(null);
        await waitUntil(() => heard.length > 0, 'no aniapi-logout');
        expect(heard).to.deep.equal(['expired']);
      } finally {
        holder.remove();
      }
    });
  }

  it('fires aniapi-expiring, then aniapi-logout (expired) and drops signed-in, on time', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3;
    setToken(jwt({ id: '42', exp }));
    const times = new Map<string, number>();
    const { events, stop } = collectEvents();
    const note = (event: Event) => times.set(event.type, Date.now());
    document.addEventListener('aniapi-expiring', note);
    document.addEventListener('aniapi-logout', note);
    const element = await fixture<AniapiLoginElement>(
      html`<aniapi-login client-id="c" redirect-uri="https://app.example/cb" expiry-warning="1"></aniapi-login>`,
    );
    expect(element.hasAttribute('signed-in')).to.equal(true);
    await waitUntil(() => times.has('aniapi-logout'), 'no aniapi-logout at expiry', { timeout: 6000 });
    expect(times.get('aniapi-expiring')).to.be.within((exp - 1) * 1000, exp * 1000 - 1);
    expect(times.get('aniapi-logout')).to.be.at.least(exp * 1000);
    const own = events.filter((e) => e.target === element).map((e) => [e.type, e.detail]);
    expect(own).to.deep.equal([
      ['aniapi-expiring', { expiresAt: exp * 1000 }],
      ['aniapi-logout', { reason: 'expired' }],
    ]);
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(false);
    expect(storedToken(sessionStorage)).to.equal(null);
    document.removeEventListener('aniapi-expiring', note);
    document.removeEventListener('aniapi-logout', note);
    stop();
  });

  it('warns once per token, also when moved in the page or given a new lead', async () => {
    setToken(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) + 30 }));
    const { events, stop } = collectEvents();
    const element = await fixture<AniapiLoginElement>(
      html`<aniapi-login client-id="c" redirect-uri="https://app.example/cb"></aniapi-login>`,
    );
    await waitUntil(() => events.some((e) => e.type === 'aniapi-expiring'), 'no aniapi-expiring');
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    element.expiryWarning = 120;
    await element.updateComplete;
    element.expiryWarning = 90;
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((e) => e.type === 'aniapi-expiring')).to.have.length(1);
    stop();
  });

  it('warns by a lead set after connecting, before the page could hear a warning, not by the lead it connected with', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3;
    setToken(jwt({ id: '42', exp }));
    const times: number[] = [];
    const note = () => times.push(Date.now());
    document.addEventListener('aniapi-expiring', note);
    const element = document.createElement('aniapi-login');
    document.body.append(element);
    // As a framework binds a property after the element connected: the default lead, 60 s, would warn at once.
    element.expiryWarning = 1;
    try {
      await waitUntil(() => times.length > 0, 'no aniapi-expiring by the new lead', { timeout: 5000 });
      expect(times).to.have.length(1);
      expect(times[0]).to.be.within((exp - 1) * 1000, exp * 1000 - 1);
    } finally {
      document.removeEventListener('aniapi-expiring', note);
      element.remove();
    }
  });

  it('goes back to the default lead, 60 s, when expiry-warning is removed, and warns by it', async () => {
    setToken(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) + 30 }));
    const { events, stop } = collectEvents();
    const element = await fixture<AniapiLoginElement>(
      html`<aniapi-login client-id="c" redirect-uri="https://app.example/cb" expiry-warning="10"></aniapi-login>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      events.map((e) => e.type),
      '30 s left, warned 10 s ahead',
    ).not.to.include('aniapi-expiring');
    element.removeAttribute('expiry-warning');
    expect(element.expiryWarning).to.equal(60);
    await waitUntil(() => events.some((e) => e.type === 'aniapi-expiring'), 'no aniapi-expiring by the default lead');
    stop();
  });

  it('leaves no element signed in with a token that expired as it was set, however many elements there are', async () => {
    const holder = await fixture(
      html`<div>
        <aniapi-login client-id="c" redirect-uri="https://app.example/cb"></aniapi-login>
        <aniapi-login client-id="c" redirect-uri="https://app.example/cb"></aniapi-login>
      </div>`,
    );
    const [first, second] = holder.querySelectorAll('aniapi-login');
    const { events, stop } = collectEvents();
    // An app that keeps tokens itself gives back one that has expired meanwhile.
    setToken(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) - 10 }));
    expect(storedToken(sessionStorage)).to.equal(null);
    // Changes heard before the task after the page's load are told then.
    await afterPageLoad();
    stop();
    await first!.updateComplete;
    await second!.updateComplete;
    for (const element of [first!, second!]) {
      expect(element.hasAttribute('signed-in'), 'signed in after the token was dropped').to.equal(false);
      // The last word each element says is that the session ended.
      expect(
        events
          .filter((e) => e.target === element)
          .map((e) => e.type)
          .at(-1),
      ).to.equal('aniapi-logout');
    }
  });

  it('does not warn about a token that has ended by the time the page could hear it', async () => {
    setToken(jwt({ id: '42', exp: Math.floor(Date.now() / 1000) + 30 }));
    const { events, stop } = collectEvents();
    const element = document.createElement('aniapi-login');
    document.body.append(element);
    logout();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-logout']);
    element.remove();
    stop();
  });
});
