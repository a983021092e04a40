/**
 * Numeric keys for Han/kana terms, and the tokenizer loop that hands them to the index's build
 * (forEachTerm). Pure: no Node APIs, no I/O.
 */
import { Kind } from './charKind.js';
import { normalizeText } from './fold.js';
import { kindAt, runTokens, scan, type TokenizePurpose } from './segment.js';

// ── numeric term keys ─────────────────────────────────────────────────────────────────────────
// The index looks up millions of Han bigrams while building; a Map lookup with a small-integer key
// is ≈7× faster than slicing a 2-character string and looking that up. So Han/kana bigrams and
// single characters of the BMP (U+2E80–U+9FFF, U+F900–U+FAFF) also have a numeric key, below 2^30
// so that it stays a V8 small integer even with pointer compression (Electron). Other terms
// (words, hangul, astral characters) are strings only.

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

/** The numeric key of a Han/kana token (a bigram or one character), or -1 if it has none. */
export function termKeyOf(token: string): number {
  if (token.length === 1) {
    const a = codeOf(token.charCodeAt(0));
    return a < 0 || kindAt(token, 0) !== Kind.Cjk ? -1 : UNIGRAM_BASE + a;
  }
  if (token.length === 2) {
    const a = codeOf(token.charCodeAt(0));
    const b = codeOf(token.charCodeAt(1));
    return a < 0 || b < 0 || kindAt(token, 0) !== Kind.Cjk || kindAt(token, 1) !== Kind.Cjk ? -1 : a * CODE_SPAN + b;
  }
  return -1;
}

/** The token of a numeric key (inverse of termKeyOf). */
export function termOfKey(key: number): string {
  return key >= UNIGRAM_BASE
    ? String.fromCharCode(unitOf(key - UNIGRAM_BASE))
    : String.fromCharCode(unitOf(Math.floor(key / CODE_SPAN)), unitOf(key % CODE_SPAN));
}

/**
 * Like forEachToken, for the index's build loop: Han/kana tokens that have a numeric key
 * (termKeyOf) are passed to `onKey` as that key; every other token is passed to `onToken` as the
 * range [start, end) of the string `s`, so that the index can look it up without slicing it.
 * Returns normalizeText(text).
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
    (start, end, astral) => {
      if (astral) return runTokens(s, start, end, astral, purpose, (token) => onToken(token, 0, token.length));
      let previous = codeOf(s.charCodeAt(start));
      if (end - start === 1) return previous >= 0 ? onKey(UNIGRAM_BASE + previous) : onToken(s, start, end);
      for (let k = start + 1; k < end; k++) {
        const code = codeOf(s.charCodeAt(k));
        if (previous >= 0 && code >= 0) onKey(previous * CODE_SPAN + code);
        else onToken(s, k - 1, k + 1);
        previous = code;
      }
      if (purpose === 'index') {
        if (previous >= 0) onKey(UNIGRAM_BASE + previous);
        else onToken(s, end - 1, end);
      }
    },
  );
  return s;
}
