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
//
// Each code point gets one byte of facts, computed once by the regexes below and remembered.

const KIND = 0b111; // low three bits: the bucket when the code point is a character's base
const UNKNOWN = 0; // not classified yet
const SPACE = 1;
const INVISIBLE = 2;
const HAN = 3;
const KANA = 4;
const HANGUL = 5;
const PUNCTUATION = 6;
const OTHER = 7;
/** Never joins a grapheme cluster with a SIMPLE neighbour (see countCharacters). */
const SIMPLE = 1 << 3;
/** \p{L} or \p{N}: only tokens holding one of these can hold a word or a number. */
const LETTER_OR_NUMBER = 1 << 4;
/** A letter that always joins its neighbouring letters and digits into one word segment. */
const PLAIN_LETTER = 1 << 5;
/** A digit that always joins its neighbouring letters and digits into one word segment. */
const PLAIN_DIGIT = 1 << 6;

const SPACE_RE = /^\p{White_Space}$/u;
const INVISIBLE_RE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const HAN_RE = /^(?!\p{P})\p{Script=Han}$/u;
const KANA_RE =
  /^(?:(?!\p{P})[\p{Script=Hiragana}\p{Script=Katakana}]|(?=\p{L})[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}])$/u;
const HANGUL_RE = /^(?!\p{P})\p{Script=Hangul}$/u;
const PUNCTUATION_RE = /^[\p{P}\p{S}]$/u;
/**
 * Grapheme_Cluster_Break=Other and never Prepend, Extend, SpacingMark, ZWJ, Regional_Indicator,
 * Extended_Pictographic, conjoining jamo or an Indic conjunct consonant: so there is a cluster
 * boundary between any two of these. JS regexes have no Grapheme_Cluster_Break property, hence a
 * whitelist of scripts that have none of those (the conjoining jamo blocks are written out:
 * there is no Hangul_Syllable_Type property either). Tab and LF are Control: breaks both sides.
 */
const SIMPLE_RE =
  /^(?:[\t\n]|(?=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}])(?![\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Mc}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])\p{Grapheme_Base})$/u;
