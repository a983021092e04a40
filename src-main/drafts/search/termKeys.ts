/**
 * Numeric keys for Han/kana terms, and the tokenizer loop that hands them to the index's build
 * (forEachTerm). Pure: no Node APIs, no I/O.
 */
import { Kind } from './charKind.js';
import { normalizeText } from './fold.js';
import { kindAt, scan, type TokenizePurpose } from './segment.js';

// ── numeric term keys ─────────────────────────────────────────────────────────────────────────
// The index looks up millions of Han bigrams while building; a Map lookup with a small-integer key
// is ≈7× faster than slicing a 2-character string and looking that up. So Han/kana bigrams and
// single characters of the BMP (U+2E80–U+9FFF, U+F900–U+FAFF) also have a numeric key, below 2^30
// so that it stays a V8 small integer even with pointer compression (Electron). Other terms
// (words, hangul syllables, terms with a supplementary-plane character such as 𠀋 or 𠀋江) are
// strings only. Whether a term has a key depends on the term alone (termKeyOf), never on the text
// it came from: the dictionary keeps each term in one table, by that rule (TermDictionary.ts).

const CODE_SPAN = 0x9fff - 0x2e80 + 1 + 0x200;
const UNIGRAM_BASE = CODE_SPAN * CODE_SPAN;

function codeOf(unit: number): number {
  if (unit >= 0x2e80 && unit <= 0x9fff) return unit - 0x2e80;
  if (unit >= 0xf900 && unit <= 0xfaff) return unit - 0xf900 + 0x7180;
  return -1;
}

function unitOf(code: number): number {
  return code < 0x7180 ? code + 0x2e80 : code - 0x7180 + 0xf900;
}

/** The numeric key of the Han/kana token s[start, end) (a bigram or one character), or -1 if it has none. */
export function termKeyOfRange(s: string, start: number, end: number): number {
  if (end - start === 1) {
    const a = codeOf(s.charCodeAt(start));
    return a < 0 || kindAt(s, start) !== Kind.Cjk ? -1 : UNIGRAM_BASE + a;
  }
  if (end - start === 2) {
    const a = codeOf(s.charCodeAt(start));
    const b = codeOf(s.charCodeAt(start + 1));
    return a < 0 || b < 0 || kindAt(s, start) !== Kind.Cjk || kindAt(s, start + 1) !== Kind.Cjk ? -1 : a * CODE_SPAN + b;
  }
  return -1;
}

/** The numeric key of a Han/kana token (a bigram or one character), or -1 if it has none. */
export function termKeyOf(token: string): number {
  return termKeyOfRange(token, 0, token.length);
}

/** The token of a numeric key (inverse of termKeyOf). */
export function termOfKey(key: number): string {
  return key >= UNIGRAM_BASE
    ? String.fromCharCode(unitOf(key - UNIGRAM_BASE))
    : String.fromCharCode(unitOf(Math.floor(key / CODE_SPAN)), unitOf(key % CODE_SPAN));
}

/**
 * Like forEachToken, for the index's build loop: every token that has a numeric key (termKeyOf)
 * is passed to `onKey` as that key, every other token to `onToken` as the range [start, end) of
 * the string `s`, so that the index can look it up without slicing it. This holds in runs with
 * supplementary-plane characters too: in 𠀋江西省 the bigram 𠀋江 is a range, 江西 and 西省 are
 * keys, exactly as in a run of BMP characters only (a term must reach the dictionary the same way
 * wherever it occurs). Returns normalizeText(text).
 */
export function forEachTerm(
  text: string,
  purpose: TokenizePurpose,
  onToken: (s: string, start: number, end: number) => void,
  onKey: (key: number) => void,
): string {
  const s = normalizeText(text);
  scan(
    s,
    (start, end) => onToken(s, start, end),
    (start, end) => {
      // Code points of the run (a run holds whole surrogate pairs only: a lone surrogate is a
      // separator); codeOf is -1 for a surrogate, so a character of another plane has no code.
      let previousStart = start;
      let previous = codeOf(s.charCodeAt(start));
      let k = start + widthAt(s, start);
      if (k === end) return previous >= 0 ? onKey(UNIGRAM_BASE + previous) : onToken(s, start, end);
      while (k < end) {
        const next = k + widthAt(s, k);
        const code = codeOf(s.charCodeAt(k));
        if (previous >= 0 && code >= 0) onKey(previous * CODE_SPAN + code);
        else onToken(s, previousStart, next);
        previousStart = k;
        previous = code;
        k = next;
      }
      if (purpose === 'index') {
        if (previous >= 0) onKey(UNIGRAM_BASE + previous);
        else onToken(s, previousStart, end);
      }
    },
  );
  return s;
}

/** Length in code units of the character at s[i] of a run: 2 for a surrogate pair. */
function widthAt(s: string, i: number): number {
  const unit = s.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
}
