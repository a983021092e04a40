import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ZipFile } from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { OpFailure } from '../../../src-shared/api/result.js';
import { extractPackage, type PackageLimits } from './extract.js';

const STORY_ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const STORY = Buffer.from(JSON.stringify({ id: STORY_ID, meta: { headline: '颱風逼近 北部今晚防豪雨' } }), 'utf8');
const PHOTO = randomBytes(64 * 1024);
const roots: string[] = [];

afterAll(async () => {
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
});

async function tempRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'cdraft-extract-'));
  roots.push(root);
  return root;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Spec {
  name: string;
  data: Buffer;
  mode?: number;
  compress?: boolean;
}

function manifestFor(files: readonly Spec[], overrides: Record<string, unknown> = {}): Spec {
  const manifest = {
    format: 'copydesk-draft',
    formatVersion: 1,
    storyId: STORY_ID,
    createdAt: '2025-05-01T08:00:00.000Z',
    includesRevisions: files.some((file) => file.name.startsWith('revisions/')),
    files: files
      .filter((file) => !file.name.endsWith('/'))
      .map((file) => ({ path: file.name, bytes: file.data.length, sha256: sha256(file.data) })),
    ...overrides,
  };
  return { name: 'copydesk-package.json', data: Buffer.from(JSON.stringify(manifest)) };
}

async function yazlZip(entries: readonly Spec[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) zip.addEmptyDirectory(entry.name);
    else zip.addBuffer(entry.data, entry.name, { mode: entry.mode ?? 0o100644, compress: entry.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A package: manifest (listing `files` unless `listed` says otherwise) + the files, made by yazl. */
async function packageZip(files: readonly Spec[], overrides: Record<string, unknown> = {}, listed = files): Promise<Buffer> {
  return yazlZip([manifestFor(listed, overrides), ...files]);
}

interface Patch {
  name?: string;
  flagsOr?: number;
  method?: number;
  uncompressedSize?: number;
  externalAttributes?: number;
}

/** Rewrites fields of one entry in both its central-directory record and its local header. */
function patchEntry(zip: Buffer, name: string, patch: Patch): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = out.readUInt32LE(eocd + 16);
  let found = false;
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    const nameLength = out.readUInt16LE(p + 28);
    const local = out.readUInt32LE(p + 42);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      found = true;
      if (patch.name !== undefined) {
        expect(Buffer.byteLength(patch.name)).toBe(nameLength);
        out.write(patch.name, p + 46, 'utf8');
        out.write(patch.name, local + 30, 'utf8');
      }
      if (patch.flagsOr !== undefined) {
        out.writeUInt16LE(out.readUInt16LE(p + 8) | patch.flagsOr, p + 8);
        out.writeUInt16LE(out.readUInt16LE(local + 6) | patch.flagsOr, local + 6);
      }
      if (patch.method !== undefined) {
        out.writeUInt16LE(patch.method, p + 10);
        out.writeUInt16LE(patch.method, local + 8);
      }
      if (patch.uncompressedSize !== undefined) {
        out.writeUInt32LE(patch.uncompressedSize, p + 24);
        out.writeUInt32LE(patch.uncompressedSize, local + 22);
      }
      if (patch.externalAttributes !== undefined) out.writeUInt32LE(patch.externalAttributes >>> 0, p + 38);
    }
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  expect(found).toBe(true);
  return out;
}

interface RawEntry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
  /** Point this central record at another entry's local header (overlapping entries). */
  sameDataAs?: string;
}

