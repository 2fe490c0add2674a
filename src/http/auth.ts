/** Bearer tokens (HS256 JWT with expiry and the user's token version). */
import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { errors } from '../domain/errors.js';
import { ROLES, type Principal } from '../services/users.js';

export { ROLES, type Principal, type Role } from '../services/users.js';

/** A signing key, loaded once per process (src/secrets.ts), not per request. */
export type TokenKey = KeyObject;

const Claims = z.object({
  sub: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  scopeId: z.string().nullable(),
  chief: z.boolean(),
  mcp: z.boolean(),
  ver: z.number().int(),
});

export async function issueToken(key: TokenKey, principal: Principal, ttlSeconds: number): Promise<string> {
  return new SignJWT({
    username: principal.username,
    role: principal.role,
    scopeId: principal.scopeId,
    chief: principal.chief,
    mcp: principal.mustChangePassword,
    ver: principal.tokenVersion,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

/**
 * A token already verified with this key is not verified again until it expires: HMAC through WebCrypto costs more
 * than the rest of a cached read. The cache holds the verified signature's principal and expiry, never a secret; it
 * says nothing about revocation, which the guard checks against the user's token version on every request.
 */
const verified = new WeakMap<TokenKey, Map<string, { principal: Principal; expiresAt: number }>>();
const MAX_CACHED_TOKENS = 10_000;

export async function readToken(key: TokenKey, token: string): Promise<Principal> {
  let cache = verified.get(key);
  if (!cache) verified.set(key, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) {
    if (hit.expiresAt > Date.now()) return hit.principal;
    cache.delete(token);
    throw errors.tokenExpired();
  }
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    const claims = Claims.parse(payload);
    const principal: Principal = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      scopeId: claims.scopeId,
      chief: claims.chief,
      mustChangePassword: claims.mcp,
      tokenVersion: claims.ver,
    };
    if (typeof payload.exp === 'number') {
      if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
      cache.set(token, { principal, expiresAt: payload.exp * 1000 });
    }
    return principal;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw errors.tokenExpired();
    throw errors.unauthorized();
  }
}
