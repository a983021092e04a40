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
 *   open-addressing int table, other terms (words, terms with a supplementary-plane character…)
 *   in a string table looked up by range, so the ~10 M lookups of a full build allocate nothing
 *   for known terms. Each term lives in one table, so it has one id however it was produced.
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
 *
 * Modules: this class (documents by slot, upsert/remove, search, JSON) over TermDictionary.ts
 * (terms; hashTables.ts) and PostingStore.ts (arena and log; binary.ts, termFrequencies.ts), with
 * ranking.ts (BM25, precision tiers, top hits), snippets.ts, filters.ts, serialization.ts (the JSON
 * form) and documents.ts (SearchDoc, SearchFilters, SearchHit and the stored record).
 */
import { grow } from './binary.js';
import { cut, type DocRecord, type SearchDoc, type SearchFilters, type SearchHit } from './documents.js';
import { compileFilters } from './filters.js';
import { type Postings, PostingStore } from './PostingStore.js';
import { rankHits, scoreCandidates, type TokenPostings } from './ranking.js';
import { deserializeIndex, serializeIndex } from './serialization.js';
import { TermDictionary } from './TermDictionary.js';
import { BODY_MAX, SMALL_MAX } from './termFrequencies.js';
import { forEachTerm, isSingleCjkTerm, normalizeText, queryGroups, termKeyOf, termOfKey } from './tokenize.js';

export type { SearchDoc, SearchFilters, SearchHit } from './documents.js';

/** How much of the body is kept for checking runs and for snippets (UTF-16 code units). */
export const LEAD_CHARS = 400;
const DEFAULT_LIMIT = 200;

export class StoryIndex {
  private readonly slots: (DocRecord | undefined)[] = [];
  private readonly idToSlot = new Map<string, number>();
  private sumHeadline = 0;
  private sumDeck = 0;
  private sumTags = 0;
  private sumBody = 0;

  private readonly dictionary = new TermDictionary();
  private postings = new PostingStore();
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
    /** Counts the tokens of one field into docTf, in the field's bit range (see pack() in termFrequencies.ts), saturating; returns the normalised text. */
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
          const termId = this.dictionary.idOfRange(s, start, end);
          bump(termId >= 0 ? termId : this.addTerm(s.slice(start, end), -1));
        },
        (key) => {
          const termId = this.dictionary.idOfKey(key);
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
    this.postings.appendDocument(slot, touched, this.docTf);
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

    const lists: TokenPostings[] = [];
    for (const [token, groupMask] of tokenGroups) {
      const postings = this.postingsOf(token);
      if (postings.length === 0) return [];
      lists.push({ token, postings, groupMask });
    }
    lists.sort((a, b) => a.postings.length - b.postings.length);
    const stats = { live: this.idToSlot.size, headline: this.sumHeadline, deck: this.sumDeck, tags: this.sumTags, body: this.sumBody };
    return rankHits(scoreCandidates(lists, this.slots, accept, stats), groups, this.slots, limit);
  }

  toJSON(): unknown {
    if (this.garbageSlots() > 0) this.compact();
    else this.postings.mergeLog();
    return serializeIndex(this.slots, this.dictionary.list(), this.postings.encode());
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
    const data = deserializeIndex(json);
    if (data === null) return null;
    const index = new StoryIndex();
    for (const doc of data.slots) {
      if (doc !== undefined) {
        if (index.idToSlot.has(doc.id)) return null;
        index.idToSlot.set(doc.id, index.slots.length);
        index.addLengths(doc.lenHeadline, doc.lenDeck, doc.lenTags, doc.lenBody, 1);
      }
      index.slots.push(doc);
    }
    for (const term of data.terms) {
      if (term === '' || index.dictionary.idOf(term) !== undefined) return null;
      index.dictionary.add(term);
    }
    const postings = PostingStore.decode(data.termBytes, data.postings, data.terms.length, index.slots.length);
    if (postings === null) return null;
    index.postings = postings;
    index.docTf = new Int32Array(data.terms.length);
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
    else if (this.postings.mergeDue()) this.postings.mergeLog();
  }

  /** A new term (`key`: its termKeyOf, passed when known). */
  private addTerm(term: string, key: number): number {
    const termId = this.dictionary.add(term, key >= 0 ? key : termKeyOf(term));
    this.postings.addTerm();
    this.docTf = grow(this.docTf, termId + 1);
    return termId;
  }

  /**
   * Live postings of a query token: of its term; for a one-character token (isSingleCjkTerm), of
   * every term starting with the character (its bigrams and the character alone), merged per story.
   */
  private postingsOf(token: string): Postings {
    if (isSingleCjkTerm(token)) return this.postings.mergedPostings(this.dictionary.startingWith(token), this.slots);
    const termId = this.dictionary.idOf(token);
    if (termId === undefined) return { slots: new Int32Array(0), tfs: new Int32Array(0), length: 0 };
    return this.postings.termPostings(termId, this.slots);
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
    const kept = this.postings.compact(renumber);
    const terms = this.dictionary.list();
    this.dictionary.reset(kept.map((t) => terms[t] as string));
    this.docTf = new Int32Array(kept.length);
    this.slots.length = 0;
    this.idToSlot.clear();
    live.forEach((doc, slot) => {
      this.slots.push(doc);
      this.idToSlot.set(doc.id, slot);
    });
  }
}
