/**
 * Full-text index of the drafts library: a rebuildable cache (see indexCache.ts), never the truth.
 *
 * Why not MiniSearch: measured on 5,000 synthetic Chinese stories of 2,000 characters with this
 * tokenizer, `MiniSearch#addAll` took 52 s, its JSON was 56 MB and the heap 1.3 GB. Its radix
 * tree scans every child of a node to insert a term, and character bigrams give the root and its
 * children hundreds to thousands of children each; its postings are nested Maps. So this is a
 * small purpose-built inverted index instead:
 *
 * - Term dictionary: BMP Han/kana bigrams and characters by integer key (termKeyOf) in an
 *   open-addressing int table, other terms (words…) in a string table looked up by range, so the
 *   ~10 M lookups of a full build allocate nothing for known terms.
 * - Postings per term: (slot delta, packed per-field term frequencies) as varints in one shared
 *   byte arena, in slot order; postings of documents added since the last merge sit in a log
 *   (one Int32Array, linked per term) until merged into the arena, which happens when the log
 *   reaches half the arena, so a full build copies O(size) bytes.
 * - A document lives in a slot; replacing or removing it leaves its postings behind as garbage
 *   (skipped: the slot is empty) until a compaction renumbers the slots.
 * - Ranking: BM25 per field, fields boosted headline 4 > deck 2 = tags 2 > body 1.
 * Measured by bench/search.bench.mjs on 5,000 stories (~44 MB of text, 2 shared vCPUs): full
 * build ≈3.5–6 s, ≈30 MB of heap, cache JSON ≈23 MB, search p95 ≈3–8 ms against ≈19–30 ms for a
 * linear scan of the same texts.
 *
 * Precision (the decision asked for): a Han run of three or more characters is searched as the
 * AND of its bigrams, which can match a story that has every bigram but never the run itself. The
 * body is NOT kept (5,000 × ~10 KB would double the cache), only its first LEAD_CHARS characters
 * (the lead), with the headline, deck and tags. Each candidate's runs are checked against that
 * stored text:
 * - found → an exact match;
 * - not found, and either the whole body fits in the lead or one of the run's bigrams does not
 *   occur in the body at all → a proven false positive: dropped;
 * - otherwise → probably in the body beyond the lead: kept, but ranked after every exact match.
 * Words (Latin etc.), single bigrams and single characters are matched exactly by the index.
 *
 * Snippets come from the same stored text (headline, then deck, then lead); a match deeper in the
 * body gets the story's opening (deck, else lead) as its snippet.
 */
import { Buffer } from 'node:buffer';
import {
  forEachTerm,
  isCjkTerm,
  isSingleCjkTerm,
  isWordChar,
  normalizeText,
  type QueryGroup,
  queryGroups,
  termKeyOf,
  termOfKey,
  tokenizerFingerprint,
} from './tokenize.js';

export interface SearchDoc {
  id: string;
  revision: number;
  headline: string;
  deck: string;
  body: string;
  tags: string[];
  section: string;
  language: 'zh-Hant' | 'zh-Hans' | 'en';
  status: 'draft' | 'ready' | 'editing' | 'approved' | 'filed';
  createdAt: string;
  updatedAt: string /* ISO */;
}

export interface SearchFilters {
  /** Any of these statuses; an empty list means no status filter. */
  status?: SearchDoc['status'][];
  /** Exact section name. */
  section?: string;
  language?: SearchDoc['language'];
  /** Inclusive bounds on `updatedAt`, compared as instants (offsets respected). A date-only `updatedTo` (YYYY-MM-DD) includes that whole UTC day. */
  updatedFrom?: string;
  updatedTo?: string /* ISO, inclusive */;
}

export interface SearchHit {
  id: string;
  score: number;
  snippet: string /* ~80 chars of context around the first match, from headline/deck/body */;
}

const FORMAT = 'copydesk.story-index';
const FORMAT_VERSION = 1;
/** How much of the body is kept for checking runs and for snippets (UTF-16 code units). */
export const LEAD_CHARS = 400;
const SNIPPET_CHARS = 80;
const SNIPPET_BEFORE = 30;
const DEFAULT_LIMIT = 200;

const STATUSES: readonly string[] = ['draft', 'ready', 'editing', 'approved', 'filed'];
const LANGUAGES: readonly string[] = ['zh-Hant', 'zh-Hans', 'en'];

// Per-field term frequencies packed in one int: body in bits 0–15, headline 16–20, deck 21–25, tags 26–30.
const BODY_MAX = 0xffff;
const SMALL_MAX = 31;
function pack(headline: number, deck: number, tags: number, body: number): number {
  return (
    Math.min(body, BODY_MAX) +
    Math.min(headline, SMALL_MAX) * 0x10000 +
    Math.min(deck, SMALL_MAX) * 0x200000 +
    Math.min(tags, SMALL_MAX) * 0x4000000
  );
}
const tfHeadline = (p: number) => (p >>> 16) & SMALL_MAX;
const tfDeck = (p: number) => (p >>> 21) & SMALL_MAX;
const tfTags = (p: number) => (p >>> 26) & SMALL_MAX;
const tfBody = (p: number) => p & BODY_MAX;
const addPacked = (a: number, b: number) =>
  pack(tfHeadline(a) + tfHeadline(b), tfDeck(a) + tfDeck(b), tfTags(a) + tfTags(b), tfBody(a) + tfBody(b));

