import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open as openZip, type Entry } from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { OpFailure } from '../../../src-shared/api/result.js';
import { extractPackage } from './extract.js';
import { PackageManifest } from './manifest.js';
import { packStoryFolder } from './pack.js';

const STORY_ID = '01HZX3K7Q9V2M4N6P8R0S1T2W3';
const STORY_TEXT = `${JSON.stringify({ id: STORY_ID, meta: { headline: '立法院三讀通過《新聞自由保障條例》', deck: '记者：王小明／台北报导' } }, null, 2)}\n`;
const PHOTO_NAME = `${createHash('sha256').update('photo').digest('hex')}.jpg`;
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300 * 1024), Buffer.from([0xff, 0xd9])]);
const RENDITION = randomBytes(20 * 1024);
const REVISIONS = ['0000000001-1717000000000-save.json', '0000000002-1717000100000-autosave.json'];
const roots: string[] = [];

afterAll(async () => {
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
});

async function tempRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'cdraft-pack-'));
  roots.push(root);
  return root;
}

/** A story folder as the library keeps it, plus things a package must never carry. */
async function storyFolder(root: string): Promise<string> {
  const dir = path.join(root, 'stories', STORY_ID);
  await fs.mkdir(path.join(dir, 'revisions'), { recursive: true });
  await fs.mkdir(path.join(dir, 'photos', 'renditions'), { recursive: true });
  await fs.writeFile(path.join(dir, 'story.json'), STORY_TEXT);
  for (const name of REVISIONS) await fs.writeFile(path.join(dir, 'revisions', name), STORY_TEXT.replace('1', name.slice(9, 10)));
  await fs.writeFile(path.join(dir, 'photos', PHOTO_NAME), PHOTO);
  await fs.writeFile(path.join(dir, 'photos', 'renditions', 'r-1600.webp'), RENDITION);
  // Never packed: temp and hidden files, symlinks, unexpected folders, names the reader would refuse.
  await fs.writeFile(path.join(dir, `.story.json.${randomBytes(6).toString('hex')}.tmp`), 'half-written');
  await fs.writeFile(path.join(dir, 'photos', '.DS_Store'), 'junk');
  await fs.writeFile(path.join(root, 'secret.txt'), 'outside the story');
  await fs.symlink(path.join(root, 'secret.txt'), path.join(dir, 'photos', 'linked.jpg'));
  await fs.mkdir(path.join(dir, 'photos', 'sub'));
  await fs.writeFile(path.join(dir, 'photos', 'sub', 'nested.jpg'), 'nested');
  await fs.writeFile(path.join(dir, 'photos', 'with space.jpg'), 'bad name');
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not part of the layout');
  return dir;
}

function zipEntryNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    openZip(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('packStoryFolder', () => {
  it('round-trips a story with revisions, byte for byte, manifest first', async () => {
    const root = await tempRoot();
    const dir = await storyFolder(root);
    const out = path.join(root, 'out', 'story.cdraft');
    await fs.mkdir(path.dirname(out));
    const result = await packStoryFolder(dir, out, { includeRevisions: true, storyId: STORY_ID });

    const expected = [
      'story.json',
      ...REVISIONS.map((name) => `revisions/${name}`),
      `photos/${PHOTO_NAME}`,
      'photos/renditions/r-1600.webp',
    ];
    expect(result).toEqual({ bytes: (await fs.stat(out)).size, entries: expected.length + 1 });
    expect(await zipEntryNames(out)).toEqual(['copydesk-package.json', ...expected]);
    expect(await fs.readdir(path.dirname(out))).toEqual(['story.cdraft']);

    const dest = path.join(root, '.tmp', 'import');
    const extracted = await extractPackage(out, dest);
    expect(extracted.files).toEqual(expected);
    expect(extracted.storyJson).toEqual(JSON.parse(STORY_TEXT));
    expect(PackageManifest.parse(extracted.manifest)).toMatchObject({
      format: 'copydesk-draft',
      formatVersion: 1,
      storyId: STORY_ID,
      includesRevisions: true,
    });
    for (const relative of expected) {
      const original = await fs.readFile(path.join(dir, relative));
      expect((await fs.readFile(path.join(dest, relative))).equals(original), relative).toBe(true);
      const listed = extracted.manifest.files.find((file) => file.path === relative);
      expect(listed).toEqual({ path: relative, bytes: original.length, sha256: createHash('sha256').update(original).digest('hex') });
    }
    expect((await fs.readFile(path.join(dest, 'story.json'), 'utf8')).includes('新聞自由')).toBe(true);
    expect((await fs.readdir(dest, { recursive: true })).map(String).sort()).toEqual(
      ['photos', 'photos/renditions', 'revisions', ...expected].map((p) => p.split('/').join(path.sep)).sort(),
    );
  });

  it('leaves revisions out when asked, and replaces an existing package atomically', async () => {
    const root = await tempRoot();
    const dir = await storyFolder(root);
    const out = path.join(root, 'story.cdraft');
    await fs.writeFile(out, 'an older package');
    const result = await packStoryFolder(dir, out, { includeRevisions: false, storyId: STORY_ID });
    expect(result.entries).toBe(4);
    expect(await zipEntryNames(out)).toEqual([
      'copydesk-package.json',
      'story.json',
      `photos/${PHOTO_NAME}`,
      'photos/renditions/r-1600.webp',
    ]);
    const extracted = await extractPackage(out, path.join(root, 'dest'));
    expect(extracted.manifest.includesRevisions).toBe(false);
    expect(extracted.files).not.toContain(expect.stringMatching(/^revisions\//));
    expect((await fs.readdir(root)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails without leaving a file when the story folder has no story.json', async () => {
    const root = await tempRoot();
    const dir = await storyFolder(root);
    await fs.rm(path.join(dir, 'story.json'));
    await fs.symlink(path.join(root, 'secret.txt'), path.join(dir, 'story.json'));
    const out = path.join(root, 'out.cdraft');
    await expect(packStoryFolder(dir, out, { includeRevisions: true, storyId: STORY_ID })).rejects.toMatchObject({
      code: 'not-found',
      message: /story\.json is missing or not a regular file/,
    });
    expect((await fs.readdir(root)).sort()).toEqual(['secret.txt', 'stories']);
  });

  it('reports an unwritable destination as an io-error and leaves no temp file', async () => {
    const root = await tempRoot();
    const dir = await storyFolder(root);
    const error: unknown = await packStoryFolder(dir, path.join(root, 'missing', 'x.cdraft'), {
      includeRevisions: false,
      storyId: STORY_ID,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpFailure);
    expect((error as OpFailure).code).toBe('io-error');
    expect((error as OpFailure).message).toMatch(/Could not pack the story into x\.cdraft/);
    expect((await fs.readdir(root)).sort()).toEqual(['secret.txt', 'stories']);
  });

  it('refuses a story id that is not one', async () => {
    const root = await tempRoot();
    const dir = await storyFolder(root);
    await expect(packStoryFolder(dir, path.join(root, 'x.cdraft'), { includeRevisions: false, storyId: '../x' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});
