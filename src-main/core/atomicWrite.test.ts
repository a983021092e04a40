import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renameWithRetry, writeFileAtomic } from './atomicWrite.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'copydesk-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces content and leaves no temp files behind', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'story.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2,"text":"贛江新區"}');
    expect(readFileSync(file, 'utf8')).toBe('{"v":2,"text":"贛江新區"}');
    expect(readdirSync(dir)).toEqual(['story.json']);
  });

  it('keeps the old content and cleans up when the rename cannot happen', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'child'), 'x'); // a non-empty directory cannot be replaced by a file
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(readFileSync(path.join(target, 'child'), 'utf8')).toBe('x');
  });

  it('fails cleanly when the folder does not exist', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(path.join(dir, 'gone', 'x.json'), 'data')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('serialises many concurrent writers into one whole version', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'race.json');
    const versions = Array.from({ length: 40 }, (_, i) => JSON.stringify({ i, body: '字'.repeat(5000 + i) }));
    await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
    expect(versions).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(dir)).toEqual(['race.json']);
  });
});

describe('renameWithRetry', () => {
  it('does not retry errors that are not transient locks', async () => {
    const dir = tempDir();
    const started = Date.now();
    await expect(renameWithRetry(path.join(dir, 'missing'), path.join(dir, 'to'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(Date.now() - started).toBeLessThan(500);
  });
});
