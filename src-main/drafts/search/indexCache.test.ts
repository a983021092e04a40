import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndex, saveIndex, syncIndex } from './indexCache.js';
import { type SearchDoc, StoryIndex } from './StoryIndex.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-search-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function doc(id: string, revision: number, body: string): SearchDoc {
  return {
    id,
    revision,
    headline: `Story ${id}`,
    deck: '',
    body,
    tags: [],
    section: 'City',
    language: 'zh-Hant',
    status: 'draft',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('saveIndex / loadIndex', () => {
  it('saves into a new folder and loads an index that answers the same', async () => {
    const file = path.join(await tempDir(), 'cache', 'search', 'index.json');
    const index = StoryIndex.create();
    index.upsert(doc('a', 3, '國務院批覆設立贛江新區。'));
    index.upsert(doc('b', 1, 'The budget passed.'));
    await saveIndex(file, index);

    const loaded = await loadIndex(file);
    expect(loaded).not.toBeNull();
    expect(loaded?.size).toBe(2);
    expect(loaded?.revisionOf('a')).toBe(3);
    expect(loaded?.search('赣江新区')).toEqual(index.search('赣江新区'));
    expect(loaded?.search('budget').map((hit) => hit.id)).toEqual(['b']);
  });

  it('overwrites an older cache file', async () => {
    const file = path.join(await tempDir(), 'index.json');
    const first = StoryIndex.create();
    first.upsert(doc('a', 1, '江西'));
    await saveIndex(file, first);
    const second = StoryIndex.create();
    second.upsert(doc('b', 1, '廣東'));
    await saveIndex(file, second);
    const loaded = await loadIndex(file);
    expect(loaded?.has('a')).toBe(false);
    expect(loaded?.search('广东').map((hit) => hit.id)).toEqual(['b']);
  });

  it('returns null for a missing, damaged or foreign cache file', async () => {
    const dir = await tempDir();
    expect(await loadIndex(path.join(dir, 'missing.json'))).toBeNull();
    expect(await loadIndex(dir)).toBeNull(); // a folder, not a file

    const index = StoryIndex.create();
    index.upsert(doc('a', 1, '江西'));
    const good = path.join(dir, 'good.json');
    await saveIndex(good, index);
    const text = await readFile(good, 'utf8');

    const damaged: Record<string, string> = {
      'empty.json': '',
      'garbage.json': '\u0000\u0001 not json',
      'truncated.json': text.slice(0, Math.floor(text.length / 2)),
      'other.json': JSON.stringify({ hello: 'world' }),
      'old-version.json': JSON.stringify({ ...(JSON.parse(text) as object), version: 0 }),
      'null.json': 'null',
    };
    for (const [name, content] of Object.entries(damaged)) {
      await writeFile(path.join(dir, name), content);
      expect(await loadIndex(path.join(dir, name)), name).toBeNull();
    }
  });
});

describe('syncIndex', () => {
  it('adds new stories, re-indexes changed revisions, removes deleted ones and leaves the rest', async () => {
    const index = StoryIndex.create();
    index.upsert(doc('same', 1, '江西'));
    index.upsert(doc('changed', 1, '舊的內容'));
    index.upsert(doc('deleted', 1, '刪除'));

    const library: Record<string, SearchDoc> = {
      same: doc('same', 1, '江西'),
      changed: doc('changed', 2, '新的內容'),
      added: doc('added', 1, '新增'),
    };
    const loaded: string[] = [];
    const result = await syncIndex(
      index,
      Object.values(library).map(({ id, revision }) => ({ id, revision })),
      async (id) => {
        loaded.push(id);
        return library[id] ?? null;
      },
    );

    expect(result).toEqual({ added: 1, updated: 1, removed: 1 });
    expect(loaded.sort()).toEqual(['added', 'changed']);
    expect(index.ids().sort()).toEqual(['added', 'changed', 'same']);
    expect(index.revisionOf('changed')).toBe(2);
    expect(index.search('旧的').map((hit) => hit.id)).toEqual([]);
    expect(index.search('新的').map((hit) => hit.id)).toEqual(['changed']);
    expect(index.search('新增').map((hit) => hit.id)).toEqual(['added']);
    expect(index.has('deleted')).toBe(false);

    // Nothing to do the second time.
    const again = await syncIndex(
      index,
      [
        { id: 'same', revision: 1 },
        { id: 'changed', revision: 2 },
        { id: 'added', revision: 1 },
      ],
      async () => {
        throw new Error('should not load');
      },
    );
    expect(again).toEqual({ added: 0, updated: 0, removed: 0 });
  });

  it('fills an empty index and skips stories that cannot be loaded', async () => {
    const index = StoryIndex.create();
    const current = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, revision: 1 }));
    const result = await syncIndex(index, current, async (id) => (id === 's7' ? null : doc(id, 1, `第${id}篇颱風消息`)));
    expect(result).toEqual({ added: 29, updated: 0, removed: 0 });
    expect(index.size).toBe(29);
    expect(index.search('台风', {}, 100)).toHaveLength(29);
  });

  it('removes an indexed story that has become unreadable', async () => {
    const index = StoryIndex.create();
    index.upsert(doc('a', 1, '江西'));
    const result = await syncIndex(index, [{ id: 'a', revision: 2 }], async () => null);
    expect(result).toEqual({ added: 0, updated: 0, removed: 1 });
    expect(index.size).toBe(0);
  });
});
