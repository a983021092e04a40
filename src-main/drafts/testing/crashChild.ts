/**
 * Child process for the crash-safety loop: saves a growing story as fast as it can and prints
 * `ACK <revision>` after each save is acknowledged, until it is killed.
 * argv: <library root> <story id>
 */
import { DraftStore } from '../DraftStore.js';
import { versionContent } from './crashLoop.js';

async function main(): Promise<void> {
  const [root, id] = process.argv.slice(2);
  if (!root || !id) throw new Error('usage: crashChild <root> <id>');
  const store = await DraftStore.open({ root });
  let { story } = await store.get(id);
  for (;;) {
    const next = story.revision + 1;
    const { headline, editorState } = versionContent(next);
    const saved = await store.save({
      id,
      baseRevision: story.revision,
      meta: { ...story.meta, headline },
      content: { editorState },
      photos: story.photos,
    });
    process.stdout.write(`ACK ${saved.revision}\n`);
    story = { ...story, revision: saved.revision, meta: { ...story.meta, headline }, content: { editorState } };
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
});
