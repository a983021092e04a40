import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, countText, readingMinutes, zeroCounts, type TextCounts } from './count.js';

/** Expected values below are counted by hand from the input; comments show the tally. */
function counts(partial: Partial<TextCounts>): TextCounts {
  const c = { ...zeroCounts, ...partial };
  return { ...c, charactersNoPunctuation: c.characters - c.punctuation, words: c.han + c.kana + c.hangul + c.latinWords + c.numbers };
}

describe('countText: the anchor bugs of NEWSROOM.md', () => {
  it('counts a Chinese sentence per character, not as one word', () => {
    expect(countText('濱江市民公園二期竣工')).toEqual(counts({ han: 10, characters: 10 }));
  });

  it('counts digits as numbers, not words', () => {
    // 2023 | 年 | 4 | 月 | 18 | 日: 3 han, 3 numbers; characters 4+1+1+1+2+1
    expect(countText('2023年4月18日')).toEqual(counts({ han: 3, numbers: 3, characters: 10 }));
    expect(countText('2023年4月18日').words).toBe(6);
    expect(countText('2023年4月18日').latinWords).toBe(0);
  });

  it('counts katakana (incl. ー and halfwidth) and hiragana', () => {
    expect(countText('ニュース')).toEqual(counts({ kana: 4, characters: 4 }));
    expect(countText('ﾆｭｰｽ')).toEqual(counts({ kana: 4, characters: 4 }));
    expect(countText('ｶﾞ')).toEqual(counts({ kana: 1, characters: 1 })); // ｶ + halfwidth voiced mark: one cluster
    expect(countText('ニュースを見た')).toEqual(counts({ kana: 6, han: 1, characters: 7 }));
  });

  it('counts hangul syllables and conjoining jamo', () => {
    expect(countText('한국어 뉴스')).toEqual(counts({ hangul: 5, characters: 5 }));
    expect(countText('\u1112\u1161\u11AB')).toEqual(counts({ hangul: 1, characters: 1 })); // ᄒ+ᅡ+ᆫ = 한, one cluster
  });

  it('counts Han and Latin words in mixed copy', () => {
    // 北濱日報記者陳志遠 = 9 han; reported, on, Tuesday = 3 words of 8+2+7 letters
    expect(countText('北濱日報記者陳志遠 reported on Tuesday')).toEqual(counts({ han: 9, latinWords: 3, characters: 26 }));
  });
});

describe('countText: characters', () => {
  it('returns all zeros for the empty string', () => {
    expect(countText('')).toEqual(zeroCounts);
    expect(Object.values(countText('')).every((v) => v === 0)).toBe(true);
  });

  it('counts full-width Latin as one word', () => {
    expect(countText('ＡＢＣ')).toEqual(counts({ latinWords: 1, characters: 3 }));
  });

  it('counts full-width punctuation as punctuation, not as characters without punctuation', () => {
    expect(countText('，。「」：')).toEqual(counts({ punctuation: 5, characters: 5 }));
    expect(countText('，。「」：').charactersNoPunctuation).toBe(0);
    // 、 + 《》〈〉『』（） + …… + ——
    expect(countText('、《》〈〉『』（）……——')).toEqual(counts({ punctuation: 13, characters: 13 }));
  });

  it('counts ASCII punctuation and symbols', () => {
    // Hello(5) ,(1) world(5) !(1)
    expect(countText('Hello, world!')).toEqual(counts({ latinWords: 2, punctuation: 2, characters: 12 }));
    // $ 5 + 10 % = ?: numbers 5 and 10; punctuation $ + % = ?
    expect(countText('$5 + 10% = ?')).toEqual(counts({ numbers: 2, punctuation: 5, characters: 8 }));
  });

  it('counts an emoji ZWJ sequence, a skin tone and a flag as one character each (a symbol)', () => {
    expect(countText('👨‍👩‍👧')).toEqual(counts({ punctuation: 1, characters: 1 }));
    expect(countText('👍🏽')).toEqual(counts({ punctuation: 1, characters: 1 }));
    expect(countText('🇹🇼')).toEqual(counts({ punctuation: 1, characters: 1 }));
  });

  it('counts a combining sequence as one character', () => {
    expect(countText('e\u0301')).toEqual(counts({ latinWords: 1, characters: 1 }));
    expect(countText('Cafe\u0301 au lait')).toEqual(counts({ latinWords: 3, characters: 10 }));
  });

  it('does not count whitespace: spaces, U+3000, NBSP, tabs, newlines', () => {
    expect(countText(' \u3000\u00A0\n\r\n\t\u2028')).toEqual(zeroCounts);
    expect(countText('中\u3000文\u00A0字\r\n')).toEqual(counts({ han: 3, characters: 3 }));
  });

  it('does not count invisible format characters', () => {
    expect(countText('\uFEFF中\u200B文')).toEqual(counts({ han: 2, characters: 2 })); // BOM, zero-width space
    expect(countText('co\u00ADoperate')).toEqual(counts({ latinWords: 1, characters: 9 })); // soft hyphen
    expect(countText('\u3164')).toEqual(zeroCounts); // Hangul filler: blank, neither a character nor a word
    expect(countText('a\u3164b')).toEqual(counts({ latinWords: 2, characters: 2 }));
  });

  it('counts an astral (Extension B) Han character once, not per UTF-16 unit', () => {
    expect('𠀀'.length).toBe(2);
    expect(countText('𠀀')).toEqual(counts({ han: 1, characters: 1 }));
    expect(countText('𠀀𪚥')).toEqual(counts({ han: 2, characters: 2 }));
  });

  it('counts 〇, iteration marks, compatibility ideographs and Kangxi radicals as han', () => {
    expect(countText('〇')).toEqual(counts({ han: 1, characters: 1 }));
    expect(countText('人々')).toEqual(counts({ han: 2, characters: 2 }));
    expect(countText('\uF900')).toEqual(counts({ han: 1, characters: 1 })); // 豈 (compatibility)
    expect(countText('\u2F47')).toEqual(counts({ han: 1, characters: 1 })); // ⽇ Kangxi radical, as pasted from PDFs
  });
});

