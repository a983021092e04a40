/**
 * Counting the way a Chinese desk counts (字數), plus the numbers an English desk wants.
 * Pure: no Node, no DOM; needs `Intl.Segmenter` (Node 20, Chromium).
 *
 * Rules (kept identical in src-shared/text/README.md):
 * - A *character* is a grapheme cluster (Intl.Segmenter, granularity "grapheme"), so an emoji
 *   ZWJ sequence, a flag, e + U+0301 or a Han character plus variation selector counts once, and
 *   an astral character such as 𠀀 counts once, not as two UTF-16 units. Whitespace (any
 *   White_Space: spaces, U+3000, NBSP, newlines) and invisible characters (Cc, Cf,
 *   Default_Ignorable_Code_Point: ZWSP, ZWJ, soft hyphen, BOM, variation selectors, Hangul
 *   fillers) never count. A cluster is split at whitespace inside it (a space can carry a
 *   combining mark), and each part is classified by its first visible code point, the *base*.
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
 * - *Latin words* and *numbers* come from an Intl.Segmenter "word" pass (locale fixed to "en"
 *   so every machine agrees) over the text with every han/kana/hangul letter, and the blank
 *   Hangul fillers, replaced by a space: CJK is counted per character above, never as dictionary
 *   words, and a Latin word stuck to CJK (`5G網絡`) is still a word. A word-like segment
 *   containing a letter (\p{L}) is one word (`COVID19`, `10km`, `don't`, `U.S`, `ＡＢＣ`,
 *   Cyrillic, Thai words); one with no letter but a number (\p{N}) is one number: a digit run
 *   with the segmenter's separators (`2023`, `4.5`, `1,200.5`, `２０２３`, `10 000` with U+202F;
 *   `12:30`, `2023-04-18` and `COVID-19` hold several). Digits are never words. Whatever the
 *   segmenter splits is split: a zero-width space separates two words.
 * - `words` (字數) = han + kana + hangul + latinWords + numbers.
 *
 * Counts of texts joined by a space add up exactly: countText(a + ' ' + b) equals
 * addCounts(countText(a), countText(b)) in every field (count.test.ts checks it).
 */

export interface TextCounts {
  /** Han characters (ideographs incl. extensions A–H, compatibility ideographs, 〇). */
  han: number;
  /** Hiragana + katakana (incl. halfwidth katakana and ー). */
  kana: number;
  /** Hangul syllables and jamo. */
  hangul: number;
  /** Words in other scripts (Latin, Cyrillic, Greek…); pure-digit words are numbers instead. */
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

/**
 * Whole minutes to read: (han + kana + hangul) / cjkPerMinute + (latinWords + numbers) /
 * wordsPerMinute, rounded up; 0 when there is nothing to read. Rates must be positive.
 */
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
  // Round up, but do not let floating-point noise turn an exact 2 into 3.
  return Math.ceil(minutes - 1e-9);
}

// ── facts about one code point ──────────────────────────────────────────────────────────
//
// Each code point gets a few bits of facts, computed once by the regexes below and remembered.

const KIND = 0b111; // low three bits: the bucket when the code point is a character's base
const UNKNOWN = 0; // not classified yet
const SPACE = 1;
const INVISIBLE = 2;
const HAN = 3;
const KANA = 4;
const HANGUL = 5;
const PUNCTUATION = 6;
const OTHER = 7;

/** There is a grapheme cluster boundary between any two SIMPLE code points. */
const SIMPLE = 1 << 3;
/** Extended_Pictographic: a cluster boundary is certain between CUT_BEFORE_PICTOGRAPH and this. */
const PICTOGRAPH = 1 << 4;
/** Not ZWJ, not Prepend, not a conjunct linker: nothing joins it to a following pictograph. */
const CUT_BEFORE_PICTOGRAPH = 1 << 5;
/** \p{L} or \p{N}: only tokens holding one of these can hold a word or a number. */
const LETTER_OR_NUMBER = 1 << 6;
/** Word_Break=ALetter and never split by a dictionary: Latin (incl. full-width), Greek, Cyrillic letters. */
const PLAIN_LETTER = 1 << 7;
/** Word_Break=Numeric: ASCII and full-width digits. */
const PLAIN_DIGIT = 1 << 8;
/** Punctuation or a symbol that cannot change the status of a word it touches (see EDGE_RE). */
const EDGE = 1 << 9;
/** An EDGE with Word_Break=Other: a word boundary is certain on both sides of it. */
const HARD_EDGE = 1 << 10;
/** Word_Break MidNumLet/Single_Quote: one between two letters, or two digits, joins them (`U.S`, `don’t`, `4.5`). */
const JOINS_LETTERS_OR_DIGITS = 1 << 11;
/** Word_Break MidLetter: one between two letters joins them (`a:b`; but `12:30` is two numbers). */
const JOINS_LETTERS = 1 << 12;
/** Word_Break MidNum: one between two digits joins them (`1,200`, `１，２００`). */
const JOINS_DIGITS = 1 << 13;
const JOINS = JOINS_LETTERS_OR_DIGITS | JOINS_LETTERS | JOINS_DIGITS;

