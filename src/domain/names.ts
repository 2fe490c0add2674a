/**
 * A person's name as typed or imported: readable, and not able to turn the text around it. Refused: a name with no
 * visible character (only spaces, zero-width characters, a byte-order mark…), any invisible format character (zero
 * width, word joiner, soft hyphen: two names that look the same must be the same, or write-ins and duplicates are not
 * found), a text-direction control (right-to-left override, embedding, isolate: a name could make a list or a paper
 * read backwards), a control character, a lone UTF-16 surrogate (no character at all), and the replacement character
 * U+FFFD (what is left of a character a file lost in decoding).
 */

/** Text-direction controls: LRM/RLM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, ALM. */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/u;
/** Invisible format characters: soft hyphen, Mongolian vowel separator, zero-width space/joiners, word joiner and the invisible operators, byte-order mark. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/u;
/** Characters that show nothing: white space of every kind and the invisible format characters. */
const BLANK = /^[\s\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u3164\u115F\u1160\uFFA0]*$/u;
/** A high surrogate without its low half, or a low one without its high half (with the `u` flag a pair is one character). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0 and C1 control characters (a tab, a line break or a NUL inside a name). */
const CONTROL = /\p{Cc}/u;

/** Any character one of the checks below looks at (lone surrogates included): a name without one is a name (hot path of an import). */
const SUSPECT = /[\p{Cc}\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uD800-\uDFFF\uFEFF\uFFA0\uFFFD]/u;

/**
 * What is wrong with a person's name, in Chinese, to follow the field's label (「姓名」：…); null when it is a name.
 * Length and emptiness after trimming are the caller's own limits.
 */
export function personNameProblem(name: string): string | null {
  if (!SUSPECT.test(name) && /\S/.test(name)) return null;
  if (LONE_SURROGATE.test(name)) return '含有无法识别的字符（不成对的代理项），请重新输入';
  if (BLANK.test(name)) return '不能只由空格或不可见字符组成';
  if (BIDI.test(name)) return '不能含有改变文字方向的控制字符（如从右向左覆盖）';
  if (INVISIBLE.test(name)) return '不能含有零宽空格等不可见字符';
  if (CONTROL.test(name)) return '不能含有换行、制表符等控制字符';
  if (name.includes('\uFFFD')) return '含有无法识别的字符（�），请检查文件编码或重新输入';
  return null;
}
