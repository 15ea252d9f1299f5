/**
 * The pre-scrub, shipped as `dist/aniapi-scrub.js` (`aniapi-elements/aniapi-scrub.js`):
 * a classic script, with no import, that takes an OAuth response off the address bar
 * before any other script of the page can read it and before the page is first painted.
 * It must be the first `<script>` of the `<head>`, on the callback page and, in a
 * single-page app, in the `index.html` every route is served from:
 *
 *     <script src="/aniapi-scrub.js"></script>
 *
 * When the fragment is an OAuth response, the response leaves the URL and
 * `history.state` at once and waits in memory, in the page's response stash, for
 * `<aniapi-callback>`. Any other fragment, and a query on its own, is left as it is:
 * on another route of the app it does nothing. It is the elements' own scrub, so they
 * work the same with it or without it.
 */
import { scrubCallbackPage } from '../response/address-bar.js';

try {
  scrubCallbackPage(true);
} catch {
  // Never breaks the page: without the pre-scrub's work, the elements scrub when they connect.
}
