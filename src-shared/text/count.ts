/**
 * Counting the way a Chinese desk counts (字數), plus the numbers an English desk wants.
 * Pure: no Node, no DOM; needs `Intl.Segmenter` (Node 20, Chromium).
 *
 * Rules (kept identical in src-shared/text/README.md):
 * - A *character* is a grapheme cluster (Intl.Segmenter, granularity "grapheme"), so an emoji
 *   ZWJ sequence, a flag, e + U+0301 or a Han character plus variation selector counts once, and
 *   an astral character such as 𠀀 counts once, not as two UTF-16 units. Whitespace (any
 *   White_Space: spaces, U+3000, NBSP, newlines) and invisible format/control characters (Cc, Cf,
 *   Default_Ignorable_Code_Point: ZWSP, ZWJ, soft hyphen, BOM, variation selectors, Hangul
 *   fillers) never count. A cluster is split at whitespace inside it (a space can carry a
 *   combining mark), and each piece is classified by its first visible code point, the *base*.
 * - The base decides the bucket, in this order:
 *   han    — Script=Han, except punctuation (\p{P}): ideographs incl. extensions A–H and
 *            compatibility ideographs, 〇 々 〆, and Kangxi/CJK radicals (So, but they look like
 *            ideographs and arrive in text copied from PDFs);
 *   kana   — Script=Hiragana or Katakana (incl. halfwidth), except \p{P}; plus letters whose
 *            Script_Extensions are kana: ー ｰ ﾞ ﾟ 〱–〵 〼;
 *   hangul — Script=Hangul (syllables, jamo; a conjoining L+V+T sequence is one cluster);
 *   punctuation — otherwise \p{P} or \p{S}: CJK and ASCII punctuation, symbols, emoji;
 *   anything else (Latin/Cyrillic/Greek letters, digits…) is just a character.
 *   `charactersNoPunctuation` = `characters` − `punctuation`.
 * - *Latin words* and *numbers* come from one Intl.Segmenter "word" pass (locale fixed to "en"
 *   so every machine agrees) over the text with every han/kana/hangul letter replaced by a
 *   space: CJK is counted per character above, never as dictionary words, and a Latin word
 *   stuck to CJK (`5G網絡`, `한국Korea`) is still a word. A word-like segment containing a
 *   letter (\p{L}) is one word (`COVID19`, `10km`, `don't`, `ＡＢＣ`, Cyrillic, Thai words); one
 *   with no letter but a number (\p{N}) is one number: digit runs with the segmenter's
 *   separators (`2023`, `4.5`, `1,200.5`, `２０２３`; `12:30` and `2023-04-18` are several).
 *   Digits are never words.
 * - `words` (字數) = han + kana + hangul + latinWords + numbers.
 *
 * Counts of texts joined by whitespace add up exactly: countText(a + ' ' + b) equals
 * addCounts(countText(a), countText(b)) in every field (see count.test.ts).
 */

export interface TextCounts {
  /** Han characters (ideographs incl. extensions A–H, compatibility ideographs, 〇). */
  han: number;
  /** Hiragana + katakana (incl. halfwidth katakana and ー). */
  kana: number;
  /** Hangul syllables and jamo. */
  hangul: number;
  /** Words in other scripts (Latin, Cyrillic, Greek…), pure-digit words excluded. */
  latinWords: number;
  /** Digit runs such as 2023, 4.5, 1,200 (full-width digits too), one each. */
  numbers: number;
  /** Punctuation and symbols (CJK and ASCII), emoji included. */
  punctuation: number;
  /** Grapheme clusters, whitespace and invisible format characters excluded. */
  characters: number;
  /** characters − punctuation. */
  charactersNoPunctuation: number;
  /** 字數: han + kana + hangul + latinWords + numbers. */
  words: number;
}

export const zeroCounts: TextCounts = Object.freeze({
  han: 0,
  kana: 0,
  hangul: 0,
  latinWords: 0,
  numbers: 0,
  punctuation: 0,
  characters: 0,
  charactersNoPunctuation: 0,
  words: 0,
});

const COUNT_KEYS = Object.keys(zeroCounts) as (keyof TextCounts)[];

export function addCounts(a: TextCounts, b: TextCounts): TextCounts {
  const sum = { ...zeroCounts };
  for (const key of COUNT_KEYS) sum[key] = a[key] + b[key];
  return sum;
}

