/**
 * CAN-ORDER: candidates in order of the surname's stroke count (按姓氏笔画), using the stroke data of `cnchar`
 * and `cnchar-order` (no hand-typed table).
 *
 * Comparison of two names, character by character starting with the surname:
 * 1. stroke count of the character;
 * 2. its stroke order by the five stroke classes 横(1) 竖(2) 撇(3) 点(4) 折(5) (GB 13000.1 笔顺规范 / the
 *    姓氏笔画排序 rule of GB/T 13418: first stroke, then second, …). 提 counts as 横, 竖钩 as 竖, 捺 as 点,
 *    every stroke with a turn or a hook other than 竖钩 as 折;
 * 3. then the next character (the rest of the name); a shorter name that is a prefix of a longer one comes first;
 * 4. finally the code points, then the id, so the order is total and independent of the input order.
 * Compound surnames (欧阳, 司马, 诸葛, …) are recognised by `surnameOf` but sort by their first character and then
 * their second, as is usual in 姓氏笔画 lists (not by the sum of their strokes). Characters unknown to the stroke
 * data (rare characters, Latin letters) sort after every known character.
 */
import cncharModule from 'cnchar';
import orderPlugin from 'cnchar-order';
import type { Profile } from './profile.js';
import { hard, resultOf, type RuleResult } from './violations.js';

interface CncharApi {
  use(...plugins: unknown[]): void;
  stroke(text: string, ...args: string[]): unknown;
  check?: boolean;
}

const cnchar = cncharModule as unknown as CncharApi;
cnchar.use(orderPlugin);

/** Stroke classes: 1 横, 2 竖, 3 撇, 4 点, 5 折. Letters are cnchar-order's stroke codes. */
const LETTER_CLASS: Readonly<Record<string, number>> = {
  j: 1, // 横
  i: 1, // 提
  f: 2, // 竖
  g: 2, // 竖钩
  s: 3, // 撇
  k: 4, // 点
  l: 4, // 捺
  d: 4, // 点2: cnchar's code for the left-falling dot, e.g. the first stroke of 心
};
const FOLD = 5;

export interface CharKey {
  readonly strokes: number;
  readonly classes: readonly number[];
}

const UNKNOWN: CharKey = { strokes: Number.MAX_SAFE_INTEGER, classes: [] };
const cache = new Map<string, CharKey>();

export function strokeClassesOfLetters(letters: string): number[] {
  return [...letters].map((l) => LETTER_CLASS[l] ?? FOLD);
}

/** Stroke count and stroke-class sequence of one character. */
export function charKey(ch: string): CharKey {
  const hit = cache.get(ch);
  if (hit) return hit;
  const orders = cnchar.stroke(ch, 'order') as readonly (string | undefined)[];
  const letters = Array.isArray(orders) ? orders[0] : undefined;
  const key: CharKey = typeof letters === 'string' && letters.length > 0 ? { strokes: letters.length, classes: strokeClassesOfLetters(letters) } : UNKNOWN;
  cache.set(ch, key);
  return key;
}

/** Stroke count of a character (0 when unknown). */
export function strokeCount(ch: string): number {
  const k = charKey(ch);
  return k === UNKNOWN ? 0 : k.strokes;
}

/** First-stroke class (1 横 … 5 折), null when unknown. */
export function firstStrokeClass(ch: string): number | null {
  return charKey(ch).classes[0] ?? null;
}

export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙', '宇文', '司徒',
  '端木', '独孤', '南宫', '西门', '万俟', '闻人', '轩辕', '澹台', '公冶', '太叔', '申屠', '东郭', '呼延', '百里',
  '钟离', '宗政', '濮阳', '淳于', '单于', '赫连', '拓跋', '第五', '公羊', '左丘', '梁丘', '司空', '司寇', '亓官',
];
const COMPOUND_SET: ReadonlySet<string> = new Set(COMPOUND_SURNAMES);

/** Surname and given name (compound surnames recognised). */
export function surnameOf(name: string): { surname: string; given: string } {
  const chars = [...name.trim()];
  const two = chars.slice(0, 2).join('');
  const n = chars.length > 2 && COMPOUND_SET.has(two) ? 2 : Math.min(1, chars.length);
  return { surname: chars.slice(0, n).join(''), given: chars.slice(n).join('') };
}

function compareCharKeys(a: CharKey, b: CharKey): number {
  if (a.strokes !== b.strokes) return a.strokes < b.strokes ? -1 : 1;
  const n = Math.min(a.classes.length, b.classes.length);
  for (let i = 0; i < n; i += 1) {
    const d = a.classes[i]! - b.classes[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Compares two names by CAN-ORDER (without the id tie-break). */
export function compareNames(a: string, b: string): number {
  const ca = [...a.trim()];
  const cb = [...b.trim()];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i += 1) {
    const d = compareCharKeys(charKey(ca[i]!), charKey(cb[i]!));
    if (d !== 0) return d;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** CAN-ORDER: the same items in ballot order (a new array). `as-entered` profiles keep the given order. */
export function orderCandidates<T extends { readonly id: string; readonly name: string }>(people: readonly T[], profile?: Profile): T[] {
  if (profile?.ordering === 'as-entered') return [...people];
  return [...people].sort((x, y) => compareNames(x.name, y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** CAN-ORDER: a printed list (ballot, notice) is in the required order; names the first misplaced position. */
export function checkCandidateOrder<T extends { readonly id: string; readonly name: string }>(
  printed: readonly T[],
  profile?: Profile,
): RuleResult<null> {
  const expected = orderCandidates(printed, profile);
  const i = printed.findIndex((p, k) => p.id !== expected[k]!.id);
  if (i < 0) return resultOf(null, []);
  return resultOf(null, [hard('CAN-ORDER', { position: i + 1, expected: expected[i]!.name, actual: printed[i]!.name })]);
}
