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
 *
 * Modules: charKind.ts (classifying code points), fold.ts (steps 1–2), segment.ts (step 3),
 * termKeys.ts (numeric keys of Han/kana terms, and forEachTerm for the index's build); this file
 * re-exports them and adds the token and query-group views.
 */
import { foldTableDigest, normalizeText } from './fold.js';
import { runTokens, scan, type TokenizePurpose } from './segment.js';

export { normalizeText } from './fold.js';
export { isCjkTerm, isSingleCjkTerm, isWordChar, type TokenizePurpose } from './segment.js';
export { forEachTerm, termKeyOf, termKeyOfRange, termOfKey } from './termKeys.js';

/** A query split into what must match: a word, or a Han/kana/hangul run with its bigrams (see `queryGroups`). */
export interface QueryGroup {
  /** The normalised word or run, as it must appear in the normalised text. */
  readonly text: string;
  /** Its tokens: the word itself; the run's bigrams; or, for a one-character run, the character. */
  readonly tokens: readonly string[];
  /** True for a Han/kana/hangul run. */
  readonly cjk: boolean;
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

/**
 * Bump when tokenizing or term ids change (the fold table is fingerprinted on its own).
 * 2: runs with a supplementary-plane character give their BMP bigrams the same term as any other
 * run (caches of 1 could hold such a term twice).
 */
export const TOKENIZER_VERSION = 2;

/**
 * Identifies the tokenizer an index was built with: the version above plus a digest of the fold
 * table, so that an index cached under another opencc-js dictionary is rebuilt, not half-matched.
 */
export function tokenizerFingerprint(): string {
  return `${TOKENIZER_VERSION}:${foldTableDigest()}`;
}
