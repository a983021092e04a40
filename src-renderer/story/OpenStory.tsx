/**
 * The story being edited, shared by the editor and the inspector: its metadata and body as the
 * user sees them, and the autosaver that carries every change to the library.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { OpenedDraft } from '../../src-shared/api/drafts.js';
import type { Story, StoryMeta } from '../../src-shared/article/schema.js';
import { api } from '../bridge/index.js';
import { Autosaver, type SaveState } from './autosave.js';
import { registerFlush } from './flushRegistry.js';

export interface OpenStoryValue {
  readonly story: Story;
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  readonly meta: StoryMeta;
  readonly saveState: SaveState;
  /** The editor state the body editor starts from (not updated while typing). */
  readonly initialEditorState: unknown;
  /** Bumped when the body must be reloaded (after "take theirs" or a restore). */
  readonly bodyVersion: number;
  setMeta(patch: Partial<StoryMeta>): void;
  setEditorState(state: unknown): void;
  flush(): Promise<void>;
  /** Conflict resolution. */
  takeTheirs(): Promise<void>;
  keepMineAsCopy(): Promise<string | null>;
  reload(): Promise<void>;
}

const Ctx = createContext<OpenStoryValue | null>(null);

export function useOpenStory(): OpenStoryValue {
  const value = useContext(Ctx);
  if (!value) throw new Error('useOpenStory outside OpenStoryProvider');
  return value;
}

export function useOptionalOpenStory(): OpenStoryValue | null {
  return useContext(Ctx);
}

interface ProviderProps {
  readonly opened: OpenedDraft;
  readonly onSaved: () => void;
  readonly onCopyCreated: (id: string) => void;
  readonly children: ReactNode;
}

export function OpenStoryProvider({ opened, onSaved, onCopyCreated, children }: ProviderProps) {
  const [story, setStory] = useState(opened.story);
  const [meta, setMetaState] = useState(opened.story.meta);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [bodyVersion, setBodyVersion] = useState(0);
  const metaRef = useRef(meta);
  const editorStateRef = useRef<unknown>(opened.story.content.editorState);
  // One autosaver per opened story (the provider is keyed by story id).
  const [saver] = useState(
    () =>
      new Autosaver({
        id: opened.story.id,
        baseRevision: opened.story.revision,
        save: (input) => api.draftsSave(input),
        onState: setSaveState,
      }),
  );
  // Tell the app when a save lands (the library list shows new headlines and lengths).
  useEffect(() => {
    if (saveState.kind === 'saved' && saver.revision !== opened.story.revision) onSaved();
  }, [saveState, saver, opened.story.revision, onSaved]);

  // Switching stories or closing the window saves what was typed.
  useEffect(() => registerFlush(() => saver.flush()), [saver]);
  useEffect(() => {
    const flushOnHide = () => void saver.flush();
    window.addEventListener('pagehide', flushOnHide);
    window.addEventListener('beforeunload', flushOnHide);
    return () => {
      window.removeEventListener('pagehide', flushOnHide);
      window.removeEventListener('beforeunload', flushOnHide);
      void saver.flush().finally(() => saver.dispose());
    };
  }, [saver]);

  const readOnly = opened.readOnly;
  const queue = () => {
    if (!readOnly) saver.change({ meta: metaRef.current, editorState: editorStateRef.current });
  };

  const reload = async () => {
    const fresh = await api.draftsGet({ id: opened.story.id });
    if (!fresh.ok) return;
    setStory(fresh.value.story);
    metaRef.current = fresh.value.story.meta;
    editorStateRef.current = fresh.value.story.content.editorState;
    setMetaState(fresh.value.story.meta);
    saver.resolveTakeTheirs(fresh.value.story.revision);
    setBodyVersion((v) => v + 1);
  };

  const value: OpenStoryValue = {
    story,
    readOnly,
    readOnlyReason: opened.readOnlyReason,
    meta,
    saveState,
    initialEditorState: story.content.editorState,
    bodyVersion,
    setMeta(patch) {
      metaRef.current = { ...metaRef.current, ...patch };
      setMetaState(metaRef.current);
      queue();
    },
    setEditorState(state) {
      editorStateRef.current = state;
      queue();
    },
    flush: () => saver.flush(),
    takeTheirs: reload,
    reload,
    async keepMineAsCopy() {
      const current = editorStateRef.current;
      const mine = saver.unsaved() ?? {
        meta: metaRef.current,
        editorState: typeof current === 'function' ? (current as () => unknown)() : current,
      };
      const created = await api.draftsCreate({ headline: mine.meta.headline, language: mine.meta.language, section: mine.meta.section });
      if (!created.ok) return null;
      const copy = created.value;
      const saved = await api.draftsSave({
        id: copy.id,
        baseRevision: copy.revision,
        meta: { ...mine.meta, status: 'draft' },
        content: { editorState: mine.editorState },
      });
      if (!saved.ok) return null;
      await reload();
      onCopyCreated(copy.id);
      return copy.id;
    },
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
