/**
 * The index's JSON form (StoryIndex#toJSON, StoryIndex.fromJSON): documents as tuples by slot,
 * terms joined by newlines, the posting arena and its per-term lengths in base64. Reading checks
 * everything and returns null on anything unexpected: the cache is disposable.
 */
import { Buffer } from 'node:buffer';
import { decodeBase64 } from './binary.js';
import type { DocRecord, SearchDoc } from './documents.js';
import { tokenizerFingerprint } from './tokenize.js';

const FORMAT = 'copydesk.story-index';
const FORMAT_VERSION = 1;

const STATUSES: readonly string[] = ['draft', 'ready', 'editing', 'approved', 'filed'];
const LANGUAGES: readonly string[] = ['zh-Hant', 'zh-Hans', 'en'];

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

export interface SerializedIndex {
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

/** What fromJSON rebuilds the index from: documents by slot (undefined: empty slot), terms by id, and the encoded postings. */
export interface DecodedIndex {
  slots: (DocRecord | undefined)[];
  terms: string[];
  termBytes: Uint8Array;
  postings: Uint8Array;
}

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** The JSON of an index (without garbage and with its log merged): its slots, terms by id, and PostingStore#encode. */
export function serializeIndex(
  slots: readonly (DocRecord | undefined)[],
  terms: readonly string[],
  encoded: { termBytes: Uint8Array; postings: Uint8Array },
): SerializedIndex {
  const docs: (SerializedDoc | null)[] = slots.map((doc) =>
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
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    tokenizer: tokenizerFingerprint(),
    docs,
    terms: terms.join('\n'),
    termBytes: base64Of(encoded.termBytes),
    postings: base64Of(encoded.postings),
  };
}

/** The parts of an index saved by serializeIndex, or null if `json` is not one (other format or version, other tokenizer, damaged documents or base64). */
export function deserializeIndex(json: unknown): DecodedIndex | null {
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

  const slots: (DocRecord | undefined)[] = [];
  for (const entry of data.docs as unknown[]) {
    if (entry === null) {
      slots.push(undefined);
      continue;
    }
    const doc = parseDoc(entry);
    if (doc === null) return null;
    slots.push(doc);
  }
  const terms = data.terms === '' ? [] : data.terms.split('\n');
  const termBytes = decodeBase64(data.termBytes);
  const postings = decodeBase64(data.postings);
  if (termBytes === null || postings === null) return null;
  return { slots, terms, termBytes, postings };
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
