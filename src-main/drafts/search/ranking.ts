/**
 * Ranking a query's candidates: BM25 per field, fields boosted headline 4 > deck 2 = tags 2 > body 1,
 * accumulated while intersecting the posting lists; then the precision tiers of StoryIndex.ts's
 * module comment (runs of 3+ characters checked against the stored text), the top `limit`, and
 * their snippets.
 */
import { type DocRecord, type SearchHit, storedTextIncludes } from './documents.js';
import type { Postings } from './PostingStore.js';
import { snippetOf } from './snippets.js';
import { tfBody, tfDeck, tfHeadline, tfTags } from './termFrequencies.js';
import type { QueryGroup } from './tokenize.js';

const BOOST_HEADLINE = 4;
const BOOST_DECK = 2;
const BOOST_TAGS = 2;
const BOOST_BODY = 1;
const K1 = 1.2;
const B = 0.75;

/** The postings of one query token, and the bitmask of the query groups (the first 31) that contain it. */
export interface TokenPostings {
  token: string;
  postings: Postings;
  groupMask: number;
}

/** Live documents and the sums of their field lengths (tokens), for BM25's average lengths. */
export interface FieldStats {
  live: number;
  headline: number;
  deck: number;
  tags: number;
  body: number;
}

/** Documents in every list, in ascending slot order, with their scores. */
export interface Candidates {
  slots: Int32Array;
  scores: Float64Array;
  /** Bit g: some token of query group g does not occur in the body. */
  notInBody: Int32Array;
  count: number;
}

/** The documents in every list (shortest first) that `accept` takes, scored. */
export function scoreCandidates(
  lists: readonly TokenPostings[],
  docs: readonly (DocRecord | undefined)[],
  accept: (doc: DocRecord) => boolean,
  stats: FieldStats,
): Candidates {
  const { live } = stats;
  const avgHeadline = stats.headline / live || 1;
  const avgDeck = stats.deck / live || 1;
  const avgTags = stats.tags / live || 1;
  const avgBody = stats.body / live || 1;
  const norm = (tf: number, length: number, avg: number) => (tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg)));

  // Candidates, in ascending slot order: the first (shortest) list filtered, then intersected
  // in place with each further list, accumulating BM25 scores.
  const first = (lists[0] as { postings: Postings }).postings;
  const slots = new Int32Array(first.length);
  const scores = new Float64Array(first.length);
  const notInBody = new Int32Array(first.length);
  let count = 0;
  for (let i = 0; i < first.length; i++) {
    const slot = first.slots[i] as number;
    if (accept(docs[slot] as DocRecord)) slots[count++] = slot;
  }
  for (const { postings, groupMask } of lists) {
    const idf = Math.log(1 + (live - postings.length + 0.5) / (postings.length + 0.5));
    let kept = 0;
    let j = 0;
    for (let c = 0; c < count; c++) {
      const slot = slots[c] as number;
      while (j < postings.length && (postings.slots[j] as number) < slot) j++;
      if (j === postings.length) break;
      if (postings.slots[j] !== slot) continue;
      const packed = postings.tfs[j] as number;
      const doc = docs[slot] as DocRecord;
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
  return { slots, scores, notInBody, count };
}

/** The best `limit` candidates as hits: exact matches by score, then probable body matches by score. */
export function rankHits(
  candidates: Candidates,
  groups: readonly QueryGroup[],
  docs: readonly (DocRecord | undefined)[],
  limit: number,
): SearchHit[] {
  const { slots, scores, notInBody, count } = candidates;
  // Check runs of 3+ characters against the stored text (see StoryIndex.ts's module comment); exact
  // matches get a rank key above every probable one.
  const checks = groups.flatMap((group, g) =>
    group.cjk && group.tokens.length >= 2 ? [{ text: group.text, bit: g < 31 ? 1 << g : 0 }] : [],
  );
  const EXACT = 1e12;
  const rankKey = new Float64Array(count);
  let ranked = 0;
  for (let c = 0; c < count; c++) {
    const doc = docs[slots[c] as number] as DocRecord;
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
    top.push({ slot, score: scores[c] as number, key: rankKey[c] as number, doc: docs[slot] as DocRecord });
  }
  top.sort((a, b) => b.key - a.key || b.doc.updatedMs - a.doc.updatedMs || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
  return top.slice(0, take).map(({ score, doc }) => ({ id: doc.id, score, snippet: snippetOf(doc, groups) }));
}
