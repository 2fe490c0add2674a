/**
 * VOT-ID: GB 11643 citizen identity numbers. Hot path (bulk import of 10^6 rows): char codes and integer arithmetic
 * only, no regex, no Date, one result object per call.
 *
 * 18 characters: region code (6) + birth date YYYYMMDD (8) + sequence (3, odd = male) + ISO 7064 MOD 11-2 check
 * character (0-9 or X; lower-case x accepted). Legacy 15-digit numbers (region 6 + YYMMDD + sequence 3, 19YY) are
 * converted to 18. The region code says where the number was issued, not where the person lives.
 */
import { dateKey } from './dates.js';
import { hard, type Violation } from './violations.js';

export type Sex = 'male' | 'female';

export interface IdCard {
  /** Normalised 18 characters, upper-case X. */
  readonly idNumber: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly regionCode: string;
  readonly converted15: boolean;
}

export type IdReason = 'empty' | 'length' | 'chars' | 'region' | 'date' | 'future' | 'checksum' | 'spreadsheet-number';

export type IdParseResult =
  | { readonly ok: true; readonly value: IdCard }
  | { readonly ok: false; readonly reason: IdReason; readonly violations: readonly [Violation] };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes (first two digits) of GB/T 2260, plus 81/82/83 (HK, Macao, Taiwan residence permits). */
const PROVINCES = new Uint8Array(100);
for (const p of [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]) {
  PROVINCES[p] = 1;
}

/** No one registered was born before 1900: an earlier birth date is a mistyped number. */
export const EARLIEST_BIRTH_YEAR = 1900;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The ISO 7064 MOD 11-2 check character of the first 17 characters (assumed digits). */
export function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Converts a legacy 15-digit number (born 19YY) to 18 characters; null when it is not 15 digits. */
export function to18(id15: string): string | null {
  if (id15.length !== 15) return null;
  for (let i = 0; i < 15; i += 1) if (!isDigitCode(id15.charCodeAt(i))) return null;
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharOf(first17);
}

/** A number a spreadsheet stored as a number and printed in scientific notation (6.20102E+17). */
const SPREADSHEET_NUMBER = /^\d(\.\d+)?[eE]\+?\d+$/;

/**
 * What real sheets do to an identity number, undone: full-width digits and Ｘ (０-９, ｘ), spaces anywhere in it
 * (also the ideographic space), Excel's leading apostrophe that marks a text cell.
 */
export function cleanIdNumberText(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c === 0xff38 || c === 0xff58) out += 'X';
    else if (c <= 32 || c === 0x3000 || c === 0xa0 || c === 0x2002 || c === 0x2003 || c === 0x2009) continue;
    else out += ch;
  }
  return out.startsWith("'") ? out.slice(1) : out;
}

function fail(reason: IdReason, params: Record<string, string | number | null>): IdParseResult {
  return { ok: false, reason, violations: [hard('VOT-ID', { reason, ...params })] };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= DAYS_IN_MONTH[m]!;
}

/** The digit at position i (no closure per call: this runs once per row of a million-row import). */
function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/**
 * Parses and validates an identity number as of `today` ('YYYY-MM-DD'). Leading/trailing spaces are ignored.
 * On failure `reason` (also in the violation's params) is one of `IdReason`.
 */
export function parseIdNumber(raw: string, today: string): IdParseResult {
  const first = parsePlain(raw, today);
  // Only a number refused for its length or characters is looked at again, as a sheet may have written it: the hot
  // path (a million plain numbers) stays as it is.
  if (first.ok || (first.reason !== 'length' && first.reason !== 'chars')) return first;
  const cleaned = cleanIdNumberText(raw);
  if (SPREADSHEET_NUMBER.test(cleaned)) return fail('spreadsheet-number', { value: cleaned });
  return cleaned === raw.trim() ? first : parsePlain(cleaned, today);
}

function parsePlain(raw: string, today: string): IdParseResult {
  const s = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
  const len = s.length;
  if (len === 0) return fail('empty', { length: 0 });
  if (len !== 18 && len !== 15) return fail('length', { length: len });
  const digits = len === 18 ? 17 : 15;
  for (let i = 0; i < digits; i += 1) {
    if (!isDigitCode(s.charCodeAt(i))) return fail('chars', { position: i + 1 });
  }
  let last = 0;
  if (len === 18) {
    last = s.charCodeAt(17);
    if (last === 120) last = 88; // x → X
    if (!isDigitCode(last) && last !== 88) return fail('chars', { position: 18 });
  }
  const province = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (PROVINCES[province] !== 1) return fail('region', { regionCode: s.slice(0, 6) });

  const converted15 = len === 15;
  const full = converted15 ? `${s.slice(0, 6)}19${s.slice(6)}` : s;
  const y = digitAt(full, 6) * 1000 + digitAt(full, 7) * 100 + digitAt(full, 8) * 10 + digitAt(full, 9);
  const m = digitAt(full, 10) * 10 + digitAt(full, 11);
  const d = digitAt(full, 12) * 10 + digitAt(full, 13);
  const birthDate = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
  if (!isRealDate(y, m, d)) return fail('date', { birthDate });
  if (y < EARLIEST_BIRTH_YEAR) return fail('date', { birthDate, earliest: `${EARLIEST_BIRTH_YEAR}-01-01` });
  if (y * 10_000 + m * 100 + d > dateKey(today)) return fail('future', { birthDate, today });

  let idNumber: string;
  if (converted15) {
    idNumber = full + checkCharOf(full);
  } else {
    let sum = 0;
    for (let i = 0; i < 17; i += 1) sum += (full.charCodeAt(i) - 48) * WEIGHTS[i]!;
    const expected = CHECK_CHARS.charCodeAt(sum % 11);
    if (expected !== last) {
      return fail('checksum', { expected: String.fromCharCode(expected), actual: String.fromCharCode(last) });
    }
    idNumber = last === s.charCodeAt(17) ? s : `${s.slice(0, 17)}X`;
  }
  return {
    ok: true,
    value: {
      idNumber,
      birthDate,
      sex: (full.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
      regionCode: full.slice(0, 6),
      converted15,
    },
  };
}

/** Whether an identity number is valid as of `today`. */
export function isValidIdNumber(raw: string, today: string): boolean {
  return parseIdNumber(raw, today).ok;
}

/**
 * Normalises a number for lookups (18 characters, upper-case X) without full validation: 15 → 18, trims, x → X.
 * Returns the input trimmed when it cannot be normalised.
 */
export function normaliseIdNumber(raw: string): string {
  const s = raw.trim();
  if (s.length === 15) return to18(s) ?? s;
  if (s.length === 18 && s.charCodeAt(17) === 120) return `${s.slice(0, 17)}X`;
  return s;
}

/** Masks for display: the first 6 and last 4 characters shown (`110101********123X`). */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4).toUpperCase()}`;
}
