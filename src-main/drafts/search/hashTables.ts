/**
 * Hash tables for the term dictionary, tuned for the millions of lookups of a build: ints by int
 * key (Han/kana terms by termKeyOf) and ids by string range (other terms), open addressing over
 * typed arrays.
 */

/**
 * Non-negative int → int hash table (open addressing, linear probing, keys and values interleaved
 * in one Int32Array). For the millions of bigram lookups of a build it is ≈3× faster than a Map.
 */
export class IntTable {
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
export class StringTable {
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
