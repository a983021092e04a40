/**
 * Step 3 of tokenize.ts's module comment: splitting normalised text into words and Han/kana/hangul
 * runs, and a run into its tokens (bigrams, plus the last character alone when indexing). Pure: no
 * Node APIs, no I/O.
 */
import { bmpKind, Kind, kindOf } from './charKind.js';

export type TokenizePurpose = 'index' | 'query';

let segmenter: Intl.Segmenter | undefined;

/**
 * Kind of the code point at s[i]; sets `width` to its length in code units (a module variable to
 * keep the hot loop allocation-free: read it right after the call, before calling anything else).
 */
let width = 1;
export function kindAt(s: string, i: number): Kind {
  const unit = s.charCodeAt(i);
  width = 1;
  if (unit < 0x80) return ASCII_KIND[unit] as Kind;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) width = 2;
    return kindOf(cp);
  }
  const kind = bmpKind[unit] as Kind;
  return kind !== Kind.Unknown ? kind : kindOf(unit);
}
const ASCII_KIND = Uint8Array.from({ length: 0x80 }, (_, cp) => kindOf(cp));

function isDigitUnit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/**
 * Walks the normalised string `s`: `onWord(start, end)` for each word, `onRun(start, end, astral)`
 * for each Han/kana/hangul run (`astral`: it contains surrogate pairs), in order.
 */
export function scan(
  s: string,
  onWord: (start: number, end: number) => void,
  onRun: (start: number, end: number, astral: boolean) => void,
): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const kind = kindAt(s, i);
    if (kind === Kind.Word) {
      const start = i;
      let end = i + width;
      while (end < n) {
        if (kindAt(s, end) === Kind.Word) {
          end += width;
          continue;
        }
        // Joiners between two word characters: . ' ’ anywhere, , only between digits.
        const unit = s.charCodeAt(end);
        if (unit !== 0x2e && unit !== 0x27 && unit !== 0x2019 && unit !== 0x2c) break;
        if (end + 1 >= n || kindAt(s, end + 1) !== Kind.Word) break;
        if (unit === 0x2c && !(isDigitUnit(s.charCodeAt(end - 1)) && isDigitUnit(s.charCodeAt(end + 1)))) break;
        end += 1;
      }
      onWord(start, end);
      i = end;
    } else if (kind === Kind.Cjk) {
      const start = i;
      let astral = width === 2;
      i += width;
      while (i < n && kindAt(s, i) === Kind.Cjk) {
        if (width === 2) astral = true;
        i += width;
      }
      onRun(start, i, astral);
    } else if (kind === Kind.Dictionary) {
      const start = i;
      // Combining marks of these scripts belong to the script, so the run stays whole.
      i += width;
      while (i < n && kindAt(s, i) === Kind.Dictionary) i += width;
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
      const base = start;
      for (const part of segmenter.segment(s.slice(start, i)))
        if (part.isWordLike) onWord(base + part.index, base + part.index + part.segment.length);
    } else {
      i += width;
    }
  }
}

/** Emits a run's tokens: overlapping bigrams; for indexing also the last character alone (the only token of a 1-character run). */
export function runTokens(
  s: string,
  start: number,
  end: number,
  astral: boolean,
  purpose: TokenizePurpose,
  emit: (token: string) => void,
): void {
  if (!astral) {
    if (end - start === 1) return emit(s[start] as string);
    for (let k = start; k + 2 <= end; k++) emit(s.slice(k, k + 2));
    if (purpose === 'index') emit(s[end - 1] as string);
    return;
  }
  const chars = [...s.slice(start, end)];
  if (chars.length === 1) return emit(chars[0] as string);
  for (let k = 0; k + 1 < chars.length; k++) emit((chars[k] as string) + (chars[k + 1] as string));
  if (purpose === 'index') emit(chars[chars.length - 1] as string);
}

/** True for a query term that is one Han/kana/hangul character: it is matched as a prefix (see tokenize.ts's module comment). */
export function isSingleCjkTerm(term: string): boolean {
  return term.length > 0 && kindAt(term, 0) === Kind.Cjk && width === term.length;
}

/** True if the term starts with a Han/kana/hangul character (bigrams and single characters). */
export function isCjkTerm(term: string): boolean {
  return term.length > 0 && kindAt(term, 0) === Kind.Cjk;
}

/** True for a character that belongs to words (letters, digits, marks, connectors) outside Han/kana/hangul. */
export function isWordChar(ch: string): boolean {
  return ch.length > 0 && kindAt(ch, 0) === Kind.Word;
}
