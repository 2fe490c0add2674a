/**
 * The token a voter card's QR code carries (选民证二维码): the voter's row id and a MAC over it, never the identity
 * number. Signed with a key derived from the token-signing secret (src/secrets.ts), so several instances that share
 * that secret read each other's cards, and a card printed again carries the same token.
 *
 * Format (QR alphanumeric mode, what a USB scanner types back): `VC1-` + the voter id as 32 upper-case hex digits +
 * 20 hex digits of HMAC-SHA256(derived key, "VC1|" + voter id).
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const PREFIX = 'VC1-';
const MAC_HEX = 20;
const PATTERN = /^VC1-([0-9A-F]{32})([0-9A-F]{20})$/;

let cardKey: Buffer | null = null;

/** Derives the card key from the token-signing key; called once at start by `loadSecrets`. */
export function useCardKey(tokenKey: KeyObject): void {
  cardKey = createHmac('sha256', tokenKey.export()).update('huanjie voter card v1').digest();
}

function keyOf(): Buffer {
  if (!cardKey) throw new Error('the voter card key is not loaded (loadSecrets was not called)');
  return cardKey;
}

function macOf(voterHex: string): string {
  return createHmac('sha256', keyOf()).update(`VC1|${voterHex}`).digest('hex').slice(0, MAC_HEX).toUpperCase();
}

/** The token printed on the card of the voter whose row id is `voterId` (a uuid). */
export function cardTokenOf(voterId: string): string {
  const hex = voterId.replaceAll('-', '').toUpperCase();
  return `${PREFIX}${hex}${macOf(hex)}`;
}

/** The voter id a token names, or null when it is malformed or its MAC does not match (a forged or foreign card). */
export function readCardToken(token: string): string | null {
  const match = PATTERN.exec(token.trim().toUpperCase());
  if (!match) return null;
  const hex = match[1]!;
  const given = Buffer.from(match[2]!, 'hex');
  const expected = Buffer.from(macOf(hex), 'hex');
  if (!timingSafeEqual(given, expected)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
