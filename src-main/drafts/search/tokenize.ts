/**
 * The search tokenizer, shared by indexing and querying (pure: no Node APIs, no I/O).
 *
 * 1. Normalise: NFKC (full-width ASCII → half-width, compatibility ideographs → unified), then
 *    `toLowerCase()` (locale-independent, unlike `toLocaleLowerCase`).
 * 2. Fold Traditional and Simplified together, one character at a time, through a table built
 *    once from OpenCC's dictionaries as shipped by opencc-js: every pair of characters that OpenCC
 *    converts one into the other (Traditional→Simplified characters, Taiwan and Hong Kong variant
 *    forms, and the characters that differ inside its Traditional→Simplified and variant phrase
 *    lists) joins one class, and each character maps to its class's Simplified member. Why not
 *    run opencc-js's converter over the text:
 *    - Consistency. Phrase-level conversion depends on the neighbours (乾隆 keeps 乾, 乾燥 becomes
 *      干燥), so a query cut out of a phrase can convert differently from the same characters in
 *      the story and never match. A per-character fold is the same wherever the character
 *      stands: fold(substring) = substring of fold(text).
 *    - Completeness. A character-level converter leaves a character alone when it is also a
 *      valid Simplified one, so 批覆 (Traditional) stays 批覆 and misses 批复 (Simplified); the
 *      classes put 覆 with 复/復/複 because the phrase list converts 批覆 to 批复.
 *    - Speed. The phrase converter runs at ≈5 M characters/s here, ≈3 s for a 5,000-story
 *      library on its own (bench: tokenizerChoices, ≈5× normalizeText); the table is one lookup
 *      per character and takes ≈20 ms to build, once per process.
 *    The fold is lossy on purpose (乾/幹/干 → 干, and a few unrelated characters share a variant,
 *    e.g. 链/炼 through 鍊): it is for matching only; results are shown from the original text.
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
 *      its iteration is quadratic in the string length: a 13 k-character English story takes
 *      ≈130 ms whole (bench: tokenizerChoices) and still ≈4 ms cut into 256-character chunks,
 *      i.e. 7–200 s for the library, against ≈0.4 ms for this scanner. `Intl.Segmenter` is still
 *      used for the scripts written without spaces that it segments with a dictionary (Thai,
 *      Lao, Khmer, Myanmar), on those runs only, which are short.
 */
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

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

/** Code point → the Simplified member of its class (only characters that change). */
let foldTable: Map<number, string> | undefined;
/**
 * The same for BMP code units, as a flat table for the hot loop: 0 = not looked up yet; else the
 * folded code unit (the unit itself if unchanged), or NOT_ONE_UNIT if the fold is not one BMP unit.
 */
const bmpFold = new Uint16Array(0x10000);
const NOT_ONE_UNIT = 0xffff;

/** OpenCC dictionary text: "source target|source target|…" (targets may list alternatives). */
function* entries(dictionary: string): Generator<[string[], string[]]> {
  for (const entry of dictionary.split('|')) {
    const [source = '', target = ''] = entry.split(' ');
    yield [[...source], [...target]];
  }
}

function buildFoldTable(): Map<number, string> {
  const parent = new Map<string, string>();
  const find = (ch: string): string => {
    let root = ch;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    for (let at = ch; at !== root;) {
      const up = parent.get(at) as string;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra !== rb) parent.set(ra, rb);
  };
  // Simplified forms: targets of TSCharacters that are not themselves converted.
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const [source, target] of entries(TSCharacters)) {
    if (source.length === 1 && target.length === 1) {
      sources.add(source[0] as string);
      targets.add(target[0] as string);
    }
  }
  for (const dictionary of [TSCharacters, TWVariantsRev, HKVariantsRev, TSPhrases, TWVariantsRevPhrases, HKVariantsRevPhrases]) {
    for (const [source, target] of entries(dictionary)) {
      // Phrases are aligned character by character; entries whose lengths differ teach nothing.
      if (source.length !== target.length) continue;
      source.forEach((ch, i) => {
        const other = target[i] as string;
        if (ch !== other) union(ch, other);
      });
    }
  }
  const members = new Map<string, string[]>();
  for (const ch of parent.keys()) {
    const root = find(ch);
    const list = members.get(root);
    if (list === undefined) members.set(root, [ch]);
    else list.push(ch);
  }
  const table = new Map<number, string>();
  for (const list of members.values()) {
    // The class's Simplified member: a pure Simplified form if any, else any TSCharacters target,
    // else the lowest code point; ties go to the lowest code point, so the choice is stable.
    const rank = (ch: string) => (targets.has(ch) && !sources.has(ch) ? 0 : targets.has(ch) ? 1 : 2);
    const representative = list.reduce((best, ch) =>
      rank(ch) < rank(best) || (rank(ch) === rank(best) && (ch.codePointAt(0) as number) < (best.codePointAt(0) as number)) ? ch : best,
    );
    for (const ch of list) if (ch !== representative) table.set(ch.codePointAt(0) as number, representative);
  }
  return table;
}

/** The fold of one character (the character itself if it has none). */
function foldChar(cp: number): string {
  foldTable ??= buildFoldTable();
  return foldTable.get(cp) ?? String.fromCodePoint(cp);
}

