/**
 * The search tokenizer, shared by indexing and querying (pure: no Node APIs, no I/O).
 *
 * 1. Normalise: NFKC (full-width ASCII → half-width, compatibility ideographs → unified), then
 *    `toLowerCase()` (locale-independent, unlike `toLocaleLowerCase`).
 * 2. Fold Traditional → Simplified, one Han character at a time, with a table filled lazily from
 *    opencc-js's Taiwan and Hong Kong → mainland converters. Why per character rather than
 *    running the converter over the text:
 *    - Consistency. Phrase-level conversion depends on the neighbouring characters (乾隆 keeps
 *      乾, 乾燥 becomes 干燥), so a query cut out of a phrase can convert differently from the
 *      same characters inside the story and then never match. A per-character fold is the same
 *      wherever the character stands: fold(substring) = substring of fold(text).
 *    - Speed. The phrase converter runs at ≈5.5 M characters/s on this machine, ≈3 s for a
 *      5,000-story library on its own; the table is a lookup per character, and each distinct
 *      character costs one converter call (≈3 µs), once per process.
 *    Both converters are applied (Taiwan then Hong Kong variants) and the result is iterated to
 *    a fixed point, so the fold is idempotent (麼 → 么 → 幺 and 么 → 幺 agree) and Simplified
 *    input folds to itself. Folding is lossy on purpose (乾/幹/干 → 干): it is for matching only;
 *    results are always shown from the original text.
 * 3. Split into tokens:
 *    - Han, kana and hangul runs → overlapping character bigrams, so that any substring of two or
 *      more characters is found by AND-ing its bigrams (江西 in 江西省南昌市). For indexing, the
 *      last character of every run is also emitted alone (for a one-character run that is the
 *      character itself): together with prefix matching on one-character query terms
 *      (`isSingleCjkTerm`), any single character is findable too. Queries do not emit that extra
 *      unigram, because in a story the query's last character is usually not a run's last.
 *    - Letters/digits of other scripts → words, following UAX #29 closely enough for search:
 *      letters, digits, marks and connectors, joined across `.` `'` `’` between word characters
 *      (`u.s`, `don't`, `3.5`) and `,` between digits (`1,000`). Not `Intl.Segmenter`: in Node 20
 *      its iteration is quadratic in the string length (a 12 k-character English story takes
 *      ≈36 ms whole and still ≈4 ms in 256-character chunks, i.e. 20 s or more for the library;
 *      this scanner takes ≈0.2 ms). `Intl.Segmenter` is still used for the scripts written
 *      without spaces that it segments with a dictionary (Thai, Lao, Khmer, Myanmar), on those
 *      runs only, which are short.
 */
import { Converter } from 'opencc-js/t2cn';

