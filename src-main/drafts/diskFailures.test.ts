/**
 * A full disk and a read-only disk, for real: the library lives on a small tmpfs mounted for
 * the test (needs root, which CI and the dev machines here have). Saves must fail with a clear
 * message while the file on disk stays the previous good version.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Story } from '../../src-shared/article/schema.js';
import { DraftStore } from './DraftStore.js';
import { edit, lexicalDoc } from './testing/testLibrary.js';

const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'copydesk-tmpfs-'));
let mounted = false;
let mountError = '';

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    mountError = String((error as { stderr?: Buffer }).stderr ?? error);
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
});

/** Fills the 2 MB tmpfs with 4 KB files (so a few can be freed to leave a little room). */
function fillDisk(): string {
  const filler = path.join(mountPoint, 'filler');
  mkdirSync(filler);
  try {
    for (let i = 0; ; i++) writeFileSync(path.join(filler, `small-${i}`), Buffer.alloc(4096, 1));
  } catch {
    // full
  }
  return filler;
}

describe('disk failures', () => {
  it('full disk: the save fails naming the cause; the previous version stays on disk and in the list', async (ctx) => {
    if (!mounted) ctx.skip(`cannot mount a tmpfs here (needs root): ${mountError}`);
    const root = path.join(mountPoint, 'full');
    const store = await DraftStore.open({ root });
    const story = await store.create({ headline: '濱江' });
    await store.save(edit(story, { body: ['第一版'] }));
    const file = path.join(root, 'stories', story.id, 'story.json');
    const good = readFileSync(file, 'utf8');
    const filler = fillDisk();
    const current = (await store.get(story.id)).story;
    const big = { ...edit(current), content: { editorState: lexicalDoc('字'.repeat(200_000)) } };
    // Completely full: even the lock file cannot be written.
    await expect(store.save(big)).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringMatching(/disk is full \(ENOSPC\).*not changed/),
    });
    // Nearly full: the lock fits, the 600 KB story does not.
    execFileSync('rm', ['-f', path.join(filler, 'small-0'), path.join(filler, 'small-1'), path.join(filler, 'small-2')]);
    await expect(store.save(big)).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringMatching(/^Not saved: "濱江": the disk is full \(ENOSPC\)/),
    });
    expect(readFileSync(file, 'utf8')).toBe(good);
    expect(Story.parse(JSON.parse(good)).revision).toBe(1);
    expect((await store.list()).stories[0]).toMatchObject({ id: story.id, revision: 1 });
    // Space comes back: the same save now goes through.
    execFileSync('rm', ['-rf', path.join(mountPoint, 'filler')]);
    expect((await store.save(big)).revision).toBe(2);
  });

  it('read-only disk: the save fails naming the cause and nothing changes', async (ctx) => {
    if (!mounted) ctx.skip(`cannot mount a tmpfs here (needs root): ${mountError}`);
    const root = path.join(mountPoint, 'ro');
    const store = await DraftStore.open({ root });
    const story = await store.create({ headline: 'read-only' });
    const file = path.join(root, 'stories', story.id, 'story.json');
    const good = readFileSync(file, 'utf8');
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      await expect(store.save(edit(story, { body: ['lost?'] }))).rejects.toMatchObject({
        code: 'io-error',
        message: expect.stringMatching(/read-only/),
      });
      await expect(store.create({ headline: 'new' })).rejects.toMatchObject({ code: 'io-error' });
      expect(readFileSync(file, 'utf8')).toBe(good);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
  });
});
