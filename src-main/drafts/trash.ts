/**
 * Trash: deleting a story moves its whole folder (story, revisions, photos) to `trash/<id>/`
 * with a `trashed.json` note; restoring moves it back. Only "Empty trash" deletes files.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OpFailure } from '../../src-shared/api/result.js';
import { StoryId } from '../../src-shared/article/schema.js';
import { renameWithRetry, writeFileAtomic } from '../core/atomicWrite.js';
import { ioFailure } from './ioErrors.js';
import type { LibraryLayout } from './layout.js';
import type { LibraryLock } from './lock.js';
import { readStoryFile } from './storyFile.js';

const TrashNote = z.object({ trashedAt: z.string(), headline: z.string() });
export interface TrashedDraft {
  id: string;
  headline: string;
  trashedAt: string;
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

export function createTrash(layout: LibraryLayout, lock: LibraryLock, now: () => number, changed: () => void) {
  return {
    async trash(id: string): Promise<void> {
      await lock.run(async () => {
        const dir = layout.storyDir(id);
        if (!(await exists(dir))) throw new OpFailure('not-found', `No story with id ${id} in this library.`);
        if (await exists(layout.trashDir(id)))
          throw new OpFailure('conflict', `A story with id ${id} is already in the trash; empty the trash or restore it first.`);
        const read = await readStoryFile(layout.storyFile(id)).catch(() => null);
        const headline = read?.kind === 'ok' ? read.story.meta.headline : read?.kind === 'future' ? read.headline : '';
        try {
          await fs.mkdir(layout.trash, { recursive: true });
          await writeFileAtomic(path.join(dir, 'trashed.json'), JSON.stringify({ trashedAt: new Date(now()).toISOString(), headline }));
          await renameWithRetry(dir, layout.trashDir(id));
        } catch (error) {
          await fs.rm(path.join(dir, 'trashed.json'), { force: true }).catch(() => undefined);
          throw ioFailure(error, `Story ${id} was not moved to the trash`);
        }
        changed();
      });
    },

    async untrash(id: string): Promise<void> {
      await lock.run(async () => {
        if (!(await exists(layout.trashDir(id)))) throw new OpFailure('not-found', `No story with id ${id} in the trash.`);
        if (await exists(layout.storyDir(id))) throw new OpFailure('conflict', `A story with id ${id} is already in the library.`);
        try {
          await renameWithRetry(layout.trashDir(id), layout.storyDir(id));
          await fs.rm(path.join(layout.storyDir(id), 'trashed.json'), { force: true });
        } catch (error) {
          throw ioFailure(error, `Story ${id} was not restored from the trash`);
        }
        changed();
      });
    },

    async list(): Promise<TrashedDraft[]> {
      const names = await fs.readdir(layout.trash).catch(() => [] as string[]);
      const items = await Promise.all(
        names
          .filter((name) => StoryId.safeParse(name).success)
          .map(async (id) => {
            const note = await fs
              .readFile(path.join(layout.trashDir(id), 'trashed.json'), 'utf8')
              .then((text) => TrashNote.parse(JSON.parse(text)))
              .catch(() => ({ trashedAt: new Date(0).toISOString(), headline: '' }));
            return { id, ...note };
          }),
      );
      return items.sort((a, b) => b.trashedAt.localeCompare(a.trashedAt));
    },

    async empty(): Promise<number> {
      return lock.run(async () => {
        const names = await fs.readdir(layout.trash).catch(() => [] as string[]);
        for (const name of names) await fs.rm(path.join(layout.trash, name), { recursive: true, force: true });
        return names.length;
      });
    },
  };
}
export type Trash = ReturnType<typeof createTrash>;
