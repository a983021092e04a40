/**
 * `.cdraft` hand-off between the library and a package file. The zip work (entry checks,
 * limits, hashes) is in package/; this module ties it to the library: what goes in, where an
 * imported story lands, and that an id clash never overwrites anything.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OpFailure } from '../../src-shared/api/result.js';
import { type Story } from '../../src-shared/article/schema.js';
import { renameWithRetry, writeFileAtomic } from '../core/atomicWrite.js';
import type { DraftStore } from './DraftStore.js';
import { ioFailure } from './ioErrors.js';
import { extractPackage } from './package/extract.js';
import { packStoryFolder } from './package/pack.js';
import { RevisionFile } from './revisions.js';
import { parseStoryText, serializeStory } from './storyFile.js';

export async function packStory(store: DraftStore, id: string, file: string, includeRevisions: boolean) {
  const { story } = await store.get(id);
  if (!file.toLowerCase().endsWith('.cdraft'))
    throw new OpFailure('invalid-input', `Package file names end in .cdraft, got "${path.basename(file)}".`);
  return store.runLocked(async () => {
    try {
      const result = await packStoryFolder(store.layout.storyDir(story.id), file, { includeRevisions, storyId: story.id });
      return { file, ...result };
    } catch (error) {
      throw ioFailure(error, `Package ${file} was not written`);
    }
  });
}

function sameStory(a: Story, b: Story): boolean {
  return serializeStory(a) === serializeStory(b);
}

export async function unpackStory(store: DraftStore, file: string) {
  const { layout } = store;
  await fs.mkdir(layout.tmp, { recursive: true });
  const work = path.join(layout.tmp, `unpack-${randomBytes(6).toString('hex')}`);
  try {
    const extracted = await extractPackage(file, work);
    const read = parseStoryText(JSON.stringify(extracted.storyJson));
    if (read.kind === 'future')
      throw new OpFailure(
        'invalid-input',
        `${path.basename(file)} was made by a newer Copydesk (story format ${read.version}); update Copydesk to import it.`,
      );
    if (read.kind !== 'ok')
      throw new OpFailure(
        'invalid-input',
        `${path.basename(file)} holds a story that cannot be read: ${read.kind === 'damaged' ? read.reason : 'story.json is missing'}.`,
      );
    const incoming = read.story;
    if (extracted.manifest.storyId !== incoming.id)
      throw new OpFailure(
        'invalid-input',
        `${path.basename(file)} is inconsistent: its manifest names story ${extracted.manifest.storyId} but holds ${incoming.id}.`,
      );
    const revisionFiles = extracted.files.filter((f) => f.startsWith('revisions/'));
    for (const rel of revisionFiles) {
      const ok = RevisionFile.safeParse(JSON.parse(await fs.readFile(path.join(work, rel), 'utf8'))).success;
      if (!ok) throw new OpFailure('invalid-input', `${path.basename(file)} has a damaged revision file ${rel}.`);
    }

    return await store.runLocked(async () => {
      const existing = await store.get(incoming.id).catch(() => null);
      const inTrash = await fs.access(layout.trashDir(incoming.id)).then(
        () => true,
        () => false,
      );
      const inLibrary =
        existing !== null ||
        (await fs.access(layout.storyDir(incoming.id)).then(
          () => true,
          () => false,
        ));
      if (existing && sameStory(existing.story, incoming)) {
        return {
          id: incoming.id,
          copied: false,
          unchanged: true,
          message: `"${incoming.meta.headline}" is already in the library, unchanged.`,
        };
      }
      let story = incoming;
      if (inLibrary || inTrash) {
        story = { ...incoming, id: store.nextId() };
        await writeFileAtomic(path.join(work, 'story.json'), serializeStory(story));
        for (const rel of revisionFiles) {
          const revision = RevisionFile.parse(JSON.parse(await fs.readFile(path.join(work, rel), 'utf8')));
          await writeFileAtomic(path.join(work, rel), `${JSON.stringify({ ...revision, story: { ...revision.story, id: story.id } })}\n`);
        }
      }
      await fs.rm(path.join(work, 'copydesk-package.json'), { force: true });
      await fs.mkdir(layout.stories, { recursive: true });
      await renameWithRetry(work, layout.storyDir(story.id));
      store.invalidate();
      const headline = story.meta.headline || story.id;
      return story === incoming
        ? { id: story.id, copied: false, unchanged: false, message: `Imported "${headline}".` }
        : {
            id: story.id,
            copied: true,
            unchanged: false,
            message: `A different version of "${headline}" (id ${incoming.id}) is already ${inTrash && !inLibrary ? 'in the trash' : 'in the library'}; the package was imported as a copy with id ${story.id}. Nothing was overwritten.`,
          };
    });
  } catch (error) {
    throw ioFailure(error, `${path.basename(file)} was not imported`);
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
