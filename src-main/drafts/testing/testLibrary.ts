/** Test helpers that read like the domain: a library in a temp folder, a clock, Lexical docs. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SaveDraftInput } from '../../../src-shared/api/drafts.js';
import type { Story } from '../../../src-shared/article/schema.js';
import { DraftStore } from '../DraftStore.js';

export function tempLibraryPath(label = 'lib'): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'copydesk-drafts-')), label);
}

/** A controllable clock starting at a fixed instant. */
export function testClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export async function openLibrary(options: { root?: string; clock?: ReturnType<typeof testClock> } = {}) {
  const root = options.root ?? tempLibraryPath();
  const clock = options.clock ?? testClock();
  const store = await DraftStore.open({ root, now: clock.now, user: 'chen.zhiyuan' });
  return { root, clock, store };
}

/** A Lexical editor state with one paragraph per string. */
export function lexicalDoc(...paragraphs: string[]): unknown {
  return {
    root: {
      type: 'root',
      version: 1,
      children: paragraphs.map((text) => ({ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text }] })),
    },
  };
}

/** The save a renderer would send after editing `story`. */
export function edit(story: Story, changes: { headline?: string; body?: string[]; status?: Story['meta']['status'] } = {}): SaveDraftInput {
  return {
    id: story.id,
    baseRevision: story.revision,
    meta: {
      ...story.meta,
      ...(changes.headline !== undefined ? { headline: changes.headline } : {}),
      ...(changes.status ? { status: changes.status } : {}),
    },
    content: { editorState: changes.body ? lexicalDoc(...changes.body) : story.content.editorState },
    photos: story.photos,
  };
}