/** A zip written byte by byte, for what yazl will not make (huge pre-compressed data, overlaps). */
function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let at = entry.sameDataAs === undefined ? undefined : offsets.get(entry.sameDataAs);
    if (at === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      [20, 0x800, entry.method, 0, 0x21].forEach((value, i) => local.writeUInt16LE(value, 4 + 2 * i));
      local.writeUInt32LE(entry.crc >>> 0, 14);
      local.writeUInt32LE(entry.data.length, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(name.length, 26);
      at = offset;
      offsets.set(entry.name, at);
      locals.push(local, name, entry.data);
      offset += 30 + name.length + entry.data.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    [0x031e, 20, 0x800, entry.method, 0, 0x21].forEach((value, i) => central.writeUInt16LE(value, 4 + 2 * i));
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(at, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

const stored = (name: string, data: Buffer): RawEntry => ({ name, method: 0, data, crc: zlib.crc32(data), size: data.length });

/** 300 MiB of zeros deflated to ~300 KB, built from full-flush blocks in ~0.1 s instead of deflating 300 MiB. */
function zeroBomb(mib: number): RawEntry {
  const oneMib = Buffer.alloc(1024 * 1024);
  const block = zlib.deflateRawSync(oneMib, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(oneMib, crc);
  const data = Buffer.concat([...Array<Buffer>(mib).fill(block), zlib.deflateRawSync(Buffer.alloc(0))]);
  return { name: 'photos/zeros.bin', method: 8, data, crc, size: mib * 1024 * 1024 };
}

async function treeNames(dir: string): Promise<string[]> {
  return (await fs.readdir(dir, { recursive: true })).map(String);
}

async function run(bytes: Buffer, options: { limits?: Partial<PackageLimits>; destExists?: boolean } = {}) {
  const root = await tempRoot();
  const work = path.join(root, 'work');
  await fs.mkdir(work);
  const file = path.join(work, 'story.cdraft');
  await fs.writeFile(file, bytes);
  const dest = path.join(work, 'dest');
  if (options.destExists) await fs.mkdir(dest);
  const started = Date.now();
  const outcome = await extractPackage(file, dest, options.limits).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, root, work, dest, file, ms: Date.now() - started };
}

async function expectRefused(
  bytes: Buffer,
  why: RegExp,
  options: { limits?: Partial<PackageLimits>; destExists?: boolean } = {},
): Promise<string> {
  const { error, root, work, dest, ms } = await run(bytes, options);
  expect(error).toBeInstanceOf(OpFailure);
  const failure = error as OpFailure;
  expect(failure.code).toBe('invalid-input');
  expect(failure.message).toMatch(why);
  expect(ms).toBeLessThan(5000);
  expect(await fs.readdir(dest).catch(() => [])).toEqual([]);
  expect((await fs.readdir(work)).sort()).toEqual(options.destExists ? ['dest', 'story.cdraft'] : ['story.cdraft']);
  expect((await treeNames(root)).filter((name) => /evil|link/.test(name))).toEqual([]);
  return failure.message;
}

const story: Spec = { name: 'story.json', data: STORY };
const photo: Spec = { name: 'photos/a.jpg', data: PHOTO, compress: false };

describe('extractPackage: well-formed packages', () => {
  it('writes the listed files, ignores folder entries and returns the parsed story', async () => {
    const files = [
      story,
      { name: 'photos/', data: Buffer.alloc(0) },
      photo,
      { name: 'revisions/0000000001-1700000000000-save.json', data: STORY },
    ];
    const { value, error, dest } = await run(await packageZip(files));
    expect(error).toBeUndefined();
    expect(value?.files).toEqual(['story.json', 'photos/a.jpg', 'revisions/0000000001-1700000000000-save.json']);
    expect(value?.storyJson).toEqual(JSON.parse(STORY.toString('utf8')));
    expect(value?.manifest.storyId).toBe(STORY_ID);
    expect((await fs.readFile(path.join(dest, 'photos', 'a.jpg'))).equals(PHOTO)).toBe(true);
  });
});

describe('extractPackage: hostile and broken packages', () => {
  it.each([
    ['../evil.txt', /"\.\.\/evil\.txt" is refused: it climbs out of the story folder with "\.\."/],
    ['..\\evil.txt', /climbs out of the story folder/],
    ['/x/evil.txt', /is refused: it is an absolute path/],
    ['C:/evil.txt', /is refused: it starts with a Windows drive letter/],
    ['C:evil..txt', /is refused: it starts with a Windows drive letter/],
    ['photo:s.txt', /":"/],
  ])('refuses the entry name %j', async (name, why) => {
    const placeholder = 'p'.repeat(Buffer.byteLength(name)); // yazl refuses these names: write a same-length one, then patch it
    const zip = patchEntry(await packageZip([story, { name: placeholder, data: Buffer.from('pwned') }]), placeholder, { name });
    await expectRefused(zip, why);
  });

  it('refuses a symlink entry', async () => {
    await expectRefused(
      await packageZip([story, { name: 'photos/link.jpg', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]),
      /"photos\/link\.jpg" is refused: it is a symbolic link/,
    );
  });

  it('refuses a zip bomb by its ratio, declared size and total before inflating anything', async () => {
    const bomb = zeroBomb(300);
    const zip = rawZip([stored('copydesk-package.json', manifestFor([story]).data), stored('story.json', STORY), bomb]);
    await expectRefused(zip, /"photos\/zeros\.bin" is refused: it expands more than 200 times .* zip bombs/);
    await expectRefused(zip, /"photos\/zeros\.bin" is refused: it unpacks to 300\.0 MiB, more than the 16\.0 MiB allowed/, {
      limits: { maxCompressionRatio: 5000, maxEntryBytes: 16 * 1024 * 1024 },
    });
    await expectRefused(zip, /unpacks to more than the 64\.0 MiB allowed/, {
      limits: { maxCompressionRatio: 5000, maxTotalBytes: 64 * 1024 * 1024 },
    });
  });

  it('stops a bomb whose headers lie about its size while it streams', async () => {
    const bomb = { ...zeroBomb(300), size: 1024 };
    const manifest = manifestFor([story, { name: bomb.name, data: Buffer.alloc(1024) }]);
    const zip = rawZip([stored('copydesk-package.json', manifest.data), stored('story.json', STORY), bomb]);
    const message = await expectRefused(zip, /"photos\/zeros\.bin" is refused: it holds more data than its header/, { destExists: true });
    expect(message).not.toMatch(/zip bombs/);
    // The same lie, patched into a yazl-made zip's headers.
    const honest = await packageZip([story, { name: 'photos/big.bin', data: Buffer.alloc(8 * 1024 * 1024) }]);
    const patched = patchEntry(honest, 'photos/big.bin', { uncompressedSize: 1000 });
    await expectRefused(patched, /"photos\/big\.bin" is refused: its size \(1000 bytes\) differs from the manifest/);
    const listedSmall = patchEntry(
      await packageZip([story, { name: 'photos/big.bin', data: Buffer.alloc(8 * 1024 * 1024) }], {}, [
        story,
        { name: 'photos/big.bin', data: Buffer.alloc(1000) },
      ]),
      'photos/big.bin',
      { uncompressedSize: 1000 },
    );
    await expectRefused(listedSmall, /"photos\/big\.bin" is refused: it holds more data than its header/);
  });

  it('refuses too many entries before reading them', async () => {
    const photos = Array.from({ length: 10 }, (_, i) => ({ name: `photos/p${i}.jpg`, data: Buffer.from([i]) }));
    await expectRefused(await packageZip([story, ...photos]), /has 12 entries; a package may have at most 5/, {
      limits: { maxEntries: 5 },
    });
  });

  it('refuses a file whose SHA-256 differs from the manifest, removing what was already written', async () => {
    const listed = [story, photo, { name: 'photos/b.jpg', data: Buffer.from('original') }];
    const zip = await packageZip([story, photo, { name: 'photos/b.jpg', data: Buffer.from('tampered') }], {}, listed);
    await expectRefused(zip, /"photos\/b\.jpg" is refused: its content does not match the manifest \(SHA-256 differs\)/, {
      destExists: true,
    });
    await expectRefused(zip, /SHA-256 differs/);
  });

  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ['no manifest', () => yazlZip([story, photo]), /is not a Copydesk package: it has no copydesk-package\.json/],
    ['no story.json', () => packageZip([photo]), /is incomplete: it has no story\.json/],
    [
      'a newer format version',
      () => packageZip([story], { formatVersion: 2 }),
      /made by a newer version of Copydesk \(package format version 2; this version reads version 1\)/,
    ],
    ['another format', () => packageZip([story], { format: 'epub' }), /is not a Copydesk draft package: its manifest says "epub"/],
    [
      'a manifest that is not JSON',
      () => yazlZip([{ name: 'copydesk-package.json', data: Buffer.from('{nope') }, story]),
      /copydesk-package\.json is not valid JSON/,
    ],
    ['a bad story id', () => packageZip([story], { storyId: '../../x' }), /damaged manifest \(storyId: not a story id/],
    [
      'an unlisted entry',
      () => packageZip([story, photo], {}, [story]),
      /"photos\/a\.jpg" is refused: it is not listed in the package manifest/,
    ],
    [
      'a listed file missing',
      () => packageZip([story], {}, [story, photo]),
      /is incomplete: "photos\/a\.jpg" is listed in its manifest but missing/,
    ],
    [
      'names differing only in case',
      () => packageZip([story, photo, { name: 'photos/A.jpg', data: PHOTO }]),
      /"photos\/A\.jpg" is refused: it clashes with "photos\/a\.jpg"/,
    ],
    ['an exact duplicate name', () => yazlZip([manifestFor([story]), story, story]), /"story\.json" is refused: it appears twice/],
    [
      'an invalid story.json',
      () => packageZip([{ name: 'story.json', data: Buffer.from('{"a":\xff}', 'latin1') }]),
      /story\.json is not valid UTF-8 JSON/,
    ],
    [
      'an entry outside the layout',
      () => packageZip([story, { name: 'photos/x/evil.txt', data: Buffer.from('x') }]),
      /outside the story folder layout/,
    ],
  ])('refuses a package with %s', async (_label, make, why) => {
    await expectRefused(await make(), why, { destExists: true });
  });

  it('refuses encrypted entries, unknown compression and overlapping entries', async () => {
    const zip = await packageZip([story, photo, { name: 'photos/b.png', data: Buffer.alloc(5000, 7) }]);
    await expectRefused(patchEntry(zip, 'photos/b.png', { flagsOr: 0x1 }), /"photos\/b\.png" is refused: it is encrypted/);
    await expectRefused(patchEntry(zip, 'photos/b.png', { method: 12 }), /"photos\/b\.png" is refused: it uses compression method 12/);
    const shared = stored('photos/a.jpg', PHOTO);
    const overlap = rawZip([
      stored('copydesk-package.json', manifestFor([story, photo, { ...photo, name: 'photos/b.jpg' }]).data),
      stored('story.json', STORY),
      shared,
      { ...shared, name: 'photos/b.jpg', sameDataAs: 'photos/a.jpg' },
    ]);
    await expectRefused(overlap, /entries "photos\/a\.jpg" and "photos\/b\.jpg" overlap/);
  });

  it('refuses garbage, empty and truncated files as "not a zip file"', async () => {
    const valid = await packageZip([story, photo]);
    await expectRefused(randomBytes(10_000), /"story\.cdraft" is not a Copydesk package \(not a zip file/);
    await expectRefused(Buffer.alloc(0), /is not a Copydesk package \(not a zip file: the file is empty\)/);
    await expectRefused(
      valid.subarray(0, Math.floor(valid.length / 2)),
      /is not a Copydesk package \(not a zip file, or the file is incomplete\)/,
    );
    await expectRefused(valid.subarray(0, valid.length - 1), /not a zip file/);
    // Directory and end record intact, but the data they point at cut away.
    await expectRefused(valid.subarray(valid.length - 400), /is damaged|not a zip file/);
  });

  it('refuses a destination that is not empty and leaves it alone', async () => {
    const root = await tempRoot();
    const file = path.join(root, 'p.cdraft');
    await fs.writeFile(file, await packageZip([story]));
    const dest = path.join(root, 'dest');
    await fs.mkdir(dest);
    await fs.writeFile(path.join(dest, 'keep.txt'), 'mine');
    await expect(extractPackage(file, dest)).rejects.toMatchObject({ code: 'conflict', message: /not empty/ });
    expect(await fs.readdir(dest)).toEqual(['keep.txt']);
  });
});