describe('countText: words and numbers', () => {
  it('counts a number with separators once', () => {
    expect(countText('1,200.5')).toEqual(counts({ numbers: 1, punctuation: 2, characters: 7 }));
    expect(countText('4.5')).toEqual(counts({ numbers: 1, punctuation: 1, characters: 3 }));
    expect(countText('２０２３年')).toEqual(counts({ numbers: 1, han: 1, characters: 5 }));
    expect(countText('10\u202F000')).toEqual(counts({ numbers: 1, characters: 5 })); // narrow no-break space groups digits
  });

  it('splits times and dates into their numbers', () => {
    // 12 30 2023 04 18; punctuation : , - -
    expect(countText('12:30, 2023-04-18')).toEqual(counts({ numbers: 5, punctuation: 4, characters: 16 }));
  });

  it('counts alphanumeric tokens as words and hyphenated digits apart', () => {
    // COVID, and, 5G = 3 words; 19 = 1 number; 網絡 = 2 han; - = 1 punctuation; 5+1+2+3+2+2 characters
    expect(countText('COVID-19 and 5G網絡')).toEqual(counts({ latinWords: 3, numbers: 1, han: 2, punctuation: 1, characters: 15 }));
  });

  it("keeps contractions and abbreviations whole (don't, U.S)", () => {
    // It's, the, U.S, mayor's, plan; punctuation ' . . '
    expect(countText("It's the U.S. mayor's plan")).toEqual(counts({ latinWords: 5, punctuation: 4, characters: 22 }));
    expect(countText('don’t')).toEqual(counts({ latinWords: 1, punctuation: 1, characters: 5 }));
  });

  it('counts a Chinese dateline opener', () => {
    // han 北濱日報 4 + 北濱新聞客戶端訊 8 + 北濱日報記者陳志遠 9 + 通訊員 3 + 黃佳 2 + 月 日 2 = 28
    // numbers 4, 18; punctuation · ( ) ,; characters 28 + 3 digits + 4
    const opener = '北濱日報·北濱新聞客戶端訊(北濱日報記者陳志遠 通訊員 黃佳)4月18日,';
    expect(countText(opener)).toEqual(counts({ han: 28, numbers: 2, punctuation: 4, characters: 35 }));
    expect(countText(opener.repeat(100))).toEqual(counts({ han: 2800, numbers: 200, punctuation: 400, characters: 3500 }));
  });

  it('counts an English wire dateline', () => {
    // SPRINGFIELD Ill AP The park opened; punctuation , . ( ) — .; letters 11+3+2+3+4+6
    expect(countText('SPRINGFIELD, Ill. (AP) — The park opened.')).toEqual(counts({ latinWords: 6, punctuation: 6, characters: 35 }));
  });

  it('counts a pinyin converter artefact as a Latin word', () => {
    expect(countText('發(fā)展')).toEqual(counts({ han: 2, latinWords: 1, punctuation: 2, characters: 6 }));
  });

  it('counts Greek and Cyrillic words', () => {
    expect(countText('Καλημέρα κόσμε')).toEqual(counts({ latinWords: 2, characters: 13 }));
    expect(countText('Привет, мир')).toEqual(counts({ latinWords: 2, punctuation: 1, characters: 10 }));
  });

  it('counts long texts that need the segmenter in several batches', () => {
    expect(countText('Cafe\u0301 '.repeat(300))).toEqual(counts({ latinWords: 300, characters: 1200 }));
    expect(countText('👨‍👩‍👧'.repeat(300))).toEqual(counts({ punctuation: 300, characters: 300 }));
    expect(countText('x/'.repeat(1000))).toEqual(counts({ latinWords: 1000, punctuation: 1000, characters: 2000 }));
    expect(countText('x\u0301/'.repeat(1000))).toEqual(counts({ latinWords: 1000, punctuation: 1000, characters: 2000 }));
  });
});

