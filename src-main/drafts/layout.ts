/**
 * Where everything lives inside a library folder (see docs/FORMAT.md). Story folders are
 * named by id, never by title.
 */
import path from 'node:path';

export const LIBRARY_FORMAT = 'copydesk-library';
export const LIBRARY_FORMAT_VERSION = 1;

export interface LibraryLayout {
  readonly root: string;
  readonly manifest: string;
  readonly lock: string;
  readonly stories: string;
  readonly trash: string;
  readonly damaged: string;
  readonly cache: string;
  readonly tmp: string;
  storyDir(id: string): string;
  storyFile(id: string): string;
  revisionsDir(id: string): string;
  trashDir(id: string): string;
}

export function libraryLayout(root: string): LibraryLayout {
  const stories = path.join(root, 'stories');
  const trash = path.join(root, 'trash');
  return {
    root,
    manifest: path.join(root, 'library.json'),
    lock: path.join(root, '.copydesk.lock'),
    stories,
    trash,
    damaged: path.join(root, 'damaged'),
    cache: path.join(root, '.cache'),
    tmp: path.join(root, '.tmp'),
    storyDir: (id) => path.join(stories, id),
    storyFile: (id) => path.join(stories, id, 'story.json'),
    revisionsDir: (id) => path.join(stories, id, 'revisions'),
    trashDir: (id) => path.join(trash, id),
  };
}
