/**
 * The list of stories, kept fast: summaries are cached in `.cache/catalog.json` with each
 * story file's mtime and size. A refresh stats every story file and re-reads only those that
 * changed, so a cold start over thousands of stories reads one cache file and stats the rest.
 * Files that cannot be read are quarantined to `damaged/` with the reason; the rest loads.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type DamagedStory, DraftSummary } from '../../src-shared/api/drafts.js';
import { StoryId, type Story } from '../../src-shared/article/schema.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import type { LibraryLayout } from './layout.js';
import { bodyLength, fingerprint, readStoryFile, sameFingerprint, type FileFingerprint } from './storyFile.js';

const CATALOG_VERSION = 2;
const Fingerprint = z.object({ ino: z.number(), mtimeMs: z.number(), size: z.number() });
const CacheFile = z.object({
  version: z.literal(CATALOG_VERSION),
  entries: z.array(z.object({ summary: DraftSummary, fp: Fingerprint })),
});

export function summarize(story: Story, readOnly = false): DraftSummary {
  const { meta } = story;
  return {
    id: story.id,
    headline: meta.headline,
    deck: meta.deck,
    status: meta.status,
    language: meta.language,
    section: meta.section,
    tags: meta.tags,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    revision: story.revision,
    length: bodyLength(story),
    readOnly,
  };
}

export interface Catalog {
  refresh(): Promise<void>;
  /** Changes whenever any entry changes (lets the search index skip re-syncing). */
  readonly generation: number;
  summaries(): DraftSummary[];
  summary(id: string): DraftSummary | null;
  damaged(): DamagedStory[];
  /** Record a story this process just wrote (avoids re-reading it). */
  noteWritten(story: Story, fp: FileFingerprint | null): void;
  forget(id: string): void;
  save(): Promise<void>;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

export interface QuarantineHooks {
  quarantine(id: string, reason: string): Promise<DamagedStory>;
  find(id: string): Promise<DamagedStory | null>;
}

export function createCatalog(layout: LibraryLayout, hooks: QuarantineHooks): Catalog {
  const cacheFile = path.join(layout.cache, 'catalog.json');
  // A story this process just saved keeps its summary pending until someone lists: autosaves of
  // a long story then cost no summary work at all.
  const entries = new Map<string, { summary: DraftSummary; fp: FileFingerprint } | { pending: Story; fp: FileFingerprint }>();
  const summaryOf = (id: string): DraftSummary | null => {
    const entry = entries.get(id);
    if (!entry) return null;
    if ('summary' in entry) return entry.summary;
    const summary = summarize(entry.pending);
    entries.set(id, { summary, fp: entry.fp });
    return summary;
  };
  const damagedById = new Map<string, DamagedStory>();
  let loaded = false;
  /** The cache file needs writing. */
  let unsaved = false;
  /** Bumped by every change to an entry. */
  let generation = 0;
  const markChanged = () => {
    unsaved = true;
    generation++;
  };

  async function loadCache(): Promise<void> {
    loaded = true;
    try {
      const parsed = CacheFile.safeParse(JSON.parse(await fs.readFile(cacheFile, 'utf8')));
      if (parsed.success) for (const entry of parsed.data.entries) entries.set(entry.summary.id, entry);
    } catch {
      // missing or unreadable cache: rebuilt from the files below
    }
  }

  async function refreshOne(id: string): Promise<void> {
    const file = layout.storyFile(id);
    const fp = await fingerprint(file);
    const cached = entries.get(id);
    if (fp && cached && sameFingerprint(cached.fp, fp)) return;
    if (!fp && !cached && damagedById.has(id)) return;
    markChanged();
    const read = fp ? await readStoryFile(file) : ({ kind: 'missing' } as const);
    if (read.kind === 'ok') {
      entries.set(id, { summary: summarize(read.story), fp: fp! });
      damagedById.delete(id);
    } else if (read.kind === 'future') {
      entries.set(id, {
        summary: { ...summarize(placeholderStory(id, read.headline)), readOnly: true },
        fp: fp!,
      });
    } else if (read.kind === 'damaged') {
      entries.delete(id);
      damagedById.set(id, await hooks.quarantine(id, read.reason));
    } else {
      entries.delete(id);
      const found = damagedById.get(id) ?? (await hooks.find(id));
      if (found) damagedById.set(id, found);
    }
  }

  return {
    get generation() {
      return generation;
    },
    async refresh() {
      if (!loaded) await loadCache();
      let names: string[];
      try {
        names = await fs.readdir(layout.stories);
      } catch {
        names = [];
      }
      const ids = names.filter((name) => StoryId.safeParse(name).success);
      const present = new Set(ids);
      for (const id of entries.keys()) {
        if (!present.has(id)) {
          entries.delete(id);
          markChanged();
        }
      }
      await mapLimit(ids, 128, refreshOne);
      if (unsaved) await this.save();
    },
    summaries: () => [...entries.keys()].map((id) => summaryOf(id) as DraftSummary),
    summary: summaryOf,
    damaged: () => [...damagedById.values()],
    noteWritten(story, fp) {
      if (fp) entries.set(story.id, { pending: story, fp });
      else entries.delete(story.id);
      damagedById.delete(story.id);
      markChanged();
    },
    forget(id) {
      entries.delete(id);
      damagedById.delete(id);
      markChanged();
    },
    async save() {
      if (!unsaved) return;
      unsaved = false;
      try {
        await fs.mkdir(layout.cache, { recursive: true });
        const all = [...entries.entries()].map(([id, entry]) => ({ summary: summaryOf(id) as DraftSummary, fp: entry.fp }));
        await writeFileAtomic(cacheFile, JSON.stringify({ version: CATALOG_VERSION, entries: all }));
      } catch {
        markChanged(); // the cache is an optimisation; the next refresh tries again
      }
    },
  };
}

/** A stand-in story for listing a file written by a newer version (only id and headline are trusted). */
function placeholderStory(id: string, headline: string): Story {
  const epoch = new Date(0).toISOString();
  return {
    schemaVersion: 1,
    id,
    revision: 0,
    createdAt: epoch,
    updatedAt: epoch,
    meta: { headline, deck: '', slug: '', section: '', language: 'en', status: 'draft', tags: [], editorsNote: '' },
    statusHistory: [],
    content: { editorState: null },
    photos: [],
  };
}
