/**
 * French texts for the elements, registered as `fr` when imported (and so
 * used for `fr-CA`, `fr-BE`...). A module of its own, and a single file of its
 * own (`dist/aniapi-messages-fr.min.js`), so that a page pays for it only
 * when it loads it. French puts a no-break space before `:` and `;`.
 * @module
 */
import type { AniapiMessages } from '../i18n/message-registry.js';
import { addMessages } from '../i18n/message-registry.js';

/** The French texts. */
export const messages: AniapiMessages = {
  login: 'Se connecter avec AniAPI',
  signingIn: 'Connexion en cours…',
  signedIn: 'Connexion réussie.',
  returning: 'Connexion réussie. Retour à la page précédente…',
  failed: 'La connexion a échoué. {reason}',
  failedNoRetry:
    'La connexion a échoué. {reason} Cet onglet ne sait pas d’où la connexion est partie\u00a0: revenez sur le site et connectez-vous depuis celui-ci.',
  retry: 'Réessayer',
  no_response: 'Cette page a été ouverte sans réponse de connexion.',
  malformed_response: 'La réponse d’AniAPI n’a pas pu être lue de façon sûre.',
  no_pending_login: 'Aucune connexion n’a été lancée dans cet onglet.',
  loopbackHint:
    '{reason} Sur cet ordinateur, localhost et 127.0.0.1 sont deux sites distincts\u00a0: lancez la connexion depuis la même adresse que cette page.',
  state_mismatch: 'La réponse ne correspond pas à la connexion lancée dans cet onglet.',
  used: 'Cette réponse de connexion a déjà servi\u00a0; chacune ne sert qu’une fois.',
  superseded: 'Une connexion plus récente dans cet onglet a abouti avant celle-ci et l’a remplacée.',
  login_expired: 'La connexion a pris trop de temps et a expiré.',
  provider_error: 'AniAPI a refusé la connexion\u00a0: {error}',
  missing_token: 'AniAPI n’a renvoyé aucun jeton d’accès.',
  token_expired: 'Le jeton renvoyé par AniAPI avait déjà expiré.',
  invalid_config: 'La connexion n’est pas correctement configurée sur ce site.',
  unsupported: 'Ce navigateur bloque le stockage dont la connexion a besoin.',
  handedBack: 'Connexion réussie, dans la fenêtre d’où vous êtes parti.',
  handedBackFailed: 'La connexion a échoué\u00a0; la fenêtre d’où vous êtes parti en donne la raison.',
  userLoading: 'Chargement…',
  userSignedOut: 'Non connecté.',
  userSignedIn: 'Connecté en tant que {name}',
  userFailed: 'Impossible de charger l’utilisateur connecté. {reason}',
  rate_limited: 'AniAPI reçoit trop de requêtes\u00a0; réessayez dans un instant.',
  network_error: 'AniAPI est injoignable, ou sa réponse n’est pas lisible par cette page.',
};

addMessages('fr', messages);
