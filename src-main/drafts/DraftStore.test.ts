import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Story } from '../../src-shared/article/schema.js';
import { DraftStore } from './DraftStore.js';
import { watchLibrary } from './watch.js';
import { edit, openLibrary } from './testing/testLibrary.js';

const MINUTE = 60_000;

describe('DraftStore basics', () => {
  it('creates a story in a folder named by a ULID, never by its title', async () => {
    const { store, root } = await openLibrary();
    const titles = ['x'.repeat(300), 'CON', 'aux.txt', 'Trailing dots...', '表情 🎉📰', '\u202Eevil\u202C.exe', 'a/b\\c:d*?"<>|'];
    for (const headline of titles) {
      const story = await store.create({ headline, language: 'zh-Hant' });
      expect(story.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      const onDisk = Story.parse(JSON.parse(readFileSync(path.join(root, 'stories', story.id, 'story.json'), 'utf8')));
      expect(onDisk.meta.headline).toBe(headline);
    }
    expect(readdirSync(path.join(root, 'stories')).every((name) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(name))).toBe(true);
    const { stories } = await store.list();
    expect(stories.map((s) => s.headline).sort()).toEqual([...titles].sort());
    expect(JSON.parse(readFileSync(path.join(root, 'library.json'), 'utf8'))).toMatchObject({
      format: 'copydesk-library',
      formatVersion: 1,
    });
  });

  it('saves on top of the revision it was based on and refuses a stale base', async () => {
    const { store, root } = await openLibrary();
    const story = await store.create({ headline: '濱江市民公園二期竣工' });
    const saved = await store.save(edit(story, { body: ['北濱日報訊 周末起免費開放。'] }));
    expect(saved.revision).toBe(1);
    const file = path.join(root, 'stories', story.id, 'story.json');
    const before = readFileSync(file, 'utf8');
    await expect(store.save(edit(story, { body: ['an older copy'] }))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('revision 1'),
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    const { story: current } = await store.get(story.id);
    expect(current.revision).toBe(1);
    expect(JSON.stringify(current.content)).toContain('周末起免費開放');
    const list = await store.list();
    expect(list.stories[0]).toMatchObject({ id: story.id, revision: 1, length: '北濱日報訊周末起免費開放。'.length });
  });

  it('two stores on one library: the second writer with the same base gets a conflict', async () => {
    const { store, root } = await openLibrary();
    const other = await DraftStore.open({ root });
    const story = await store.create({ headline: 'Budget' });
    const results = await Promise.allSettled([store.save(edit(story, { body: ['mine'] })), other.save(edit(story, { body: ['theirs'] }))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'conflict' });
    expect((await other.get(story.id)).story.revision).toBe(1);
  });

  it('moves status through the workflow with who and when, and refuses skipping steps', async () => {
    const { store, clock } = await openLibrary();
    const story = await store.create({ headline: 'Council vote' });
    clock.advance(MINUTE);
    await store.setStatus(story.id, 'ready');
    await store.setStatus(story.id, 'editing', 'editor.lin');
    await expect(store.setStatus(story.id, 'filed')).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('"editing" to "filed"'),
    });
    const { story: current } = await store.get(story.id);
    expect(current.statusHistory.map((h) => [h.status, h.by])).toEqual([
      ['draft', 'chen.zhiyuan'],
      ['ready', 'chen.zhiyuan'],
      ['editing', 'editor.lin'],
    ]);
    expect(current.statusHistory[1]?.at).toBe(new Date(Date.UTC(2026, 10, 27, 9, 1)).toISOString());
    expect((await store.revisions(story.id)).filter((r) => r.reason === 'status').map((r) => r.status)).toEqual(['editing', 'ready']);
  });

  it('a status change inside an autosave is checked and snapshotted too', async () => {
    const { store } = await openLibrary();
    const story = await store.create({ headline: 'x' });
    await expect(store.save(edit(story, { status: 'approved' }))).rejects.toMatchObject({ code: 'invalid-input' });
    const saved = await store.save(edit(story, { status: 'ready' }));
    expect(saved.snapshot).toBe(true);
  });
});

