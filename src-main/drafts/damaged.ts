/**
 * Quarantine for story files that cannot be read (empty, truncated, garbage, wrong shape).
 * The bad `story.json` moves to `damaged/<id>-<epoch ms>/` beside a `reason.txt`; the story's
 * revisions stay where they are, so the newest one can be offered for recovery. Nothing is
 * deleted.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DamagedStory } from '../../src-shared/api/drafts.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import type { LibraryLayout } from './layout.js';
import { sortRevisions } from './revisions.js';

async function latestRevision(layout: LibraryLayout, id: string): Promise<number | null> {
  try {
    const revisions = sortRevisions(await fs.readdir(layout.revisionsDir(id)));
    return revisions.at(-1)?.revision ?? null;
  } catch {
    return null;
  }
}

export async function quarantineStory(layout: LibraryLayout, id: string, reason: string, nowMs: number): Promise<DamagedStory> {
  const dir = path.join(layout.damaged, `${id}-${nowMs}`);
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, 'reason.txt'), `${reason}\n`);
  try {
    await fs.rename(layout.storyFile(id), path.join(dir, 'story.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { id, reason, quarantinedTo: dir, latestRevision: await latestRevision(layout, id) };
}

/** The newest quarantine of a story whose `story.json` is gone, if there is one. */
export async function findQuarantine(layout: LibraryLayout, id: string): Promise<DamagedStory | null> {
  let names: string[];
  try {
    names = (await fs.readdir(layout.damaged)).filter((name) => name.startsWith(`${id}-`)).sort();
  } catch {
    return null;
  }
  const newest = names.at(-1);
  if (!newest) return null;
  const dir = path.join(layout.damaged, newest);
  const reason = await fs.readFile(path.join(dir, 'reason.txt'), 'utf8').then(
    (text) => text.trim(),
    () => 'unknown',
  );
  return { id, reason, quarantinedTo: dir, latestRevision: await latestRevision(layout, id) };
}
