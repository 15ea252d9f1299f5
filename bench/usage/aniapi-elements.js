// aniapi-elements: the page holds <aniapi-login> to start the login and
// <aniapi-callback> on the redirect page to complete it; registering them is all.
import '../../dist/index.js';
