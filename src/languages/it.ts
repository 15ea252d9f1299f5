/**
 * Italian texts for the elements, registered as `it` when imported. A module
 * of its own, and a single file of its own (`dist/aniapi-messages-it.min.js`),
 * so that a page pays for it only when it loads it.
 * @module
 */
import type { AniapiMessages } from '../i18n/message-registry.js';
import { addMessages } from '../i18n/message-registry.js';

/** The Italian texts. */
export const messages: AniapiMessages = {
  login: 'Accedi con AniAPI',
  signingIn: 'Accesso in corso…',
  signedIn: 'Accesso effettuato.',
  returning: 'Accesso effettuato. Ti riportiamo alla pagina di prima…',
  failed: 'Accesso non riuscito. {reason}',
  failedNoRetry:
    'Accesso non riuscito. {reason} Questa scheda non sa da dove è partito l’accesso: torna al sito e accedi da lì.',
  retry: 'Riprova',
  no_response: 'Questa pagina è stata aperta senza una risposta di accesso.',
  malformed_response: 'Non è stato possibile leggere in modo sicuro la risposta di AniAPI.',
  no_pending_login: 'In questa scheda non è stato avviato alcun accesso.',
  loopbackHint:
    '{reason} Su questo computer localhost e 127.0.0.1 sono siti diversi: avvia l’accesso dallo stesso indirizzo di questa pagina.',
  state_mismatch: 'La risposta non corrisponde all’accesso avviato in questa scheda.',
  used: 'Questa risposta di accesso è già stata usata; ognuna vale una volta sola.',
  superseded: 'Un accesso più recente in questa scheda si è concluso prima e ha sostituito questo.',
  login_expired: 'L’accesso ha richiesto troppo tempo ed è scaduto.',
  provider_error: 'AniAPI non ha consentito l’accesso: {error}',
  missing_token: 'AniAPI non ha restituito alcun token di accesso.',
  token_expired: 'Il token restituito da AniAPI era già scaduto.',
  invalid_config: 'L’accesso non è configurato correttamente su questo sito.',
  unsupported: 'Questo browser blocca l’archiviazione di cui l’accesso ha bisogno.',
  handedBack: 'Accesso effettuato, nella finestra da cui eri partito.',
  handedBackFailed: 'Accesso non riuscito; la finestra da cui eri partito spiega perché.',
  userLoading: 'Caricamento…',
  userSignedOut: 'Accesso non effettuato.',
  userSignedIn: 'Accesso effettuato come {name}',
  userFailed: 'Impossibile caricare l’utente connesso. {reason}',
  rate_limited: 'AniAPI sta ricevendo troppe richieste; riprova tra poco.',
  network_error: 'Impossibile raggiungere AniAPI, o la sua risposta non è leggibile da questa pagina.',
};

addMessages('it', messages);
