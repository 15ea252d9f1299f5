// Hostile responses that completeLogin (src/response/complete-login.ts) must refuse, landed
// on the real <aniapi-callback>: missing values, parameters that do not belong, forged
// provider errors, prototype names as the state, a response in the wrong place, and
// responses for logins that are late, unknown or replaced. What each refusal must leave
// behind is checked in hostile-harness.ts.
import { expect } from '@open-wc/testing';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import { logout } from '../../../src/token/token-store.js';
import { completeWith } from '../callback-harness.js';
import { clearStorage, startLogin } from '../helpers.js';
import { expectAccepted, expectRefused, TOKEN } from '../oauth/hostile-harness.js';

describe('<aniapi-callback> under attack: what the response says', () => {
  let state: string;
  beforeEach(() => {
    logout();
    clearStorage();
    state = startLogin();
  });
  after(() => {
    logout();
    clearStorage();
  });

  describe('missing and empty values', () => {
    it('refuses a missing state', () => expectRefused(`access_token=${TOKEN}`, 'state_mismatch', [state]));
    it('refuses an empty state', () => expectRefused(`access_token=${TOKEN}&state=`, 'state_mismatch', [state]));
    it('refuses a missing token', () => expectRefused(`state=${state}`, 'missing_token', [state]));
    it('refuses an empty token', () => expectRefused(`access_token=&state=${state}`, 'missing_token', [state]));
  });

  describe('parameters that do not belong', () => {
    it('refuses a token_type other than bearer', () =>
      expectRefused(`access_token=${TOKEN}&token_type=mac&state=${state}`, 'malformed_response', [state]));
    it('accepts token_type Bearer in any case', () =>
      expectAccepted(`access_token=${TOKEN}&token_type=BEARER&state=${state}`, TOKEN));
    it('refuses a refresh_token', () =>
      expectRefused(`access_token=${TOKEN}&refresh_token=r&state=${state}`, 'malformed_response', [state]));
    it('refuses a code', () =>
      expectRefused(`access_token=${TOKEN}&code=c&state=${state}`, 'malformed_response', [state]));
    it('refuses an id_token', () =>
      expectRefused(`access_token=${TOKEN}&id_token=i&state=${state}`, 'malformed_response', [state]));
    it('refuses an error beside a token', () =>
      expectRefused(`error=access_denied&access_token=${TOKEN}&state=${state}`, 'malformed_response', [state]));
    it('refuses an expires_in that is no number', () =>
      expectRefused(`access_token=${TOKEN}&expires_in=soon&state=${state}`, 'malformed_response', [state]));
    it('refuses a negative expires_in', () =>
      expectRefused(`access_token=${TOKEN}&expires_in=-1&state=${state}`, 'malformed_response', [state]));
  });

  describe('provider errors', () => {
    it('shows HTML and script in error_description as text, and drops a javascript: error_uri', async () => {
      const payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
      const { element, events, status } = await expectRefused(
        `error=access_denied&error_description=${encodeURIComponent(payload)}&error_uri=${encodeURIComponent('javascript:window.pwned=1')}&state=${state}`,
        'provider_error',
        [state],
      );
      expect(events[0]!.detail.errorDescription).to.equal(payload);
      expect(events[0]!.detail).not.to.have.property('errorUri');
      expect(status.textContent).to.contain(payload);
      expect(element.shadowRoot!.querySelectorAll('img, script, a')).to.have.length(0);
      expect((window as { pwned?: number }).pwned).to.equal(undefined);
    });

    it('believes no provider error before the state: a forged one is state_mismatch, its text shown nowhere', async () => {
      const forged = 'Your account is locked; call 555-0100';
      const { element, events, status } = await expectRefused(
        `error=access_denied&error_description=${encodeURIComponent(forged)}&error_uri=https%3A%2F%2Fevil.test%2Fhelp&state=${'F'.repeat(43)}`,
        'state_mismatch',
        [state, forged, 'evil.test'],
      );
      expect(events[0]!.detail).to.deep.equal({ code: 'state_mismatch', message: events[0]!.detail.message });
      expect(status.textContent).not.to.contain('555-0100');
      expect(JSON.stringify(element.result)).not.to.contain('access_denied');
      // The tab's own login is still waiting: a forged answer does not spend it.
      await expectAccepted(`access_token=${TOKEN}&state=${state}`, TOKEN);
    });

    it('keeps an https error_uri as data, never as a link', async () => {
      const { element, events } = await expectRefused(
        `error=server_error&error_uri=https%3A%2F%2Fdocs.test%2Fe&state=${state}`,
        'provider_error',
        [state],
      );
      expect(events[0]!.detail.errorUri).to.equal('https://docs.test/e');
      expect(element.shadowRoot!.querySelectorAll('a')).to.have.length(0);
    });
  });

  describe('prototype names as the state', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      it(`matches no pending login for state=${name}`, () =>
        expectRefused(`access_token=${TOKEN}&state=${name}`, 'state_mismatch', [state]));
    }

    it('matches nothing for a prototype-named state when no login is pending', async () => {
      clearStorage();
      await expectRefused(`access_token=${TOKEN}&state=__proto__`, 'no_pending_login', []);
    });
  });

  // The page's outcome (src/response/page-outcome.ts) refuses a response in the query before completeLogin runs,
  // through completeLogin's own refusal, which spends the login.
  describe('where the response is', () => {
    it('refuses a token in the query instead of the fragment, scrubs it from the query, and spends the login', async () => {
      const own = location.search;
      await expectRefused('', 'malformed_response', [state], `${own}&access_token=${TOKEN}&state=${state}`);
      expect(location.search).to.equal(own);
      await expectRefused(`access_token=${TOKEN}&state=${state}`, 'no_pending_login', [state]);
    });

    it('refuses a hash-router style fragment', () =>
      expectRefused(`/route?access_token=${TOKEN}&state=${state}`, 'missing_token', [state]));
  });

  describe('pending logins', () => {
    it('completes a login one second inside the time limit', async () => {
      clearStorage();
      const onTime = startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE + 1000 });
      await expectAccepted(`access_token=${TOKEN}&state=${onTime}`, TOKEN);
    });

    it('refuses a login one second past the time limit', async () => {
      clearStorage();
      const late = startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE - 1000 });
      await expectRefused(`access_token=${TOKEN}&state=${late}`, 'login_expired', [late]);
    });

    it('refuses a response for a login that only another tab knows', async () => {
      clearStorage();
      // Another tab's sessionStorage is out of reach; here that is a state this tab never made.
      await expectRefused(`access_token=${TOKEN}&state=${'T'.repeat(43)}`, 'no_pending_login', []);
    });

    it('completes each of two logins in one tab with its own response only', async () => {
      const first = state;
      const second = startLogin({ returnTo: '/second', now: Date.now() + 1000 });
      const { events } = await completeWith(`access_token=${TOKEN}&state=${first}`);
      expect(events[0]!.type).to.equal('aniapi-token');
      const { events: again } = await completeWith(`access_token=${TOKEN}&state=${second}`);
      expect(again[0]!.detail.returnTo).to.equal('/second');
      logout();
      await expectRefused(`access_token=${TOKEN}&state=${second}`, 'no_pending_login', [second]);
    });

    it('refuses the response of an older login once a newer one of the tab signed in', async () => {
      const older = state;
      const newer = startLogin({ now: Date.now() + 1000 });
      await completeWith(`access_token=${TOKEN}&state=${newer}`);
      logout();
      const { events } = await expectRefused(`access_token=${TOKEN}&state=${older}`, 'no_pending_login', [older]);
      expect(events[0]!.detail.cause).to.equal('superseded');
    });
  });
});