// ── the plain definition, for property tests ────────────────────────────────────────────
//
// The rules of count.ts applied literally: one grapheme pass and one word pass of
// Intl.Segmenter over the whole text. count.ts gets the same answer with shortcuts.

type Bucket = 'space' | 'invisible' | 'han' | 'kana' | 'hangul' | 'punctuation' | 'other';
const BUCKETS: [Bucket, RegExp][] = [
  ['space', /^\p{White_Space}$/u],
  ['invisible', /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u],
  ['han', /^(?!\p{P})\p{Script=Han}$/u],
  [
    'kana',
    /^(?:(?!\p{P})[\p{Script=Hiragana}\p{Script=Katakana}]|(?=\p{L})[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}])$/u,
  ],
  ['hangul', /^(?!\p{P})\p{Script=Hangul}$/u],
  ['punctuation', /^[\p{P}\p{S}]$/u],
];
const bucketOf = (ch: string): Bucket => BUCKETS.find(([, re]) => re.test(ch))?.[0] ?? 'other';

function reference(text: string): TextCounts {
  const tally: Record<Bucket, number> = { space: 0, invisible: 0, han: 0, kana: 0, hangul: 0, punctuation: 0, other: 0 };
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    let hasBase = false;
    for (const ch of segment) {
      const bucket = bucketOf(ch);
      if (bucket === 'space') hasBase = false;
      else if (bucket !== 'invisible' && !hasBase) {
        hasBase = true;
        tally[bucket]++;
      }
    }
  }
  const separator = (ch: string): boolean => {
    const bucket = bucketOf(ch);
    return bucket === 'han' || bucket === 'kana' || bucket === 'hangul' || (bucket === 'invisible' && /[\p{L}\p{N}]/u.test(ch));
  };
  const rest = Array.from(text, (ch) => (separator(ch) ? ' ' : ch)).join('');
  let latinWords = 0;
  let numbers = 0;
  for (const { segment, isWordLike } of new Intl.Segmenter('en', { granularity: 'word' }).segment(rest)) {
    if (isWordLike && /\p{L}/u.test(segment)) latinWords++;
    else if (isWordLike && /\p{N}/u.test(segment)) numbers++;
  }
  const characters = tally.han + tally.kana + tally.hangul + tally.punctuation + tally.other;
  return counts({
    han: tally.han,
    kana: tally.kana,
    hangul: tally.hangul,
    latinWords,
    numbers,
    punctuation: tally.punctuation,
    characters,
  });
}

// Characters chosen to exercise every rule and shortcut: plain letters and digits, joiners and
// hard punctuation between them, CJK, whitespace (incl. U+202F), combining marks, ZWJ, emoji,
// skin tones, regional indicators, keycaps, Indic conjuncts, Prepend, Thai, conjoining jamo,
// Hangul fillers, ExtendNumLet, lone surrogates.
const INTERESTING = [
  ...'aZéΩжｚ019１２ＡȺ',
  ...'中國〇々⽇𠀀か゛ーｰｶﾞｱ한ㄱㄅ',
  ...'.,\'’．:·：;，；_‿＿!"#$%&()*+-/<=>?@[\\]^`{|}~–—…“”«»、。「」『』（）！？－／・‧˂ⓐ🄰٫©°€',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00A0',
  '\u3000',
  '\u202F',
  '\u2028',
  '\u0301',
  '\u3099',
  '\u200D',
  '\u200B',
  '\u00AD',
  '\uFEFF',
  '\uFE0F',
  '\u20E3',
  '\u3164',
  '\u{16FF0}',
  '👨',
  '👩',
  '👍',
  '🏻',
  '🇹',
  '🇼',
  'क',
  '्',
  'ष',
  'ส',
  'ั',
  'ำ',
  '\u0D4E',
  '\u0600',
  'ب',
  'ה',
  '\u1112',
  '\u1161',
  '\u11AB',
  '\uD800',
  '\uDC00',
];
const interestingString = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INTERESTING) }, fc.string({ unit: 'binary', maxLength: 2 })), { maxLength })
    .map((parts) => parts.join(''));
