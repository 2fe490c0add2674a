/**
 * Text written into a spreadsheet cell (the voter register export, the report workbooks): one rule against formula
 * injection, used by every export.
 */

/**
 * What a spreadsheet may run as a formula: a cell starting with = + - @ (or the full-width ＝＋－＠, which some
 * spreadsheets take as the same), also when only invisible characters stand before it (white space of any kind,
 * zero-width characters, a byte-order mark, text-direction marks, control characters: Excel and WPS skip some of
 * them, and a reader cannot see them), or a cell starting with a tab or a carriage return.
 */
export const FORMULA_START =
  /^(?:[\t\r]|[\s\p{Cc}\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** The text as a cell shows it, with a leading single quote when a spreadsheet would read it as a formula. */
export function neutralise(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
