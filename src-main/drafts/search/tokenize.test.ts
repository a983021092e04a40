import { describe, expect, it } from 'vitest';
import {
  forEachTerm,
  isCjkTerm,
  isSingleCjkTerm,
  isWordChar,
  normalizeText,
  queryGroups,
  termKeyOf,
  termKeyOfRange,
  termOfKey,
  tokenize,
  tokenizerFingerprint,
} from './tokenize.js';

describe('normalizeText', () => {
  it('turns full-width ASCII into half-width and lower-cases it', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('Hello WORLD Ünïcode')).toBe('hello world ünïcode');
    expect(normalizeText('㍿ ﬁne')).toBe('株式会社 fine');
  });

  it('folds Traditional to Simplified character by character and leaves Simplified alone', () => {
    expect(normalizeText('贛江新區')).toBe('赣江新区');
    expect(normalizeText('赣江新区')).toBe('赣江新区');
    expect(normalizeText('臺灣頭髮發展')).toBe('台湾头发发展');
    // Taiwan (裡) and Hong Kong (衞) variants, and a fold that needs two steps (麼 → 么 → 幺).
    expect(normalizeText('裡面衞生')).toBe('里面卫生');
    expect(normalizeText('麼')).toBe(normalizeText('么'));
    // Supplementary-plane ideographs fold too.
    expect(normalizeText('𠁞')).toBe('𠀾');
  });

  it('folds characters that are also valid Simplified when OpenCC converts them in phrases', () => {
    // 覆 is Simplified too ("cover"), but 批覆 is Traditional for 批复.
    expect(normalizeText('批覆')).toBe(normalizeText('批复'));
    expect(normalizeText('著名')).toBe(normalizeText('着名'));
    expect(normalizeText('乾隆')).toBe(normalizeText('干隆'));
  });

  it('is idempotent', () => {
    for (const text of ['贛江新區管委會', '麼么幺', 'ＡＢＣ Déjà vu', '東京タワー', '𠁞江', '']) {
      expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
    }
  });
});

describe('tokenize', () => {
  it('cuts Han runs into overlapping bigrams, plus the last character when indexing', () => {
    expect(tokenize('江西省南昌市')).toEqual(['江西', '西省', '省南', '南昌', '昌市', '市']);
    expect(tokenize('江西省南昌市', 'query')).toEqual(['江西', '西省', '省南', '南昌', '昌市']);
    expect(tokenize('年')).toEqual(['年']);
    expect(tokenize('年', 'query')).toEqual(['年']);
  });

  it('starts a new run at punctuation, spaces and Latin letters', () => {
    expect(tokenize('南昌，九江')).toEqual(['南昌', '昌', '九江', '江']);
    expect(tokenize('iPhone手機')).toEqual(['iphone', '手机', '机']);
    expect(tokenize('2024年度預算', 'query')).toEqual(['2024', '年度', '度预', '预算']);
  });

  it('gives Traditional and Simplified text the same tokens', () => {
    expect(tokenize('國務院批覆設立贛江新區')).toEqual(tokenize('国务院批复设立赣江新区'));
    expect(tokenize('贛江新區', 'query')).toEqual(['赣江', '江新', '新区']);
  });

  it('splits English into lower-case words, keeping numbers, abbreviations and contractions whole', () => {
    expect(tokenize("The U.S. budget's 3.5% rise: 1,000 e-mails, foo_bar")).toEqual([
      'the',
      'u.s',
      "budget's",
      '3.5',
      'rise',
      '1,000',
      'e',
      'mails',
      'foo_bar',
    ]);
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123']);
    expect(tokenize('Budget BUDGET budget')).toEqual(['budget', 'budget', 'budget']);
  });

  it('keeps kana with Han in one run and segments Thai with Intl.Segmenter', () => {
    expect(tokenize('東京タワー')).toEqual(['东京', '京タ', 'タワ', 'ワー', 'ー']);
    expect(tokenize('ภาษาไทย ok')).toEqual(['ภาษา', 'ไทย', 'ok']);
  });

  it('handles supplementary-plane characters inside runs', () => {
    expect(tokenize('𠁞江')).toEqual(['𠀾江', '江']);
    expect(tokenize('a𠁞b')).toEqual(['a', '𠀾', 'b']);
    // Bigrams mixing BMP and supplementary-plane characters, and BMP bigrams next to them.
    expect(tokenize('𠀋江西省')).toEqual(['𠀋江', '江西', '西省', '省']);
    expect(tokenize('𠀋江西省', 'query')).toEqual(['𠀋江', '江西', '西省']);
    expect(tokenize('江𠀋西')).toEqual(['江𠀋', '𠀋西', '西']);
    expect(tokenize('𠀋𠀍')).toEqual(['𠀋𠀍', '𠀍']);
  });

  it('returns nothing for empty, blank or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \n\t ')).toEqual([]);
    expect(tokenize('，。！？——…「」')).toEqual([]);
  });
});

