import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedDraft, SaveDraftInput } from '../../src-shared/api/drafts.js';
import type { Result } from '../../src-shared/api/result.js';
import { emptyMeta } from '../../src-shared/article/schema.js';
import { Autosaver, type SaveState } from './autosave.js';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const draft = (headline: string) => ({ meta: { ...emptyMeta('zh-Hant'), headline }, editorState: null });

/** A save endpoint that behaves like the library: revisions, conflicts, scripted failures. */
function library() {
  let revision = 0;
  const calls: SaveDraftInput[] = [];
  const failures: Result<SavedDraft>[] = [];
  let release: (() => void) | null = null;
  let holdNext = false;
  const save = async (input: SaveDraftInput): Promise<Result<SavedDraft>> => {
    calls.push(input);
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => (release = resolve));
    }
    const failure = failures.shift();
    if (failure) return failure;
    if (input.baseRevision !== revision) return { ok: false, error: { code: 'conflict', message: `at ${revision}` } };
    revision++;
    return { ok: true, value: { id: ID, revision, updatedAt: new Date().toISOString(), snapshot: false } };
  };
  return {
    save,
    calls,
    failures,
    bumpElsewhere: () => revision++,
    hold: () => (holdNext = true),
    release: () => release?.(),
  };
}

let states: SaveState['kind'][];
beforeEach(() => {
  vi.useFakeTimers();
  states = [];
});
afterEach(() => vi.useRealTimers());

function saver(lib: ReturnType<typeof library>) {
  return new Autosaver({ id: ID, baseRevision: 0, save: lib.save, onState: (s) => states.push(s.kind) });
}

describe('Autosaver', () => {
  it('saves 700 ms after typing stops, with the latest text only', async () => {
    const lib = library();
    const a = saver(lib);
    a.change(draft('濱'));
    await vi.advanceTimersByTimeAsync(300);
    a.change(draft('濱江'));
    await vi.advanceTimersByTimeAsync(699);
    expect(lib.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(lib.calls.map((c) => c.meta.headline)).toEqual(['濱江']);
    expect(states.at(-1)).toBe('saved');
  });

  it('saves at least every 5 s while typing never pauses', async () => {
    const lib = library();
    const a = saver(lib);
    for (let t = 0; t < 5200; t += 200) {
      a.change(draft(`v${t}`));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(lib.calls).toHaveLength(1);
    expect(lib.calls[0]?.baseRevision).toBe(0);
  });

  it('sends one save at a time and saves changes made meanwhile right after, on the new base', async () => {
    const lib = library();
    const a = saver(lib);
    lib.hold();
    a.change(draft('one'));
    await vi.advanceTimersByTimeAsync(700);
    a.change(draft('two'));
    await vi.advanceTimersByTimeAsync(700); // still in flight: no second request yet
    expect(lib.calls).toHaveLength(1);
    lib.release();
    await vi.advanceTimersByTimeAsync(0);
    await a.flush();
    expect(lib.calls.map((c) => [c.meta.headline, c.baseRevision])).toEqual([
      ['one', 0],
      ['two', 1],
    ]);
    expect(a.revision).toBe(2);
  });

  it('flush saves immediately (story switch, window close)', async () => {
    const lib = library();
    const a = saver(lib);
    a.change(draft('typed just now'));
    await a.flush();
    expect(lib.calls).toHaveLength(1);
    expect(a.hasUnsavedChanges).toBe(false);
  });

  it('keeps the text after a failure, says why, and retries', async () => {
    const lib = library();
    const a = saver(lib);
    lib.failures.push({ ok: false, error: { code: 'io-error', message: 'the disk is full' } });
    a.change(draft('precious'));
    await vi.advanceTimersByTimeAsync(700);
    expect(states.at(-1)).toBe('failed');
    expect(a.unsaved()?.meta.headline).toBe('precious');
    await vi.advanceTimersByTimeAsync(5000);
    expect(lib.calls.map((c) => c.meta.headline)).toEqual(['precious', 'precious']);
    expect(states.at(-1)).toBe('saved');
  });

  it('stops at a conflict until the user decides, keeping the unsaved draft', async () => {
    const lib = library();
    const a = saver(lib);
    lib.bumpElsewhere();
    a.change(draft('mine'));
    await vi.advanceTimersByTimeAsync(700);
    expect(states.at(-1)).toBe('conflict');
    a.change(draft('mine, more'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lib.calls).toHaveLength(1); // no blind retries over the other version
    expect(a.unsaved()?.meta.headline).toBe('mine, more');
    a.resolveTakeTheirs(1);
    a.change(draft('after taking theirs'));
    await a.flush();
    expect(lib.calls.at(-1)).toMatchObject({ baseRevision: 1, meta: { headline: 'after taking theirs' } });
  });
});
