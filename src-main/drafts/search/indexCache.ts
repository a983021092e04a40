/**
 * The search index's cache file, and bringing a (cached or new) index in line with the library.
 * The cache is disposable: anything wrong with it means "rebuild", never an error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { type SearchDoc, StoryIndex } from './StoryIndex.js';

/** Stories loaded at once by syncIndex. */
const LOAD_CONCURRENCY = 8;

/**
 * The cached index, or null if the file is missing, unreadable, not JSON, or from another format
 * version or tokenizer: the caller then builds a new index. Never throws.
 */
export async function loadIndex(cacheFile: string): Promise<StoryIndex | null> {
  try {
    const text = await fs.readFile(cacheFile, 'utf8');
    return StoryIndex.fromJSON(JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Writes the index atomically (temp file, fsync, rename), creating the folder if needed. */
export async function saveIndex(cacheFile: string, index: StoryIndex): Promise<void> {
  await fs.mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFileAtomic(cacheFile, JSON.stringify(index.toJSON()));
}

export interface SyncResult {
  added: number;
  updated: number;
  removed: number;
}

/**
 * Makes `index` match the library: stories whose revision differs (or that are missing) are
 * loaded and indexed, stories no longer listed are removed. `loadDoc` returning null means the
 * story vanished or cannot be read: it is then left out of (or removed from) the index. Errors
 * thrown by `loadDoc` propagate; what was synced until then stays in the index.
 */
export async function syncIndex(
  index: StoryIndex,
  current: ReadonlyArray<{ id: string; revision: number }>,
  loadDoc: (id: string) => Promise<SearchDoc | null>,
): Promise<SyncResult> {
  const result: SyncResult = { added: 0, updated: 0, removed: 0 };
  const wanted = new Map<string, number>();
  for (const { id, revision } of current) wanted.set(id, revision);

  for (const id of index.ids()) {
    if (!wanted.has(id)) {
      index.remove(id);
      result.removed++;
    }
  }

  const stale = [...wanted].filter(([id, revision]) => index.revisionOf(id) !== revision).map(([id]) => id);
  let next = 0;
  const worker = async () => {
    while (next < stale.length) {
      const id = stale[next++] as string;
      const doc = await loadDoc(id);
      const known = index.has(id);
      if (doc === null) {
        if (known) {
          index.remove(id);
          result.removed++;
        }
        continue;
      }
      index.upsert(doc.id === id ? doc : { ...doc, id });
      if (known) result.updated++;
      else result.added++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOAD_CONCURRENCY, stale.length) }, worker));
  return result;
}
