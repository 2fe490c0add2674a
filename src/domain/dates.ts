/**
 * Calendar dates as 'YYYY-MM-DD' strings (Asia/Shanghai calendar days). Integer arithmetic only: no Date objects,
 * no luxon, so these helpers are cheap enough for the per-voter hot path.
 */

export type IsoDate = string;

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  switch (m) {
    case 2:
      return isLeapYear(y) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Parses 'YYYY-MM-DD'; null when malformed or not a real calendar date. */
export function parseDate(date: string): Ymd | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigitAt(date, i)) return null;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

export function isIsoDate(date: string): boolean {
  return parseDate(date) !== null;
}

function mustParse(date: string): Ymd {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return p;
}

/** YYYYMMDD as an integer, for fast comparisons (assumes a well-formed date string). */
export function dateKey(date: string): number {
  return (
    digit(date, 0) * 10_000_000 +
    digit(date, 1) * 1_000_000 +
    digit(date, 2) * 100_000 +
    digit(date, 3) * 10_000 +
    digit(date, 5) * 1000 +
    digit(date, 6) * 100 +
    digit(date, 8) * 10 +
    digit(date, 9)
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function formatYmd(y: number, m: number, d: number): IsoDate {
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 (proleptic Gregorian), integer arithmetic (H. Hinnant's days_from_civil). */
export function toDayNumber(date: string): number {
  const { y, m, d } = mustParse(date);
  return dayNumberOf(y, m, d);
}

export function dayNumberOf(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(z0: number): IsoDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return formatYmd(y, m, d);
}

export function addDays(date: string, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Age in completed years on `day`. A person born on 29 February has a birthday on 1 March in a non-leap year
 * (comparing month*100+day: 0228 < 0229 < 0301).
 */
export function ageOn(birthDate: string, day: string): number {
  const b = dateKey(birthDate);
  const t = dateKey(day);
  return ageFromKeys(b, t);
}

export function ageFromKeys(birthKey: number, dayKey: number): number {
  const by = Math.floor(birthKey / 10_000);
  const ty = Math.floor(dayKey / 10_000);
  return ty - by - (dayKey % 10_000 < birthKey % 10_000 ? 1 : 0);
}

/** A month-day 'MM-DD' in a year; null when not a real date (29 February of a non-leap year). */
export function monthDayIn(year: number, monthDay: string): IsoDate | null {
  const date = `${pad4(year)}-${monthDay}`;
  return parseDate(date) ? date : null;
}

export function yearOf(date: string): number {
  return Math.floor(dateKey(date) / 10_000);
}

export function minDate(a: string, b: string): IsoDate {
  return a <= b ? a : b;
}
