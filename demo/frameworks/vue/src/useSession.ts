import { getSession, onChange, type Session } from 'aniapi-elements/session';
import { onScopeDispose, shallowRef, type Ref } from 'vue';

/**
 * The session as a ref: seeded with getSession(), kept current by onChange,
 * unsubscribed when the calling component (or effect scope) is disposed.
 */
export function useSession(): Readonly<Ref<Session | null>> {
  const session = shallowRef<Session | null>(getSession());
  const unsubscribe = onChange((next) => {
    session.value = next;
  });
  onScopeDispose(unsubscribe);
  return session;
}
