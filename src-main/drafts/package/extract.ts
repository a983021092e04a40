/**
 * Opens a `.cdraft` package into an empty folder, treating the file as hostile until proven
 * otherwise. Two passes:
 *
 * 1. Central directory, before anything is written: entry count, names (`checkEntryPath`),
 *    duplicates (also case-folded), file types (no symlinks or devices), encryption, compression
 *    method, declared sizes and compression ratios, overlapping entries; then the manifest is read
 *    into memory, parsed and matched against the entries (every entry listed, every listed file
 *    present, sizes equal).
 * 2. Streaming: each file is inflated to disk while its real bytes are counted — a header that
 *    lies about sizes is stopped at the limit, not trusted — and its SHA-256 and size are checked
 *    against the manifest.
 *
 * yauzl (not fflate) because it reads the central directory rather than scanning local headers,
 * streams one entry at a time from a file descriptor (a 2 GiB package never sits in memory) and
 * already refuses entries whose inflated size exceeds their declared size; our own counting sits
 * on top of that. Any failure removes everything written, leaving `destDir` empty or absent.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Entry, getFileNameLowLevel, open, type ZipFile } from 'yauzl';
import { OpFailure } from '../../../src-shared/api/result.js';
import { checkEntryPath, describeEntryName, isDirectoryEntry, MANIFEST_ENTRY, STORY_ENTRY } from './entryPath.js';
import { foldedPath, MAX_MANIFEST_BYTES, type PackageManifest, parseManifest } from './manifest.js';

export interface PackageLimits {
  /** Zip entries, folders included (default 20 000). */
  readonly maxEntries: number;
  /** Uncompressed bytes of all entries together (default 2 GiB). */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes of one entry (default 512 MiB). */
  readonly maxEntryBytes: number;
  readonly maxStoryJsonBytes: number;
  /** Uncompressed ÷ compressed, checked only for entries over 1 MiB (default 200). */
  readonly maxCompressionRatio: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 512 * 1024 ** 2,
  maxStoryJsonBytes: 16 * 1024 ** 2,
  maxCompressionRatio: 200,
};

export interface ExtractedPackage {
  readonly manifest: PackageManifest;
  /** story.json parsed as JSON; NOT schema-validated here. */
  readonly storyJson: unknown;
  /** Relative paths (forward slashes) written under destDir. */
  readonly files: string[];
}

const RATIO_FLOOR = 1024 * 1024;
const S_IFMT = 0o170000;
/** Unix file types (upper 16 bits of the external attributes) other than regular files. */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  0o120000: 'a symbolic link',
  0o040000: 'a folder',
  0o020000: 'a device',
  0o060000: 'a device',
  0o010000: 'a named pipe',
  0o140000: 'a socket',
};

interface FileEntry {
  readonly path: string;
  readonly entry: Entry;
}

const invalid = (message: string) => new OpFailure('invalid-input', message);
const refused = (name: string, why: string) => invalid(`Package entry ${describeEntryName(name)} is refused: ${why}.`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function openZip(file: string, label: string): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true };
  return new Promise((resolve, reject) => {
    open(file, options, (error, zip) => {
      if (error) reject(invalid(`${label} is not a Copydesk package (not a zip file, or the file is incomplete).`));
      else resolve(zip);
    });
  });
}

/** Checks one central-directory record; returns its path, or undefined for a folder entry. */
function checkEntry(entry: Entry, limits: PackageLimits): string | undefined {
  const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
  const check = checkEntryPath(name);
  if (!check.ok) throw invalid(check.reason);
  if (isDirectoryEntry(check.path)) return undefined;
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type !== 0 && type !== 0o100000) throw refused(name, `it is ${TYPE_NAMES[type] ?? 'of an unknown type'}, not a regular file`);
  if ((entry.generalPurposeBitFlag & 0x41) !== 0) throw refused(name, 'it is encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refused(name, `it uses compression method ${entry.compressionMethod}, which packages never use`);
  }
  const max = name === STORY_ENTRY ? limits.maxStoryJsonBytes : name === MANIFEST_ENTRY ? MAX_MANIFEST_BYTES : limits.maxEntryBytes;
  if (entry.uncompressedSize > max) throw refused(name, `it unpacks to ${mib(entry.uncompressedSize)}, more than the ${mib(max)} allowed`);
  if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
    throw refused(name, `it expands more than ${limits.maxCompressionRatio} times its compressed size, which is how zip bombs look`);
  }
  return check.path;
}