const BOOST_HEADLINE = 4;
const BOOST_DECK = 2;
const BOOST_TAGS = 2;
const BOOST_BODY = 1;
const K1 = 1.2;
const B = 0.75;

interface NormalizedText {
  headline: string;
  deck: string;
  /** The tags joined by newlines (a run never spans a line break). */
  tags: string;
  lead: string;
}

/** normalizeText of the stored texts: kept from indexing, or computed on first use after fromJSON. */
function normalizedOf(doc: DocRecord): NormalizedText {
  doc.normalized ??= {
    headline: normalizeText(doc.headline),
    deck: normalizeText(doc.deck),
    tags: normalizeText(doc.tags.join('\n')),
    lead: normalizeText(doc.lead),
  };
  return doc.normalized;
}

function storedTextIncludes(doc: DocRecord, run: string): boolean {
  const { headline, deck, tags, lead } = normalizedOf(doc);
  return headline.includes(run) || deck.includes(run) || tags.includes(run) || lead.includes(run);
}

interface DocRecord {
  readonly id: string;
  readonly revision: number;
  readonly status: SearchDoc['status'];
  readonly section: string;
  readonly language: SearchDoc['language'];
  readonly updatedAt: string;
  readonly updatedMs: number;
  readonly headline: string;
  readonly deck: string;
  readonly tags: readonly string[];
  /** The first LEAD_CHARS code units of the body. */
  readonly lead: string;
  readonly bodyComplete: boolean;
  /** Token counts: headline, deck, tags, body. */
  readonly lenHeadline: number;
  readonly lenDeck: number;
  readonly lenTags: number;
  readonly lenBody: number;
  normalized?: NormalizedText;
}

type SerializedDoc = [
  id: string,
  revision: number,
  status: string,
  section: string,
  language: string,
  updatedAt: string,
  headline: string,
  deck: string,
  tags: string[],
  lead: string,
  bodyComplete: 0 | 1,
  lenHeadline: number,
  lenDeck: number,
  lenTags: number,
  lenBody: number,
];

interface SerializedIndex {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  tokenizer: string;
  /** Index = slot; null = empty slot. */
  docs: (SerializedDoc | null)[];
  /** Terms by id, joined by "\n" (no token contains a line break). */
  terms: string;
  /** base64 varints: byte length of each term's postings in `postings`, in term order. */
  termBytes: string;
  /** base64 of the arena: per term, varint pairs (slot delta, packed term frequencies). */
  postings: string;
}

/** A growable byte buffer with unsigned LEB128 varints. */
class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }
  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  varint(value: number): void {
    if (value < 0x80 && this.length < this.bytes.length) {
      this.bytes[this.length++] = value;
      return;
    }
    this.ensure(5);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }
  copy(source: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    if (end - start > 64) {
      this.bytes.set(source.subarray(start, end), this.length);
      this.length += end - start;
    } else {
      const bytes = this.bytes;
      for (let i = start; i < end; i++) bytes[this.length++] = source[i] as number;
    }
  }
}

/**
 * Non-negative int → int hash table (open addressing, linear probing, keys and values interleaved
 * in one Int32Array). For the millions of bigram lookups of a build it is ≈3× faster than a Map.
 */
class IntTable {
  private bits = 10;
  private table = new Int32Array(2 << 10).fill(-1);
  private count = 0;

  /** The value, or -1. */
  get(key: number): number {
    const table = this.table;
    const mask = (1 << this.bits) - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const found = table[i << 1] as number;
      if (found === key) return table[(i << 1) + 1] as number;
      if (found === -1) return -1;
    }
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > 1 << this.bits) this.resize();
    const table = this.table;
    const mask = (1 << this.bits) - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const found = table[i << 1] as number;
      if (found === -1) this.count++;
      if (found === -1 || found === key) {
        table[i << 1] = key;
        table[(i << 1) + 1] = value;
        return;
      }
    }
  }

  clear(): void {
    this.bits = 10;
    this.table = new Int32Array(2 << 10).fill(-1);
    this.count = 0;
  }

  private resize(): void {
    const old = this.table;
    this.bits++;
    this.table = new Int32Array(2 << this.bits).fill(-1);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.set(old[i] as number, old[i + 1] as number);
  }
}

/**
 * String → id table whose lookups take a range of another string, so that the words of a story
 * need no slicing to be found (FNV-1a hash, open addressing; the strings live in `terms`).
 */
class StringTable {
  private bits = 10;
  private ids = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(1 << 10);
  private count = 0;

  static hash(s: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }

  /** Id of the term equal to s[start, end), or -1. */
  find(terms: readonly string[], s: string, start: number, end: number, hash: number): number {
    const mask = (1 << this.bits) - 1;
    const length = end - start;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const id = this.ids[i] as number;
      if (id === -1) return -1;
      if (this.hashes[i] !== hash) continue;
      const term = terms[id] as string;
      if (term.length !== length) continue;
      let k = 0;
      while (k < length && term.charCodeAt(k) === s.charCodeAt(start + k)) k++;
      if (k === length) return id;
    }
  }

  /** Adds a term known not to be present. */
  add(hash: number, id: number): void {
    if ((this.count + 1) * 2 > 1 << this.bits) this.resize();
    const mask = (1 << this.bits) - 1;
    let i = Math.imul(hash, 0x9e3779b1) >>> (32 - this.bits);
    while (this.ids[i] !== -1) i = (i + 1) & mask;
    this.ids[i] = id;
    this.hashes[i] = hash;
    this.count++;
  }

  clear(): void {
    this.bits = 10;
    this.ids = new Int32Array(1 << 10).fill(-1);
    this.hashes = new Int32Array(1 << 10);
    this.count = 0;
  }

  private resize(): void {
    const { ids, hashes } = this;
    this.bits++;
    this.ids = new Int32Array(1 << this.bits).fill(-1);
    this.hashes = new Int32Array(1 << this.bits);
    this.count = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== -1) this.add(hashes[i] as number, ids[i] as number);
  }
}

