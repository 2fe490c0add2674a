/** Passwords: argon2id hashes, the strength rule, generated passwords. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../domain/errors.js';

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

let dummy: Promise<string> | undefined;
/** A real argon2 hash of nothing anyone knows: verifying against it costs what verifying a real password costs. */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(generatePassword()));