/** Pass 1: reads and checks the whole central directory without writing anything. */
async function readDirectory(zip: ZipFile, label: string, limits: PackageLimits): Promise<FileEntry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw invalid(`${label} has ${zip.entryCount} entries; a package may have at most ${limits.maxEntries}.`);
  }
  const files: FileEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      try {
        const entryPath = checkEntry(entry, limits);
        if (entryPath !== undefined) {
          const earlier = seen.get(foldedPath(entryPath));
          if (earlier === entryPath) throw refused(entryPath, 'it appears twice');
          if (earlier !== undefined) {
            throw refused(
              entryPath,
              `it clashes with ${describeEntryName(earlier)} (Windows and macOS ignore upper/lower case in file names)`,
            );
          }
          seen.set(foldedPath(entryPath), entryPath);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) throw invalid(`${label} unpacks to more than the ${mib(limits.maxTotalBytes)} allowed.`);
          // Drop the raw name/extra/comment buffers: a crafted directory could make them large.
          Object.assign(entry, {
            fileNameRaw: null,
            fileName: null,
            extraFieldRaw: null,
            extraFields: [],
            fileCommentRaw: null,
            fileComment: null,
            comment: null,
          });
          files.push({ path: entryPath, entry });
        }
        zip.readEntry();
      } catch (error) {
        reject(error instanceof OpFailure ? error : invalid(`${label} is damaged: ${String(error)}`));
      }
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(invalid(`${label} is damaged (${error.message}).`)));
    zip.readEntry();
  });
  // Entries sharing compressed bytes are the "overlapping files" zip bomb; genuine zips never overlap.
  const byOffset = [...files].sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!.entry;
    if (previous.relativeOffsetOfLocalHeader + 30 + previous.compressedSize > byOffset[i]!.entry.relativeOffsetOfLocalHeader) {
      throw invalid(
        `${label} is damaged: entries ${describeEntryName(byOffset[i - 1]!.path)} and ${describeEntryName(byOffset[i]!.path)} overlap.`,
      );
    }
  }
  return files;
}

interface Totals {
  bytes: number;
}

/** Counts, limits and hashes the real bytes of one entry as they inflate; optionally keeps them. */
function guard(file: FileEntry, expectedBytes: number, limits: PackageLimits, totals: Totals, keep: boolean) {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      totals.bytes += chunk.length;
      const { compressedSize } = file.entry;
      if (bytes > expectedBytes) return callback(refused(file.path, 'it holds more data than its header and the manifest declare'));
      if (bytes > limits.maxEntryBytes) {
        return callback(refused(file.path, `it unpacks to more than the ${mib(limits.maxEntryBytes)} allowed`));
      }
      if (totals.bytes > limits.maxTotalBytes) {
        return callback(invalid(`The package unpacks to more than the ${mib(limits.maxTotalBytes)} allowed.`));
      }
      if (bytes > RATIO_FLOOR && bytes > compressedSize * limits.maxCompressionRatio && file.entry.compressionMethod !== 0) {
        return callback(
          refused(file.path, `it expands more than ${limits.maxCompressionRatio} times its compressed size, which is how zip bombs look`),
        );
      }
      hash.update(chunk);
      if (keep) kept.push(chunk);
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex'), data: Buffer.concat(kept) }) };
}

/** Maps a yauzl/zlib/file-system error while streaming one entry to a message naming it. */
function streamFailure(file: FileEntry, error: unknown): OpFailure {
  if (error instanceof OpFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof error === 'object' && error !== null && 'syscall' in error) {
    return new OpFailure('io-error', `Could not write ${file.path} while opening the package: ${message}`);
  }
  if (message.startsWith('too many bytes')) return refused(file.path, 'it holds more data than its header declares');
  if (message.startsWith('not enough bytes')) return refused(file.path, 'it holds less data than its header declares');
  return refused(file.path, `its data is damaged (${message})`);
}

async function readSmallEntry(zip: ZipFile, file: FileEntry, limits: PackageLimits): Promise<Buffer> {
  const counter = guard(file, file.entry.uncompressedSize, limits, { bytes: 0 }, true);
  try {
    await pipeline(await zip.openReadStreamPromise(file.entry), counter.stream, async (source: AsyncIterable<Buffer>) => {
      for await (const _chunk of source);
    });
  } catch (error) {
    throw streamFailure(file, error);
  }
  return counter.result().data;
}

function parseStoryJson(data: Buffer, label: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    throw invalid(`${label} is damaged: its ${STORY_ENTRY} is not valid UTF-8 JSON.`);
  }
}

