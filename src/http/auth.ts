/** Passwords (argon2id) and bearer tokens (HS256 JWT with expiry). */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { settings } from '../db/schema.js';
import { AppError, errors } from '../domain/errors.js';

export const ROLES = ['admin', 'street', 'committee', 'scrutineer', 'bureau'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly scopeId: string | null;
  readonly chief: boolean;
  readonly mustChangePassword: boolean;
}

export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: 2 });
export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);

/** A password needs 10+ characters from at least three of: lower, upper, digits, symbols. */
export function checkPasswordStrength(password: string): AppError | null {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length >= 10 && classes >= 3) return null;
  return new AppError({
    status: 400,
    code: 'WEAK_PASSWORD',
    message: 'Password needs at least 10 characters from three of: lower case, upper case, digits, symbols',
    messageZh: '密码至少10位，且须包含小写字母、大写字母、数字、符号中的至少三类',
  });
}

export function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}-Aa1`;
}

/** A signing key, imported once per process (not per request). */
export type TokenKey = KeyObject;

/** The signing key: configured, or generated once and kept in the database so every instance shares it. */
export async function loadTokenKey(db: Db, configured?: string): Promise<TokenKey> {
  if (configured) return createSecretKey(Buffer.from(configured, 'utf8'));
  const fresh = randomBytes(48).toString('base64url');
  await db.insert(settings).values({ key: 'token_secret', value: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'token_secret'));
  return createSecretKey(Buffer.from(row!.value, 'utf8'));
}

const Claims = z.object({
  sub: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  scopeId: z.string().nullable(),
  chief: z.boolean(),
  mcp: z.boolean(),
});

export async function issueToken(key: TokenKey, principal: Principal, ttlSeconds: number): Promise<string> {
  return new SignJWT({
    username: principal.username,
    role: principal.role,
    scopeId: principal.scopeId,
    chief: principal.chief,
    mcp: principal.mustChangePassword,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

/**
 * A token already verified with this key is not verified again until it expires: HMAC through WebCrypto costs more
 * than the rest of a cached read. The cache holds the verified principal and the expiry, never a secret.
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
