/**
 * Full-text search over the library: a CJK-aware index (search/) kept in step with the catalog
 * by revision numbers, loaded from its cache on first use and re-saved (at most every 10 s)
 * when it changed. The index is a cache: delete it and it is rebuilt from the story files.
 */
import path from 'node:path';
import type { DraftSummary } from '../../src-shared/api/drafts.js';
import { editorStateText } from '../../src-shared/article/text.js';
import type { LibraryLayout } from './layout.js';
import type { ListFilters } from './listFilters.js';
import { loadIndex, saveIndex, syncIndex } from './search/indexCache.js';
import { StoryIndex, type SearchDoc, type SearchHit } from './search/StoryIndex.js';
import { readStoryFile } from './storyFile.js';

const SAVE_DELAY_MS = 10_000;

export function createSearch(layout: LibraryLayout) {
  const cacheFile = path.join(layout.cache, 'search-index.json');
  let index: Promise<StoryIndex> | null = null;
  let saveTimer: NodeJS.Timeout | null = null;
  let syncedGeneration = -1;

  async function loadDoc(id: string): Promise<SearchDoc | null> {
    const read = await readStoryFile(layout.storyFile(id)).catch(() => null);
    if (read?.kind !== 'ok') return null;
    const { story } = read;
    return {
      id,
      revision: story.revision,
      headline: story.meta.headline,
      deck: story.meta.deck,
      body: editorStateText(story.content.editorState),
      tags: story.meta.tags,
      section: story.meta.section,
      language: story.meta.language,
      status: story.meta.status,
      createdAt: story.createdAt,
      updatedAt: story.updatedAt,
    };
  }

  function scheduleSave(current: StoryIndex): void {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void saveIndex(cacheFile, current).catch(() => undefined); // a cache; the next run rebuilds
    }, SAVE_DELAY_MS);
    saveTimer.unref();
  }

  return {
    /** Hits for `query` among `summaries` (the live catalog), best first. */
    async search(query: string, catalog: { generation: number; summaries(): DraftSummary[] }, filters: ListFilters): Promise<SearchHit[]> {
      index ??= loadIndex(cacheFile).then((loaded) => loaded ?? StoryIndex.create());
      const current = await index;
      if (catalog.generation !== syncedGeneration) {
        const generation = catalog.generation;
        const changes = await syncIndex(
          current,
          catalog
            .summaries()
            .filter((s) => !s.readOnly)
            .map((s) => ({ id: s.id, revision: s.revision })),
          loadDoc,
        );
        syncedGeneration = generation;
        if (changes.added + changes.updated + changes.removed > 0) scheduleSave(current);
      }
      return current.search(query, {
        ...(filters.status?.length ? { status: [...filters.status] } : {}),
        ...(filters.section !== undefined ? { section: filters.section } : {}),
        ...(filters.language !== undefined ? { language: filters.language } : {}),
        ...(filters.updatedFrom !== undefined ? { updatedFrom: filters.updatedFrom } : {}),
        ...(filters.updatedTo !== undefined ? { updatedTo: filters.updatedTo } : {}),
      });
    },
    /** Writes the cache now (tests, shutdown). */
    async persist(): Promise<void> {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      if (index) await saveIndex(cacheFile, await index);
    },
  };
}
