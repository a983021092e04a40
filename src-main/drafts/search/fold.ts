/**
 * Normalisation for search, steps 1 and 2 of tokenize.ts's module comment: NFKC, lower case, and
 * the per-character Traditional/Simplified fold through a table built once from OpenCC's
 * dictionaries (see there for why a table rather than opencc-js's converter). Pure: no Node APIs, no I/O.
 */
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { Kind, kindOf } from './charKind.js';

/** Code point → the Simplified member of its class (only characters that change). */
let foldTable: Map<number, string> | undefined;
/**
 * The same for BMP code units, as a flat table for the hot loop: 0 = not looked up yet; else the
 * folded code unit (the unit itself if unchanged), or NOT_ONE_UNIT if the fold is not one BMP unit.
 */
const bmpFold = new Uint16Array(0x10000);
const NOT_ONE_UNIT = 0xffff;

/** OpenCC dictionary text: "source target|source target|…" (targets may list alternatives). */
function* entries(dictionary: string): Generator<[string[], string[]]> {
  for (const entry of dictionary.split('|')) {
    const [source = '', target = ''] = entry.split(' ');
    yield [[...source], [...target]];
  }
}

function buildFoldTable(): Map<number, string> {
  const parent = new Map<string, string>();
  const find = (ch: string): string => {
    let root = ch;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    for (let at = ch; at !== root;) {
      const up = parent.get(at) as string;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra !== rb) parent.set(ra, rb);
  };
  // Simplified forms: targets of TSCharacters that are not themselves converted.
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const [source, target] of entries(TSCharacters)) {
    if (source.length === 1 && target.length === 1) {
      sources.add(source[0] as string);
      targets.add(target[0] as string);
    }
  }
  for (const dictionary of [TSCharacters, TWVariantsRev, HKVariantsRev, TSPhrases, TWVariantsRevPhrases, HKVariantsRevPhrases]) {
    for (const [source, target] of entries(dictionary)) {
      // Phrases are aligned character by character; entries whose lengths differ teach nothing.
      if (source.length !== target.length) continue;
      source.forEach((ch, i) => {
        const other = target[i] as string;
        if (ch !== other) union(ch, other);
      });
    }
  }
  const members = new Map<string, string[]>();
  for (const ch of parent.keys()) {
    const root = find(ch);
    const list = members.get(root);
    if (list === undefined) members.set(root, [ch]);
    else list.push(ch);
  }
  const table = new Map<number, string>();
  for (const list of members.values()) {
    // The class's Simplified member: a pure Simplified form if any, else any TSCharacters target,
    // else the lowest code point; ties go to the lowest code point, so the choice is stable.
    const rank = (ch: string) => (targets.has(ch) && !sources.has(ch) ? 0 : targets.has(ch) ? 1 : 2);
    const representative = list.reduce((best, ch) =>
      rank(ch) < rank(best) || (rank(ch) === rank(best) && (ch.codePointAt(0) as number) < (best.codePointAt(0) as number)) ? ch : best,
    );
    for (const ch of list) if (ch !== representative) table.set(ch.codePointAt(0) as number, representative);
  }
  return table;
}

/** The fold of one character (the character itself if it has none). */
function foldChar(cp: number): string {
  foldTable ??= buildFoldTable();
  return foldTable.get(cp) ?? String.fromCodePoint(cp);
}

function bmpFoldOf(unit: number): number {
  let folded = bmpFold[unit] as number;
  if (folded === 0) {
    const result = kindOf(unit) === Kind.Cjk ? foldChar(unit) : String.fromCharCode(unit);
    folded = result.length === 1 ? result.charCodeAt(0) : NOT_ONE_UNIT;
    bmpFold[unit] = folded;
  }
  return folded;
}

/** NFKC + lower case + Traditional→Simplified fold of Han characters. Used for indexing, queries and verification. */
export function normalizeText(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  // Folds almost always replace one code unit by one: patch a copy of the code units in place.
  let units: Uint16Array | null = null;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x2e80) continue;
    let folded: number;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const cp = s.codePointAt(i) as number;
      if (cp <= 0xffff || kindOf(cp) !== Kind.Cjk) continue;
      const result = foldChar(cp);
      i++;
      if (result.length !== 2) return normalizeSlowly(s);
      if (result.charCodeAt(0) === unit && result.charCodeAt(1) === s.charCodeAt(i)) continue;
      units ??= unitsOf(s);
      units[i - 1] = result.charCodeAt(0);
      folded = result.charCodeAt(1);
    } else {
      folded = bmpFoldOf(unit);
      if (folded === unit) continue;
      if (folded === NOT_ONE_UNIT) return normalizeSlowly(s);
      units ??= unitsOf(s);
    }
    units[i] = folded;
  }
  if (units === null) return s;
  let out = '';
  for (let k = 0; k < units.length; k += 4096) out += String.fromCharCode.apply(null, units.subarray(k, k + 4096) as unknown as number[]);
  return out;
}

function unitsOf(s: string): Uint16Array {
  const units = new Uint16Array(s.length);
  for (let k = 0; k < s.length; k++) units[k] = s.charCodeAt(k);
  return units;
}

/** normalizeText's general case (a fold that changes the length), code point by code point. */
function normalizeSlowly(s: string): string {
  const parts: string[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    parts.push(cp >= 0x2e80 && kindOf(cp) === Kind.Cjk ? foldChar(cp) : ch);
  }
  return parts.join('');
}

let foldDigest: string | undefined;

/** A digest of the fold table (its size and an FNV-1a hash of its pairs), for tokenizerFingerprint. */
export function foldTableDigest(): string {
  if (foldDigest === undefined) {
    foldTable ??= buildFoldTable();
    let hash = 0x811c9dc5;
    for (const [cp, folded] of [...foldTable].sort((a, b) => a[0] - b[0])) {
      hash = Math.imul(hash ^ cp, 0x01000193);
      hash = Math.imul(hash ^ (folded.codePointAt(0) as number), 0x01000193);
    }
    foldDigest = `${foldTable.size}.${(hash >>> 0).toString(16)}`;
  }
  return foldDigest;
}
