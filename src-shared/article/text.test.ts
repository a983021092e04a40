import { describe, expect, it } from 'vitest';
import { migrateStory } from './migrate.js';
import { editorStateText } from './text.js';

const para = (...texts: string[]) => ({ type: 'paragraph', children: texts.map((text) => ({ type: 'text', text })) });

describe('editorStateText', () => {
  it('joins blocks with newlines and inline nodes in place', () => {
    const state = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: '贛江新區' }] },
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'See ' },
              { type: 'link', children: [{ type: 'text', text: 'the report' }] },
              { type: 'text', text: '.' },
            ],
          },
          {
            type: 'list',
            children: [
              { type: 'listitem', children: [{ type: 'text', text: 'one' }] },
              { type: 'listitem', children: [{ type: 'text', text: 'two' }] },
            ],
          },
          para('a', 'b'),
          { type: 'paragraph', children: [{ type: 'text', text: 'line' }, { type: 'linebreak' }, { type: 'text', text: 'next' }] },
        ],
      },
    };
    expect(editorStateText(state)).toBe('贛江新區\nSee the report.\none\ntwo\nab\nline\nnext');
  });

  it('is empty for nothing or garbage', () => {
    for (const bad of [null, undefined, 1, 'x', {}, { root: null }, { root: { children: 'nope' } }]) expect(editorStateText(bad)).toBe('');
  });
});

describe('migrateStory', () => {
  it('classifies current, future and invalid documents', () => {
    expect(migrateStory({ schemaVersion: 1, id: 'x' })).toEqual({ kind: 'current', doc: { schemaVersion: 1, id: 'x' }, from: 1 });
    expect(migrateStory({ schemaVersion: 7 })).toEqual({ kind: 'future', version: 7 });
    for (const bad of [null, [], 'x', {}, { schemaVersion: '1' }, { schemaVersion: 0 }, { schemaVersion: 1.5 }]) {
      expect(migrateStory(bad).kind, JSON.stringify(bad)).toBe('invalid');
    }
  });
});
