/**
 * The documents of the search index: the public shapes (SearchDoc in, SearchFilters, SearchHit out)
 * and what the index keeps per story (DocRecord), with its normalised stored text.
 */
import { normalizeText } from './tokenize.js';

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

export interface NormalizedText {
  headline: string;
  deck: string;
  /** The tags joined by newlines (a run never spans a line break). */
  tags: string;
  lead: string;
}

/** normalizeText of the stored texts: kept from indexing, or computed on first use after fromJSON. */
export function normalizedOf(doc: DocRecord): NormalizedText {
  doc.normalized ??= {
    headline: normalizeText(doc.headline),
    deck: normalizeText(doc.deck),
    tags: normalizeText(doc.tags.join('\n')),
    lead: normalizeText(doc.lead),
  };
  return doc.normalized;
}

export function storedTextIncludes(doc: DocRecord, run: string): boolean {
  const { headline, deck, tags, lead } = normalizedOf(doc);
  return headline.includes(run) || deck.includes(run) || tags.includes(run) || lead.includes(run);
}

export interface DocRecord {
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

/** Cut at most `max` code units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