const anyString = fc.oneof(
  interestingString(40),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
);

describe('countText: properties', () => {
  it('agrees with the plain two-pass Intl.Segmenter definition', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, interestingString(1500)), (text) => {
        expect(countText(text)).toEqual(reference(text));
      }),
      { numRuns: 400 },
    );
  });

  it('returns non-negative integers that add up: characters = without punctuation + punctuation, words = the sum', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const c = countText(text);
        for (const value of Object.values(c)) expect(Number.isInteger(value) && value >= 0).toBe(true);
        expect(c.characters).toBe(c.charactersNoPunctuation + c.punctuation);
        expect(c.words).toBe(c.han + c.kana + c.hangul + c.latinWords + c.numbers);
        expect(c.han + c.kana + c.hangul).toBeLessThanOrEqual(c.charactersNoPunctuation);
      }),
      { numRuns: 400 },
    );
  });

  // The exact property: for all strings a and b, countText(a + ' ' + b) equals
  // addCounts(countText(a), countText(b)) in every field. A space is never part of a character
  // (a cluster is split at whitespace inside it, so a combining mark at the start of b still
  // counts once) and ends every word and number. Without the space it would not hold: 'ab' is
  // one word but 'a' and 'b' are two, and 'e' + U+0301 is one character, not two.
  it('adds up exactly, in every field, for texts joined by a space', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(countText(a + ' ' + b)).toEqual(addCounts(countText(a), countText(b)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('addCounts and zeroCounts', () => {
  it('adds field by field', () => {
    const a = counts({ han: 1, kana: 2, hangul: 3, latinWords: 4, numbers: 5, punctuation: 6, characters: 30 });
    const b = counts({ han: 10, kana: 20, hangul: 30, latinWords: 40, numbers: 50, punctuation: 60, characters: 300 });
    expect(addCounts(a, b)).toEqual({
      han: 11,
      kana: 22,
      hangul: 33,
      latinWords: 44,
      numbers: 55,
      punctuation: 66,
      characters: 330,
      charactersNoPunctuation: 264,
      words: 165,
    });
    expect(addCounts(a, zeroCounts)).toEqual(a);
  });

  it('keeps zeroCounts frozen', () => {
    expect(Object.isFrozen(zeroCounts)).toBe(true);
  });
});

describe('readingMinutes', () => {
  it('is 0 when there is nothing to read', () => {
    expect(readingMinutes(zeroCounts)).toBe(0);
    expect(readingMinutes(countText(''))).toBe(0);
    expect(readingMinutes(countText('，。！👍'))).toBe(0);
  });

  it('reads 400 CJK characters and 230 words a minute by default, rounding up', () => {
    expect(readingMinutes(counts({ han: 1 }))).toBe(1);
    expect(readingMinutes(counts({ han: 400 }))).toBe(1);
    expect(readingMinutes(counts({ han: 401 }))).toBe(2);
    expect(readingMinutes(counts({ latinWords: 230 }))).toBe(1);
    expect(readingMinutes(counts({ latinWords: 200, numbers: 30 }))).toBe(1);
    expect(readingMinutes(counts({ latinWords: 231 }))).toBe(2);
    // (100 kana + 100 hangul) / 400 = 0.5, plus 115 words / 230 = 0.5
    expect(readingMinutes(counts({ kana: 100, hangul: 100, latinWords: 115 }))).toBe(1);
    expect(readingMinutes(counts({ kana: 100, hangul: 100, latinWords: 116 }))).toBe(2);
    expect(readingMinutes(counts({ han: 4000, latinWords: 2300 }))).toBe(20);
  });

  it('takes other rates', () => {
    expect(readingMinutes(counts({ han: 250 }), { cjkPerMinute: 100 })).toBe(3);
    expect(readingMinutes(counts({ latinWords: 250 }), { wordsPerMinute: 100 })).toBe(3);
    // 21 / 0.7 is 30.000000000000004 in floating point; it is still 30 minutes
    expect(readingMinutes(counts({ latinWords: 21 }), { wordsPerMinute: 0.7 })).toBe(30);
  });

  it('rejects rates that are not positive', () => {
    expect(() => readingMinutes(zeroCounts, { cjkPerMinute: 0 })).toThrow(RangeError);
    expect(() => readingMinutes(zeroCounts, { wordsPerMinute: -5 })).toThrow(RangeError);
    expect(() => readingMinutes(zeroCounts, { wordsPerMinute: Number.NaN })).toThrow(RangeError);
  });
});
