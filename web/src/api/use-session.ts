/** The signed-in user's claims, re-read whenever the token changes (login, logout, a 401). */
import { useSyncExternalStore } from 'react';
import { getToken, readClaims, subscribeToken, type Claims } from './session';

export function useSession(): Claims | null {
  const token = useSyncExternalStore(subscribeToken, getToken);
  return readClaims(token);
}