function bmpFoldOf(unit: number): number {
  let folded = bmpFold[unit] as number;
  if (folded === 0) {
    const result = kindOf(unit) === Kind.Cjk ? foldChar(unit) : String.fromCharCode(unit);
    folded = result.length === 1 ? result.charCodeAt(0) : NOT_ONE_UNIT;
    bmpFold[unit] = folded;
  }
  return folded;
}

/** NFKC + lower case + Traditional→Simplified fold of Han characters. Used for indexing, queries and verification. */
export function normalizeText(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  // Folds almost always replace one code unit by one: patch a copy of the code units in place.
  let units: Uint16Array | null = null;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x2e80) continue;
    let folded: number;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const cp = s.codePointAt(i) as number;
      if (cp <= 0xffff || kindOf(cp) !== Kind.Cjk) continue;
      const result = foldChar(cp);
      i++;
      if (result.length !== 2) return normalizeSlowly(s);
      if (result.charCodeAt(0) === unit && result.charCodeAt(1) === s.charCodeAt(i)) continue;
      units ??= unitsOf(s);
      units[i - 1] = result.charCodeAt(0);
      folded = result.charCodeAt(1);
    } else {
      folded = bmpFoldOf(unit);
      if (folded === unit) continue;
      if (folded === NOT_ONE_UNIT) return normalizeSlowly(s);
      units ??= unitsOf(s);
    }
    units[i] = folded;
  }
  if (units === null) return s;
  let out = '';
  for (let k = 0; k < units.length; k += 4096) out += String.fromCharCode.apply(null, units.subarray(k, k + 4096) as unknown as number[]);
  return out;
}

function unitsOf(s: string): Uint16Array {
  const units = new Uint16Array(s.length);
  for (let k = 0; k < s.length; k++) units[k] = s.charCodeAt(k);
  return units;
}

/** normalizeText's general case (a fold that changes the length), code point by code point. */
function normalizeSlowly(s: string): string {
  const parts: string[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    parts.push(cp >= 0x2e80 && kindOf(cp) === Kind.Cjk ? foldChar(cp) : ch);
  }
  return parts.join('');
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

/**
 * Kind of the code point at s[i]; sets `width` to its length in code units (a module variable to
 * keep the hot loop allocation-free: read it right after the call, before calling anything else).
 */
let width = 1;
function kindAt(s: string, i: number): Kind {
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
function scan(s: string, onWord: (start: number, end: number) => void, onRun: (start: number, end: number, astral: boolean) => void): void {
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
function runTokens(s: string, start: number, end: number, astral: boolean, purpose: TokenizePurpose, emit: (token: string) => void): void {
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

/**
 * Calls `emit` for each token of `text`, in order, duplicates included (term frequency). See the
 * module comment; `purpose` only decides whether runs also emit their last character alone.
 */
export function forEachToken(text: string, purpose: TokenizePurpose, emit: (token: string) => void): void {
  const s = normalizeText(text);
  scan(
    s,
    (start, end) => emit(s.slice(start, end)),
    (start, end, astral) => runTokens(s, start, end, astral, purpose, emit),
  );
}

/** Tokens of `text` (see forEachToken). */
export function tokenize(text: string, purpose: TokenizePurpose = 'index'): string[] {
  const tokens: string[] = [];
  forEachToken(text, purpose, (token) => tokens.push(token));
  return tokens;
}

/**
 * The query as groups that must all match (AND). Flattening the groups' tokens gives exactly
 * `tokenize(query, 'query')`; the groups also tell the index which tokens form one run, so that it
 * can check the run appears contiguously.
 */
export function queryGroups(query: string): QueryGroup[] {
  const groups: QueryGroup[] = [];
  const s = normalizeText(query);
  scan(
    s,
    (start, end) => {
      const word = s.slice(start, end);
      groups.push({ text: word, tokens: [word], cjk: false });
    },
    (start, end, astral) => {
      const tokens: string[] = [];
      runTokens(s, start, end, astral, 'query', (token) => tokens.push(token));
      groups.push({ text: s.slice(start, end), tokens, cjk: true });
    },
  );
  return groups;
}

/** True for a query term that is one Han/kana/hangul character: it is matched as a prefix (see the module comment). */
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

/** Bump when tokenizing changes (the fold table is fingerprinted on its own). */
export const TOKENIZER_VERSION = 1;
let foldDigest: string | undefined;

/**
 * Identifies the tokenizer an index was built with: the version above plus a digest of the fold
 * table, so that an index cached under another opencc-js dictionary is rebuilt, not half-matched.
 */
export function tokenizerFingerprint(): string {
  if (foldDigest === undefined) {
    foldTable ??= buildFoldTable();
    let hash = 0x811c9dc5;
    for (const [cp, folded] of [...foldTable].sort((a, b) => a[0] - b[0])) {
      hash = Math.imul(hash ^ cp, 0x01000193);
      hash = Math.imul(hash ^ (folded.codePointAt(0) as number), 0x01000193);
    }
    foldDigest = `${foldTable.size}.${(hash >>> 0).toString(16)}`;
  }
  return `${TOKENIZER_VERSION}:${foldDigest}`;
}