describe('queryGroups', () => {
  it('groups a query into runs and words that must all match', () => {
    expect(queryGroups('贛江新區 Budget')).toEqual([
      { text: '赣江新区', tokens: ['赣江', '江新', '新区'], cjk: true },
      { text: 'budget', tokens: ['budget'], cjk: false },
    ]);
    expect(queryGroups('江')).toEqual([{ text: '江', tokens: ['江'], cjk: true }]);
    expect(queryGroups(' ，')).toEqual([]);
  });
});

describe('term keys', () => {
  it('gives BMP Han/kana bigrams and characters a numeric key that maps back', () => {
    for (const term of ['江西', '江', 'タワ', '〇', '赣江']) {
      const key = termKeyOf(term);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThan(2 ** 30);
      expect(termOfKey(key)).toBe(term);
    }
    expect(termKeyOf('江西')).not.toBe(termKeyOf('西江'));
  });

  it('leaves words, hangul and supplementary-plane characters as strings', () => {
    for (const term of ['abc', 'a', '한국', '𠀾', '𠀾江', '江西省']) expect(termKeyOf(term)).toBe(-1);
  });

  it('forEachTerm yields exactly the tokens of tokenize, some as keys', () => {
    const text = 'iPhone手機在贛江新區發佈，價格 3.5 萬；한국 𠁞江 東京タワー';
    const terms: string[] = [];
    const normalized = forEachTerm(
      text,
      'index',
      (s, start, end) => terms.push(s.slice(start, end)),
      (key) => terms.push(termOfKey(key)),
    );
    expect(terms).toEqual(tokenize(text));
    expect(normalized).toBe(normalizeText(text));
  });
});

describe('term keys next to supplementary-plane characters', () => {
  /** forEachTerm's output, each token tagged with the way it came: as a range or as a key. */
  const terms = (text: string) => {
    const out: string[] = [];
    forEachTerm(
      text,
      'index',
      (s, start, end) => out.push(`range ${s.slice(start, end)}`),
      (key) => out.push(`key ${termOfKey(key)}`),
    );
    return out;
  };

  it('passes BMP bigrams as keys and only terms with a supplementary-plane character as ranges', () => {
    // 江西 must reach the index as the same key in 𠀋江西省 as in 江西省 (one term id).
    expect(terms('𠀋江西省')).toEqual(['range 𠀋江', 'key 江西', 'key 西省', 'key 省']);
    expect(terms('江西省')).toEqual(['key 江西', 'key 西省', 'key 省']);
    expect(terms('江𠀋西')).toEqual(['range 江𠀋', 'range 𠀋西', 'key 西']);
    expect(terms('西𠀋')).toEqual(['range 西𠀋', 'range 𠀋']);
    expect(terms('𠀋')).toEqual(['range 𠀋']);
    expect(terms('𠀋𠀍，江')).toEqual(['range 𠀋𠀍', 'range 𠀍', 'key 江']);
  });

  it('keys a range of a longer string like the same term on its own', () => {
    expect(termKeyOfRange('𠀋江西省', 2, 4)).toBe(termKeyOf('江西'));
    expect(termKeyOfRange('𠀋江西省', 4, 5)).toBe(termKeyOf('省'));
    expect(termKeyOfRange('𠀋江西省', 0, 3)).toBe(-1);
    expect(termKeyOfRange('𠀋江西省', 1, 3)).toBe(-1); // low surrogate + 江: not a term
    expect(termKeyOfRange('ab江', 0, 2)).toBe(-1);
  });
});

describe('character classes', () => {
  it('tells single Han characters, Han terms and word characters apart', () => {
    expect(isSingleCjkTerm('江')).toBe(true);
    expect(isSingleCjkTerm('𠀾')).toBe(true);
    expect(isSingleCjkTerm('江西')).toBe(false);
    expect(isSingleCjkTerm('a')).toBe(false);
    expect(isCjkTerm('江西')).toBe(true);
    expect(isCjkTerm('budget')).toBe(false);
    expect(isWordChar('é')).toBe(true);
    expect(isWordChar('江')).toBe(false);
    expect(isWordChar('-')).toBe(false);
  });

  it('fingerprints the tokenizer with its version and fold', () => {
    expect(tokenizerFingerprint()).toMatch(/^2:/);
    expect(tokenizerFingerprint()).toBe(tokenizerFingerprint());
  });
});