describe('revisions', () => {
  it('snapshots at most every five minutes while typing, plus named versions; restore adds a revision', async () => {
    const { store, clock } = await openLibrary();
    let story = await store.create({ headline: 'v0' });
    const snapshots: boolean[] = [];
    for (let i = 1; i <= 12; i++) {
      clock.advance(MINUTE);
      const saved = await store.save(edit(story, { headline: `v${i}` }));
      snapshots.push(saved.snapshot);
      story = (await store.get(story.id)).story;
    }
    // created at 0; autosaves at minutes 1..12: snapshots at 5 and 10
    expect(snapshots.map((s, i) => (s ? i + 1 : 0)).filter(Boolean)).toEqual([5, 10]);
    await store.saveVersion(story.id, 'Sent to desk');
    const revisions = await store.revisions(story.id);
    expect(revisions.map((r) => [r.revision, r.reason, r.label, r.headline])).toEqual([
      [12, 'manual', 'Sent to desk', 'v12'],
      [10, 'auto', null, 'v10'],
      [5, 'auto', null, 'v5'],
      [0, 'created', null, 'v0'],
    ]);
    expect((await store.revision(story.id, 5)).meta.headline).toBe('v5');
    const restored = await store.restore(story.id, 5);
    expect(restored).toMatchObject({ revision: 13, meta: { headline: 'v5' } });
    expect((await store.revisions(story.id)).map((r) => r.revision)).toEqual([13, 12, 10, 5, 0]);
    await expect(store.revision(story.id, 7)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('trash, duplicate, rename', () => {
  it('moves to trash and back, and empties the trash', async () => {
    const { store, root } = await openLibrary();
    const a = await store.create({ headline: '甲' });
    const b = await store.create({ headline: '乙' });
    await store.trash.trash(a.id);
    expect((await store.list()).stories.map((s) => s.id)).toEqual([b.id]);
    expect(await store.trash.list()).toMatchObject([{ id: a.id, headline: '甲' }]);
    await expect(store.save(edit(a))).rejects.toMatchObject({ code: 'not-found' });
    await store.trash.untrash(a.id);
    expect((await store.list()).stories.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(existsSync(path.join(root, 'stories', a.id, 'trashed.json'))).toBe(false);
    await store.trash.trash(b.id);
    expect(await store.trash.empty()).toBe(1);
    expect(await store.trash.list()).toEqual([]);
    await expect(store.trash.untrash(b.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('duplicates as a new draft and renames', async () => {
    const { store } = await openLibrary();
    const story = await store.create({ headline: 'Original' });
    await store.setStatus(story.id, 'ready');
    const copy = await store.duplicate(story.id);
    expect(copy.id).not.toBe(story.id);
    expect(copy).toMatchObject({ revision: 0, meta: { headline: 'Original', status: 'draft' } });
    expect((await store.rename(copy.id, 'Copy')).meta.headline).toBe('Copy');
    expect((await store.list()).stories).toHaveLength(2);
  });
});

describe('bad files on disk', () => {
  it('quarantines a damaged story with its reason, offers the last revision, and keeps the rest loading', async () => {
    const { store, root, clock } = await openLibrary();
    const good = await store.create({ headline: 'good' });
    const bad = await store.create({ headline: 'bad' });
    await store.save(edit(bad, { body: ['text'] }));
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['{"schemaVersion":1,"id":"', /not valid JSON/],
      ['\u0000\u0001garbage', /not valid JSON/],
      ['{"schemaVersion":1}', /does not match the format/],
    ];
    for (const [i, [content, reason]] of cases.entries()) {
      writeFileSync(path.join(root, 'stories', bad.id, 'story.json'), content);
      clock.advance(MINUTE);
      const fresh = await DraftStore.open({ root, now: clock.now }); // another launch
      const list = await fresh.list();
      expect(list.stories.map((s) => s.id)).toEqual([good.id]);
      // revision 0 (created); after each recovery the restored copy is the newest revision
      expect(list.damaged).toMatchObject([{ id: bad.id, reason: expect.stringMatching(reason), latestRevision: i }]);
      const quarantined = list.damaged[0]!.quarantinedTo;
      expect(readFileSync(path.join(quarantined, 'story.json'), 'utf8')).toBe(content);
      expect(readFileSync(path.join(quarantined, 'reason.txt'), 'utf8')).toMatch(reason);
      const recovered = await fresh.recover(bad.id);
      expect(recovered.meta.headline).toBe('bad');
      expect((await fresh.list()).damaged).toEqual([]);
    }
    expect((await store.check()).problems).toEqual([]);
  });

  it('opens a story from a newer version read-only and never rewrites it', async () => {
    const { store, root } = await openLibrary();
    const story = await store.create({ headline: 'from the future' });
    const file = path.join(root, 'stories', story.id, 'story.json');
    const future = JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schemaVersion: 99, newThing: { x: 1 } });
    writeFileSync(file, future);
    const opened = await store.get(story.id);
    expect(opened).toMatchObject({ readOnly: true, readOnlyReason: expect.stringContaining('newer Copydesk') });
    await expect(store.save(edit(story))).rejects.toMatchObject({ code: 'read-only' });
    await expect(store.setStatus(story.id, 'ready')).rejects.toMatchObject({ code: 'read-only' });
    const fresh = await DraftStore.open({ root });
    expect((await fresh.list()).stories).toMatchObject([{ id: story.id, headline: 'from the future', readOnly: true }]);
    expect(readFileSync(file, 'utf8')).toBe(future);
  });

  it('a library folder deleted while running: saves fail clearly, nothing is recreated', async () => {
    const { store, root } = await openLibrary();
    const story = await store.create({ headline: 'x' });
    rmSync(root, { recursive: true, force: true });
    await expect(store.save(edit(story, { body: ['typed after the folder vanished'] }))).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringContaining('missing'),
    });
    expect(existsSync(root)).toBe(false);
    expect((await store.list()).stories.length).toBeGreaterThanOrEqual(0);
  });

  it('picks up changes another process made to the files', async () => {
    const { store, root } = await openLibrary();
    const story = await store.create({ headline: 'before' });
    await store.list();
    const other = await DraftStore.open({ root });
    await other.rename(story.id, 'after');
    const fresh = await DraftStore.open({ root }); // cold start with the catalog cache on disk
    expect((await fresh.list()).stories[0]?.headline).toBe('after');
    store.invalidate(); // what the file watcher does
    expect((await store.list()).stories[0]?.headline).toBe('after');
  });
});

describe('file watching', () => {
  it('sees another process change a story without being told', async () => {
    const { store, root } = await openLibrary();
    const story = await store.create({ headline: 'before' });
    await store.list();
    let notified = 0;
    const watcher = watchLibrary(store, () => notified++, 20);
    try {
      const other = await DraftStore.open({ root });
      await other.rename(story.id, 'after');
      await other.trash.trash((await other.create({ headline: 'gone' })).id);
      await vi.waitFor(() => expect(notified).toBeGreaterThan(0), { timeout: 3000 });
      expect((await store.list()).stories.map((s) => s.headline)).toEqual(['after']);
    } finally {
      watcher.close();
    }
  });
});
