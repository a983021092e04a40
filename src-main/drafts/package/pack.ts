/**
 * Packs one story folder into a `.cdraft` package (a zip): `copydesk-package.json` first, then
 * `story.json`, `revisions/*.json` (optional) and `photos/…`. Only regular files are packed —
 * symlinks are never followed (lstat, and O_NOFOLLOW where the platform has it) — and dot-files
 * (temp files, .DS_Store) are skipped, as is anything whose name `checkEntryPath` would refuse on
 * the other side.
 *
 * The manifest needs every file's SHA-256 before the first zip byte is written, so files are
 * read twice: once to hash, once into the zip, where they are hashed again — a file that changed
 * in between fails the pack instead of shipping a package that cannot be opened.
 *
 * The zip goes to a temp file beside `outFile`, is fsynced, then renamed into place, so a failed
 * pack never leaves a half-written package.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline as pipelineCallback, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { OpFailure } from '../../../src-shared/api/result.js';
import { StoryId } from '../../../src-shared/article/schema.js';
import { fsyncDir, renameWithRetry } from '../../core/atomicWrite.js';
import { checkEntryPath, MANIFEST_ENTRY, STORY_ENTRY } from './entryPath.js';
import { buildManifest, type PackageFile } from './manifest.js';

export interface PackOptions {
  readonly includeRevisions: boolean;
  readonly storyId: string;
}

export interface PackResult {
  /** Size of the written package file. */
  readonly bytes: number;
  /** Zip entries, the manifest included. */
  readonly entries: number;
}

interface SourceFile extends PackageFile {
  readonly absolute: string;
  readonly mtime: Date;
}

/** O_NOFOLLOW is POSIX only; on Windows the lstat check before opening is what we have. */
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NOFOLLOW);
/** Already-compressed media: stored as-is, deflating them only costs time. */
const STORED = /\.(jpe?g|png|webp|gif|heic|heif|avif|jxl|mp4|mov|m4a|mp3|zip)$/i;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Regular files (by lstat) that a package may carry, in name order. */
async function listFolder(storyDir: string, relativeDir: string): Promise<{ path: string; absolute: string; mtime: Date }[]> {
  let names: string[];
  try {
    names = await fs.readdir(path.join(storyDir, relativeDir));
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  const found: { path: string; absolute: string; mtime: Date }[] = [];
  for (const name of names.sort()) {
    const relative = `${relativeDir}/${name}`;
    if (name.startsWith('.') || !checkEntryPath(relative).ok) continue;
    const absolute = path.join(storyDir, relativeDir, name);
    const stats = await fs.lstat(absolute);
    if (stats.isFile()) found.push({ path: relative, absolute, mtime: stats.mtime });
  }
  return found;
}

/** Opens a file without following a symlink and checks it is (still) a regular file. */
async function openRegular(absolute: string): Promise<fs.FileHandle> {
  const handle = await fs.open(absolute, OPEN_FLAGS);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new OpFailure('conflict', `${absolute} changed while it was being packed; try again.`);
  }
  return handle;
}

async function hashFile(absolute: string): Promise<{ bytes: number; sha256: string }> {
  const handle = await openRegular(absolute);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of handle.createReadStream() as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Passes a file through unchanged, failing at the end if it no longer matches the manifest. */
function verifier(file: SourceFile): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  const changed = () => new OpFailure('conflict', `${file.path} changed while the story was being packed; try again.`);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      hash.update(chunk);
      callback(bytes > file.bytes ? changed() : null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(bytes !== file.bytes || hash.digest('hex') !== file.sha256 ? changed() : null);
    },
  });
}

async function collect(storyDir: string, includeRevisions: boolean): Promise<SourceFile[]> {
  const storyFile = path.join(storyDir, STORY_ENTRY);
  const storyStats = await fs.lstat(storyFile).catch(() => undefined);
  if (!storyStats?.isFile()) throw new OpFailure('not-found', `Cannot pack the story: ${storyFile} is missing or not a regular file.`);
  const listed = [
    { path: STORY_ENTRY, absolute: storyFile, mtime: storyStats.mtime },
    ...(includeRevisions ? await listFolder(storyDir, 'revisions') : []),
    ...(await listFolder(storyDir, 'photos')),
    ...(await listFolder(storyDir, 'photos/renditions')),
  ];
  const files: SourceFile[] = [];
  for (const file of listed) files.push({ ...file, ...(await hashFile(file.absolute)) });
  return files;
}

export async function packStoryFolder(storyDir: string, outFile: string, options: PackOptions): Promise<PackResult> {
  if (!StoryId.safeParse(options.storyId).success) throw new OpFailure('invalid-input', `"${options.storyId}" is not a story id.`);
  const temp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const files = await collect(storyDir, options.includeRevisions);
    const manifest = buildManifest(options.storyId, options.includeRevisions, files);

    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    // yazl reports read-side failures on the ZipFile, not on its output stream: end the output with them.
    zip.on('error', (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), MANIFEST_ENTRY, { mode: 0o100644 });
    for (const file of files) {
      const entryOptions = { size: file.bytes, mtime: file.mtime, mode: 0o100644, compress: !STORED.test(file.path) };
      zip.addReadStreamLazy(file.path, entryOptions, (callback) => {
        openRegular(file.absolute).then(
          (handle) =>
            callback(
              null,
              pipelineCallback(handle.createReadStream(), verifier(file), (error) => error && zip.emit('error', error)),
            ),
          (error: unknown) => zip.emit('error', error),
        );
      });
    }
    zip.end();
    await pipeline(output, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));

    const handle = await fs.open(temp, 'r+');
    let bytes: number;
    try {
      await handle.sync();
      bytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, outFile);
    await fsyncDir(path.dirname(outFile));
    return { bytes, entries: files.length + 1 };
  } catch (error) {
    await fs.rm(temp, { force: true, maxRetries: 3 }).catch(() => undefined);
    if (error instanceof OpFailure) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpFailure('io-error', `Could not pack the story into ${path.basename(outFile)}: ${reason}`);
  }
}