const LETTER_OR_NUMBER_RE = /^[\p{L}\p{N}]$/u;
/** Word_Break=ALetter, never split by a dictionary: Latin (incl. full-width Ａ), Greek, Cyrillic letters. */
const PLAIN_LETTER_RE = /^(?=\p{L})[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
/** Word_Break=Numeric: ASCII and full-width digits. */
const PLAIN_DIGIT_RE = /^[0-9０-９]$/u;

function classify(ch: string): number {
  let kind: number;
  if (SPACE_RE.test(ch)) kind = SPACE;
  else if (INVISIBLE_RE.test(ch)) kind = INVISIBLE;
  else if (HAN_RE.test(ch)) kind = HAN;
  else if (KANA_RE.test(ch)) kind = KANA;
  else if (HANGUL_RE.test(ch)) kind = HANGUL;
  else if (PUNCTUATION_RE.test(ch)) kind = PUNCTUATION;
  else kind = OTHER;
  return (
    kind |
    (SIMPLE_RE.test(ch) ? SIMPLE : 0) |
    (LETTER_OR_NUMBER_RE.test(ch) ? LETTER_OR_NUMBER : 0) |
    (PLAIN_LETTER_RE.test(ch) ? PLAIN_LETTER : 0) |
    (PLAIN_DIGIT_RE.test(ch) ? PLAIN_DIGIT : 0)
  );
}

const bmpFacts = new Uint8Array(0x10000);
const astralFacts = new Map<number, number>();

function factsOf(cp: number): number {
  if (cp < 0x10000) {
    let facts = bmpFacts[cp] ?? UNKNOWN;
    if (facts === UNKNOWN) bmpFacts[cp] = facts = classify(String.fromCharCode(cp));
    return facts;
  }
  let facts = astralFacts.get(cp);
  if (facts === undefined) astralFacts.set(cp, (facts = classify(String.fromCodePoint(cp))));
  return facts;
}

/** A han, kana or hangul letter: counted per character, and a word separator for the word pass. */
function isCjkLetter(kind: number): boolean {
  return kind === HAN || kind === KANA || kind === HANGUL;
}

// ── counting ────────────────────────────────────────────────────────────────────────────
//
// Intl.Segmenter is the definition, but it is slow: in Node 20 (V8 11) every segment costs about
// a microsecond plus time proportional to the length of the string being segmented, so one pass
// over 500 KB takes seconds. Two observations keep it to the few places where it matters:
// - Whitespace never belongs to a counted character or a word, and the counts on either side of
//   any whitespace code point do not depend on each other, so the text can be cut there.
// - Most text is SIMPLE code points (Han, kana, Latin, Common punctuation…), each of which is a
//   cluster of its own unless a neighbour joins it. Only runs of other code points, plus one
//   simple neighbour on each side, go through the grapheme segmenter.
// For words, the text is cut at whitespace and at han/kana/hangul letters into tokens; a token
// whose letters and digits form one run of plain Latin/Greek/Cyrillic letters and ASCII or
// full-width digits is one word or one number by the Unicode word-break rules, without asking.
// count.test.ts checks this against the plain two-pass Intl.Segmenter definition.

// Created on first use, so merely importing this module never needs Intl.Segmenter.
let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

const LETTER_RE = /\p{L}/u;
const NUMBER_RE = /\p{N}/u;

/** Per-kind character tallies, indexed by KIND. */
type Tally = number[];

function tallyClusters(text: string, tally: Tally): void {
  graphemeSegmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemeSegmenter.segment(text)) {
    // One character per whitespace-separated part of the cluster, by its first visible code point.
    let hasBase = false;
    for (const ch of segment) {
      const kind = factsOf(ch.codePointAt(0) ?? 0) & KIND;
      if (kind === SPACE) hasBase = false;
      else if (kind !== INVISIBLE && !hasBase) {
        hasBase = true;
        tally[kind] = (tally[kind] ?? 0) + 1;
      }
    }
  }
}

interface WordTally {
  latinWords: number;
  numbers: number;
}

function tallyWords(text: string, acc: WordTally): void {
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (!isWordLike) continue;
    if (LETTER_RE.test(segment)) acc.latinWords++;
    else if (NUMBER_RE.test(segment)) acc.numbers++;
  }
}

/**
 * Each `segment()` call costs 10–25 µs before the first segment, so the pieces that need the
 * segmenter are joined with spaces (a safe cut, see above) and segmented a few hundred code
 * units at a time; longer batches would pay the per-segment cost that grows with input length.
 */
const BATCH = 512;

function batcher(flush: (text: string) => void): { add(piece: string): void; done(): void } {
  let parts: string[] = [];
  let length = 0;
  const done = (): void => {
    if (parts.length > 0) flush(parts.join(' '));
    parts = [];
    length = 0;
  };
  return {
    add(piece) {
      if (length > 0 && length + piece.length > BATCH) done();
      parts.push(piece);
      length += piece.length + 1;
    },
    done,
  };
}

/** Characters after which a word boundary is certain when printable ASCII follows (Word_Break=Other). */
const HARD_BREAK_AFTER = new Set([...'()[]{}<>/\\|+=!?'].map((c) => c.charCodeAt(0)));

/** Adds a token to the word batch, cut into pieces of about BATCH units where a word boundary is certain. */
function addToken(token: string, batch: { add(piece: string): void }): void {
  let start = 0;
  for (let i = BATCH; i < token.length; i++) {
    const next = token.charCodeAt(i);
    if (i - start >= BATCH && HARD_BREAK_AFTER.has(token.charCodeAt(i - 1)) && next > 0x20 && next < 0x7f) {
      batch.add(token.slice(start, i));
      start = i;
    }
  }
  batch.add(start === 0 ? token : token.slice(start));
}