/** How a code point takes part in tokenizing. */
const enum Kind {
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
const HAN_RE = /^\p{Script=Han}$/u;

/** Classification of the BMP, filled lazily (0 = not yet classified); astral code points in a Map. */
const bmpKind = new Uint8Array(0x10000);
const astralKind = new Map<number, Kind>();

function classify(cp: number): Kind {
  const ch = String.fromCodePoint(cp);
  if (CJK_RE.test(ch)) return Kind.Cjk;
  if (DICTIONARY_RE.test(ch)) return Kind.Dictionary;
  if (WORD_RE.test(ch)) return Kind.Word;
  return Kind.Separator;
}

function kindOf(cp: number): Kind {
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

let twToCn: ((text: string) => string) | undefined;
let hkToCn: ((text: string) => string) | undefined;
/** Folded form of each Han character met so far. */
const foldCache = new Map<number, string>();

function convertChar(ch: string): string {
  twToCn ??= Converter({ from: 'tw', to: 'cn' });
  hkToCn ??= Converter({ from: 'hk', to: 'cn' });
  const viaTw = twToCn(ch);
  return viaTw !== ch ? viaTw : hkToCn(ch);
}

/** Traditional → Simplified for one Han character (any other character is returned as is). */
function foldChar(cp: number, ch: string): string {
  let folded = foldCache.get(cp);
  if (folded !== undefined) return folded;
  folded = ch;
  if (HAN_RE.test(ch)) {
    // Iterate to a fixed point (at most a few steps) so that fold(fold(c)) = fold(c).
    for (let step = 0; step < 4; step++) {
      const next = convertChar(folded);
      if (next === folded || [...next].length !== 1) break;
      folded = next;
    }
  }
  foldCache.set(cp, folded);
  return folded;
}

/** NFKC + lower case + Traditional→Simplified fold of Han characters. Used for indexing, queries and verification. */
export function normalizeText(text: string): string {
  const lowered = text.normalize('NFKC').toLowerCase();
  let out = '';
  let copiedUpTo = 0;
  for (let i = 0; i < lowered.length;) {
    const cp = lowered.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (cp >= 0x2e80 && kindOf(cp) === Kind.Cjk) {
      const ch = lowered.slice(i, i + width);
      const folded = foldChar(cp, ch);
      if (folded !== ch) {
        out += lowered.slice(copiedUpTo, i) + folded;
        copiedUpTo = i + width;
      }
    }
    i += width;
  }
  return copiedUpTo === 0 ? lowered : out + lowered.slice(copiedUpTo);
}

export type TokenizePurpose = 'index' | 'query';

/** A query split into what must match: a word, or a Han/kana/hangul run with its bigrams (see `queryGroups`). */
export interface QueryGroup {
  /** The normalised word or run, as it must appear in the normalised text. */
  readonly text: string;
  /** Its tokens: the word itself; the run's bigrams; or, for a one-character run, the character. */
  readonly tokens: readonly string[];
  /** True for a Han/kana/hangul run. */
  readonly cjk: boolean;
}

let segmenter: Intl.Segmenter | undefined;

function isDigit(cp: number | undefined): boolean {
  return cp !== undefined && cp >= 0x30 && cp <= 0x39;
}

/** Calls `onWord` for every word and `onRun` for every Han/kana/hangul run of the normalised string `s`, in order. */
function scan(s: string, onWord: (word: string) => void, onRun: (chars: string[]) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const cp = s.codePointAt(i) as number;
    const kind = kindOf(cp);
    if (kind === Kind.Word) {
      const start = i;
      let end = i;
      while (end < n) {
        const c = s.codePointAt(end) as number;
        if (kindOf(c) === Kind.Word) {
          end += c > 0xffff ? 2 : 1;
          continue;
        }
        // Joiners between two word characters: . ' ’ anywhere, , only between digits.
        const next = s.codePointAt(end + 1);
        if (next === undefined || kindOf(next) !== Kind.Word) break;
        if (c === 0x2e || c === 0x27 || c === 0x2019 || (c === 0x2c && isDigit(s.codePointAt(end - 1)) && isDigit(next))) {
          end += 1;
          continue;
        }
        break;
      }
      onWord(s.slice(start, end));
      i = end;
    } else if (kind === Kind.Cjk) {
      const run: string[] = [];
      while (i < n) {
        const c = s.codePointAt(i) as number;
        if (kindOf(c) !== Kind.Cjk) break;
        if (c > 0xffff) {
          run.push(s.slice(i, i + 2));
          i += 2;
        } else {
          run.push(s[i] as string);
          i += 1;
        }
      }
      onRun(run);
    } else if (kind === Kind.Dictionary) {
      const start = i;
      // Combining marks of these scripts belong to the script, so the run stays whole.
      while (i < n) {
        const c = s.codePointAt(i) as number;
        if (kindOf(c) !== Kind.Dictionary) break;
        i += c > 0xffff ? 2 : 1;
      }
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
      for (const part of segmenter.segment(s.slice(start, i))) if (part.isWordLike) onWord(part.segment);
    } else {
      i += cp > 0xffff ? 2 : 1;
    }
  }
}

/**
 * Tokens of `text` (normalised: see the module comment). `purpose` only changes one thing: for
 * `'index'` the last character of each Han/kana/hangul run of two or more is also emitted on its
 * own (see the module comment); queries leave it out. Order follows the text; duplicates are kept
 * (term frequency).
 */
export function tokenize(text: string, purpose: TokenizePurpose = 'index'): string[] {
  const tokens: string[] = [];
  scan(
    normalizeText(text),
    (word) => tokens.push(word),
    (run) => {
      if (run.length === 1) {
        tokens.push(run[0] as string);
        return;
      }
      for (let k = 0; k + 1 < run.length; k++) tokens.push((run[k] as string) + (run[k + 1] as string));
      if (purpose === 'index') tokens.push(run[run.length - 1] as string);
    },
  );
  return tokens;
}

/**
 * The query as groups that must all match (AND). Flattening the groups' tokens gives exactly
 * `tokenize(query, 'query')`; the groups also tell the index which tokens form one run, so that it
 * can check the run appears contiguously.
 */
export function queryGroups(query: string): QueryGroup[] {
  const groups: QueryGroup[] = [];
  scan(
    normalizeText(query),
    (word) => groups.push({ text: word, tokens: [word], cjk: false }),
    (run) => {
      const tokens: string[] = [];
      if (run.length === 1) tokens.push(run[0] as string);
      for (let k = 0; k + 1 < run.length; k++) tokens.push((run[k] as string) + (run[k + 1] as string));
      groups.push({ text: run.join(''), tokens, cjk: true });
    },
  );
  return groups;
}

/** True for a query term that is one Han/kana/hangul character: it is matched as a prefix (see the module comment). */
export function isSingleCjkTerm(term: string): boolean {
  const cp = term.codePointAt(0);
  return cp !== undefined && term.length === (cp > 0xffff ? 2 : 1) && kindOf(cp) === Kind.Cjk;
}

/** True if the term starts with a Han/kana/hangul character (bigrams and single characters). */
export function isCjkTerm(term: string): boolean {
  const cp = term.codePointAt(0);
  return cp !== undefined && kindOf(cp) === Kind.Cjk;
}

/** True for a character that belongs to words (letters, digits, marks, connectors) outside Han/kana/hangul. */
export function isWordChar(ch: string): boolean {
  const cp = ch.codePointAt(0);
  return cp !== undefined && kindOf(cp) === Kind.Word;
}
