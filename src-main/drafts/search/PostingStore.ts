/**
 * Posting lists by term id: (slot delta, packed per-field term frequencies) as varints in one
 * shared byte arena, in slot order; postings of documents added since the last merge sit in a log
 * (one Int32Array, linked per term) until merged into the arena, which happens when the log
 * reaches half the arena, so a full build copies O(size) bytes. Postings of slots that have been
 * emptied stay behind as garbage (skipped: the slot is empty) until a compaction renumbers the
 * slots. Term ids are the TermDictionary's; slots and their liveness are the StoryIndex's.
 */
import { ByteWriter, decodePostings, grow } from './binary.js';
import { addPacked } from './termFrequencies.js';

/** A decoded posting list of live documents: parallel slots (ascending) and packed frequencies. */
export interface Postings {
  slots: Int32Array;
  tfs: Int32Array;
  length: number;
}

/** The document slots, for liveness: a posting whose slot holds undefined is garbage. */
type Slots = readonly unknown[];

export class PostingStore {
  /** Number of terms: ids 0 … terms - 1. */
  private terms = 0;
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

  /** True when the log has grown enough to be merged into the arena. */
  mergeDue(): boolean {
    return this.logLength > Math.max(1 << 17, this.arenaPostings / 2);
  }

  /** Makes room for a new term, the next id, with no postings yet. */
  addTerm(): void {
    const termId = this.terms++;
    const end = termId === 0 ? 0 : (this.termOffset[termId - 1] as number) + (this.termBytes[termId - 1] as number);
    this.termOffset = grow(this.termOffset, termId + 1);
    this.termBytes = grow(this.termBytes, termId + 1);
    this.termCount = grow(this.termCount, termId + 1);
    this.termLastSlot = grow(this.termLastSlot, termId + 1);
    this.tailLast = grow(this.tailLast, termId + 1);
    this.tailCount = grow(this.tailCount, termId + 1);
    // A new term owns no arena bytes yet: it sits, empty, at the arena's end.
    this.termOffset[termId] = end;
    this.termBytes[termId] = 0;
    this.termCount[termId] = 0;
    this.termLastSlot[termId] = -1;
    this.tailLast[termId] = -1;
    this.tailCount[termId] = 0;
  }

  /**
   * Logs the postings of the document in `slot` (a slot above every other): one per term of
   * `termIds`, with its packed frequencies from `tfs[termId]`, which is reset to 0.
   */
  appendDocument(slot: number, termIds: readonly number[], tfs: Int32Array): void {
    const needed = this.logLength + termIds.length;
    this.log = grow(this.log, needed * 4);
    const log = this.log;
    for (const termId of termIds) {
      const at = this.logLength++;
      log[4 * at] = termId;
      log[4 * at + 1] = slot;
      log[4 * at + 2] = tfs[termId] as number;
      tfs[termId] = 0;
      log[4 * at + 3] = this.tailLast[termId] as number;
      this.tailLast[termId] = at;
      this.tailCount[termId] = (this.tailCount[termId] as number) + 1;
    }
  }

  /** Live postings of one term (arena, then log). */
  termPostings(termId: number, slots: Slots): Postings {
    const capacity = (this.termCount[termId] as number) + (this.tailCount[termId] as number);
    const out: Postings = { slots: new Int32Array(capacity), tfs: new Int32Array(capacity), length: 0 };
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

  /** Live postings of several terms merged per story, frequencies added up (a one-character query: see StoryIndex.postingsOf). */
  mergedPostings(termIds: readonly number[], slots: Slots): Postings {
    const sums = new Int32Array(slots.length).fill(-1);
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
  mergeLog(): void {
    if (this.logLength === 0) return;
    const termCount = this.terms;
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
   * Rewrites the postings without garbage: slot s renumbered to renumber[s] (-1: dropped), terms
   * left without postings forgotten, the others renumbered densely, the log merged. Returns the
   * old id of each new term id.
   */
  compact(renumber: Int32Array): number[] {
    const termCount = this.terms;
    const writer = new ByteWriter(this.arena.length);
    const kept: number[] = [];
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
      const id = kept.length;
      kept.push(t);
      offsets[id] = start;
      bytes[id] = writer.length - start;
      counts[id] = count;
      lastSlots[id] = last;
      postings += count;
    }

    this.arena = writer.bytes.subarray(0, writer.length);
    this.arenaPostings = postings;
    this.terms = kept.length;
    this.termOffset = offsets.slice(0, kept.length);
    this.termBytes = bytes.slice(0, kept.length);
    this.termCount = counts.slice(0, kept.length);
    this.termLastSlot = lastSlots.slice(0, kept.length);
    this.tailLast = new Int32Array(kept.length).fill(-1);
    this.tailCount = new Int32Array(kept.length);
    this.clearLog();
    return kept;
  }

  /** For serialising (after mergeLog): the byte length of each term's postings as varints, in term order, and the arena. */
  encode(): { termBytes: Uint8Array; postings: Uint8Array } {
    const lengths = new ByteWriter(this.terms * 2);
    for (let t = 0; t < this.terms; t++) lengths.varint(this.termBytes[t] as number);
    const used = this.terms === 0 ? 0 : (this.termOffset[this.terms - 1] as number) + (this.termBytes[this.terms - 1] as number);
    return { termBytes: lengths.bytes.subarray(0, lengths.length), postings: this.arena.subarray(0, used) };
  }

  /** The store that encode wrote, for `terms` terms and `slotCount` slots, or null if the bytes are damaged. */
  static decode(lengths: Uint8Array, arena: Uint8Array, terms: number, slotCount: number): PostingStore | null {
    const store = new PostingStore();
    store.terms = terms;
    store.termOffset = new Int32Array(terms);
    store.termBytes = new Int32Array(terms);
    store.termCount = new Int32Array(terms);
    store.termLastSlot = new Int32Array(terms);
    store.tailLast = new Int32Array(terms).fill(-1);
    store.tailCount = new Int32Array(terms);
    let p = 0;
    let offset = 0;
    for (let t = 0; t < terms; t++) {
      let length = 0;
      let shift = 1;
      for (;;) {
        if (p >= lengths.length) return null;
        const byte = lengths[p++] as number;
        length += (byte & 0x7f) * shift;
        shift *= 0x80;
        if (byte < 0x80) break;
      }
      store.termOffset[t] = offset;
      store.termBytes[t] = length;
      offset += length;
    }
    if (p !== lengths.length || offset !== arena.length) return null;
    store.arena = arena;
    // Check every posting list decodes within its bytes, to slots in range and ascending.
    for (let t = 0; t < terms; t++) {
      let last = -1;
      const count = store.forEachArenaPosting(t, (slot) => {
        last = slot;
        return slot < slotCount;
      });
      if (count <= 0) return null;
      store.termCount[t] = count;
      store.termLastSlot[t] = last;
      store.arenaPostings += count;
    }
    return store;
  }

  /**
   * Calls `visit(slot, packed)` for each arena posting of the term, in order. Returns the count, or
   * -1 if the bytes are malformed, slots do not ascend, or `visit` returns false.
   */
  private forEachArenaPosting(termId: number, visit: (slot: number, packed: number) => boolean): number {
    const start = this.termOffset[termId] as number;
    return decodePostings(this.arena, start, start + (this.termBytes[termId] as number), visit);
  }

  /** Log postings of a term in insertion (ascending slot) order. */
  private logEntries(termId: number): number[] {
    const entries: number[] = [];
    for (let at = this.tailLast[termId] as number; at >= 0; at = this.log[4 * at + 3] as number) entries.push(at);
    return entries.reverse();
  }
}
