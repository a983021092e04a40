/** Test helper: a search document with defaults, overridden by `fields`. */
import type { SearchDoc } from './StoryIndex.js';

export function doc(id: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return {
    id,
    revision: 1,
    headline: '',
    deck: '',
    body: '',
    tags: [],
    section: 'News',
    language: 'zh-Hant',
    status: 'draft',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}
