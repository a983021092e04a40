/**
 * Binary helpers for the posting arena and its serialisation: unsigned LEB128 varints (a growable
 * writer, a posting list decoder), growable Int32Arrays, strict base64 decoding.
 */
import { Buffer } from 'node:buffer';

/** A growable byte buffer with unsigned LEB128 varints. */
export class ByteWriter {
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
 * Calls `visit(slot, packed)` for each posting of bytes[start, end): varint pairs (slot delta,
 * packed frequencies), the first delta being the slot itself. Returns the count, or -1 if the
 * bytes are malformed, slots do not ascend, or `visit` returns false.
 */
export function decodePostings(bytes: Uint8Array, start: number, end: number, visit: (slot: number, packed: number) => boolean): number {
  let p = start;
  let slot = -1;
  let count = 0;
  while (p < end) {
    let delta = 0;
    let shift = 1;
    for (;;) {
      if (p >= end) return -1;
      const byte = bytes[p++] as number;
      delta += (byte & 0x7f) * shift;
      shift *= 0x80;
      if (byte < 0x80) break;
    }
    let packed = 0;
    shift = 1;
    for (;;) {
      if (p >= end) return -1;
      const byte = bytes[p++] as number;
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

/** Growable Int32Array (doubling). */
export function grow(array: Int32Array, minLength: number): Int32Array {
  if (array.length >= minLength) return array;
  const next = new Int32Array(Math.max(minLength, array.length * 2, 64));
  next.set(array);
  return next;
}

export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