/** Growable Int32Array (doubling). */
function grow(array: Int32Array, minLength: number): Int32Array {
  if (array.length >= minLength) return array;
  const next = new Int32Array(Math.max(minLength, array.length * 2, 64));
  next.set(array);
  return next;
}

/** A decoded posting list of live documents: parallel slots (ascending) and packed frequencies. */
interface Postings {
  slots: Int32Array;
  tfs: Int32Array;
  length: number;
}

function compileFilters(filters: SearchFilters): (doc: DocRecord) => boolean {
  const statuses = filters.status !== undefined && filters.status.length > 0 ? new Set<string>(filters.status) : undefined;
  const { section, language } = filters;
  let from = -Infinity;
  let to = Infinity;
  if (filters.updatedFrom !== undefined) {
    from = Date.parse(filters.updatedFrom);
    if (Number.isNaN(from)) throw new RangeError(`updatedFrom is not a date: ${filters.updatedFrom}`);
  }
  if (filters.updatedTo !== undefined) {
    to = Date.parse(filters.updatedTo);
    if (Number.isNaN(to)) throw new RangeError(`updatedTo is not a date: ${filters.updatedTo}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(filters.updatedTo)) to += 86_400_000 - 1;
  }
  const dated = from !== -Infinity || to !== Infinity;
  return (doc) =>
    (statuses === undefined || statuses.has(doc.status)) &&
    (section === undefined || doc.section === section) &&
    (language === undefined || doc.language === language) &&
    (!dated || (doc.updatedMs >= from && doc.updatedMs <= to));
}

/** Cut at most `max` code units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

export class StoryIndex {
  private readonly slots: (DocRecord | undefined)[] = [];
  private readonly idToSlot = new Map<string, number>();
  private sumHeadline = 0;
  private sumDeck = 0;
  private sumTags = 0;
  private sumBody = 0;

  /** Term ids: Han/kana terms with a numeric key (termKeyOf) by key, all others by string. */
  private readonly keyIds = new IntTable();
  private readonly stringIds = new StringTable();
  private terms: string[] = [];
  /** Han/kana/hangul terms by first character, for one-character queries (prefix match). */
  private byFirstChar: Map<string, number[]> | null = null;
  /** Arena: postings of term 0, then term 1, …, contiguous (offset/bytes per term id). */
  private arena: Uint8Array = new Uint8Array(0);
  private termOffset: Int32Array = new Int32Array(0);
  private termBytes: Int32Array = new Int32Array(0);
  /** Postings of the term in the arena, and the last slot among them (-1: none). */
  private termCount: Int32Array = new Int32Array(0);
  private termLastSlot: Int32Array = new Int32Array(0);
  private arenaPostings = 0;
  /**
   * Postings not yet merged into the arena: a log, also linked per term (newest first) for
   * searching. Entry `at` is log[4at..4at+3] = term id, slot, packed frequencies, previous entry of
   * the same term (-1: none); tailLast/tailCount give each term's newest entry and entry count.
   */
  private log: Int32Array = new Int32Array(0);
  private logLength = 0;
  private tailLast: Int32Array = new Int32Array(0);
  private tailCount: Int32Array = new Int32Array(0);
  /** Scratch for upsert: packed frequencies of the document being added, by term id. */
  private docTf: Int32Array = new Int32Array(0);

  private constructor() {}

  static create(): StoryIndex {
    return new StoryIndex();
  }

  get size(): number {
    return this.idToSlot.size;
  }

  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  revisionOf(id: string): number | undefined {
    const slot = this.idToSlot.get(id);
    return slot === undefined ? undefined : this.slots[slot]?.revision;
  }

  /** Ids of the indexed stories (a copy: safe to remove while iterating). */
  ids(): string[] {
    return [...this.idToSlot.keys()];
  }

  /** Adds the document, replacing any document with the same id. */
  upsert(doc: SearchDoc): void {
    this.detach(doc.id);
    const touched: number[] = [];
    let tokens = 0;
    /** Counts the tokens of one field into docTf, in the field's bit range (see pack()), saturating; returns the normalised text. */
    const count = (text: string, shift: number, max: number): string => {
      const unit = 2 ** shift;
      const bump = (termId: number) => {
        tokens++;
        const packed = this.docTf[termId] as number;
        if (packed === 0) touched.push(termId);
        if (((packed >>> shift) & max) !== max) this.docTf[termId] = packed + unit;
      };
      return forEachTerm(
        text,
        'index',
        (s, start, end) => {
          const hash = StringTable.hash(s, start, end);
          const termId = this.stringIds.find(this.terms, s, start, end, hash);
          bump(termId >= 0 ? termId : this.addTerm(s.slice(start, end), -1));
        },
        (key) => {
          const termId = this.keyIds.get(key);
          bump(termId >= 0 ? termId : this.addTerm(termOfKey(key), key));
        },
      );
    };
    const headline = count(doc.headline, 16, SMALL_MAX);
    const lenHeadline = tokens;
    const deck = count(doc.deck, 21, SMALL_MAX);
    const lenDeck = tokens - lenHeadline;
    const tags = count(doc.tags.join('\n'), 26, SMALL_MAX);
    const lenTags = tokens - lenHeadline - lenDeck;
    count(doc.body, 0, BODY_MAX);
    const lenBody = tokens - lenHeadline - lenDeck - lenTags;

    const slot = this.slots.length;
    const lead = cut(doc.body, LEAD_CHARS);
    this.slots.push({
      id: doc.id,
      revision: doc.revision,
      status: doc.status,
      section: doc.section,
      language: doc.language,
      updatedAt: doc.updatedAt,
      updatedMs: Date.parse(doc.updatedAt),
      headline: doc.headline,
      deck: doc.deck,
      tags: [...doc.tags],
      lead,
      bodyComplete: lead.length === doc.body.length,
      lenHeadline,
      lenDeck,
      lenTags,
      lenBody,
      normalized: { headline, deck, tags, lead: normalizeText(lead) },
    });
    this.idToSlot.set(doc.id, slot);
    this.addLengths(lenHeadline, lenDeck, lenTags, lenBody, 1);

    const needed = this.logLength + touched.length;
    this.log = grow(this.log, needed * 4);
    const log = this.log;
    for (const termId of touched) {
      const at = this.logLength++;
      log[4 * at] = termId;
      log[4 * at + 1] = slot;
      log[4 * at + 2] = this.docTf[termId] as number;
      this.docTf[termId] = 0;
      log[4 * at + 3] = this.tailLast[termId] as number;
      this.tailLast[termId] = at;
      this.tailCount[termId] = (this.tailCount[termId] as number) + 1;
    }
    this.maintain();
  }

  remove(id: string): void {
    this.detach(id);
    this.maintain();
  }

  /**
   * Stories matching every word and run of `query` (see the module comment), best first: exact
   * matches by score, then probable body matches by score. Empty or punctuation-only query → [].
   * Throws RangeError for a date filter that is not a date.
   */
  search(query: string, filters: SearchFilters = {}, limit = DEFAULT_LIMIT): SearchHit[] {
    const accept = compileFilters(filters);
    const groups = queryGroups(query);
    if (groups.length === 0 || !(limit >= 1)) return [];
    // token → bitmask of the groups (the first 31) that contain it
    const tokenGroups = new Map<string, number>();
    groups.forEach((group, g) => {
      for (const token of group.tokens) tokenGroups.set(token, (tokenGroups.get(token) ?? 0) | (g < 31 ? 1 << g : 0));
    });

    const lists: { token: string; postings: Postings }[] = [];
    for (const token of tokenGroups.keys()) {
      const postings = isSingleCjkTerm(token) ? this.prefixPostings(token) : this.termPostings(token);
      if (postings.length === 0) return [];
      lists.push({ token, postings });
    }
    lists.sort((a, b) => a.postings.length - b.postings.length);

    const live = this.idToSlot.size;
    const avgHeadline = this.sumHeadline / live || 1;
    const avgDeck = this.sumDeck / live || 1;
    const avgTags = this.sumTags / live || 1;
    const avgBody = this.sumBody / live || 1;
    const norm = (tf: number, length: number, avg: number) => (tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg)));

    // Candidates, in ascending slot order: the first (shortest) list filtered, then intersected
    // in place with each further list, accumulating BM25 scores.
    const first = (lists[0] as { postings: Postings }).postings;
    const slots = new Int32Array(first.length);
    const scores = new Float64Array(first.length);
    /** Bit g: some token of query group g does not occur in the body. */
    const notInBody = new Int32Array(first.length);
    let count = 0;
    for (let i = 0; i < first.length; i++) {
      const slot = first.slots[i] as number;
      if (accept(this.slots[slot] as DocRecord)) slots[count++] = slot;
    }
    for (const { token, postings } of lists) {
      const idf = Math.log(1 + (live - postings.length + 0.5) / (postings.length + 0.5));
      const groupMask = tokenGroups.get(token) ?? 0;
      let kept = 0;
      let j = 0;
      for (let c = 0; c < count; c++) {
        const slot = slots[c] as number;
        while (j < postings.length && (postings.slots[j] as number) < slot) j++;
        if (j === postings.length) break;
        if (postings.slots[j] !== slot) continue;
        const packed = postings.tfs[j] as number;
        const doc = this.slots[slot] as DocRecord;
        slots[kept] = slot;
        scores[kept] =
          (scores[c] as number) +
          idf *
            (BOOST_HEADLINE * norm(tfHeadline(packed), doc.lenHeadline, avgHeadline) +
              BOOST_DECK * norm(tfDeck(packed), doc.lenDeck, avgDeck) +
              BOOST_TAGS * norm(tfTags(packed), doc.lenTags, avgTags) +
              BOOST_BODY * norm(tfBody(packed), doc.lenBody, avgBody));
        notInBody[kept] = (notInBody[c] as number) | (tfBody(packed) === 0 ? groupMask : 0);
        kept++;
      }
      count = kept;
    }

    // Check runs of 3+ characters against the stored text (see the module comment); exact
    // matches get a rank key above every probable one.
    const checks = groups.flatMap((group, g) =>
      group.cjk && group.tokens.length >= 2 ? [{ text: group.text, bit: g < 31 ? 1 << g : 0 }] : [],
    );
    const EXACT = 1e12;
    const rankKey = new Float64Array(count);
    let ranked = 0;
    for (let c = 0; c < count; c++) {
      const doc = this.slots[slots[c] as number] as DocRecord;
      let tier = 0;
      for (const check of checks) {
        if (storedTextIncludes(doc, check.text)) continue;
        tier = doc.bodyComplete || ((notInBody[c] as number) & check.bit) !== 0 ? 2 : 1;
        if (tier === 2) break;
      }
      if (tier === 2) continue;
      slots[ranked] = slots[c] as number;
      scores[ranked] = scores[c] as number;
      rankKey[ranked] = (scores[c] as number) + (tier === 0 ? EXACT : 0);
      ranked++;
    }

    // Top `limit` by rank key: find the threshold with a native numeric sort, order the few above it.
    const take = Math.min(Math.floor(limit), ranked);
    if (take === 0) return [];
    const keys = rankKey.slice(0, ranked).sort();
    const threshold = keys[ranked - take] as number;
    const top: { slot: number; score: number; key: number; doc: DocRecord }[] = [];
    for (let c = 0; c < ranked; c++) {
      if ((rankKey[c] as number) < threshold) continue;
      const slot = slots[c] as number;
      top.push({ slot, score: scores[c] as number, key: rankKey[c] as number, doc: this.slots[slot] as DocRecord });
    }
    top.sort((a, b) => b.key - a.key || b.doc.updatedMs - a.doc.updatedMs || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
    return top.slice(0, take).map(({ score, doc }) => ({ id: doc.id, score, snippet: snippetOf(doc, groups) }));
  }

  toJSON(): unknown {
    if (this.garbageSlots() > 0) this.compact();
    else this.mergeLog();
    const docs: (SerializedDoc | null)[] = this.slots.map((doc) =>
      doc === undefined
        ? null
        : [
            doc.id,
            doc.revision,
            doc.status,
            doc.section,
            doc.language,
            doc.updatedAt,
            doc.headline,
            doc.deck,
            [...doc.tags],
            doc.lead,
            doc.bodyComplete ? 1 : 0,
            doc.lenHeadline,
            doc.lenDeck,
            doc.lenTags,
            doc.lenBody,
          ],
    );
    const lengths = new ByteWriter(this.terms.length * 2);
    for (let t = 0; t < this.terms.length; t++) lengths.varint(this.termBytes[t] as number);
    const used =
      this.terms.length === 0 ? 0 : (this.termOffset[this.terms.length - 1] as number) + (this.termBytes[this.terms.length - 1] as number);
    const json: SerializedIndex = {
      format: FORMAT,
      version: FORMAT_VERSION,
      tokenizer: tokenizerFingerprint(),
      docs,
      terms: this.terms.join('\n'),
      termBytes: Buffer.from(lengths.bytes.buffer, lengths.bytes.byteOffset, lengths.length).toString('base64'),
      postings: Buffer.from(this.arena.buffer, this.arena.byteOffset, used).toString('base64'),
    };
    return json;
  }

  /** The index saved by toJSON, or null if `json` is not one (other format or version, other tokenizer, damaged). */
  static fromJSON(json: unknown): StoryIndex | null {
    try {
      return StoryIndex.load(json);
    } catch {
      return null;
    }
  }

  private static load(json: unknown): StoryIndex | null {
    if (typeof json !== 'object' || json === null) return null;
    const data = json as Partial<Record<keyof SerializedIndex, unknown>>;
    if (data.format !== FORMAT || data.version !== FORMAT_VERSION || data.tokenizer !== tokenizerFingerprint()) return null;
    if (
      !Array.isArray(data.docs) ||
      typeof data.terms !== 'string' ||
      typeof data.termBytes !== 'string' ||
      typeof data.postings !== 'string'
    )
      return null;

    const index = new StoryIndex();
    for (const entry of data.docs as unknown[]) {
      if (entry === null) {
        index.slots.push(undefined);
        continue;
      }
      const doc = parseDoc(entry);
      if (doc === null || index.idToSlot.has(doc.id)) return null;
      index.idToSlot.set(doc.id, index.slots.length);
      index.slots.push(doc);
      index.addLengths(doc.lenHeadline, doc.lenDeck, doc.lenTags, doc.lenBody, 1);
    }

    const terms = data.terms === '' ? [] : data.terms.split('\n');
    const lengths = decodeBase64(data.termBytes);
    const arena = decodeBase64(data.postings);
    if (lengths === null || arena === null) return null;
    index.terms = terms;
    index.termOffset = new Int32Array(terms.length);
    index.termBytes = new Int32Array(terms.length);
    index.termCount = new Int32Array(terms.length);
    index.termLastSlot = new Int32Array(terms.length);
    index.tailLast = new Int32Array(terms.length).fill(-1);
    index.tailCount = new Int32Array(terms.length);
    index.docTf = new Int32Array(terms.length);
    let p = 0;
    let offset = 0;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as string;
      if (term === '' || index.termIdOf(term) !== undefined) return null;
      index.setTermId(term, t);
      let length = 0;
      let shift = 1;
      for (;;) {
        if (p >= lengths.length) return null;
        const byte = lengths[p++] as number;
        length += (byte & 0x7f) * shift;
        shift *= 0x80;
        if (byte < 0x80) break;
      }
      index.termOffset[t] = offset;
      index.termBytes[t] = length;
      offset += length;
    }
    if (p !== lengths.length || offset !== arena.length) return null;
    index.arena = arena;
    // Check every posting list decodes within its bytes, to slots in range and ascending.
    for (let t = 0; t < terms.length; t++) {
      let last = -1;
      const count = index.forEachArenaPosting(t, (slot) => {
        last = slot;
        return slot < index.slots.length;
      });
      if (count <= 0) return null;
      index.termCount[t] = count;
      index.termLastSlot[t] = last;
      index.arenaPostings += count;
    }
    return index;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private addLengths(headline: number, deck: number, tags: number, body: number, sign: 1 | -1): void {
    this.sumHeadline += sign * headline;
    this.sumDeck += sign * deck;
    this.sumTags += sign * tags;
    this.sumBody += sign * body;
  }

  private detach(id: string): void {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return;
    const doc = this.slots[slot] as DocRecord;
    this.addLengths(doc.lenHeadline, doc.lenDeck, doc.lenTags, doc.lenBody, -1);
    this.slots[slot] = undefined;
    this.idToSlot.delete(id);
  }

  private garbageSlots(): number {
    return this.slots.length - this.idToSlot.size;
  }

  /** Merges the log into the arena when it has grown, and compacts when half the slots are garbage. */
  private maintain(): void {
    const garbage = this.garbageSlots();
    if (garbage >= 64 && garbage > this.idToSlot.size) this.compact();
    else if (this.logLength > Math.max(1 << 17, this.arenaPostings / 2)) this.mergeLog();
  }

  private termIdOf(term: string): number | undefined {
    const key = termKeyOf(term);
    if (key < 0) {
      const termId = this.stringIds.find(this.terms, term, 0, term.length, StringTable.hash(term, 0, term.length));
      return termId >= 0 ? termId : undefined;
    }
    const termId = this.keyIds.get(key);
    return termId >= 0 ? termId : undefined;
  }

  private setTermId(term: string, termId: number, key = termKeyOf(term)): void {
    if (key >= 0) this.keyIds.set(key, termId);
    else this.stringIds.add(StringTable.hash(term, 0, term.length), termId);
    if (this.byFirstChar !== null && isCjkTerm(term)) this.indexFirstChar(this.byFirstChar, term, termId);
  }

  /** A new term (`key`: its termKeyOf, passed when known). */
  private addTerm(term: string, key: number): number {
    const termId = this.terms.length;
    const end = termId === 0 ? 0 : (this.termOffset[termId - 1] as number) + (this.termBytes[termId - 1] as number);
    this.terms.push(term);
    this.setTermId(term, termId, key >= 0 ? key : termKeyOf(term));
    this.termOffset = grow(this.termOffset, termId + 1);
    this.termBytes = grow(this.termBytes, termId + 1);
    this.termCount = grow(this.termCount, termId + 1);
    this.termLastSlot = grow(this.termLastSlot, termId + 1);
    this.tailLast = grow(this.tailLast, termId + 1);
    this.tailCount = grow(this.tailCount, termId + 1);
    this.docTf = grow(this.docTf, termId + 1);
    // A new term owns no arena bytes yet: it sits, empty, at the arena's end.
    this.termOffset[termId] = end;
    this.termBytes[termId] = 0;
    this.termCount[termId] = 0;
    this.termLastSlot[termId] = -1;
    this.tailLast[termId] = -1;
    this.tailCount[termId] = 0;
    return termId;
  }

  private indexFirstChar(byFirstChar: Map<string, number[]>, term: string, termId: number): void {
    const first = String.fromCodePoint(term.codePointAt(0) as number);
    const list = byFirstChar.get(first);
    if (list === undefined) byFirstChar.set(first, [termId]);
    else list.push(termId);
  }

  /**
   * Calls `visit(slot, packed)` for each arena posting of the term, in order. Returns the count, or
   * -1 if the bytes are malformed, slots do not ascend, or `visit` returns false.
   */
  private forEachArenaPosting(termId: number, visit: (slot: number, packed: number) => boolean): number {
    const arena = this.arena;
    let p = this.termOffset[termId] as number;
    const end = p + (this.termBytes[termId] as number);
    let slot = -1;
    let count = 0;
    while (p < end) {
      let delta = 0;
      let shift = 1;
      for (;;) {
        if (p >= end) return -1;
        const byte = arena[p++] as number;
        delta += (byte & 0x7f) * shift;
        shift *= 0x80;
        if (byte < 0x80) break;
      }
      let packed = 0;
      shift = 1;
      for (;;) {
        if (p >= end) return -1;
        const byte = arena[p++] as number;
        packed += (byte & 0x7f) * shift;
        shift *= 0x80;
        if (byte < 0x80) break;
      }
      if (delta === 0 && slot >= 0) return -1;
      slot += delta + (slot < 0 ? 1 : 0);
      count++;
      if (!visit(slot, packed)) return -1;
    }
    return count;
  }

  /** Log postings of a term in insertion (ascending slot) order. */
  private logEntries(termId: number): number[] {
    const entries: number[] = [];
    for (let at = this.tailLast[termId] as number; at >= 0; at = this.log[4 * at + 3] as number) entries.push(at);
    return entries.reverse();
  }

  /** Live postings of one term (arena, then log). */
  private termPostings(term: string): Postings {
    const termId = this.termIdOf(term);
    if (termId === undefined) return { slots: new Int32Array(0), tfs: new Int32Array(0), length: 0 };
    const capacity = (this.termCount[termId] as number) + (this.tailCount[termId] as number);
    const out: Postings = { slots: new Int32Array(capacity), tfs: new Int32Array(capacity), length: 0 };
    const slots = this.slots;
    this.forEachArenaPosting(termId, (slot, packed) => {
      if (slots[slot] !== undefined) {
        out.slots[out.length] = slot;
        out.tfs[out.length++] = packed;
      }
      return true;
    });
    for (const at of this.logEntries(termId)) {
      const slot = this.log[4 * at + 1] as number;
      if (slots[slot] !== undefined) {
        out.slots[out.length] = slot;
        out.tfs[out.length++] = this.log[4 * at + 2] as number;
      }
    }
    return out;
  }

  /** A one-character query: every term starting with the character (its bigrams and the character alone), merged per story. */
  private prefixPostings(char: string): Postings {
    if (this.byFirstChar === null) {
      // Built on the first one-character query, then kept up to date by setTermId.
      const byFirstChar = new Map<string, number[]>();
      this.terms.forEach((term, termId) => {
        if (isCjkTerm(term)) this.indexFirstChar(byFirstChar, term, termId);
      });
      this.byFirstChar = byFirstChar;
    }
    const termIds = this.byFirstChar.get(char) ?? [];
    const sums = new Int32Array(this.slots.length).fill(-1);
    const slots = this.slots;
    const add = (slot: number, packed: number) => {
      if (slots[slot] === undefined) return;
      const previous = sums[slot] as number;
      sums[slot] = previous < 0 ? packed : addPacked(previous, packed);
    };
    for (const termId of termIds) {
      this.forEachArenaPosting(termId, (slot, packed) => {
        add(slot, packed);
        return true;
      });
      for (const at of this.logEntries(termId)) add(this.log[4 * at + 1] as number, this.log[4 * at + 2] as number);
    }
    const out: Postings = { slots: new Int32Array(slots.length), tfs: new Int32Array(slots.length), length: 0 };
    for (let slot = 0; slot < sums.length; slot++) {
      const packed = sums[slot] as number;
      if (packed >= 0) {
        out.slots[out.length] = slot;
        out.tfs[out.length++] = packed;
      }
    }
    return out;
  }

  /** Appends the log to the arena, term by term (a copy of the arena plus the log's postings). */
  private mergeLog(): void {
    if (this.logLength === 0) return;
    const termCount = this.terms.length;
    const arena = this.arena;
    const writer = new ByteWriter(arena.length + this.logLength * 4);
    // (slot, frequencies) of the log grouped by term, in log (= slot) order: a counting sort that
    // reads the log sequentially, so that the merge below reads its input sequentially too.
    const log = this.log;
    const next = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) next[t + 1] = (next[t] as number) + (this.tailCount[t] as number);
    const sorted = new Int32Array(2 * this.logLength);
    for (let at = 0; at < this.logLength; at++) {
      const t = log[4 * at] as number;
      const to = next[t] as number;
      next[t] = to + 1;
      sorted[2 * to] = log[4 * at + 1] as number;
      sorted[2 * to + 1] = log[4 * at + 2] as number;
    }
    let k = 0;
    let copied = 0; // arena bytes up to here are in the writer
    let shift = 0; // new offset - old offset so far
    for (let t = 0; t < termCount; t++) {
      const begin = this.termOffset[t] as number;
      const bytes = this.termBytes[t] as number;
      this.termOffset[t] = begin + shift;
      if (this.tailCount[t] === 0) continue;
      writer.copy(arena, copied, begin + bytes);
      copied = begin + bytes;
      const before = writer.length;
      let last = this.termLastSlot[t] as number;
      for (const end = k + (this.tailCount[t] as number); k < end; k++) {
        const slot = sorted[2 * k] as number;
        writer.varint(last < 0 ? slot : slot - last);
        writer.varint(sorted[2 * k + 1] as number);
        last = slot;
      }
      const added = writer.length - before;
      shift += added;
      this.termBytes[t] = bytes + added;
      this.termLastSlot[t] = last;
      this.termCount[t] = (this.termCount[t] as number) + (this.tailCount[t] as number);
      this.arenaPostings += this.tailCount[t] as number;
      this.tailCount[t] = 0;
      this.tailLast[t] = -1;
    }
    writer.copy(arena, copied, arena.length);
    this.arena = writer.bytes.subarray(0, writer.length);
    this.clearLog();
  }

  private clearLog(): void {
    this.logLength = 0;
    // Keep a small buffer for the next updates; a large one (after a bulk build) is released.
    if (this.log.length > 1 << 16) this.log = new Int32Array(0);
  }

  /**
   * Rewrites everything without garbage: slots renumbered densely, postings of empty slots
   * dropped, terms left without postings forgotten, the log merged.
   */
  private compact(): void {
    const oldSlots = this.slots;
    const renumber = new Int32Array(oldSlots.length).fill(-1);
    const live: DocRecord[] = [];
    oldSlots.forEach((doc, slot) => {
      if (doc === undefined) return;
      renumber[slot] = live.length;
      live.push(doc);
    });
    const termCount = this.terms.length;
    const writer = new ByteWriter(this.arena.length);
    const terms: string[] = [];
    const offsets = new Int32Array(termCount);
    const bytes = new Int32Array(termCount);
    const counts = new Int32Array(termCount);
    const lastSlots = new Int32Array(termCount);
    let postings = 0;
    for (let t = 0; t < termCount; t++) {
      const start = writer.length;
      let last = -1;
      let count = 0;
      const write = (slot: number, packed: number) => {
        const target = renumber[slot] as number;
        if (target < 0) return true;
        writer.varint(last < 0 ? target : target - last);
        writer.varint(packed);
        last = target;
        count++;
        return true;
      };
      this.forEachArenaPosting(t, write);
      for (const at of this.logEntries(t)) write(this.log[4 * at + 1] as number, this.log[4 * at + 2] as number);
      if (count === 0) continue;
      const id = terms.length;
      terms.push(this.terms[t] as string);
      offsets[id] = start;
      bytes[id] = writer.length - start;
      counts[id] = count;
      lastSlots[id] = last;
      postings += count;
    }

    this.arena = writer.bytes.subarray(0, writer.length);
    this.arenaPostings = postings;
    this.terms = terms;
    this.keyIds.clear();
    this.stringIds.clear();
    this.byFirstChar = null;
    terms.forEach((term, id) => this.setTermId(term, id));
    this.termOffset = offsets.slice(0, terms.length);
    this.termBytes = bytes.slice(0, terms.length);
    this.termCount = counts.slice(0, terms.length);
    this.termLastSlot = lastSlots.slice(0, terms.length);
    this.tailLast = new Int32Array(terms.length).fill(-1);
    this.tailCount = new Int32Array(terms.length);
    this.docTf = new Int32Array(terms.length);
    this.clearLog();
    this.slots.length = 0;
    this.idToSlot.clear();
    live.forEach((doc, slot) => {
      this.slots.push(doc);
      this.idToSlot.set(doc.id, slot);
    });
  }
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

function parseDoc(entry: unknown): DocRecord | null {
  if (!Array.isArray(entry) || entry.length !== 15) return null;
  const [id, revision, status, section, language, updatedAt, headline, deck, tags, lead, bodyComplete, ...lengths] = entry as unknown[];
  if (typeof id !== 'string' || id === '' || typeof revision !== 'number' || !Number.isFinite(revision)) return null;
  if (typeof status !== 'string' || !STATUSES.includes(status) || typeof language !== 'string' || !LANGUAGES.includes(language))
    return null;
  if (typeof section !== 'string' || typeof updatedAt !== 'string' || typeof headline !== 'string' || typeof deck !== 'string') return null;
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string') || typeof lead !== 'string') return null;
  if ((bodyComplete !== 0 && bodyComplete !== 1) || !lengths.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0))
    return null;
  const [lenHeadline, lenDeck, lenTags, lenBody] = lengths as number[];
  return {
    id,
    revision,
    status: status as SearchDoc['status'],
    section,
    language: language as SearchDoc['language'],
    updatedAt,
    updatedMs: Date.parse(updatedAt),
    headline,
    deck,
    tags: tags as string[],
    lead,
    bodyComplete: bodyComplete === 1,
    lenHeadline: lenHeadline as number,
    lenDeck: lenDeck as number,
    lenTags: lenTags as number,
    lenBody: lenBody as number,
  };
}

// ── snippets ─────────────────────────────────────────────────────────────────────────────────

/** Earliest match of any group in `text` (whose normalizeText is `normalized`): [start, end) in `text`'s code units, or null. */
function firstMatch(text: string, normalized: string, groups: readonly QueryGroup[]): [number, number] | null {
  if (text === '') return null;
  // Normalising usually keeps every code unit in place (full-width → half-width, case, T→S are
  // 1:1). When it does not (ligatures, ㍿, …), normalise code point by code point to keep a map.
  let haystack = normalized;
  let toOriginal: number[] | null = null;
  if (normalized.length !== text.length) {
    toOriginal = [];
    haystack = '';
    for (let i = 0; i < text.length;) {
      const width = (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
      const piece = normalizeText(text.slice(i, i + width));
      for (let k = 0; k < piece.length; k++) toOriginal.push(i);
      haystack += piece;
      i += width;
    }
    toOriginal.push(text.length);
  }
  let best: [number, number] | null = null;
  for (const group of groups) {
    for (let from = 0; ;) {
      const at = haystack.indexOf(group.text, from);
      if (at < 0 || (best !== null && at >= best[0])) break;
      const end = at + group.text.length;
      // A word must stand alone (so "art" does not light up "party"); runs match anywhere.
      if (group.cjk || (!isWordChar(haystack[at - 1] ?? ' ') && !isWordChar(haystack[end] ?? ' '))) {
        best = [at, end];
        break;
      }
      from = at + 1;
    }
  }
  if (best === null || toOriginal === null) return best;
  return [toOriginal[best[0]] as number, toOriginal[best[1]] ?? text.length];
}

/** About SNIPPET_CHARS of `text` around [start, end): some context before, the match, the rest after. */
function excerpt(text: string, start: number, end: number): string {
  // SNIPPET_BEFORE characters of context, less if the match would not fit otherwise.
  let from = Math.max(0, Math.min(start, Math.max(start - SNIPPET_BEFORE, end - SNIPPET_CHARS)));
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  from = Math.max(0, Math.min(from, to - SNIPPET_CHARS));
  const low = (i: number) => {
    const c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  };
  if (from > 0 && low(from)) from++;
  if (to < text.length && low(to)) to++;
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
}

function snippetOf(doc: DocRecord, groups: readonly QueryGroup[]): string {
  const normalized = normalizedOf(doc);
  for (const [text, norm] of [
    [doc.headline, normalized.headline],
    [doc.deck, normalized.deck],
    [doc.lead, normalized.lead],
  ] as const) {
    const match = firstMatch(text, norm, groups);
    if (match !== null) return excerpt(text, match[0], match[1]);
  }
  const opening = doc.deck !== '' ? doc.deck : doc.lead !== '' ? doc.lead : doc.headline;
  return excerpt(opening, 0, 0);
}
