/** Search through the store: CJK inside sentences, Traditional/Simplified, filters, following edits. */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftStore } from './DraftStore.js';
import { edit, openLibrary } from './testing/testLibrary.js';

describe('library search', () => {
  it('finds CJK words inside sentences, across scripts, with filters, and follows edits', async () => {
    const { store, root } = await openLibrary();
    const a = await store.create({ headline: '濱江市民公園二期竣工', language: 'zh-Hant' });
    await store.save(edit(a, { body: ['貛江新區管委會表示，江西省南昌市將增設停車位。', 'The council will vote on Tuesday.'] }));
    const b = await store.create({ headline: 'Budget vote', language: 'en' });
    await store.save(edit(b, { body: ['Riverside park opens second phase.'] }));
    await store.setStatus(b.id, 'ready');

    const ids = async (query: string, filters = {}) => (await store.list({ query, ...filters })).stories.map((s) => s.id);
    expect(await ids('江西')).toEqual([a.id]);
    expect(await ids('新區管委')).toEqual([a.id]);
    expect(await ids('新区管委')).toEqual([a.id]); // Simplified query, Traditional text
    expect(await ids('公园')).toEqual([a.id]);
    expect(await ids('council')).toEqual([a.id]);
    expect(await ids('riverside')).toEqual([b.id]);
    expect(await ids('vote')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await ids('vote', { status: ['ready'] })).toEqual([b.id]);
    expect(await ids('vote', { language: 'zh-Hant' })).toEqual([a.id]);
    expect(await ids('園區')).toEqual([]);
    expect((await store.list({ query: '江西' })).stories[0]?.snippet).toContain('江西');

    // An edit is searchable at once; the old words are gone.
    const current = (await store.get(b.id)).story;
    await store.save(edit(current, { body: ['贛江 flood warning'] }));
    expect(await ids('flood')).toEqual([b.id]);
    expect(await ids('riverside')).toEqual([]);

    // The index is a cache: written to disk, and rebuilt when deleted.
    await store.search.persist();
    const cache = path.join(root, '.cache', 'search-index.json');
    expect(existsSync(cache)).toBe(true);
    const warm = await DraftStore.open({ root });
    expect((await warm.list({ query: '江西' })).stories.map((s) => s.id)).toEqual([a.id]);
    rmSync(cache);
    const cold = await DraftStore.open({ root });
    expect((await cold.list({ query: 'flood' })).stories.map((s) => s.id)).toEqual([b.id]);

    // Trashed stories leave the results.
    await store.trash.trash(a.id);
    store.invalidate();
    expect(await ids('江西')).toEqual([]);
  });
});
