/**
 * The drafts library: every operation on stories, durable and safe against other writers.
 * Each change takes the library lock, re-reads the story from disk, checks the revision the
 * caller based its change on, writes atomically, then snapshots and thins revisions.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import type { DraftList, DraftSummary, OpenedDraft, RevisionInfo, SavedDraft, SaveDraftInput } from '../../src-shared/api/drafts.js';
import { OpFailure } from '../../src-shared/api/result.js';
import {
  emptyMeta,
  Story,
  STORY_SCHEMA_VERSION,
  type StoryLanguage,
  type StoryMeta,
  type StoryStatus,
} from '../../src-shared/article/schema.js';
import { canMoveStatus } from '../../src-shared/article/status.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { createCatalog, type Catalog } from './catalog.js';
import { checkLibrary, type CheckReport } from './check.js';
import { findQuarantine, quarantineStory } from './damaged.js';
import { ioFailure } from './ioErrors.js';
import { libraryLayout, LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION, type LibraryLayout } from './layout.js';
import { createLibraryLock, type LibraryLock } from './lock.js';
import { filterSummaries, matchesFilters, type ListFilters } from './listFilters.js';
import { copyDirIfPresent, safeUserName } from './fsHelpers.js';
import { createSearch } from './searchService.js';
import {
  defaultRetention,
  RevisionFile,
  revisionFileName,
  revisionInfo,
  revisionsToThin,
  SNAPSHOT_INTERVAL_MS,
  snapshotDue,
  sortRevisions,
  type RetentionPolicy,
  type RevisionReason,
} from './revisions.js';
import { fingerprint, readStoryFile, sameFingerprint, writeStoryFile, type FileFingerprint } from './storyFile.js';
import { createTrash, type Trash } from './trash.js';

export interface DraftStoreOptions {
  readonly root: string;
  /** Who status changes are attributed to when the caller does not say (default: the OS user). */
  readonly user?: string;
  readonly now?: () => number;
  readonly retention?: RetentionPolicy;
}

type Mutation = (story: Story) => { story: Story; reason: RevisionReason | null; label?: string | null };

export class DraftStore {
  readonly layout: LibraryLayout;
  private readonly lock: LibraryLock;
  readonly trash: Trash;
  readonly search: ReturnType<typeof createSearch>;
  private readonly catalog: Catalog;
  private readonly now: () => number;
  private readonly user: string;
  private readonly retention: RetentionPolicy;
  private readonly newId = monotonicFactory();
  private dirty = true;
  /** The last version of each story this process read or wrote, valid while the file's fingerprint matches. */
  private readonly known = new Map<string, { story: Story; fp: FileFingerprint }>();
  /** When each story's newest snapshot was taken, once known (saves a readdir per autosave). */
  private readonly lastSnapshotAt = new Map<string, number>();
  private alwaysRefresh = false;

  private constructor(options: DraftStoreOptions) {
    this.layout = libraryLayout(options.root);
    this.lock = createLibraryLock(options.root, this.layout.lock);
    this.now = options.now ?? Date.now;
    this.user = options.user ?? safeUserName();
    this.retention = options.retention ?? defaultRetention;
    this.catalog = createCatalog(this.layout, {
      quarantine: (id, reason) => quarantineStory(this.layout, id, reason, this.now()),
      find: (id) => findQuarantine(this.layout, id),
    });
    this.search = createSearch(this.layout);
    this.trash = createTrash(this.layout, this.lock, this.now, () => this.invalidate());
  }

  /** Opens (and on first use creates) the library folder. */
  static async open(options: DraftStoreOptions): Promise<DraftStore> {
    const store = new DraftStore(options);
    await store.ensureLibrary();
    return store;
  }

  private async ensureLibrary(): Promise<void> {
    const { layout } = this;
    try {
      await fs.mkdir(layout.stories, { recursive: true });
      await fs.mkdir(layout.trash, { recursive: true });
      const manifest = await fs.readFile(layout.manifest, 'utf8').catch(() => null);
      if (manifest === null) {
        const doc = { format: LIBRARY_FORMAT, formatVersion: LIBRARY_FORMAT_VERSION, createdAt: this.iso() };
        await writeFileAtomic(layout.manifest, `${JSON.stringify(doc, null, 2)}\n`);
      }
    } catch (error) {
      throw ioFailure(error, `Cannot open the library at ${layout.root}`);
    }
  }

  /** Runs `fn` holding the library lock (for multi-file work such as packing). */
  runLocked<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  /** A fresh story id (ULID, sortable by creation time). */
  nextId(): string {
    return this.newId(this.now());
  }

