/**
 * Reading and writing one `story.json`. Reads never throw for bad content: they classify the
 * file as current (possibly migrated), from a future version (read-only), or damaged (with the
 * reason), so one bad file never stops the library from loading.
 */
import { promises as fs, stat } from 'node:fs';
import { describeIssues } from '../../src-shared/api/result.js';
import { migrateStory } from '../../src-shared/article/migrate.js';
import { Story, type StoryMeta } from '../../src-shared/article/schema.js';
import { editorStateText } from '../../src-shared/article/text.js';
import { writeFileAtomic } from '../core/atomicWrite.js';

export type StoryRead =
  | { readonly kind: 'ok'; readonly story: Story; readonly migratedFrom: number | null }
  | { readonly kind: 'future'; readonly version: number; readonly headline: string; readonly raw: Record<string, unknown> }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'missing' };

export function parseStoryText(text: string): StoryRead {
  if (text.trim() === '') return { kind: 'damaged', reason: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { kind: 'damaged', reason: `the file is not valid JSON (${(error as Error).message})` };
  }
  const migrated = migrateStory(raw);
  if (migrated.kind === 'invalid') return { kind: 'damaged', reason: migrated.reason };
  if (migrated.kind === 'future') {
    const meta = (raw as { meta?: { headline?: unknown } }).meta;
    const headline = typeof meta?.headline === 'string' ? meta.headline.slice(0, 1000) : '';
    return { kind: 'future', version: migrated.version, headline, raw: raw as Record<string, unknown> };
  }
  const parsed = Story.safeParse(migrated.doc);
  if (!parsed.success) return { kind: 'damaged', reason: `the story does not match the format: ${describeIssues(parsed.error.issues)}` };
  return { kind: 'ok', story: parsed.data, migratedFrom: migrated.from === parsed.data.schemaVersion ? null : migrated.from };
}

export async function readStoryFile(file: string): Promise<StoryRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  return parseStoryText(text);
}

/**
 * Identifies one version of a story file without reading it. Every write is a rename of a new
 * temp file, so the inode changes with each version even when size and mtime collide.
 */
export interface FileFingerprint {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly size: number;
}

/** The file's fingerprint, or null if it is missing. (Callback `stat`: a cold start stats every story, and the callback API costs a fraction of fs.promises per call.) */
export function fingerprint(file: string): Promise<FileFingerprint | null> {
  return new Promise((resolve) => {
    stat(file, (error, info) => resolve(error ? null : { ino: info.ino, mtimeMs: info.mtimeMs, size: info.size }));
  });
}

export function sameFingerprint(a: FileFingerprint | null | undefined, b: FileFingerprint | null | undefined): boolean {
  return !!a && !!b && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

export function serializeStory(story: Story): string {
  return `${JSON.stringify(story)}\n`;
}

/** Writes atomically and returns the new file's fingerprint. */
export async function writeStoryFile(file: string, story: Story): Promise<FileFingerprint | null> {
  await writeFileAtomic(file, serializeStory(story));
  return fingerprint(file);
}

/** Visible characters of the body (code points that are not whitespace): the sidebar's length figure. */
export function bodyLength(story: Story): number {
  const visible = editorStateText(story.content.editorState).replace(/\s+/gu, '');
  return visible.length - (visible.match(/[\uD800-\uDBFF]/g)?.length ?? 0);
}

export function displayHeadline(meta: Pick<StoryMeta, 'headline'>): string {
  return meta.headline.trim();
}