export function readingMinutes(counts: TextCounts, opts: { cjkPerMinute?: number; wordsPerMinute?: number } = {}): number {
  const cjkPerMinute = opts.cjkPerMinute ?? 400;
  const wordsPerMinute = opts.wordsPerMinute ?? 230;
  for (const [name, rate] of [
    ['cjkPerMinute', cjkPerMinute],
    ['wordsPerMinute', wordsPerMinute],
  ] as const) {
    if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`readingMinutes: ${name} must be a positive number, got ${rate}`);
  }
  const minutes = (counts.han + counts.kana + counts.hangul) / cjkPerMinute + (counts.latinWords + counts.numbers) / wordsPerMinute;
  if (!(minutes > 0)) return 0;
  // Round up, but do not let floating-point noise (0.1 + 0.2) push an exact 1 to 2.
  return Math.ceil(minutes - 1e-9);
}

// ── classification of one code point ────────────────────────────────────────────────────

type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
const UNKNOWN = 0;
const SPACE = 1;
const INVISIBLE = 2;
const HAN = 3;
const KANA = 4;
const HANGUL = 5;
const PUNCTUATION = 6;
const OTHER = 7;

const SPACE_RE = /^\p{White_Space}$/u;
const INVISIBLE_RE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const HAN_RE = /^(?!\p{P})\p{Script=Han}$/u;
const KANA_RE =
  /^(?:(?!\p{P})[\p{Script=Hiragana}\p{Script=Katakana}]|(?=\p{L})[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}])$/u;
const HANGUL_RE = /^(?!\p{P})\p{Script=Hangul}$/u;
const PUNCTUATION_RE = /^[\p{P}\p{S}]$/u;

function classify(ch: string): Kind {
  if (SPACE_RE.test(ch)) return SPACE;
  if (INVISIBLE_RE.test(ch)) return INVISIBLE;
  if (HAN_RE.test(ch)) return HAN;
  if (KANA_RE.test(ch)) return KANA;
  if (HANGUL_RE.test(ch)) return HANGUL;
  if (PUNCTUATION_RE.test(ch)) return PUNCTUATION;
  return OTHER;
}

/**
 * Everything HAN_RE, KANA_RE or HANGUL_RE accepts, for the word pass. (It also matches the
 * invisible Hangul fillers; turning those into spaces changes no count.)
 */
const CJK_LETTERS =
  /(?!\p{P})[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?=\p{L})[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]/gu;

// The regexes are the slow part, so each distinct code point is classified once and remembered.
const bmpKinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, Kind>();

function kindOf(cp: number): Kind {
  if (cp < 0x10000) {
    let kind = (bmpKinds[cp] ?? UNKNOWN) as Kind;
    if (kind === UNKNOWN) bmpKinds[cp] = kind = classify(String.fromCharCode(cp));
    return kind;
  }
  let kind = astralKinds.get(cp);
  if (kind === undefined) astralKinds.set(cp, (kind = classify(String.fromCodePoint(cp))));
  return kind;
}

// ── counting ────────────────────────────────────────────────────────────────────────────

// Created on first use, so merely importing this module never needs Intl.Segmenter.
let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

const LETTER_RE = /\p{L}/u;
const NUMBER_RE = /\p{N}/u;

export function countText(text: string): TextCounts {
  if (text.length === 0) return { ...zeroCounts };

  // Pass 1, graphemes: characters, punctuation, han, kana, hangul.
  const perKind = [0, 0, 0, 0, 0, 0, 0, 0];
  graphemeSegmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (segment.length === 1) {
      const kind = kindOf(segment.charCodeAt(0));
      perKind[kind] = (perKind[kind] ?? 0) + 1;
      continue;
    }
    // A longer cluster: one character per whitespace-separated piece, by its first visible code point.
    let hasBase = false;
    for (const ch of segment) {
      const kind = kindOf(ch.codePointAt(0) ?? 0);
      if (kind === SPACE) hasBase = false;
      else if (kind !== INVISIBLE && !hasBase) {
        hasBase = true;
        perKind[kind] = (perKind[kind] ?? 0) + 1;
      }
    }
  }
  const han = perKind[HAN] ?? 0;
  const kana = perKind[KANA] ?? 0;
  const hangul = perKind[HANGUL] ?? 0;
  const punctuation = perKind[PUNCTUATION] ?? 0;
  const characters = han + kana + hangul + punctuation + (perKind[OTHER] ?? 0);

  // Pass 2, words: CJK letters become spaces, so only the other scripts and digits form words.
  let latinWords = 0;
  let numbers = 0;
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const { segment, isWordLike } of wordSegmenter.segment(text.replace(CJK_LETTERS, ' '))) {
    if (!isWordLike) continue;
    if (LETTER_RE.test(segment)) latinWords++;
    else if (NUMBER_RE.test(segment)) numbers++;
  }

  return {
    han,
    kana,
    hangul,
    latinWords,
    numbers,
    punctuation,
    characters,
    charactersNoPunctuation: characters - punctuation,
    words: han + kana + hangul + latinWords + numbers,
  };
}
