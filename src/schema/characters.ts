/**
 * The characters the application accepts in text, defined once. The card's embedded font subset is made
 * from these same ranges, so everything the schema lets through can be printed.
 */

/** Unicode blocks whose letters may appear in names and places. */
export const NAME_LETTER_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x0041, 0x007a], // Basic Latin (only its letters pass the letter test)
  [0x00c0, 0x00ff], // Latin-1 Supplement letters (× and ÷ are not letters)
  [0x0100, 0x017f], // Latin Extended-A
  [0x1e00, 0x1eff], // Latin Extended Additional (ḥ, ṣ, ạ …)
];

/** Besides letters, names and places may hold these: space, apostrophes, full stop, comma and hyphen. */
export const NAME_PUNCTUATION = " '’.,-";

/** Free text (streets, schools, employers, notes) may also hold these, besides name characters and digits. */
export const TEXT_PUNCTUATION = '!"#$%&()*+/:;<=>?@[\\]^_`{|}~‘“”–—…°²³·«»¡¿';

const LETTER = /\p{L}/u;
/** C0 and C1 controls, format characters (bidi overrides and isolates, zero-width marks) and private use. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}]/u;

function letterCodePoints(): number[] {
  const points: number[] = [];
  for (const [from, to] of NAME_LETTER_BLOCKS) {
    for (let cp = from; cp <= to; cp++) if (LETTER.test(String.fromCodePoint(cp))) points.push(cp);
  }
  return points;
}

const LETTER_CLASS = toCharacterClass(letterCodePoints());
const NAME_CHARS = new RegExp(`^[${LETTER_CLASS}${escapeClass(NAME_PUNCTUATION)}]+$`, 'u');
const TEXT_CHARS = new RegExp(`^[${LETTER_CLASS}0-9${escapeClass(NAME_PUNCTUATION + TEXT_PUNCTUATION)}]+$`, 'u');

/** Every character a name may contain, as code points: the input of the card's font subset. */
export function nameCodePoints(): number[] {
  return [...letterCodePoints(), ...[...NAME_PUNCTUATION].map((ch) => ch.codePointAt(0)!)];
}

/** Every character free text may contain: names' characters, digits and `TEXT_PUNCTUATION`. */
export function textCodePoints(): number[] {
  const points = nameCodePoints();
  for (const ch of '0123456789' + TEXT_PUNCTUATION) points.push(ch.codePointAt(0)!);
  return points;
}

/** True when the string holds a control, bidi-override or other invisible formatting character, or a lone surrogate. */
export function hasForbiddenCharacter(value: string): boolean {
  return FORBIDDEN.test(value) || !isWellFormed(value);
}

/** A name or place: name characters only, with at least one letter. */
export function isNameText(value: string): boolean {
  return NAME_CHARS.test(value) && LETTER.test(value);
}

/** Free text that the card can print. */
export function isPrintableText(value: string): boolean {
  return TEXT_CHARS.test(value);
}

/** NFC, trimmed, with runs of spaces folded to one: how every text field is stored. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim().replace(/ {2,}/g, ' ');
}

function isWellFormed(value: string): boolean {
  // String.prototype.isWellFormed is missing from older Android WebViews; in a u-regex a paired surrogate
  // is one code point, so this matches lone surrogates only.
  return !/\p{Cs}/u.test(value);
}

/** Code points as a regex character class body of ranges, e.g. `\u{41}-\u{5a}\u{61}-\u{7a}`. */
function toCharacterClass(points: number[]): string {
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  const ranges: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    ranges.push(i === j ? hex(points[i]!) : `${hex(points[i]!)}-${hex(points[j]!)}`);
    i = j + 1;
  }
  return ranges.join('');
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]\-^[]/g, '\\$&');
}
