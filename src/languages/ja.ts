/**
 * Japanese texts for the elements, registered as `ja` when imported (the
 * HTML language tag; AniAPI's own user setting spells it `jp`). A module of
 * its own, and a single file of its own (`dist/aniapi-messages-ja.min.js`), so
 * that a page pays for it only when it loads it. Japanese joins sentences
 * without a space, so its templates do too.
 * @module
 */
import type { AniapiMessages } from '../i18n/message-registry.js';
import { addMessages } from '../i18n/message-registry.js';

/** The Japanese texts. */
export const messages: AniapiMessages = {
  login: 'AniAPIでログイン',
  signingIn: 'ログインしています…',
  signedIn: 'ログインしました。',
  returning: 'ログインしました。元のページに戻ります…',
  failed: 'ログインできませんでした。{reason}',
  failedNoRetry:
    'ログインできませんでした。{reason}このタブでは、ログインを始めたページがわかりません。サイトに戻って、そこからログインしてください。',
  retry: 'もう一度試す',
  no_response: 'このページはログインの応答なしで開かれました。',
  malformed_response: 'AniAPIからの応答を安全に読み取れませんでした。',
  no_pending_login: 'このタブではログインが開始されていません。',
  loopbackHint:
    '{reason}このコンピューターでは localhost と 127.0.0.1 は別のサイトです。このページと同じアドレスからログインを始めてください。',
  state_mismatch: 'この応答は、このタブで開始したログインのものではありません。',
  used: 'このログインの応答はすでに使用されています。応答は一度しか使えません。',
  superseded: 'このタブで後から開始したログインが先に完了したため、このログインは置き換えられました。',
  login_expired: 'ログインに時間がかかりすぎたため、期限切れになりました。',
  provider_error: 'AniAPIがログインを拒否しました：{error}',
  missing_token: 'AniAPIからアクセストークンが返されませんでした。',
  token_expired: 'AniAPIから返されたトークンは、すでに有効期限が切れていました。',
  invalid_config: 'このサイトのログイン設定に誤りがあります。',
  unsupported: 'このブラウザーは、ログインに必要なストレージの使用をブロックしています。',
  handedBack: 'ログインを開始したウィンドウでログインしました。',
  handedBackFailed: 'ログインに失敗しました。理由はログインを開始したウィンドウに表示されています。',
  userLoading: '読み込み中…',
  userSignedOut: 'ログインしていません。',
  userSignedIn: '{name} としてログインしました',
  userFailed: 'ログイン中のユーザーを読み込めませんでした。{reason}',
  rate_limited: 'AniAPI へのリクエストが多すぎます。しばらくしてからもう一度お試しください。',
  network_error: 'AniAPI に接続できないか、その応答をこのページで読み取れませんでした。',
};

addMessages('ja', messages);
