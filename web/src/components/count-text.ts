/**
 * What a counting clerk types into a count field: digits only, full-width digits from a Chinese input method
 * (０–９) taken as digits, spaces ignored, an empty field counts as 0 on the server. No arithmetic here: the server
 * checks the sheet.
 */
export type CountText = { readonly ok: true; readonly text: string } | { readonly ok: false };

/** `'１２'` → `'12'`; `'12a'` → refused. At most 8 digits (ten million ballots is more than any box). */
export function normaliseCount(raw: string): CountText {
  const half = raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '');
  if (!/^\d{0,8}$/.test(half)) return { ok: false };
  return { ok: true, text: half.replace(/^0+(?=\d)/, '') };
}

/** The typed text as a count for the API: null while empty. */
export function countOf(text: string | undefined): number | null {
  return text === undefined || text === '' ? null : Number(text);
}
