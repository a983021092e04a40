/**
 * Classification of code points for the tokenizer (see tokenize.ts): which characters form words,
 * which form Han/kana/hangul runs, which belong to scripts segmented with a dictionary, and which
 * separate tokens. Pure and lazily cached: no Node APIs, no I/O.
 */

/** How a code point takes part in tokenizing. */
export const enum Kind {
  Unknown = 0,
  Separator = 1,
  Word = 2,
  Cjk = 3,
  /** Scripts without spaces between words, segmented with Intl.Segmenter. */
  Dictionary = 4,
}

const CJK_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]$/u;
const DICTIONARY_RE = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const WORD_RE = /^[\p{L}\p{N}\p{M}\p{Pc}]$/u;

/** Classification of the BMP, filled lazily (0 = not yet classified); astral code points in a Map. */
export const bmpKind = new Uint8Array(0x10000);
const astralKind = new Map<number, Kind>();

function classify(cp: number): Kind {
  const ch = String.fromCodePoint(cp);
  if (CJK_RE.test(ch)) return Kind.Cjk;
  if (DICTIONARY_RE.test(ch)) return Kind.Dictionary;
  if (WORD_RE.test(ch)) return Kind.Word;
  return Kind.Separator;
}

export function kindOf(cp: number): Kind {
  if (cp < 0x80) {
    // a-z, A-Z, 0-9, _
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f
      ? Kind.Word
      : Kind.Separator;
  }
  if (cp < 0x10000) {
    let kind = bmpKind[cp] as Kind;
    if (kind === Kind.Unknown) bmpKind[cp] = kind = classify(cp);
    return kind;
  }
  let kind = astralKind.get(cp);
  if (kind === undefined) astralKind.set(cp, (kind = classify(cp)));
  return kind;
}