  /** Without a file watcher, the list re-checks the files on every call. */
  setAlwaysRefresh(): void {
    this.alwaysRefresh = true;
  }

  /** Marks the list stale (called by the file watcher when another process changes files). */
  invalidate(): void {
    this.dirty = true;
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  async list(filters: ListFilters & { query?: string | undefined } = {}): Promise<DraftList> {
    if (this.dirty || this.alwaysRefresh) {
      this.dirty = false;
      await this.catalog.refresh();
    }
    const query = filters.query?.trim();
    if (!query) return { stories: filterSummaries(this.catalog.summaries(), filters), damaged: this.catalog.damaged() };
    const hits = await this.search.search(query, this.catalog, filters);
    const stories = hits.flatMap((hit) => {
      const summary = this.catalog.summary(hit.id);
      return summary && matchesFilters(summary, filters) ? [{ ...summary, snippet: hit.snippet }] : [];
    });
    return { stories, damaged: this.catalog.damaged() };
  }

  async create(
    input: { headline?: string | undefined; language?: StoryLanguage | undefined; section?: string | undefined } = {},
  ): Promise<Story> {
    const created = this.iso();
    const meta: StoryMeta = { ...emptyMeta(input.language ?? 'zh-Hant'), headline: input.headline ?? '', section: input.section ?? '' };
    const story: Story = {
      schemaVersion: STORY_SCHEMA_VERSION,
      id: this.newId(this.now()),
      revision: 0,
      createdAt: created,
      updatedAt: created,
      meta,
      statusHistory: [{ status: 'draft', by: this.user, at: created }],
      content: { editorState: null },
      photos: [],
    };
    return this.writeNew(story, 'created');
  }

  /** Writes a story under a new id (create, duplicate, import); the id must not exist. */
  async writeNew(story: Story, reason: RevisionReason): Promise<Story> {
    return this.lock.run(async () => {
      const dir = this.layout.storyDir(story.id);
      let fp: FileFingerprint | null;
      try {
        await fs.mkdir(this.layout.revisionsDir(story.id), { recursive: true });
        if ((await readStoryFile(this.layout.storyFile(story.id))).kind !== 'missing')
          throw new OpFailure('conflict', `Story ${story.id} already exists.`);
        fp = await writeStoryFile(this.layout.storyFile(story.id), story);
        await this.snapshot(story, reason, null);
      } catch (error) {
        if (!(error instanceof OpFailure)) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
        throw ioFailure(error, `Story "${story.meta.headline || story.id}" was not created`);
      }
      this.remember(story, fp);
      return story;
    });
  }

  async get(id: string): Promise<OpenedDraft> {
    const read = await readStoryFile(this.layout.storyFile(id));
    if (read.kind === 'ok') return { story: read.story, readOnly: false, readOnlyReason: null };
    if (read.kind === 'missing') throw new OpFailure('not-found', `No story with id ${id} in this library.`);
    if (read.kind === 'future') {
      // Show what we can of a newer story, read-only; it is never written back.
      const readable = Story.safeParse({ ...read.raw, schemaVersion: STORY_SCHEMA_VERSION });
      const readOnlyReason = `Saved by a newer Copydesk (story format ${read.version}; this version reads up to ${STORY_SCHEMA_VERSION}). It opens read-only; update Copydesk to edit it.`;
      if (readable.success) return { story: readable.data, readOnly: true, readOnlyReason };
      throw new OpFailure(
        'read-only',
        `"${read.headline || id}" was saved by a newer Copydesk (story format ${read.version}; this version reads up to ${STORY_SCHEMA_VERSION}). Update Copydesk to open it; the file is left untouched.`,
      );
    }
    this.dirty = true;
    throw new OpFailure('io-error', `Story ${id} is damaged (${read.reason}). Recover it from its last revision.`);
  }

  /** Autosave: refused with `conflict` when the story moved on since `baseRevision`. */
  async save(input: SaveDraftInput): Promise<SavedDraft> {
    let snapshot = false;
    const story = await this.mutate(input.id, input.baseRevision, (current) => {
      const statusChanged = input.meta.status !== current.meta.status;
      if (statusChanged) this.checkStatusMove(current.meta.status, input.meta.status);
      const at = this.iso();
      const next: Story = {
        ...current,
        meta: input.meta,
        content: input.content,
        photos: input.photos ?? current.photos,
        statusHistory: statusChanged ? [...current.statusHistory, { status: input.meta.status, by: this.user, at }] : current.statusHistory,
      };
      return { story: next, reason: statusChanged ? 'status' : 'auto' };
    }).then((result) => {
      snapshot = result.snapshot;
      return result.story;
    });
    return { id: story.id, revision: story.revision, updatedAt: story.updatedAt, snapshot };
  }

  async setStatus(id: string, status: StoryStatus, by?: string): Promise<Story> {
    const { story } = await this.mutate(id, null, (current) => {
      if (current.meta.status === status) return { story: current, reason: null };
      this.checkStatusMove(current.meta.status, status);
      const entry = { status, by: by ?? this.user, at: this.iso() };
      return {
        story: { ...current, meta: { ...current.meta, status }, statusHistory: [...current.statusHistory, entry] },
        reason: 'status',
      };
    });
    return story;
  }

  async rename(id: string, headline: string): Promise<Story> {
    return (await this.mutate(id, null, (current) => ({ story: { ...current, meta: { ...current.meta, headline } }, reason: 'auto' })))
      .story;
  }

  async saveVersion(id: string, label: string): Promise<RevisionInfo> {
    return this.lock.run(async () => {
      const current = await this.readForWrite(id);
      await this.snapshot(current, 'manual', label);
      return revisionInfo({ revision: current.revision, savedAt: this.iso(), reason: 'manual', label, story: current });
    });
  }

  async revisions(id: string): Promise<RevisionInfo[]> {
    const files = sortRevisions(await this.readRevisionDir(id));
    const infos = await Promise.all(files.map((file) => this.readRevisionFile(id, file.file).catch(() => null)));
    return infos
      .filter((info): info is RevisionFile => info !== null)
      .map(revisionInfo)
      .reverse();
  }

  async revision(id: string, revision: number): Promise<Story> {
    const file = sortRevisions(await this.readRevisionDir(id))
      .filter((r) => r.revision === revision)
      .at(-1);
    if (!file) throw new OpFailure('not-found', `Story ${id} has no saved revision ${revision}.`);
    return (await this.readRevisionFile(id, file.file)).story;
  }

  /** Restores an old revision as a new one; history is never rewritten. */
  async restore(id: string, revision: number): Promise<Story> {
    const old = await this.revision(id, revision);
    return (
      await this.mutate(id, null, (current) => ({
        story: { ...current, meta: { ...old.meta, status: current.meta.status }, content: old.content, photos: old.photos },
        reason: 'restore',
        label: `Restored revision ${revision}`,
      }))
    ).story;
  }

  /** Brings back a damaged story from its newest revision snapshot. */
  async recover(id: string): Promise<Story> {
    return this.lock.run(async () => {
      const read = await readStoryFile(this.layout.storyFile(id));
      if (read.kind === 'ok') return read.story;
      if (read.kind === 'damaged') await quarantineStory(this.layout, id, read.reason, this.now());
      const newest = sortRevisions(await this.readRevisionDir(id)).at(-1);
      if (!newest) throw new OpFailure('not-found', `Story ${id} has no revision to recover from.`);
      const snapshot = (await this.readRevisionFile(id, newest.file)).story;
      const story: Story = { ...snapshot, revision: snapshot.revision + 1, updatedAt: this.iso() };
      let fp: FileFingerprint | null;
      try {
        fp = await writeStoryFile(this.layout.storyFile(id), story);
        await this.snapshot(story, 'restore', `Recovered from revision ${snapshot.revision}`);
      } catch (error) {
        throw ioFailure(error, `Story ${id} was not recovered`);
      }
      this.remember(story, fp);
      this.dirty = true;
      return story;
    });
  }

  async duplicate(id: string): Promise<Story> {
    const { story } = await this.get(id);
    const at = this.iso();
    const copy: Story = {
      ...story,
      id: this.newId(this.now()),
      revision: 0,
      createdAt: at,
      updatedAt: at,
      meta: { ...story.meta, status: 'draft' },
      statusHistory: [{ status: 'draft', by: this.user, at }],
    };
    const created = await this.writeNew(copy, 'created');
    await copyDirIfPresent(path.join(this.layout.storyDir(id), 'photos'), path.join(this.layout.storyDir(created.id), 'photos'));
    return created;
  }

  check(): Promise<CheckReport> {
    return checkLibrary(this.layout);
  }

  private checkStatusMove(from: StoryStatus, to: StoryStatus): void {
    if (!canMoveStatus(from, to)) throw new OpFailure('invalid-input', `A story cannot go from "${from}" to "${to}".`);
  }

  private remember(story: Story, fp: FileFingerprint | null): void {
    if (fp) this.known.set(story.id, { story, fp });
    else this.known.delete(story.id);
    this.catalog.noteWritten(story, fp);
  }

  private async autosaveSnapshotDue(id: string): Promise<boolean> {
    const last = this.lastSnapshotAt.get(id);
    if (last !== undefined) return this.now() - last >= SNAPSHOT_INTERVAL_MS;
    return snapshotDue(sortRevisions(await this.readRevisionDir(id)), this.now());
  }

  /**
   * Reads the current story for a change; only well-formed, current-version stories can change.
   * When the file is exactly the version this process last wrote or read (same inode, mtime and
   * size), the parsed copy is reused instead of reading and parsing it again.
   */
  private async readForWrite(id: string): Promise<Story> {
    const file = this.layout.storyFile(id);
    const known = this.known.get(id);
    const fp = await fingerprint(file);
    if (known && sameFingerprint(known.fp, fp)) return known.story;
    const read = await readStoryFile(file).catch((error: unknown) => {
      throw ioFailure(error, `Story ${id} could not be read`);
    });
    if (read.kind === 'ok') {
      // Cache only if the file did not change while we read it.
      if (fp && sameFingerprint(fp, await fingerprint(file))) this.known.set(id, { story: read.story, fp });
      return read.story;
    }
    this.known.delete(id);
    if (read.kind === 'missing')
      throw new OpFailure('not-found', `No story with id ${id} in this library (it may have been moved to the trash).`);
    if (read.kind === 'future') throw new OpFailure('read-only', `Story ${id} was saved by a newer Copydesk and is read-only here.`);
    this.dirty = true;
    throw new OpFailure(
      'conflict',
      `Story ${id} on disk is damaged (${read.reason}); nothing was overwritten. Recover it from a revision first.`,
    );
  }

  private async mutate(id: string, baseRevision: number | null, change: Mutation): Promise<{ story: Story; snapshot: boolean }> {
    return this.lock.run(async () => {
      const current = await this.readForWrite(id);
      if (baseRevision !== null && current.revision !== baseRevision) {
        throw new OpFailure(
          'conflict',
          `Story ${id} was changed elsewhere: it is at revision ${current.revision}, your copy is based on revision ${baseRevision}.`,
        );
      }
      const { story: changed, reason, label = null } = change(current);
      if (changed === current) return { story: current, snapshot: false };
      const story: Story = { ...changed, revision: current.revision + 1, updatedAt: this.iso() };
      let snapshot = false;
      let fp: FileFingerprint | null;
      try {
        fp = await writeStoryFile(this.layout.storyFile(id), story);
      } catch (error) {
        this.known.delete(id);
        throw ioFailure(error, `Not saved: "${story.meta.headline || id}"`);
      }
      this.remember(story, fp);
      try {
        if (reason && (reason !== 'auto' || (await this.autosaveSnapshotDue(id)))) {
          await this.snapshot(story, reason, label);
          snapshot = true;
        }
      } catch (error) {
        // The story itself is saved; only its history snapshot failed. Say so rather than pretend.
        throw ioFailure(error, `"${story.meta.headline || id}" was saved, but its revision snapshot was not`);
      }
      return { story, snapshot };
    });
  }

  private async readRevisionDir(id: string): Promise<string[]> {
    try {
      return await fs.readdir(this.layout.revisionsDir(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw ioFailure(error, `Revisions of ${id} could not be read`);
    }
  }

  private async readRevisionFile(id: string, file: string): Promise<RevisionFile> {
    const text = await fs.readFile(path.join(this.layout.revisionsDir(id), file), 'utf8');
    const parsed = RevisionFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new OpFailure('io-error', `Revision file ${file} of story ${id} is damaged.`);
    return parsed.data;
  }

  private async snapshot(story: Story, reason: RevisionReason, label: string | null): Promise<void> {
    const nowMs = this.now();
    const dir = this.layout.revisionsDir(story.id);
    await fs.mkdir(dir, { recursive: true });
    const doc: RevisionFile = { revision: story.revision, savedAt: this.iso(nowMs), reason, label, story };
    await writeFileAtomic(path.join(dir, revisionFileName(story.revision, nowMs, reason)), `${JSON.stringify(doc)}\n`);
    this.lastSnapshotAt.set(story.id, nowMs);
    for (const old of revisionsToThin(sortRevisions(await fs.readdir(dir)), nowMs, this.retention)) {
      await fs.rm(path.join(dir, old.file), { force: true });
    }
  }
}

export type { DraftSummary };
