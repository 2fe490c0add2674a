/**
 * The signed-in user's token, kept in localStorage so a reload or a second tab stays signed in. The claims are read
 * from the token for the menu and the guard only; the server checks every request itself.
 */
export const TOKEN_KEY = 'huanjie.token';

export const ROLES = ['admin', 'street', 'committee', 'scrutineer', 'bureau', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Claims {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly scopeId: string | null;
  readonly chief: boolean;
  readonly mustChangePassword: boolean;
  readonly expiresAt: number;
}

type Listener = () => void;
const listeners = new Set<Listener>();

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  for (const listener of listeners) listener();
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a token, or null when it is malformed or expired (`now` in milliseconds). */
export function readClaims(token: string | null, now: number = Date.now()): Claims | null {
  if (!token) return null;
  try {
    const payload = decodeSegment(token.split('.')[1] ?? '') as Record<string, unknown>;
    const role = payload.role as Role;
    if (!ROLES.includes(role) || typeof payload.sub !== 'string') return null;
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
    if (expiresAt <= now) return null;
    return {
      userId: payload.sub,
      username: String(payload.username ?? ''),
      role,
      scopeId: typeof payload.scopeId === 'string' ? payload.scopeId : null,
      chief: payload.chief === true,
      mustChangePassword: payload.mcp === true,
      expiresAt,
    };
  } catch {
    return null;
  }
}
