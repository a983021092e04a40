/** The `drafts:*` channels, implemented on a DraftStore opened on first use. */
import type { Handlers } from '../../src-shared/api/contract.js';
import type { DraftStore } from './DraftStore.js';
import { packStory, unpackStory } from './packages.js';

type DraftHandlers = Pick<Handlers, Extract<keyof Handlers, `drafts:${string}`>>;

export function draftHandlers(store: () => Promise<DraftStore>): DraftHandlers {
  return {
    'drafts:list': async (input) => (await store()).list(input ?? {}),
    'drafts:create': async (input) => (await store()).create(input),
    'drafts:get': async ({ id }) => (await store()).get(id),
    'drafts:save': async (input) => (await store()).save(input),
    'drafts:setStatus': async ({ id, status, by }) => (await store()).setStatus(id, status, by),
    'drafts:rename': async ({ id, headline }) => (await store()).rename(id, headline),
    'drafts:duplicate': async ({ id }) => (await store()).duplicate(id),
    'drafts:trash': async ({ id }) => {
      await (await store()).trash.trash(id);
      return { id };
    },
    'drafts:listTrash': async () => (await store()).trash.list(),
    'drafts:untrash': async ({ id }) => {
      await (await store()).trash.untrash(id);
      return { id };
    },
    'drafts:emptyTrash': async () => ({ removed: await (await store()).trash.empty() }),
    'drafts:revisions': async ({ id }) => (await store()).revisions(id),
    'drafts:revision': async ({ id, revision }) => (await store()).revision(id, revision),
    'drafts:restore': async ({ id, revision }) => (await store()).restore(id, revision),
    'drafts:saveVersion': async ({ id, label }) => (await store()).saveVersion(id, label),
    'drafts:recover': async ({ id }) => (await store()).recover(id),
    'drafts:pack': async ({ id, file, includeRevisions }) => packStory(await store(), id, file, includeRevisions ?? false),
    'drafts:unpack': async ({ file }) => unpackStory(await store(), file),
    'drafts:check': async () => (await store()).check(),
  };
}
