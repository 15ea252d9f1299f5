/** The login page AniAPI serves at `GET /v1/oauth`: email, password, Login, in the client's name. */
export function loginPage(clientName: string, demoCredentials: { email: string; password: string } | null): string {
  const title = `${escapeHtml(clientName)}'s authentication`;
  const demo = demoCredentials
    ? `<p class="demo">Demo credentials: <strong>${escapeHtml(demoCredentials.email)}</strong> / <strong>${escapeHtml(demoCredentials.password)}</strong></p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AniAPI | OAuth</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f3f5f9; color: #1b1f29; }
  main { background: #fff; padding: 2rem; border-radius: 0.75rem; box-shadow: 0 2px 12px #0002; width: min(22rem, 90vw); }
  h1 { font-size: 1.25rem; margin-top: 0; }
  label { display: block; margin: 0.75rem 0; }
  input { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; margin-top: 0.25rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; background: #1c4f9c; color: #fff; border: 0; border-radius: 0.375rem; cursor: pointer; }
  #error { color: #a4161a; min-height: 1.5em; margin: 0.5rem 0; }
  .demo { font-size: 0.875rem; color: #4a5160; }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<form id="login">
<label>Email <input type="email" name="email" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<p id="error" role="alert"></p>
<button type="submit">Login</button>
</form>
${demo}
</main>
<script src="/v1/oauth/login.js"></script>
</body>
</html>
`;
}

/**
 * The page's script, as AniAPI's works: POST the credentials as JSON to the
 * page's own URL, then navigate to the redirect URL in `data`, or show `data`.
 */
export const LOGIN_SCRIPT = `'use strict';
const form = document.getElementById('login');
const error = document.getElementById('error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  if (!form.email.value) return void (error.textContent = 'Email must not be empty');
  if (!form.password.value) return void (error.textContent = 'Password must not be empty');
  const body = JSON.stringify({ email: form.email.value, password: form.password.value, g_recaptcha_response: '' });
  try {
    const response = await fetch(location.href, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const envelope = await response.json();
    if (envelope.status_code === 200) window.location.href = envelope.data;
    else error.textContent = String(envelope.data);
  } catch {
    error.textContent = 'The server could not be reached.';
  }
});
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
