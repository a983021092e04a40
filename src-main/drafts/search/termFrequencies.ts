/**
 * Per-field term frequencies of one posting, packed in one int: body in bits 0–15, headline 16–20,
 * deck 21–25, tags 26–30 (each saturating).
 */

export const BODY_MAX = 0xffff;
export const SMALL_MAX = 31;
function pack(headline: number, deck: number, tags: number, body: number): number {
  return (
    Math.min(body, BODY_MAX) +
    Math.min(headline, SMALL_MAX) * 0x10000 +
    Math.min(deck, SMALL_MAX) * 0x200000 +
    Math.min(tags, SMALL_MAX) * 0x4000000
  );
}
export const tfHeadline = (p: number) => (p >>> 16) & SMALL_MAX;
export const tfDeck = (p: number) => (p >>> 21) & SMALL_MAX;
export const tfTags = (p: number) => (p >>> 26) & SMALL_MAX;
export const tfBody = (p: number) => p & BODY_MAX;
export const addPacked = (a: number, b: number) =>
  pack(tfHeadline(a) + tfHeadline(b), tfDeck(a) + tfDeck(b), tfTags(a) + tfTags(b), tfBody(a) + tfBody(b));
