/**
 * The term dictionary: term ↔ id. BMP Han/kana bigrams and characters are found by integer key
 * (termKeyOf) in an open-addressing int table, other terms (words, terms with a supplementary-plane
 * character…) in a string table looked up by range, so the ~10 M lookups of a full build allocate
 * nothing for known terms.
 *
 * Invariant: a term lives in exactly one table, the one termKeyOf chooses, and every lookup
 * (idOf, idOfKey, idOfRange) answers from that table, so a term has one id however it was produced
 * (as a key or as a range, in a BMP run or next to a supplementary-plane character). `add` relies
 * on it: a term missed by any lookup is really new, and never shadows an existing id.
 */
import { IntTable, StringTable } from './hashTables.js';
import { isCjkTerm, termKeyOf, termKeyOfRange } from './tokenize.js';

export class TermDictionary {
  /** Term ids: Han/kana terms with a numeric key (termKeyOf) by key, all others by string. */
  private readonly keyIds = new IntTable();
  private readonly stringIds = new StringTable();
  private terms: string[] = [];
  /** Han/kana/hangul terms by first character, for one-character queries (prefix match). */
  private byFirstChar: Map<string, number[]> | null = null;

  get size(): number {
    return this.terms.length;
  }

  /** The terms, by id. */
  list(): readonly string[] {
    return this.terms;
  }

  /** Id of the term equal to s[start, end), or -1 (for the build loop: no slicing). */
  idOfRange(s: string, start: number, end: number): number {
    const termId = this.stringIds.find(this.terms, s, start, end, StringTable.hash(s, start, end));
    if (termId >= 0 || end - start > 2) return termId;
    // Missed: a new term, or one that has a numeric key and so lives in the other table.
    const key = termKeyOfRange(s, start, end);
    return key < 0 ? -1 : this.keyIds.get(key);
  }

  /** Id of the Han/kana term with this numeric key (termKeyOf), or -1. */
  idOfKey(key: number): number {
    return this.keyIds.get(key);
  }

  idOf(term: string): number | undefined {
    const key = termKeyOf(term);
    if (key < 0) {
      const termId = this.stringIds.find(this.terms, term, 0, term.length, StringTable.hash(term, 0, term.length));
      return termId >= 0 ? termId : undefined;
    }
    const termId = this.keyIds.get(key);
    return termId >= 0 ? termId : undefined;
  }

  /** Adds a term that no lookup finds (`key`: its termKeyOf); returns its id. */
  add(term: string, key = termKeyOf(term)): number {
    const termId = this.terms.length;
    this.terms.push(term);
    this.setTermId(term, termId, key);
    return termId;
  }

  /** Replaces every term: `terms[id]` is the term with that id (distinct terms). */
  reset(terms: string[]): void {
    this.terms = terms;
    this.keyIds.clear();
    this.stringIds.clear();
    this.byFirstChar = null;
    terms.forEach((term, id) => this.setTermId(term, id));
  }

  /** Ids of the Han/kana/hangul terms starting with `char` (its bigrams and the character alone). */
  startingWith(char: string): readonly number[] {
    if (this.byFirstChar === null) {
      // Built on the first one-character query, then kept up to date by setTermId.
      const byFirstChar = new Map<string, number[]>();
      this.terms.forEach((term, termId) => {
        if (isCjkTerm(term)) this.indexFirstChar(byFirstChar, term, termId);
      });
      this.byFirstChar = byFirstChar;
    }
    return this.byFirstChar.get(char) ?? [];
  }

  private setTermId(term: string, termId: number, key = termKeyOf(term)): void {
    if (key >= 0) this.keyIds.set(key, termId);
    else this.stringIds.add(StringTable.hash(term, 0, term.length), termId);
    if (this.byFirstChar !== null && isCjkTerm(term)) this.indexFirstChar(this.byFirstChar, term, termId);
  }

  private indexFirstChar(byFirstChar: Map<string, number[]>, term: string, termId: number): void {
    const first = String.fromCodePoint(term.codePointAt(0) as number);
    const list = byFirstChar.get(first);
    if (list === undefined) byFirstChar.set(first, [termId]);
    else list.push(termId);
  }
}