const SPACE_RE = /^\p{White_Space}$/u;
const INVISIBLE_RE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const HAN_RE = /^(?!\p{P})\p{Script=Han}$/u;
const KANA_RE =
  /^(?:(?!\p{P})[\p{Script=Hiragana}\p{Script=Katakana}]|(?=\p{L})[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}])$/u;
const HANGUL_RE = /^(?!\p{P})\p{Script=Hangul}$/u;
const PUNCTUATION_RE = /^[\p{P}\p{S}]$/u;
/**
 * Code points that no grapheme rule joins to one another: Grapheme_Cluster_Break=Other (or a
 * Hangul syllable, which only joins conjoining jamo), never Prepend, Extend, SpacingMark, ZWJ,
 * Regional_Indicator, Extended_Pictographic, a conjoining jamo or an Indic conjunct consonant.
 * JS regexes have no Grapheme_Cluster_Break property, hence a whitelist of scripts without such
 * letters (the conjoining jamo blocks are written out: no Hangul_Syllable_Type property either).
 */
const SIMPLE_RE =
  /^(?:(?=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}])(?![\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Mc}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])\p{Grapheme_Base})$/u;
const PICTOGRAPH_RE = /^\p{Extended_Pictographic}$/u;
const CUT_BEFORE_PICTOGRAPH_RE = /^[\p{Extended_Pictographic}\p{Grapheme_Extend}\p{Emoji_Modifier}\p{Regional_Indicator}]$/u;
const LETTER_OR_NUMBER_RE = /^[\p{L}\p{N}]$/u;
const PLAIN_LETTER_RE = /^(?=\p{L})[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const PLAIN_DIGIT_RE = /^[0-9０-９]$/u;
/** Not ExtendNumLet (`a_` is a word-like segment, `a_` + U+0301 is not) and not an Extend character. */
const EDGE_RE = /^(?![\p{Pc}\p{Grapheme_Extend}\p{Emoji_Modifier}])[\p{P}\p{S}]$/u;
/**
 * Word_Break has no regex property either, so these are lists of common members; any other
 * punctuation between two letters or digits sends the token down the slow path, which asks
 * Intl.Segmenter. The hard list is ASCII, typographic and CJK punctuation with Word_Break=Other.
 */
const HARD_EDGE_RE =
  /^[!"#$%&()*+\-/<=>?@[\\\]^`{|}~–—…“”«»‹›•†‡′″€£¥©®™°±×÷§¶、。〃〈〉《》「」『』【】〔〕〖〗〜！＂＃＄％＆（）＊＋－／＜＝＞？＠［］｛｝～・]$/u;
const JOINER_FACTS = new Map<string, number>([
  ['.', JOINS_LETTERS_OR_DIGITS],
  ["'", JOINS_LETTERS_OR_DIGITS],
  ['\u2019', JOINS_LETTERS_OR_DIGITS], // ’
  ['\uFF0E', JOINS_LETTERS_OR_DIGITS], // ．
  [':', JOINS_LETTERS],
  ['\u00B7', JOINS_LETTERS], // ·
  ['\uFF1A', JOINS_LETTERS], // ：
  [',', JOINS_DIGITS],
  [';', JOINS_DIGITS],
  ['\uFF0C', JOINS_DIGITS], // ，
  ['\uFF1B', JOINS_DIGITS], // ；
]);

function classify(ch: string): number {
  let kind: number;
  if (SPACE_RE.test(ch)) kind = SPACE;
  else if (INVISIBLE_RE.test(ch)) kind = INVISIBLE;
  else if (HAN_RE.test(ch)) kind = HAN;
  else if (KANA_RE.test(ch)) kind = KANA;
  else if (HANGUL_RE.test(ch)) kind = HANGUL;
  else if (PUNCTUATION_RE.test(ch)) kind = PUNCTUATION;
  else kind = OTHER;
  const edge = EDGE_RE.test(ch);
  return (
    kind |
    (SIMPLE_RE.test(ch) ? SIMPLE : 0) |
    (PICTOGRAPH_RE.test(ch) ? PICTOGRAPH : 0) |
    (CUT_BEFORE_PICTOGRAPH_RE.test(ch) ? CUT_BEFORE_PICTOGRAPH : 0) |
    (LETTER_OR_NUMBER_RE.test(ch) ? LETTER_OR_NUMBER : 0) |
    (PLAIN_LETTER_RE.test(ch) ? PLAIN_LETTER : 0) |
    (PLAIN_DIGIT_RE.test(ch) ? PLAIN_DIGIT : 0) |
    (edge ? EDGE : 0) |
    (edge && HARD_EDGE_RE.test(ch) ? HARD_EDGE : 0) |
    (edge ? (JOINER_FACTS.get(ch) ?? 0) : 0)
  );
}

const bmpFacts = new Uint16Array(0x10000);
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

/** The one White_Space character with Word_Break=ExtendNumLet: `10 000` (French style) is one number. */
const NARROW_NO_BREAK_SPACE = 0x202f;

// ── counting ────────────────────────────────────────────────────────────────────────────
//
// Intl.Segmenter is the definition, but it is slow: each segment() call costs 10–25 µs, each
// segment about 1 µs, and in Node 20 (V8 before 12.3) each segment also costs time proportional
// to the length of the string being segmented, so one pass over 500 KB takes seconds there.
// The counts are therefore computed in one loop over the code points, and only the parts whose
// outcome is not certain from the rules go through the segmenter, a few hundred units at a time:
// - Whitespace never belongs to a counted character, and the counts on either side of a
//   whitespace code point do not depend on each other; it also ends every word (except U+202F,
//   Word_Break=ExtendNumLet). So the text can be cut at whitespace, and pieces can be joined
//   with a space and segmented together.
// - Most text is SIMPLE code points (Han, kana, Latin, common punctuation…), each a cluster of its
//   own. Only runs of other code points, with one simple neighbour on each side, are segmented
//   (a long run is also cut before a pictograph that nothing can join to the previous cluster).
// - For words, the text is cut at whitespace and han/kana/hangul letters into tokens. A token
//   whose letters and digits are plain (Latin, Greek, Cyrillic, ASCII/full-width digits) and
//   separated only by known punctuation is counted from the word-break rules directly; any other
//   token is segmented.
// count.test.ts checks all of this against the plain two-pass Intl.Segmenter definition.

// Created on first use, so merely importing this module never needs Intl.Segmenter.
let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

const LETTER_RE = /\p{L}/u;
const NUMBER_RE = /\p{N}/u;
/** Input size for one segment() call: long enough to amortise the call, short enough to keep Node 20 linear. */
const BATCH = 512;

/** Per-kind character tallies, indexed by KIND. */
type Tally = number[];

interface WordTally {
  latinWords: number;
  numbers: number;
}

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

function tallyWords(text: string, tally: WordTally): void {
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (!isWordLike) continue;
    if (LETTER_RE.test(segment)) tally.latinWords++;
    else if (NUMBER_RE.test(segment)) tally.numbers++;
  }
}

interface Batch {
  add(piece: string): void;
  flush(): void;
}

/** Collects pieces and hands them to `segment` joined by spaces, about BATCH code units at a time. */
function batch(segment: (text: string) => void): Batch {
  let parts: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (parts.length > 0) segment(parts.join(' '));
    parts = [];
    length = 0;
  };
  return {
    add(piece) {
      if (length > 0 && length + piece.length > BATCH) flush();
      parts.push(piece);
      length += piece.length + 1;
    },
    flush,
  };
}

