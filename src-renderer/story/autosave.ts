/**
 * Autosave as a small state machine, independent of React so it can be unit-tested with a
 * fake clock and a fake `save`: changes are saved ≈700 ms after typing stops, and at least
 * every 5 s while typing goes on. One save is in flight at a time; changes made meanwhile are
 * saved right after. A conflict (the story moved on elsewhere) stops autosaving until the
 * user chooses what to do; other failures are retried on the next change or after 5 s.
 */
import type { SavedDraft, SaveDraftInput } from '../../src-shared/api/drafts.js';
import type { Result } from '../../src-shared/api/result.js';
import type { StoryMeta } from '../../src-shared/article/schema.js';

export type SaveState =
  { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'failed'; reason: string } | { kind: 'conflict'; reason: string };

export interface Draft {
  meta: StoryMeta;
  /** The body as JSON, or a function producing it: serialising a long story on every keystroke is wasted work, so it happens when the save is sent. */
  editorState: unknown;
}

function resolveBody(editorState: unknown): unknown {
  return typeof editorState === 'function' ? (editorState as () => unknown)() : editorState;
}

export interface AutosaveOptions {
  id: string;
  baseRevision: number;
  save(input: SaveDraftInput): Promise<Result<SavedDraft>>;
  onState(state: SaveState): void;
  onSaved?(saved: SavedDraft): void;
  idleMs?: number;
  maxWaitMs?: number;
  retryMs?: number;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export class Autosaver {
  private pending: Draft | null = null;
  private inFlight: Promise<void> | null = null;
  private idleTimer: unknown = null;
  private maxTimer: unknown = null;
  private baseRevision: number;
  private state: SaveState = { kind: 'saved' };
  private readonly timers: NonNullable<AutosaveOptions['timers']>;
  /** Told after each successful save (may be replaced at any time). */
  onSaved: ((saved: SavedDraft) => void) | undefined;

  constructor(private readonly options: AutosaveOptions) {
    this.baseRevision = options.baseRevision;
    this.onSaved = options.onSaved;
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }

  get revision(): number {
    return this.baseRevision;
  }

  get hasUnsavedChanges(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.options.onState(state);
  }

  /** Records the latest full draft (metadata + editor state) and schedules a save. */
  change(draft: Draft): void {
    this.pending = draft;
    if (this.state.kind === 'conflict') return; // waits for the user's decision
    if (this.state.kind !== 'saving') this.setState({ kind: 'pending' });
    if (this.idleTimer !== null) this.timers.clear(this.idleTimer);
    this.idleTimer = this.timers.set(() => void this.flush(), this.options.idleMs ?? 700);
    this.maxTimer ??= this.timers.set(() => void this.flush(), this.options.maxWaitMs ?? 5000);
  }

  /** Saves now (story switch, window close, before export). Resolves when nothing is unsaved or saving failed. */
  async flush(): Promise<void> {
    if (this.idleTimer !== null) this.timers.clear(this.idleTimer);
    if (this.maxTimer !== null) this.timers.clear(this.maxTimer);
    this.idleTimer = this.maxTimer = null;
    if (this.inFlight) {
      await this.inFlight;
      if (this.pending && this.state.kind !== 'conflict' && this.state.kind !== 'failed') return this.flush();
      return;
    }
    const draft = this.pending;
    if (!draft || this.state.kind === 'conflict') return;
    this.pending = null;
    this.setState({ kind: 'saving' });
    this.inFlight = this.send(draft).finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
    if (this.pending && this.state.kind === 'saved') return this.flush();
  }

  private async send(draft: Draft): Promise<void> {
    const result = await this.options.save({
      id: this.options.id,
      baseRevision: this.baseRevision,
      meta: draft.meta,
      content: { editorState: resolveBody(draft.editorState) },
    });
    if (result.ok) {
      this.baseRevision = result.value.revision;
      this.setState(this.pending ? { kind: 'pending' } : { kind: 'saved' });
      this.onSaved?.(result.value);
      return;
    }
    this.pending ??= draft; // keep what was not saved
    if (result.error.code === 'conflict') {
      this.setState({ kind: 'conflict', reason: result.error.message });
      return;
    }
    this.setState({ kind: 'failed', reason: result.error.message });
    this.maxTimer = this.timers.set(() => {
      this.maxTimer = null;
      if (this.state.kind === 'failed') this.setState({ kind: 'pending' });
      void this.flush();
    }, this.options.retryMs ?? 5000);
  }

  /** After a conflict: the user took the other version; drop local changes and follow it. */
  resolveTakeTheirs(revision: number): void {
    this.pending = null;
    this.baseRevision = revision;
    this.setState({ kind: 'saved' });
  }

  /** The unsaved draft (e.g. to keep it as a copy after a conflict), body as JSON. */
  unsaved(): Draft | null {
    return this.pending && { meta: this.pending.meta, editorState: resolveBody(this.pending.editorState) };
  }

  dispose(): void {
    if (this.idleTimer !== null) this.timers.clear(this.idleTimer);
    if (this.maxTimer !== null) this.timers.clear(this.maxTimer);
  }
}
