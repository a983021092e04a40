import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes, MAX_EDITOR_STATE_BYTES, Story, StoryContent } from './schema.js';

describe('jsonBytes', () => {
  it('equals the UTF-8 size of the JSON for any value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), (value, text) => {
        expect(jsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value) ?? ''));
        expect(jsonBytes(text)).toBe(Buffer.byteLength(JSON.stringify(text)));
      }),
      { numRuns: 300 },
    );
    expect(jsonBytes('贛江𠀀🎉')).toBe(Buffer.byteLength('"贛江𠀀🎉"'));
  });
});

describe('story content limits', () => {
  it('refuses an editor state over the size limit', () => {
    const big = { root: { children: [{ text: 'x'.repeat(MAX_EDITOR_STATE_BYTES) }] } };
    expect(StoryContent.safeParse({ editorState: big }).success).toBe(false);
    expect(StoryContent.safeParse({ editorState: { root: { children: [] } } }).success).toBe(true);
  });

  it('refuses NUL characters and oversized headlines', () => {
    const base = {
      schemaVersion: 1,
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      revision: 0,
      createdAt: '2026-11-27T09:00:00.000Z',
      updatedAt: '2026-11-27T09:00:00.000Z',
      meta: { headline: 'x', deck: '', slug: '', section: '', language: 'zh-Hant', status: 'draft', tags: [], editorsNote: '' },
      statusHistory: [],
      content: { editorState: null },
      photos: [],
    };
    expect(Story.safeParse(base).success).toBe(true);
    expect(Story.safeParse({ ...base, meta: { ...base.meta, headline: 'a\u0000b' } }).success).toBe(false);
    expect(Story.safeParse({ ...base, meta: { ...base.meta, headline: '字'.repeat(1001) } }).success).toBe(false);
    expect(Story.safeParse({ ...base, id: 'not-an-id' }).success).toBe(false);
    expect(Story.safeParse({ ...base, meta: { ...base.meta, tags: [''] } }).success).toBe(false);
  });
});