/** Adds a token to the word batch, cut after hard edges into pieces of about BATCH units. */
function addToken(token: string, words: Batch): void {
  let start = 0;
  for (let i = start + BATCH; i < token.length; i++) {
    // Only BMP hard edges followed by printable ASCII: no surrogate pair or combining mark is split.
    const next = token.charCodeAt(i);
    if (i - start >= BATCH && next > 0x20 && next < 0x7f && factsOf(token.charCodeAt(i - 1)) & HARD_EDGE) {
      words.add(token.slice(start, i));
      start = i;
    }
  }
  words.add(start === 0 ? token : token.slice(start));
}

export function countText(text: string): TextCounts {
  const tally: Tally = [0, 0, 0, 0, 0, 0, 0, 0];
  const wordTally: WordTally = { latinWords: 0, numbers: 0 };
  const clusterBatch = batch((piece) => tallyClusters(piece, tally));
  const wordBatch = batch((piece) => tallyWords(piece, wordTally));
  const n = text.length;
  let prevFacts = 0;

  // Characters: the open run of non-simple code points, if any.
  let regionStart = -1; // where the run (with its leading simple neighbour) starts
  let regionEnd = -1; // end of its trailing simple neighbour, once taken in
  let prevSimpleStart = -1; // start of the previous code point if it was simple, tallied and not whitespace
  let prevKind = 0;
  const closeRegion = (end: number): void => {
    clusterBatch.add(text.slice(regionStart, end));
    regionStart = regionEnd = -1;
  };

  // Words: the current token, a stretch without whitespace and han/kana/hangul letters, read as
  // edges (punctuation) and runs (letters, digits and single joiners between them).
  let tokenStart = 0;
  let tokenHasLetterOrNumber = false;
  let hasRun = false; // the fast path has seen a run
  let plain = true; // every run plain, and the word boundaries between runs certain
  let tokenWords = 0; // finished runs, fast path
  let tokenNumbers = 0;
  let runHasLetter = false;
  let inRun = false; // the previous code point belongs to the current run
  let lastPlain = 0; // PLAIN_LETTER or PLAIN_DIGIT of the previous code point, if in a run
  let edges = 0; // edges since the current run's last code point
  let hardEdge = false; // one of them was a HARD_EDGE
  let joiner = 0; // JOINS_* of the edge right after the run, when it is the only one so far
  let beforeJoiner = 0; // PLAIN_* of the run's code point before that joiner
  const closeToken = (end: number): void => {
    if (tokenHasLetterOrNumber) {
      if (plain) {
        wordTally.latinWords += tokenWords + (runHasLetter ? 1 : 0);
        wordTally.numbers += tokenNumbers + (runHasLetter ? 0 : 1);
      } else addToken(text.slice(tokenStart, end), wordBatch);
    }
    tokenHasLetterOrNumber = hasRun = runHasLetter = inRun = hardEdge = false;
    plain = true;
    tokenWords = tokenNumbers = edges = joiner = 0;
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
      prevSimpleStart = -1;
    } else if (facts & SIMPLE) {
      if (regionStart >= 0 && regionEnd < 0) {
        regionEnd = i + width; // the run's trailing neighbour
        prevSimpleStart = -1;
      } else {
        if (regionStart >= 0) closeRegion(regionEnd);
        tally[kind] = (tally[kind] ?? 0) + 1;
        prevSimpleStart = i;
        prevKind = kind;
      }
    } else {
      if (regionStart < 0) {
        if (prevSimpleStart >= 0) {
          tally[prevKind] = (tally[prevKind] ?? 0) - 1; // the leading neighbour is segmented with the run
          regionStart = prevSimpleStart;
        } else regionStart = i;
      } else if (facts & PICTOGRAPH && prevFacts & CUT_BEFORE_PICTOGRAPH && i - regionStart >= BATCH) {
        closeRegion(i);
        regionStart = i;
      }
      regionEnd = -1;
      prevSimpleStart = -1;
    }

    // Words.
    if (
      (kind === SPACE && cp !== NARROW_NO_BREAK_SPACE) ||
      kind === HAN ||
      kind === KANA ||
      kind === HANGUL ||
      (kind === INVISIBLE && facts & LETTER_OR_NUMBER) // the Hangul fillers: blank, so a space, not a word
    ) {
      closeToken(i);
      tokenStart = i + width;
    } else if (facts & LETTER_OR_NUMBER) {
      tokenHasLetterOrNumber = true;
      const plainKind = facts & (PLAIN_LETTER | PLAIN_DIGIT);
      if (!plain) {
        // The token goes to the segmenter whole; nothing to track.
      } else if (plainKind === 0) plain = false;
      else if (!hasRun) hasRun = true;
      else if (!inRun) {
        const joined =
          edges === 1 &&
          plainKind === beforeJoiner &&
          (joiner === JOINS_LETTERS_OR_DIGITS ||
            (joiner === JOINS_LETTERS && plainKind === PLAIN_LETTER) ||
            (joiner === JOINS_DIGITS && plainKind === PLAIN_DIGIT));
        if (!joined) {
          // A new run; the boundary is certain after a hard edge or a single mismatched joiner (`a.1`).
          if (hardEdge || (edges === 1 && joiner !== 0)) {
            if (runHasLetter) tokenWords++;
            else tokenNumbers++;
            runHasLetter = false;
          } else plain = false;
        }
      }
      if (plainKind === PLAIN_LETTER) runHasLetter = true;
      inRun = true;
      lastPlain = plainKind;
      edges = joiner = 0;
      hardEdge = false;
    } else if (facts & EDGE) {
      if (hasRun) {
        if (++edges === 1 && inRun) {
          joiner = facts & JOINS;
          beforeJoiner = lastPlain;
        } else joiner = 0;
        if (facts & HARD_EDGE) hardEdge = true;
      }
      inRun = false;
    } else {
      plain = false; // a mark, format character, connector…: let the segmenter decide
    }

    prevFacts = facts;
    i += width;
  }
  if (regionStart >= 0) closeRegion(regionEnd >= 0 ? regionEnd : n);
  closeToken(n);
  clusterBatch.flush();
  wordBatch.flush();

  const han = tally[HAN] ?? 0;
  const kana = tally[KANA] ?? 0;
  const hangul = tally[HANGUL] ?? 0;
  const punctuation = tally[PUNCTUATION] ?? 0;
  const characters = han + kana + hangul + punctuation + (tally[OTHER] ?? 0);
  const { latinWords, numbers } = wordTally;
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