/** destDir must be absent or an empty folder; returns whether it exists (checked before reading the package). */
async function destinationExists(destDir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await fs.readdir(destDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new OpFailure('conflict', `Cannot open a package into ${destDir}: it is not a folder that can be read.`);
  }
  if (names.length > 0) throw new OpFailure('conflict', `Cannot open a package into ${destDir}: the folder is not empty.`);
  return true;
}

export async function extractPackage(file: string, destDir: string, limits: Partial<PackageLimits> = {}): Promise<ExtractedPackage> {
  const effective: PackageLimits = { ...DEFAULT_PACKAGE_LIMITS, ...limits };
  const label = `"${path.basename(file)}"`;
  const stats = await fs.stat(file).catch(() => undefined);
  if (stats === undefined) throw new OpFailure('not-found', `The package ${label} was not found.`);
  if (!stats.isFile()) throw invalid(`${label} is not a Copydesk package (it is not a file).`);
  if (stats.size === 0) throw invalid(`${label} is not a Copydesk package (not a zip file: the file is empty).`);

  const destExisted = await destinationExists(destDir);
  const zip = await openZip(file, label);
  let createdDest = false;
  const written: string[] = [];
  try {
    const entries = await readDirectory(zip, label, effective);
    const manifestEntry = entries.find((entry) => entry.path === MANIFEST_ENTRY);
    if (manifestEntry === undefined) throw invalid(`${label} is not a Copydesk package: it has no ${MANIFEST_ENTRY}.`);
    if (!entries.some((entry) => entry.path === STORY_ENTRY)) throw invalid(`${label} is incomplete: it has no ${STORY_ENTRY}.`);
    const manifestText = (await readSmallEntry(zip, manifestEntry, effective)).toString('utf8');
    const manifest = parseManifest(manifestText, label);
    const listed = new Map(manifest.files.map((listedFile) => [listedFile.path, listedFile]));
    const contents = entries.filter((entry) => entry !== manifestEntry);
    for (const entry of contents) {
      const expected = listed.get(entry.path);
      if (expected === undefined) throw refused(entry.path, 'it is not listed in the package manifest');
      if (expected.bytes !== entry.entry.uncompressedSize) {
        throw refused(entry.path, `its size (${entry.entry.uncompressedSize} bytes) differs from the manifest (${expected.bytes} bytes)`);
      }
    }
    const present = new Set(contents.map((entry) => entry.path));
    const missing = manifest.files.find((listedFile) => !present.has(listedFile.path));
    if (missing) throw invalid(`${label} is incomplete: ${describeEntryName(missing.path)} is listed in its manifest but missing.`);

    // Pass 2: everything checked that can be checked without inflating; now stream to disk.
    if (!destExisted) {
      await fs.mkdir(destDir, { recursive: true });
      createdDest = true;
    }
    const totals: Totals = { bytes: 0 };
    let storyJson: unknown;
    for (const entry of contents) {
      const expected = listed.get(entry.path)!;
      const target = path.join(destDir, ...entry.path.split('/'));
      const counter = guard(entry, expected.bytes, effective, totals, entry.path === STORY_ENTRY);
      written.push(entry.path);
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await pipeline(await zip.openReadStreamPromise(entry.entry), counter.stream, createWriteStream(target, { flags: 'wx' }));
      } catch (error) {
        throw streamFailure(entry, error);
      }
      const result = counter.result();
      if (result.bytes !== expected.bytes || result.sha256 !== expected.sha256) {
        throw refused(entry.path, 'its content does not match the manifest (SHA-256 differs); the package is damaged or was altered');
      }
      if (entry.path === STORY_ENTRY) storyJson = parseStoryJson(result.data, label);
    }
    return { manifest, storyJson, files: written };
  } catch (error) {
    await removeWritten(destDir, written, createdDest);
    throw error;
  } finally {
    zip.close();
  }
}

/** Removes what this extraction wrote: the whole folder if we made it, else our top-level items. */
async function removeWritten(destDir: string, written: readonly string[], createdDest: boolean): Promise<void> {
  const options = { recursive: true, force: true, maxRetries: 3 } as const;
  if (createdDest) {
    await fs.rm(destDir, options).catch(() => undefined);
    return;
  }
  const topLevel = new Set(written.map((relative) => relative.split('/')[0]!));
  for (const name of topLevel) await fs.rm(path.join(destDir, name), options).catch(() => undefined);
}
