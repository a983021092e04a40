/**
 * `copydesk check`: reads every story and revision without changing anything and reports what
 * is wrong — unreadable files, missing photos, stories waiting in damaged/ for recovery.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StoryId } from '../../src-shared/article/schema.js';
import type { LibraryLayout } from './layout.js';
import { RevisionFile, sortRevisions } from './revisions.js';
import { readStoryFile } from './storyFile.js';

export interface CheckReport {
  stories: number;
  problems: { id: string; problem: string }[];
}

export async function checkLibrary(layout: LibraryLayout): Promise<CheckReport> {
  const problems: CheckReport['problems'] = [];
  const ids = (await fs.readdir(layout.stories).catch(() => [] as string[])).filter((name) => StoryId.safeParse(name).success);
  let stories = 0;
  for (const id of ids) {
    const read = await readStoryFile(layout.storyFile(id)).catch((error: Error) => ({ kind: 'damaged' as const, reason: error.message }));
    if (read.kind === 'missing') {
      problems.push({
        id,
        problem: 'story.json is missing (quarantined as damaged, or an interrupted import); recover it from a revision',
      });
      continue;
    }
    stories++;
    if (read.kind === 'damaged') problems.push({ id, problem: `story.json cannot be read: ${read.reason}` });
    if (read.kind === 'ok') {
      for (const photo of read.story.photos) {
        const file = path.join(layout.storyDir(id), 'photos', `${photo.sha256}${photo.ext}`);
        if (
          !(await fs.stat(file).then(
            (s) => s.isFile(),
            () => false,
          ))
        )
          problems.push({ id, problem: `photo ${photo.sha256}${photo.ext} is missing` });
      }
    }
    const revisions = sortRevisions(await fs.readdir(layout.revisionsDir(id)).catch(() => [] as string[]));
    for (const revision of revisions) {
      const ok = await fs
        .readFile(path.join(layout.revisionsDir(id), revision.file), 'utf8')
        .then((text) => RevisionFile.safeParse(JSON.parse(text)).success)
        .catch(() => false);
      if (!ok) problems.push({ id, problem: `revision file ${revision.file} cannot be read` });
    }
  }
  return { stories, problems };
}