export function countText(text: string): TextCounts {
  const tally: Tally = [0, 0, 0, 0, 0, 0, 0, 0];
  const words: WordTally = { latinWords: 0, numbers: 0 };
  const clusterBatch = batcher((batch) => tallyClusters(batch, tally));
  const wordBatch = batcher((batch) => tallyWords(batch, words));
  const n = text.length;

  // Grapheme state: the open run of non-simple code points, if any.
  let regionStart = -1; // where the open run (with its leading simple neighbour) starts
  let regionEnd = -1; // set once a trailing simple neighbour has been taken in
  let prevStart = -1; // start of the previous code point if it was simple, tallied and not whitespace
  let prevKind = 0;
  // Word state: the current token (a run with no whitespace and no CJK letter).
  let tokenStart = 0;
  let tokenHasLetterOrNumber = false;
  let tokenHasLetter = false;
  let tokenPlain = true; // so far: non-letters/numbers, then one run of plain letters/digits, then non-letters/numbers
  let tokenRuns = 0; // letter/number runs seen
  let inRun = false;

  const closeRegion = (end: number): void => {
    clusterBatch.add(text.slice(regionStart, end));
    regionStart = -1;
    regionEnd = -1;
  };
  const closeToken = (end: number): void => {
    if (tokenHasLetterOrNumber) {
      if (tokenPlain) {
        if (tokenHasLetter) words.latinWords++;
        else words.numbers++;
      } else addToken(text.slice(tokenStart, end), wordBatch);
    }
    tokenHasLetterOrNumber = tokenHasLetter = inRun = false;
    tokenPlain = true;
    tokenRuns = 0;
  };

  for (let i = 0; i < n;) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        width = 2;
      }
    }
    const facts = factsOf(cp);
    const kind = facts & KIND;

    // Characters.
    if (kind === SPACE) {
      if (regionStart >= 0) closeRegion(regionEnd >= 0 ? regionEnd : i);
      prevStart = -1;
    } else if (facts & SIMPLE) {
      if (regionStart >= 0 && regionEnd < 0) {
        regionEnd = i + width; // the run's trailing neighbour
        prevStart = -1;
      } else {
        if (regionStart >= 0) closeRegion(regionEnd);
        tally[kind] = (tally[kind] ?? 0) + 1;
        prevStart = i;
        prevKind = kind;
      }
    } else {
      if (regionStart < 0) {
        if (prevStart >= 0) {
          tally[prevKind] = (tally[prevKind] ?? 0) - 1; // the leading neighbour goes through the segmenter too
          regionStart = prevStart;
        } else regionStart = i;
      }
      regionEnd = -1;
      prevStart = -1;
    }

    // Words.
    if (kind === SPACE || isCjkLetter(kind)) {
      closeToken(i);
      tokenStart = i + width;
    } else if (facts & LETTER_OR_NUMBER) {
      tokenHasLetterOrNumber = true;
      if (facts & PLAIN_LETTER) tokenHasLetter = true;
      if (!(facts & (PLAIN_LETTER | PLAIN_DIGIT))) tokenPlain = false;
      if (!inRun) {
        inRun = true;
        if (++tokenRuns > 1) tokenPlain = false;
      }
    } else inRun = false;

    i += width;
  }
  if (regionStart >= 0) closeRegion(regionEnd >= 0 ? regionEnd : n);
  closeToken(n);
  clusterBatch.done();
  wordBatch.done();

  const han = tally[HAN] ?? 0;
  const kana = tally[KANA] ?? 0;
  const hangul = tally[HANGUL] ?? 0;
  const punctuation = tally[PUNCTUATION] ?? 0;
  const characters = han + kana + hangul + punctuation + (tally[OTHER] ?? 0);
  const { latinWords, numbers } = words;
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
