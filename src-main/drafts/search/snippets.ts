/**
 * Snippets: about SNIPPET_CHARS of context around a hit's first match, taken from the stored text
 * (headline, then deck, then lead); a match deeper in the body gets the story's opening (deck,
 * else lead) as its snippet.
 */
import { type DocRecord, normalizedOf } from './documents.js';
import { isWordChar, normalizeText, type QueryGroup } from './tokenize.js';

const SNIPPET_CHARS = 80;
const SNIPPET_BEFORE = 30;

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

export function snippetOf(doc: DocRecord, groups: readonly QueryGroup[]): string {
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
