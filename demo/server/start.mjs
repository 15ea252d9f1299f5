// npm start: the demo on http://localhost:8000 and the AniAPI stand-in on
// http://127.0.0.1:8765 (PORT and STANDIN_PORT change them), until Ctrl-C.
// TOKEN_LIFETIME (seconds) makes short-lived tokens, to watch expiry happen.
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { startDemo } from './demo-server.mjs';

const port = Number(process.env.PORT ?? 8000);
const standinPort = Number(process.env.STANDIN_PORT ?? 8765);
const standin = process.env.TOKEN_LIFETIME ? { tokenLifetime: Number(process.env.TOKEN_LIFETIME) } : {};

try {
  const demo = await startDemo({ port, standinPort, standin });
  console.log(`
  AniAPI Elements demo:  ${demo.url}/
  AniAPI stand-in:       ${demo.standin.url}/v1/oauth
  Demo credentials:      ${DEMO_EMAIL} / ${DEMO_PASSWORD}

  Press Ctrl-C to stop.`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const busy = error?.code === 'EADDRINUSE';
  console.error(busy ? `A port is in use (${error.message}); set PORT or STANDIN_PORT to free ones.` : error);
  process.exit(1);
}
